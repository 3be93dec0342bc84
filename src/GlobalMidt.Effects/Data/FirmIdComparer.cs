using System.Numerics;
namespace GlobalMidt.Effects.Data;

/// <summary>
/// The canonical order of firm ids, used for every tie-break so results never depend on row order:
/// ids made only of digits (CVR numbers) compare as numbers (shorter first, leading zeros ignored), and before any
/// id with other characters; other ids compare ordinally.
/// </summary>
internal sealed class FirmIdComparer : IComparer<string>
{
    /// <summary>The single instance.</summary>
    public static FirmIdComparer Instance { get; } = new();

    private FirmIdComparer()
    {
    }

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        return Compare(x.AsSpan(), y.AsSpan());
    }

    /// <summary>Compares two ids given as spans.</summary>
    public static int Compare(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        bool xd = IsDigits(x);
        bool yd = IsDigits(y);
        if (xd && yd)
        {
            var xs = x.TrimStart('0');
            var ys = y.TrimStart('0');
            int byLength = xs.Length.CompareTo(ys.Length);
            if (byLength != 0)
            {
                return byLength;
            }

            int c = xs.SequenceCompareTo(ys);
            return c != 0 ? c : x.Length.CompareTo(y.Length);
        }

        if (xd != yd)
        {
            return xd ? -1 : 1;
        }

        return x.SequenceCompareTo(y);
    }

    /// <summary>For an id of digits only with at most 17 digits after its leading zeros (a CVR number has 8) and at
    /// most 31 in all: a number whose order is the canonical order of such ids (value, then length) and which is
    /// equal only for equal ids. False for any other id.</summary>
    public static bool TryNumericKey(ReadOnlySpan<char> id, out ulong key) => TryNumericKey<char>(id, out key);

    /// <summary><see cref="TryNumericKey(ReadOnlySpan{char}, out ulong)"/> of an id's UTF-8 bytes (a non-ASCII byte is
    /// no digit, as a non-ASCII character is not).</summary>
    public static bool TryNumericKey(ReadOnlySpan<byte> id, out ulong key) => TryNumericKey<byte>(id, out key);

    private static bool TryNumericKey<T>(ReadOnlySpan<T> id, out ulong key)
        where T : IBinaryInteger<T>
    {
        key = 0;
        if (id.IsEmpty || id.Length > 31)
        {
            return false;
        }

        ulong value = 0;
        int significant = 0;
        foreach (T c in id)
        {
            uint d = uint.CreateTruncating(c) - '0';
            if (d > 9)
            {
                return false;
            }

            if (value != 0 || d != 0)
            {
                if (++significant > 17)
                {
                    return false;
                }
            }

            value = (value * 10) + d;
        }

        key = (value << 5) | (uint)id.Length;
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (char c in s)
        {
            if ((uint)(c - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }
}
