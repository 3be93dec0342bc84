using System.Text;

namespace GlobalMidt.Effects.Data;

/// <summary>Text values kept as UTF-8 in one growing buffer, one slice per row.</summary>
internal sealed class Utf8Column
{
    private byte[] _bytes = new byte[1 << 12];
    private int[] _ends = new int[1 << 10];
    private int _count;

    public int Count => _count;

    public void Add(ReadOnlySpan<byte> value)
    {
        int start = _count == 0 ? 0 : _ends[_count - 1];
        if (start + value.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max((long)_bytes.Length * 2, start + value.Length)));
        }

        if (_count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        value.CopyTo(_bytes.AsSpan(start));
        _ends[_count++] = start + value.Length;
    }

    public ReadOnlySpan<byte> Get(int i)
    {
        int start = i == 0 ? 0 : _ends[i - 1];
        return _bytes.AsSpan(start, _ends[i] - start);
    }

    public string GetString(int i) => Encoding.UTF8.GetString(Get(i));

    /// <summary>False when every value is printable ASCII (one vectorized pass over all of them); true when some
    /// value may be invalid UTF-8 or hold a control character (then check them one by one).</summary>
    public bool MayHaveTextProblems()
    {
        var all = _bytes.AsSpan(0, _count == 0 ? 0 : _ends[_count - 1]);
        return all.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0;
    }

    public string[] ToStrings()
    {
        var r = new string[_count];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = GetString(i);
        }

        return r;
    }

    public Utf8Column Select(int[] rows)
    {
        var r = new Utf8Column();
        foreach (int i in rows)
        {
            r.Add(Get(i));
        }

        return r;
    }
}
