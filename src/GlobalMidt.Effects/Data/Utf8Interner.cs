using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// Distinct strings keyed by their UTF-8 bytes: a lookup hashes and compares bytes, so a row costs no string and
/// no transcoding; a string is made once per distinct value. Open addressing, power-of-two table, linear probing.
/// </summary>
/// <remarks>Codes are given in order of first appearance; callers that need an order independent of the input
/// sort the names (<see cref="Sorted"/>).</remarks>
internal sealed class Utf8Interner
{
    private byte[] _arena = new byte[1024];
    private int _arenaLength;
    private int[] _offsets = new int[64];
    private int[] _lengths = new int[64];
    private uint[] _hashes = new uint[64];
    private int[] _slots = new int[128];
    private int _mask = 127;
    private readonly List<string> _names = [];
    private readonly bool _lazyNames;
    private int _count;
    private Dictionary<int, string>? _problems;
    private bool _indexed;

    /// <summary>An empty set of values.</summary>
    /// <param name="lazyNames">Make a value's string only when asked for (<see cref="Name"/>, <see cref="Names"/>), not
    /// when it is added: a million firm ids are then no million objects for every collection to visit while they
    /// are read.</param>
    public Utf8Interner(bool lazyNames = false) => _lazyNames = lazyNames;

    /// <summary>The distinct values, in order of first appearance (index = code); with lazy names made now.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            for (int code = _names.Count; code < _count; code++)
            {
                _names.Add(MakeName(code));
            }

            return _names;
        }
    }

    /// <summary>Number of distinct values.</summary>
    public int Count => _count;

    /// <summary>The value of <paramref name="code"/> as text (made now with lazy names, not kept); safe to call from
    /// several threads once no value is added.</summary>
    public string Name(int code) => code < _names.Count ? _names[code] : MakeName(code);

    /// <summary>The value's text (<see cref="FieldText.Show"/> when it has a problem).</summary>
    private string MakeName(int code) =>
        _problems is not null && _problems.ContainsKey(code) ? FieldText.Show(Utf8(code)) : Encoding.UTF8.GetString(Utf8(code));

    /// <summary>What is wrong with the text of <paramref name="code"/> (not UTF-8, a control character; see
    /// <see cref="FieldText.TextProblem"/>), or null. Checked once, when the value is first added.</summary>
    public string? Problem(int code) => _problems is null ? null : _problems.GetValueOrDefault(code);

    /// <summary>The code of <paramref name="utf8"/>, adding it when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        if (!_indexed)
        {
            // Values so far came in increasing order (length, then bytes), so all are distinct and a value above
            // the last is new: no table needed until a value breaks the order (a register sorted by firm id never does).
            int last = _count - 1;
            if (last < 0 || Above(utf8, _arena.AsSpan(_offsets[last], _lengths[last])))
            {
                return Add(utf8, 0, -1);
            }

            BuildIndex();
        }

        uint hash = Hash(utf8);
        int slot = (int)hash & _mask;
        while (true)
        {
            int entry = _slots[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_hashes[entry] == hash && utf8.SequenceEqual(_arena.AsSpan(_offsets[entry], _lengths[entry])))
            {
                return entry;
            }

            slot = (slot + 1) & _mask;
        }

        return Add(utf8, hash, slot);
    }

    /// <summary>The UTF-8 bytes of <paramref name="code"/>.</summary>
    public ReadOnlySpan<byte> Utf8(int code) => _arena.AsSpan(_offsets[code], _lengths[code]);

    /// <summary>The values' bytes side by side, in the order of the codes <paramref name="order"/> (null: code
    /// order), and where each starts (one more: the end of the last).</summary>
    public (byte[] Bytes, int[] Starts) Packed(int[]? order)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(_arenaLength);
        var starts = new int[_count + 1];
        int at = 0;
        for (int k = 0; k < _count; k++)
        {
            int code = order is null ? k : order[k];
            starts[k] = at;
            _arena.AsSpan(_offsets[code], _lengths[code]).CopyTo(bytes.AsSpan(at));
            at += _lengths[code];
        }

        starts[_count] = at;
        return (bytes, starts);
    }

    /// <summary>The names in ordinal order and the map from codes to positions in it.</summary>
    public (string[] Names, int[] Map) Sorted()
    {
        var names = Names.ToArray();
        var order = new int[names.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(names, order, StringComparer.Ordinal);
        var map = new int[names.Length];
        for (int i = 0; i < order.Length; i++)
        {
            map[order[i]] = i;
        }

        return (names, map);
    }

    private int Add(ReadOnlySpan<byte> utf8, uint hash, int slot)
    {
        int code = _count;
        if (code == _offsets.Length)
        {
            int size = code * 2;
            Array.Resize(ref _offsets, size);
            Array.Resize(ref _lengths, size);
            Array.Resize(ref _hashes, size);
        }

        if (_arenaLength + utf8.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaLength + utf8.Length));
        }

        utf8.CopyTo(_arena.AsSpan(_arenaLength));
        _offsets[code] = _arenaLength;
        _lengths[code] = utf8.Length;
        _hashes[code] = hash;
        _arenaLength += utf8.Length;
        _count = code + 1;
        if (FieldText.TextProblem(utf8) is string problem)
        {
            (_problems ??= [])[code] = problem;
        }

        if (!_lazyNames)
        {
            _names.Add(MakeName(code));
        }

        if (slot < 0)
        {
            return code;
        }

        _slots[slot] = code + 1;
        if ((code + 1) * 2 > _mask + 1)
        {
            Rehash();
        }

        return code;
    }

    /// <summary>True when <paramref name="value"/> comes after <paramref name="last"/>: longer, or as long and
    /// greater byte by byte.</summary>
    private static bool Above(ReadOnlySpan<byte> value, ReadOnlySpan<byte> last) =>
        value.Length != last.Length ? value.Length > last.Length : value.SequenceCompareTo(last) > 0;

    /// <summary>The hash table over the values added in order so far (hashes computed now).</summary>
    private void BuildIndex()
    {
        _indexed = true;
        for (int e = 0; e < _count; e++)
        {
            _hashes[e] = Hash(_arena.AsSpan(_offsets[e], _lengths[e]));
        }

        int size = 128;
        while (size < _count * 2)
        {
            size *= 2;
        }

        _mask = (size / 2) - 1;
        Rehash();
    }

    private void Rehash()
    {
        int size = (_mask + 1) * 2;
        _slots = new int[size];
        _mask = size - 1;
        for (int e = 0; e < _count; e++)
        {
            int slot = (int)_hashes[e] & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = e + 1;
        }
    }

    /// <summary>A fast multiplicative hash over 8-byte words (not randomised: only for this table's slots).</summary>
    private static uint Hash(ReadOnlySpan<byte> s)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)s.Length;
        while (s.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(s)) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 31;
            s = s[8..];
        }

        ulong tail = 0;
        for (int i = 0; i < s.Length; i++)
        {
            tail |= (ulong)s[i] << (8 * i);
        }

        h = (h ^ tail) * 0x94D049BB133111EBUL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return (uint)(h ^ (h >> 32));
    }
}
