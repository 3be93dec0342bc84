namespace GlobalMidt.Effects.Diagnostics;

/// <summary>
/// The rows of one balance covariate in canonical order (value, weight after matching, group with controls first),
/// as blocks of equal rows: value, weight, group and how many rows. Equal rows contribute equally to every sum, so
/// the sums over the blocks, taken row by row, are those over the rows.
/// </summary>
internal sealed class BalanceBlocks
{
    public BalanceBlocks(int capacity)
    {
        capacity = Math.Max(capacity, 1);
        X = new double[capacity];
        W = new double[capacity];
        T = new bool[capacity];
        Count = new int[capacity];
    }

    /// <summary>Values.</summary>
    public double[] X { get; private set; }

    /// <summary>Weights after matching.</summary>
    public double[] W { get; private set; }

    /// <summary>True for treated rows.</summary>
    public bool[] T { get; private set; }

    /// <summary>Rows in the block.</summary>
    public int[] Count { get; private set; }

    /// <summary>Number of blocks.</summary>
    public int Length { get; private set; }

    public void Clear() => Length = 0;

    /// <summary>Appends <paramref name="count"/> rows (count &gt; 0) after the last ones, into the last block when
    /// they equal its rows.</summary>
    public void Add(double x, double w, bool t, int count)
    {
        int last = Length - 1;
        if (last >= 0 && X[last] == x && W[last] == w && T[last] == t)
        {
            Count[last] += count;
            return;
        }

        if (Length == X.Length)
        {
            int size = X.Length * 2;
            X = Grow(X, size);
            W = Grow(W, size);
            var t2 = new bool[size];
            Array.Copy(T, t2, Length);
            T = t2;
            var c2 = new int[size];
            Array.Copy(Count, c2, Length);
            Count = c2;
        }

        X[Length] = x;
        W[Length] = w;
        T[Length] = t;
        Count[Length] = count;
        Length++;
    }

    private static double[] Grow(double[] a, int size)
    {
        var b = new double[size];
        Array.Copy(a, b, a.Length);
        return b;
    }
}
