using System.Numerics;
using System.Runtime.CompilerServices;

namespace GlobalMidt.Effects.Matching;

/// <summary>
/// Exact nearest-neighbour matching on transformed (whitened) coordinates within one stratum.
/// </summary>
/// <remarks>
/// The stratum's controls are copied into one contiguous array grouped in buckets along the coordinate with the
/// largest spread (bucket bounds from a sample of quantiles, so a skewed axis still gives even buckets; a counting
/// sort, no full sort); a query scans the buckets outward from the treated unit's position on that axis and stops
/// on a side as soon as the axis gap to the next bucket alone exceeds the current k-th best squared distance (exact
/// pruning: a point's squared distance is never below its squared axis gap, in floating point too). Candidates are ordered by (squared
/// distance, tie rank). Without replacement each treated unit keeps its sorted candidate list (a prefix of all
/// controls in that order) and takes the first unused one; only when the whole list is used is it queried again
/// with a longer list, so a control used by another treated unit costs one skipped entry, not a rescan.
/// </remarks>
internal static class CoordinateKernel
{
    /// <summary>Matches the treated units of <paramref name="st"/>; <paramref name="index"/> is scratch of the
    /// calling worker (rebuilt here for this stratum).</summary>
    public static void Match(
        IStratumIndex index,
        StratumRows st,
        double[] coords,
        double[] controlCoords,
        int[] controlRanks,
        int dims,
        int ratio,
        bool replace,
        MatchBuffer output)
    {
        index.Build(st.Controls, controlCoords, controlRanks, st.ControlStart, st.ControlCount, dims, st.Treated.Length * ratio);
        int m = index.Count;
        var q = new double[dims];
        if (replace)
        {
            var buf = new Candidates(Math.Min(ratio, m));
            for (int ti = 0; ti < st.Treated.Length; ti++)
            {
                int t = st.Treated[ti];
                Array.Copy(coords, (long)Slot(st, ti) * dims, q, 0, dims);
                index.Query(q, buf);
                for (int j = 0; j < buf.Count; j++)
                {
                    output.Add(new MatchedPair(t, index.Row(buf.Pos[j]), j + 1, Math.Sqrt(buf.D2[j])));
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
        // The first candidate list: the ratio plus a few spares (a longer list widens every query's search radius;
        // a treated unit whose list is used up queries again for a 4x longer one; results do not depend on it).
        int initial = Math.Min(m, ratio + 2);
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
                        output.Add(new UnmatchedUnit(t, UnmatchedReason.ControlsExhausted));
                    }

                    continue;
                }

                var list = lists[ti];
                if (list is null)
                {
                    Array.Copy(coords, (long)Slot(st, ti) * dims, q, 0, dims);
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
                    Array.Copy(coords, (long)Slot(st, ti) * dims, q, 0, dims);
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
                output.Add(new MatchedPair(t, index.Row(pos), slots[ti], Math.Sqrt(list.D2[c])));
            }
        }
    }

    /// <summary>Where the coordinates of the <paramref name="ti"/>-th treated unit of <paramref name="st"/> are
    /// (<see cref="StratumRows.TreatedSlots"/>, else its row).</summary>
    private static int Slot(StratumRows st, int ti) => st.TreatedSlots is { } slots ? slots[ti] : st.Treated[ti];
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

/// <summary>The controls of a stratum in buckets along one coordinate, for exact k-nearest queries with pruning.</summary>
/// <remarks>One instance per worker thread, rebuilt by <see cref="Build"/> for each stratum: its arrays only grow,
/// so a worker allocates (and the OS maps) them once rather than per stratum.</remarks>
internal sealed class AxisBuckets : IStratumIndex
{
    private const int PointsPerBucket = 24;
    private double[] _coords = [];
    private int[] _rank = [];
    private int[] _row = [];
    private int[] _start = []; // bucket b holds positions _start[b] .. _start[b + 1] - 1
    private double[] _bounds = []; // B - 1 increasing bounds: bucket b holds bounds[b - 1] <= v < bounds[b]
    private double[] _lo = []; // smallest and largest axis value in each bucket
    private double[] _hi = [];
    private double[] _sample = [];
    private double[] _moments = [];
    private int[] _bucketOf = [];
    private int[] _fill = [];
    private int _buckets;
    private int _dims;
    private int _axisIndex;

    /// <summary>Puts the <paramref name="count"/> controls of one stratum (at <paramref name="start"/> in the plan's
    /// contiguous arrays) into buckets, for about <paramref name="queries"/> nearest-control look-ups.</summary>
    /// <remarks>The buckets only decide how much is scanned, never what is found (the search is exact): with few
    /// queries against many controls the index is coarser (fewer, fuller buckets), as building it then costs more
    /// than the queries.</remarks>
    public void Build(int[] controls, double[] controlCoords, int[] controlRanks, int start, int count, int dims, int queries)
    {
        int m = count;
        Count = m;
        _dims = dims;
        _axisIndex = 0;

        // The stratum's controls (contiguous, row order); the axis with the largest spread prunes best (sums and
        // sums of squares in one pass over the rows: the choice only steers the pruning).
        var local = controlCoords;
        int baseOff = start * dims;
        var moments = Grow(ref _moments, 2 * dims);
        Array.Clear(moments, 0, 2 * dims);
        for (int i = 0, off = baseOff; i < m; i++, off += dims)
        {
            for (int a = 0; a < dims; a++)
            {
                double x = local[off + a];
                moments[a] += x;
                moments[dims + a] += x * x;
            }
        }

        double bestVar = -1;
        for (int a = 0; a < dims; a++)
        {
            double v = moments[dims + a] - (moments[a] * moments[a] / Math.Max(1, m));
            if (v > bestVar)
            {
                bestVar = v;
                _axisIndex = a;
            }
        }

        // Bucket bounds: quantiles of an evenly spaced sample of the axis values.
        int buckets = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Math.Min(m / PointsPerBucket, Math.Max(16, 2 * (long)queries)), 1, 1 << 14));
        int sampleSize = Math.Min(m, buckets * 8);
        var sample = Grow(ref _sample, sampleSize);
        for (int s = 0; s < sampleSize; s++)
        {
            sample[s] = local[baseOff + ((int)((long)s * m / sampleSize) * dims) + _axisIndex];
        }

        PrimitiveSort.Sort(sample, 0, sampleSize);
        Grow(ref _bounds, buckets - 1);
        for (int b = 1; b < buckets; b++)
        {
            _bounds[b - 1] = sample[(int)((long)b * sampleSize / buckets)];
        }

        _buckets = buckets;

        // Counting sort into buckets, stable in row order.
        var bucketOf = Grow(ref _bucketOf, m);
        Grow(ref _start, buckets + 1);
        Array.Clear(_start, 0, buckets + 1);
        for (int i = 0; i < m; i++)
        {
            int b = BucketOf(local[baseOff + (i * dims) + _axisIndex]);
            bucketOf[i] = b;
            _start[b + 1]++;
        }

        for (int b = 0; b < buckets; b++)
        {
            _start[b + 1] += _start[b];
        }

        var fill = Grow(ref _fill, buckets);
        Array.Copy(_start, fill, buckets);
        Grow(ref _coords, m * dims);
        Grow(ref _rank, m);
        Grow(ref _row, m);
        for (int i = 0; i < m; i++)
        {
            int pos = fill[bucketOf[i]]++;
            int r = controls[start + i];
            _row[pos] = r;
            _rank[pos] = controlRanks[start + i];
            int src = baseOff + (i * dims);
            int dst = pos * dims;
            for (int a = 0; a < dims; a++)
            {
                _coords[dst + a] = local[src + a];
            }
        }

        Grow(ref _lo, buckets);
        Grow(ref _hi, buckets);
        for (int b = 0; b < buckets; b++)
        {
            double lo = double.PositiveInfinity;
            double hi = double.NegativeInfinity;
            for (int p = _start[b]; p < _start[b + 1]; p++)
            {
                double v = _coords[(p * dims) + _axisIndex];
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }

            _lo[b] = lo;
            _hi[b] = hi;
        }
    }

    public int Count { get; private set; }

    public int Row(int pos) => _row[pos];

    /// <summary>Fills <paramref name="result"/> with the first <c>Capacity</c> controls by (squared distance, rank).</summary>
    public void Query(double[] q, Candidates result)
    {
        var heap = new Heap(result);
        double qa = q[_axisIndex];
        int b0 = BucketOf(qa);
        Scan(b0, q, ref heap);
        int right = b0 + 1;
        int left = b0 - 1;
        while (true)
        {
            // Next non-empty bucket on each side and its axis gap (gaps grow outward: buckets do not overlap).
            while (right < _buckets && _start[right] == _start[right + 1])
            {
                right++;
            }

            while (left >= 0 && _start[left] == _start[left + 1])
            {
                left--;
            }

            double gapR = right < _buckets ? Math.Max(0, _lo[right] - qa) : double.PositiveInfinity;
            double gapL = left >= 0 ? Math.Max(0, qa - _hi[left]) : double.PositiveInfinity;
            double gap = Math.Min(gapR, gapL);
            if (double.IsPositiveInfinity(gap) || (heap.Full && gap * gap > heap.Worst))
            {
                break;
            }

            if (gapR <= gapL)
            {
                Scan(right++, q, ref heap);
            }
            else
            {
                Scan(left--, q, ref heap);
            }
        }

        heap.SortAscending();
    }

    /// <summary>At least <paramref name="length"/> elements (contents not kept); shared with <see cref="KdIndex"/>.</summary>
    internal static double[] Grow(ref double[] a, int length)
    {
        if (a.Length < length)
        {
            a = new double[Math.Max(length, a.Length * 3 / 2)];
        }

        return a;
    }

    /// <summary>At least <paramref name="length"/> elements (contents not kept).</summary>
    internal static int[] Grow(ref int[] a, int length)
    {
        if (a.Length < length)
        {
            a = new int[Math.Max(length, a.Length * 3 / 2)];
        }

        return a;
    }

    private void Scan(int b, double[] q, ref Heap heap) => ScanRange(_coords, _rank, _dims, _start[b], _start[b + 1], q, ref heap);

    /// <summary>Offers the points at positions [<paramref name="first"/>, <paramref name="end"/>) of
    /// <paramref name="coords"/> to <paramref name="heap"/> (shared with <see cref="KdIndex"/>'s leaves).</summary>
    internal static void ScanRange(double[] coords, int[] rank, int dims, int first, int end, double[] q, ref Heap heap)
    {
        double worst = heap.Full ? heap.Worst : double.PositiveInfinity;
        for (int pos = first; pos < end; pos++)
        {
            // Same operations in the same order as the brute-force reference: bit-identical distances.
            double d2 = 0;
            int off = pos * dims;
            for (int a = 0; a < dims; a++)
            {
                double d = q[a] - coords[off + a];
                d2 += d * d;
            }

            // Most points lie beyond a full heap's worst distance, which Offer would reject as well: skip the call.
            if (d2 > worst)
            {
                continue;
            }

            heap.Offer(d2, rank[pos], pos);
            worst = heap.Full ? heap.Worst : double.PositiveInfinity;
        }
    }

    /// <summary>Bucket of an axis value: the number of bounds at or below it (bounds increase; a branch-free
    /// binary search over the power-of-two bucket count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketOf(double v)
    {
        // The comparison as 0/1 (no branch): a mispredicted branch per step cost more than the search itself, and
        // without branches the searches of consecutive controls overlap in the CPU.
        int b = 0;
        var bounds = _bounds;
        for (int step = _buckets >> 1; step > 0; step >>= 1)
        {
            b += step & -Unsafe.BitCast<bool, byte>(bounds[b + step - 1] <= v);
        }

        return b;
    }

    /// <summary>A max-heap of the best <c>Capacity</c> candidates by (squared distance, rank).</summary>
    internal ref struct Heap(Candidates result)
    {
        private readonly double[] _d = result.D2;
        private readonly int[] _r = result.Rank;
        private readonly int[] _p = result.Pos;
        private readonly int _cap = result.Capacity;
        private int _count;

        public readonly bool Full => _count == _cap;

        public readonly double Worst => _d[0];

        public void Offer(double d2, int rk, int pos)
        {
            if (_count < _cap)
            {
                int i = _count++;
                while (i > 0)
                {
                    int parent = (i - 1) >> 1;
                    if (!Worse(d2, rk, _d[parent], _r[parent]))
                    {
                        break;
                    }

                    _d[i] = _d[parent];
                    _r[i] = _r[parent];
                    _p[i] = _p[parent];
                    i = parent;
                }

                _d[i] = d2;
                _r[i] = rk;
                _p[i] = pos;
            }
            else if (Worse(_d[0], _r[0], d2, rk))
            {
                SiftDown(d2, rk, pos, _count);
            }
        }

        /// <summary>Sorts the kept candidates ascending by (squared distance, rank) and sets the count.</summary>
        public void SortAscending()
        {
            result.Count = _count;
            for (int end = _count - 1; end > 0; end--)
            {
                double d = _d[end];
                int r = _r[end];
                int p = _p[end];
                _d[end] = _d[0];
                _r[end] = _r[0];
                _p[end] = _p[0];
                SiftDown(d, r, p, end);
            }
        }

        private readonly void SiftDown(double d2, int rk, int pos, int count)
        {
            int i = 0;
            while (true)
            {
                int child = (2 * i) + 1;
                if (child >= count)
                {
                    break;
                }

                if (child + 1 < count && Worse(_d[child + 1], _r[child + 1], _d[child], _r[child]))
                {
                    child++;
                }

                if (!Worse(_d[child], _r[child], d2, rk))
                {
                    break;
                }

                _d[i] = _d[child];
                _r[i] = _r[child];
                _p[i] = _p[child];
                i = child;
            }

            _d[i] = d2;
            _r[i] = rk;
            _p[i] = pos;
        }

        /// <summary>True when (d1, r1) ranks after (d2, r2).</summary>
        private static bool Worse(double d1, int r1, double d2, int r2) => d1 > d2 || (d1 == d2 && r1 > r2);
    }
}
