namespace GlobalMidt.Effects.Matching;

/// <summary>
/// Exact nearest-neighbour matching on transformed (whitened) coordinates within one stratum.
/// </summary>
/// <remarks>
/// The stratum's controls are copied into one contiguous array sorted on the coordinate with the largest spread;
/// a query scans outward from the treated unit's position on that axis and stops on a side as soon as the axis gap
/// alone exceeds the current k-th best squared distance (exact pruning). Candidates are ordered by (squared
/// distance, tie rank). Without replacement each treated unit keeps its sorted candidate list (a prefix of all
/// controls in that order) and takes the first unused one; only when the whole list is used is it queried again
/// with a longer list, so a control used by another treated unit costs one skipped entry, not a rescan.
/// </remarks>
internal static class CoordinateKernel
{
    public static void Match(
        StratumRows st,
        double[] coords,
        int dims,
        int[] rank,
        int ratio,
        bool replace,
        List<MatchedPair> pairs,
        List<UnmatchedUnit> unmatched)
    {
        var index = new SortedProjection(st.Controls, coords, dims, rank);
        int m = index.Count;
        var q = new double[dims];
        if (replace)
        {
            var buf = new Candidates(Math.Min(ratio, m));
            foreach (int t in st.Treated)
            {
                Array.Copy(coords, (long)t * dims, q, 0, dims);
                index.Query(q, buf);
                for (int j = 0; j < buf.Count; j++)
                {
                    pairs.Add(new MatchedPair(t, index.Row(buf.Pos[j]), j + 1, Math.Sqrt(buf.D2[j])));
                }
            }

            return;
        }

        int nt = st.Treated.Length;
        var lists = new Candidates?[nt];
        var cursor = new int[nt];
        var slots = new int[nt];
        var used = new bool[m];
        int unusedLeft = m;
        int initial = Math.Min(m, (2 * ratio) + 8);
        for (int pass = 0; pass < ratio; pass++)
        {
            for (int ti = 0; ti < nt; ti++)
            {
                if (slots[ti] < pass)
                {
                    continue;
                }

                int t = st.Treated[ti];
                if (unusedLeft == 0)
                {
                    if (pass == 0)
                    {
                        unmatched.Add(new UnmatchedUnit(t, UnmatchedReason.ControlsExhausted));
                    }

                    continue;
                }

                var list = lists[ti];
                if (list is null)
                {
                    Array.Copy(coords, (long)t * dims, q, 0, dims);
                    list = new Candidates(initial);
                    index.Query(q, list);
                    lists[ti] = list;
                }

                int c = cursor[ti];
                while (true)
                {
                    while (c < list.Count && used[list.Pos[c]])
                    {
                        c++;
                    }

                    if (c < list.Count)
                    {
                        break;
                    }

                    // The whole prefix is used; unusedLeft > 0 guarantees a longer prefix holds an unused one.
                    Array.Copy(coords, (long)t * dims, q, 0, dims);
                    list = new Candidates(Math.Min(m, Math.Max(list.Capacity * 4, 16)));
                    index.Query(q, list);
                    lists[ti] = list;
                    c = 0;
                }

                int pos = list.Pos[c];
                used[pos] = true;
                unusedLeft--;
                cursor[ti] = c + 1;
                slots[ti]++;
                pairs.Add(new MatchedPair(t, index.Row(pos), slots[ti], Math.Sqrt(list.D2[c])));
            }
        }
    }
}

/// <summary>Up to <see cref="Capacity"/> candidates; after a query, sorted by (squared distance, rank).</summary>
internal sealed class Candidates
{
    public Candidates(int capacity)
    {
        Capacity = capacity;
        D2 = new double[capacity];
        Rank = new int[capacity];
        Pos = new int[capacity];
    }

    public int Capacity { get; }

    public int Count { get; set; }

    public double[] D2 { get; }

    public int[] Rank { get; }

    public int[] Pos { get; }
}

/// <summary>The controls of a stratum sorted on one coordinate, for exact k-nearest queries with pruning.</summary>
internal sealed class SortedProjection
{
    private readonly double[] _axis;
    private readonly double[] _coords;
    private readonly int[] _rank;
    private readonly int[] _row;
    private readonly int _dims;
    private readonly int _axisIndex;

    public SortedProjection(int[] controls, double[] coords, int dims, int[] rank)
    {
        int m = controls.Length;
        _dims = dims;

        // The axis with the largest spread among the controls prunes best.
        double bestVar = -1;
        for (int a = 0; a < dims; a++)
        {
            double mean = 0;
            foreach (int r in controls)
            {
                mean += coords[((long)r * dims) + a];
            }

            mean /= Math.Max(1, m);
            double v = 0;
            foreach (int r in controls)
            {
                double d = coords[((long)r * dims) + a] - mean;
                v += d * d;
            }

            if (v > bestVar)
            {
                bestVar = v;
                _axisIndex = a;
            }
        }

        var keys = new double[m];
        var order = new int[m];
        for (int i = 0; i < m; i++)
        {
            keys[i] = coords[((long)controls[i] * dims) + _axisIndex];
            order[i] = i;
        }

        Array.Sort(keys, order);
        _axis = keys;
        _coords = new double[(long)m * dims];
        _rank = new int[m];
        _row = new int[m];
        for (int i = 0; i < m; i++)
        {
            int r = controls[order[i]];
            _row[i] = r;
            _rank[i] = rank[r];
            Array.Copy(coords, (long)r * dims, _coords, (long)i * dims, dims);
        }
    }

    public int Count => _axis.Length;

    public int Row(int pos) => _row[pos];

    /// <summary>Fills <paramref name="result"/> with the first <c>Capacity</c> controls by (squared distance, rank).</summary>
    public void Query(double[] q, Candidates result)
    {
        int cap = result.Capacity;
        int count = 0;
        var hd = result.D2;
        var hr = result.Rank;
        var hp = result.Pos;
        int m = _axis.Length;
        double qa = q[_axisIndex];
        int hi = LowerBound(qa);
        int lo = hi - 1;
        int dims = _dims;
        while (hi < m || lo >= 0)
        {
            double gapHi = hi < m ? _axis[hi] - qa : double.PositiveInfinity;
            double gapLo = lo >= 0 ? qa - _axis[lo] : double.PositiveInfinity;
            int pos;
            double gap;
            if (gapHi <= gapLo)
            {
                pos = hi++;
                gap = gapHi;
            }
            else
            {
                pos = lo--;
                gap = gapLo;
            }

            // Heap full and even the axis gap exceeds the worst kept distance: nothing further can enter.
            if (count == cap && gap * gap > hd[0])
            {
                break;
            }

            double d2 = 0;
            long off = (long)pos * dims;
            for (int a = 0; a < dims; a++)
            {
                double d = q[a] - _coords[off + a];
                d2 += d * d;
            }

            int rk = _rank[pos];
            if (count < cap)
            {
                // Sift up into the max-heap.
                int i = count++;
                while (i > 0)
                {
                    int parent = (i - 1) >> 1;
                    if (!Worse(d2, rk, hd[parent], hr[parent]))
                    {
                        break;
                    }

                    hd[i] = hd[parent];
                    hr[i] = hr[parent];
                    hp[i] = hp[parent];
                    i = parent;
                }

                hd[i] = d2;
                hr[i] = rk;
                hp[i] = pos;
            }
            else if (Worse(hd[0], hr[0], d2, rk))
            {
                // Replace the root and sift down.
                int i = 0;
                while (true)
                {
                    int child = (2 * i) + 1;
                    if (child >= count)
                    {
                        break;
                    }

                    if (child + 1 < count && Worse(hd[child + 1], hr[child + 1], hd[child], hr[child]))
                    {
                        child++;
                    }

                    if (!Worse(hd[child], hr[child], d2, rk))
                    {
                        break;
                    }

                    hd[i] = hd[child];
                    hr[i] = hr[child];
                    hp[i] = hp[child];
                    i = child;
                }

                hd[i] = d2;
                hr[i] = rk;
                hp[i] = pos;
            }
        }

        result.Count = count;

        // Heap sort ascending by (d2, rank).
        for (int end = count - 1; end > 0; end--)
        {
            (hd[0], hd[end]) = (hd[end], hd[0]);
            (hr[0], hr[end]) = (hr[end], hr[0]);
            (hp[0], hp[end]) = (hp[end], hp[0]);
            int i = 0;
            while (true)
            {
                int child = (2 * i) + 1;
                if (child >= end)
                {
                    break;
                }

                if (child + 1 < end && Worse(hd[child + 1], hr[child + 1], hd[child], hr[child]))
                {
                    child++;
                }

                if (!Worse(hd[child], hr[child], hd[i], hr[i]))
                {
                    break;
                }

                (hd[i], hd[child]) = (hd[child], hd[i]);
                (hr[i], hr[child]) = (hr[child], hr[i]);
                (hp[i], hp[child]) = (hp[child], hp[i]);
                i = child;
            }
        }
    }

    /// <summary>True when (d1, r1) ranks after (d2, r2).</summary>
    private static bool Worse(double d1, int r1, double d2, int r2) => d1 > d2 || (d1 == d2 && r1 > r2);

    private int LowerBound(double v)
    {
        int lo = 0;
        int hi = _axis.Length;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (_axis[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
