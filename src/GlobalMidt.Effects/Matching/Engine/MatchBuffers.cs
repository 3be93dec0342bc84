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

    /// <summary>Sorts <paramref name="keys"/> ascending (no NaN) and applies the same moves to
    /// <paramref name="items"/> (not stable: for keys whose equal runs are put in a unique order afterwards).</summary>
    public static void Sort(double[] keys, int[] items)
    {
        int depth = 2 * (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)Math.Max(1, keys.Length)));
        QuickSort(keys, items, 0, keys.Length - 1, depth);
    }

    /// <summary>Sorts <paramref name="keys"/>[<paramref name="start"/> .. + <paramref name="length"/>) ascending and
    /// applies the same moves to <paramref name="items"/>.</summary>
    public static void Sort(int[] keys, int[] items, int start, int length)
    {
        if (length > 24)
        {
            // Heapsort: O(n log n) even when thousands of controls share one score.
            for (int i = (length / 2) - 1; i >= 0; i--)
            {
                SiftDown(keys, items, start, i, length);
            }

            for (int end = length - 1; end > 0; end--)
            {
                (keys[start], keys[start + end]) = (keys[start + end], keys[start]);
                (items[start], items[start + end]) = (items[start + end], items[start]);
                SiftDown(keys, items, start, 0, end);
            }

            return;
        }

        for (int k = start + 1; k < start + length; k++)
        {
            int v = keys[k];
            int it = items[k];
            int m = k - 1;
            while (m >= start && keys[m] > v)
            {
                keys[m + 1] = keys[m];
                items[m + 1] = items[m];
                m--;
            }

            keys[m + 1] = v;
            items[m + 1] = it;
        }
    }

    private static void SiftDown(int[] keys, int[] items, int start, int i, int n)
    {
        int k = keys[start + i];
        int it = items[start + i];
        while (true)
        {
            int c = (2 * i) + 1;
            if (c >= n)
            {
                break;
            }

            if (c + 1 < n && keys[start + c + 1] > keys[start + c])
            {
                c++;
            }

            if (keys[start + c] <= k)
            {
                break;
            }

            keys[start + i] = keys[start + c];
            items[start + i] = items[start + c];
            i = c;
        }

        keys[start + i] = k;
        items[start + i] = it;
    }

    private static void QuickSort(double[] a, int[] b, int lo, int hi, int depth)
    {
        while (hi - lo > 16)
        {
            if (depth-- == 0)
            {
                HeapSort(a, b, lo, hi - lo + 1);
                return;
            }

            int mid = lo + ((hi - lo) >> 1);
            if (a[mid] < a[lo])
            {
                Swap(a, b, mid, lo);
            }

            if (a[hi] < a[lo])
            {
                Swap(a, b, hi, lo);
            }

            if (a[hi] < a[mid])
            {
                Swap(a, b, hi, mid);
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
                    Swap(a, b, i, j);
                    i++;
                    j--;
                }
            }

            if (j - lo < hi - i)
            {
                QuickSort(a, b, lo, j, depth);
                lo = i;
            }
            else
            {
                QuickSort(a, b, i, hi, depth);
                hi = j;
            }
        }

        for (int k = lo + 1; k <= hi; k++)
        {
            double v = a[k];
            int it = b[k];
            int m = k - 1;
            while (m >= lo && a[m] > v)
            {
                a[m + 1] = a[m];
                b[m + 1] = b[m];
                m--;
            }

            a[m + 1] = v;
            b[m + 1] = it;
        }
    }

    private static void Swap(double[] a, int[] b, int i, int j)
    {
        (a[i], a[j]) = (a[j], a[i]);
        (b[i], b[j]) = (b[j], b[i]);
    }

    private static void HeapSort(double[] a, int[] b, int start, int length)
    {
        for (int i = (length / 2) - 1; i >= 0; i--)
        {
            SiftDown(a, b, start, i, length);
        }

        for (int end = length - 1; end > 0; end--)
        {
            Swap(a, b, start, start + end);
            SiftDown(a, b, start, 0, end);
        }
    }

    private static void SiftDown(double[] a, int[] b, int start, int i, int n)
    {
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

            if (!(a[start + c] > a[start + i]))
            {
                break;
            }

            Swap(a, b, start + i, start + c);
            i = c;
        }
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
