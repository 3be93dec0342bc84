namespace GlobalMidt.Effects.Matching;

/// <summary>A growable list of pairs and unmatched units of one stratum (non-generic: precompiled with the
/// library, unlike <c>List&lt;MatchedPair&gt;</c>, which a cold process must compile first).</summary>
internal sealed class MatchBuffer
{
    private MatchedPair[] _pairs = new MatchedPair[16];
    private UnmatchedUnit[] _unmatched = new UnmatchedUnit[4];

    public int PairCount { get; private set; }

    public int UnmatchedCount { get; private set; }

    public MatchedPair[] Pairs => _pairs;

    public UnmatchedUnit[] Unmatched => _unmatched;

    public void Add(MatchedPair p)
    {
        if (PairCount == _pairs.Length)
        {
            var grown = new MatchedPair[_pairs.Length * 2];
            Array.Copy(_pairs, grown, PairCount);
            _pairs = grown;
        }

        _pairs[PairCount++] = p;
    }

    public void Add(UnmatchedUnit u)
    {
        if (UnmatchedCount == _unmatched.Length)
        {
            var grown = new UnmatchedUnit[_unmatched.Length * 2];
            Array.Copy(_unmatched, grown, UnmatchedCount);
            _unmatched = grown;
        }

        _unmatched[UnmatchedCount++] = u;
    }
}

/// <summary>In-place sorts on primitive keys (heapsort: no generic instantiation to compile in a cold process, and
/// O(n log n) in every case). Used where keys are distinct or equal keys are interchangeable, so any correct sort
/// gives the same result.</summary>
internal static class PrimitiveSort
{
    /// <summary>Sorts <paramref name="a"/>[<paramref name="start"/> .. <paramref name="start"/> + <paramref name="length"/>)
    /// ascending (no NaN).</summary>
    public static void Sort(double[] a, int start, int length)
    {
        for (int i = (length / 2) - 1; i >= 0; i--)
        {
            SiftDown(a, start, i, length);
        }

        for (int end = length - 1; end > 0; end--)
        {
            (a[start], a[start + end]) = (a[start + end], a[start]);
            SiftDown(a, start, 0, end);
        }
    }

    /// <summary>Sorts <paramref name="keys"/> ascending and applies the same moves to <paramref name="items"/>.</summary>
    public static void Sort(long[] keys, int[] items)
    {
        int n = keys.Length;
        for (int i = (n / 2) - 1; i >= 0; i--)
        {
            SiftDown(keys, items, i, n);
        }

        for (int end = n - 1; end > 0; end--)
        {
            (keys[0], keys[end]) = (keys[end], keys[0]);
            (items[0], items[end]) = (items[end], items[0]);
            SiftDown(keys, items, 0, end);
        }
    }

    private static void SiftDown(double[] a, int start, int i, int n)
    {
        double v = a[start + i];
        while (true)
        {
            int c = (2 * i) + 1;
            if (c >= n)
            {
                break;
            }

            if (c + 1 < n && a[start + c + 1] > a[start + c])
            {
                c++;
            }

            if (!(a[start + c] > v))
            {
                break;
            }

            a[start + i] = a[start + c];
            i = c;
        }

        a[start + i] = v;
    }

    private static void SiftDown(long[] keys, int[] items, int i, int n)
    {
        long k = keys[i];
        int it = items[i];
        while (true)
        {
            int c = (2 * i) + 1;
            if (c >= n)
            {
                break;
            }

            if (c + 1 < n && keys[c + 1] > keys[c])
            {
                c++;
            }

            if (keys[c] <= k)
            {
                break;
            }

            keys[i] = keys[c];
            items[i] = items[c];
            i = c;
        }

        keys[i] = k;
        items[i] = it;
    }
}
