using System.Numerics;

namespace GlobalMidt.Effects.Data;

/// <summary>Finds repeated values of a <see cref="Utf8Column"/> (open addressing on the bytes).</summary>
internal sealed class Utf8Index
{
    private readonly Utf8Column _column;
    private readonly int[] _slots;
    private readonly int _mask;

    public Utf8Index(Utf8Column column, int count)
    {
        _column = column;
        int size = (int)Math.Min(1 << 30, BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count * 2)));
        _slots = new int[size];
        _mask = size - 1;
    }

    /// <summary>Adds row <paramref name="row"/>; returns the earlier row with the same value, or -1.</summary>
    public int AddOrFind(int row)
    {
        var value = _column.Get(row);
        int slot = (int)((uint)HashCode(value) & (uint)_mask);
        while (true)
        {
            int entry = _slots[slot] - 1;
            if (entry < 0)
            {
                _slots[slot] = row + 1;
                return -1;
            }

            if (value.SequenceEqual(_column.Get(entry)))
            {
                return entry;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static int HashCode(ReadOnlySpan<byte> s)
    {
        var h = default(HashCode);
        h.AddBytes(s);
        return h.ToHashCode();
    }
}
