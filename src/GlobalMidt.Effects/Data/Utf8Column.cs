using System.Text;

namespace GlobalMidt.Effects.Data;

/// <summary>Text values kept as UTF-8 in one growing buffer, one slice per row.</summary>
internal sealed class Utf8Column
{
    private byte[] _bytes;
    private int[] _ends;
    private int _count;

    public Utf8Column()
        : this(1 << 12, 1 << 10)
    {
    }

    /// <summary>An empty column with room for <paramref name="rows"/> values of <paramref name="bytes"/> bytes in all
    /// (it grows beyond them as needed).</summary>
    public Utf8Column(int bytes, int rows)
    {
        _bytes = new byte[Math.Max(16, bytes)];
        _ends = new int[Math.Max(16, rows)];
    }

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

    /// <summary>The values of <paramref name="parts"/>, one after the other (one copy of their bytes).</summary>
    public static Utf8Column Concat(IReadOnlyList<Utf8Column> parts)
    {
        long bytes = 0;
        long rows = 0;
        foreach (var c in parts)
        {
            bytes += c._count == 0 ? 0 : c._ends[c._count - 1];
            rows += c._count;
        }

        if (bytes > Array.MaxLength || rows > Array.MaxLength)
        {
            throw new InvalidOperationException("The values do not fit in one column.");
        }

        var r = new Utf8Column((int)bytes, (int)rows);
        int at = 0;
        foreach (var c in parts)
        {
            int length = c._count == 0 ? 0 : c._ends[c._count - 1];
            c._bytes.AsSpan(0, length).CopyTo(r._bytes.AsSpan(at));
            var ends = r._ends;
            for (int i = 0; i < c._count; i++)
            {
                ends[r._count++] = c._ends[i] + at;
            }

            at += length;
        }

        return r;
    }

    /// <summary>True when every value comes after the one before it (longer, or as long and greater byte by byte):
    /// then all values are distinct (a table sorted by its ids); false says nothing.</summary>
    public bool StrictlyIncreasing()
    {
        var bytes = _bytes;
        var ends = _ends;
        for (int i = 1, a = 0; i < _count; i++)
        {
            // Byte by byte on the buffer: [a, b) the previous value, [b, c) this one.
            int b = ends[i - 1];
            int c = ends[i];
            if (c - b != b - a)
            {
                if (c - b < b - a)
                {
                    return false;
                }
            }
            else
            {
                int k = 0;
                while (k < b - a && bytes[a + k] == bytes[b + k])
                {
                    k++;
                }

                if (k == b - a || bytes[a + k] > bytes[b + k])
                {
                    return false;
                }
            }

            a = b;
        }

        return true;
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
