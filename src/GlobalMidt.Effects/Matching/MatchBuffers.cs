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

/// <summary>In-place sorts on primitive keys, non-generic (nothing to compile in a cold process when the library is
/// precompiled). Used where keys are distinct or equal keys are interchangeable, so any correct sort gives the same
/// result.</summary>
internal static class PrimitiveSort
{
    /// <summary>Sorts <paramref name="a"/>[<paramref name="start"/> .. <paramref name="start"/> + <paramref name="length"/>)
    /// ascending (no NaN): quicksort (median of three, insertion sort on short ranges), heapsort past a depth limit.</summary>
    public static void Sort(double[] a, int start, int length)
    {
        int depth = 2 * (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)Math.Max(1, length)));
        QuickSort(a, start, start + length - 1, depth);
    }

    private static void QuickSort(double[] a, int lo, int hi, int depth)
    {
        while (hi - lo > 16)
        {
            if (depth-- == 0)
            {
                HeapSort(a, lo, hi - lo + 1);
                return;
            }

            // Median of three to a[lo], a[mid], a[hi] in order; the pivot is a[mid].
            int mid = lo + ((hi - lo) >> 1);
            if (a[mid] < a[lo])
            {
                (a[mid], a[lo]) = (a[lo], a[mid]);
            }

            if (a[hi] < a[lo])
            {
                (a[hi], a[lo]) = (a[lo], a[hi]);
            }

            if (a[hi] < a[mid])
            {
                (a[hi], a[mid]) = (a[mid], a[hi]);
            }

            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }

                while (a[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            // Recurse into the smaller side, loop on the larger (stack depth O(log n)).
            if (j - lo < hi - i)
            {
                QuickSort(a, lo, j, depth);
                lo = i;
            }
            else
            {
                QuickSort(a, i, hi, depth);
                hi = j;
            }
        }

        for (int k = lo + 1; k <= hi; k++)
        {
            double v = a[k];
            int m = k - 1;
            while (m >= lo && a[m] > v)
            {
                a[m + 1] = a[m];
                m--;
            }

            a[m + 1] = v;
        }
    }

    private static void HeapSort(double[] a, int start, int length)
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
