namespace GlobalMidt.Effects.Matching;

/// <summary>The controls of one stratum, indexed for exact k-nearest queries by (squared distance, tie rank).</summary>
/// <remarks>One instance per worker thread, rebuilt by <see cref="Build"/> for each stratum. Every implementation
/// returns the same candidates (the order is a total one: tie ranks are unique); they differ only in speed.</remarks>
internal interface IStratumIndex
{
    /// <summary>The number of controls indexed.</summary>
    int Count { get; }

    /// <summary>Indexes the <paramref name="count"/> controls of one stratum (at <paramref name="start"/> in the plan's
    /// contiguous arrays: rows, coordinates and tie ranks), for about <paramref name="queries"/> look-ups.</summary>
    void Build(int[] controls, double[] controlCoords, int[] controlRanks, int start, int count, int dims, int queries);

    /// <summary>The data row of the control at position <paramref name="pos"/> of the index.</summary>
    int Row(int pos);

    /// <summary>Fills <paramref name="result"/> with the first <c>Capacity</c> controls by (squared distance, rank),
    /// sorted.</summary>
    void Query(double[] q, Candidates result);
}

/// <summary>Per worker, the indexes it may use, and which one fits a stratum.</summary>
internal sealed class StratumIndexes
{
    /// <summary>From this many controls the k-d tree wins (measured on the 1M register's strata, 3 and 4
    /// coordinates: from 1,000-2,000 controls its build plus queries cost less CPU than the axis buckets'; in
    /// strata of 16,000-32,000 controls about a sixth); below, <see cref="AxisBuckets"/>.</summary>
    internal const int KdMinControls = 1024;

    private AxisBuckets? _axis;
    private KdIndex? _kd;

    /// <summary>The index for a stratum of <paramref name="controls"/> controls in <paramref name="dims"/>
    /// coordinates: a k-d tree for large strata in two or more dimensions (where pruning on one axis scans a large
    /// fraction of the stratum per query), <see cref="AxisBuckets"/> otherwise.</summary>
    public IStratumIndex For(int controls, int dims) =>
        dims >= 2 && controls >= KdMinControls ? (_kd ??= new KdIndex()) : (_axis ??= new AxisBuckets());
}

/// <summary>
/// A k-d tree over the controls of a stratum: exact k-nearest queries pruned in every dimension.
/// </summary>
/// <remarks>
/// Built top-down over a permutation of the controls: each node split in two on the coordinate of widest spread
/// (of a sample of its controls), at the median of that sample, by one branch-free partition pass, until at most
/// <see cref="LeafSize"/> controls or all equal; then the controls are copied in leaf order (contiguous) and each
/// node's bounding box (smallest and largest value per coordinate of its controls) computed bottom-up. Where a node
/// is split only decides the speed: the boxes hold exactly the controls below them. A query descends depth first,
/// nearer child first, and skips a node only when the candidate list is full and the squared distance from the query
/// to the node's box exceeds the current worst (strictly: a control at exactly the worst distance may still win on
/// its tie rank). That lower bound is computed with the same operations, in the same coordinate order, as the
/// distance itself, each term no larger than the distance's (rounding is monotone), so it never exceeds any of the
/// box's distances in floating point either. Distances are computed exactly as in <see cref="AxisBuckets"/> and
/// candidates kept by the same heap: the result is the same list of controls, distances and order.
/// </remarks>
internal sealed class KdIndex : IStratumIndex
{
    /// <summary>At most this many controls per leaf.</summary>
    internal const int LeafSize = 64;

    /// <summary>Values sampled to pick a node's split.</summary>
    private const int SampleSize = 15;

    private double[] _coords = [];
    private int[] _rank = [];
    private int[] _row = [];
    private int[] _perm = [];
    private double[] _box = []; // per node, dims smallest then dims largest values
    private int[] _first = []; // per node, its first position; a leaf holds _first .. _end - 1
    private int[] _end = [];
    private int[] _left = []; // per node, its first child (the second is _left + 1); -1 for a leaf
    private readonly double[] _sample = new double[SampleSize];
    private int[] _stack = [];
    private double[] _stackBound = [];
    private double[] _source = [];
    private int _sourceBase;
    private int _nodes;
    private int _dims;

    public int Count { get; private set; }

    public int Row(int pos) => _row[pos];

    public void Build(int[] controls, double[] controlCoords, int[] controlRanks, int start, int count, int dims, int queries)
    {
        int m = count;
        Count = m;
        _dims = dims;
        _source = controlCoords;
        _sourceBase = start * dims;
        var perm = AxisBuckets.Grow(ref _perm, m);
        for (int i = 0; i < m; i++)
        {
            perm[i] = i;
        }

        EnsureNodes(Math.Max(16, (4 * m / Math.Max(1, LeafSize)) + 1));
        _nodes = 1;
        _first[0] = 0;
        _end[0] = m;

        // Nodes are numbered as they are created, children after their parent: one pass in creation order splits
        // every node, one pass in reverse order computes the boxes bottom-up.
        for (int node = 0; node < _nodes; node++)
        {
            int lo = _first[node];
            int hi = _end[node];
            int split = hi - lo <= LeafSize ? -1 : Split(lo, hi);
            if (split < 0)
            {
                _left[node] = -1;
                continue;
            }

            EnsureNodes(_nodes + 2);
            int child = _nodes;
            _nodes += 2;
            _left[node] = child;
            _first[child] = lo;
            _end[child] = split;
            _first[child + 1] = split;
            _end[child + 1] = hi;
        }

        // The controls in leaf order.
        var coords = AxisBuckets.Grow(ref _coords, m * dims);
        var rank = AxisBuckets.Grow(ref _rank, m);
        var row = AxisBuckets.Grow(ref _row, m);
        var src = controlCoords;
        int baseOff = _sourceBase;
        for (int p = 0; p < m; p++)
        {
            int i = perm[p];
            row[p] = controls[start + i];
            rank[p] = controlRanks[start + i];
            int from = baseOff + (i * dims);
            int to = p * dims;
            for (int a = 0; a < dims; a++)
            {
                coords[to + a] = src[from + a];
            }
        }

        _source = [];
        AxisBuckets.Grow(ref _box, _nodes * 2 * dims);
        for (int node = _nodes - 1; node >= 0; node--)
        {
            int left = _left[node];
            if (left < 0)
            {
                BoundingBox(node, _first[node], _end[node]);
            }
            else
            {
                UnionBox(node, left);
            }
        }

        if (_stack.Length < _nodes)
        {
            _stack = new int[_nodes];
            _stackBound = new double[_nodes];
        }
    }

    public void Query(double[] q, Candidates result)
    {
        var heap = new AxisBuckets.Heap(result);
        var stack = _stack;
        var bound = _stackBound;
        int top = 0;
        stack[top] = 0;
        bound[top++] = BoxBound(0, q);
        while (top > 0)
        {
            top--;
            int node = stack[top];
            if (heap.Full && bound[top] > heap.Worst)
            {
                continue;
            }

            int left = _left[node];
            if (left < 0)
            {
                Scan(_first[node], _end[node], q, ref heap);
                continue;
            }

            double bl = BoxBound(left, q);
            double br = BoxBound(left + 1, q);
            double worst = heap.Full ? heap.Worst : double.PositiveInfinity;

            // The farther child below the nearer one on the stack: the nearer is searched first.
            if (bl <= br)
            {
                Push(left + 1, br, worst, ref top);
                Push(left, bl, worst, ref top);
            }
            else
            {
                Push(left, bl, worst, ref top);
                Push(left + 1, br, worst, ref top);
            }
        }

        heap.SortAscending();
    }

    /// <summary>Room for at least <paramref name="count"/> nodes (contents kept).</summary>
    private void EnsureNodes(int count)
    {
        if (_first.Length >= count)
        {
            return;
        }

        int size = Math.Max(count, _first.Length * 2);
        Array.Resize(ref _first, size);
        Array.Resize(ref _end, size);
        Array.Resize(ref _left, size);
    }

    private void Push(int node, double lowerBound, double worst, ref int top)
    {
        if (lowerBound > worst)
        {
            return;
        }

        _stack[top] = node;
        _stackBound[top++] = lowerBound;
    }

    /// <summary>The squared distance from <paramref name="q"/> to the box of <paramref name="node"/>: per coordinate
    /// the gap to the box (0 inside), squared and added in coordinate order, as the distances are.</summary>
    private double BoxBound(int node, double[] q)
    {
        int dims = _dims;
        var box = _box;
        int off = node * 2 * dims;
        double d2 = 0;
        for (int a = 0; a < dims; a++)
        {
            double v = q[a];
            double lo = box[off + a];
            double hi = box[off + dims + a];
            double g = v < lo ? lo - v : v > hi ? v - hi : 0;
            d2 += g * g;
        }

        return d2;
    }

    /// <summary>The value on <paramref name="axis"/> of the control at permutation position <paramref name="p"/>
    /// (while building).</summary>
    private double Key(int p, int axis) => _source[_sourceBase + (_perm[p] * _dims) + axis];

    /// <summary>Splits permutation positions <paramref name="lo"/> .. <paramref name="hi"/> - 1 in two non-empty
    /// parts on one coordinate (no value of the first part above any of the second); returns where the second
    /// starts, or -1 when all controls there are at one point (a leaf).</summary>
    /// <remarks>Only the speed depends on where a node is split: the coordinate of widest spread in an evenly
    /// spaced sample and the sample's median, one partition pass (values below the median first; when that leaves
    /// under an eighth on one side, as with many equal values, a second pass over the upper part moves the values
    /// equal to it down); an exact selection of the median of the exact widest coordinate when the parts are still
    /// under an eighth.</remarks>
    private int Split(int lo, int hi)
    {
        int n = hi - lo;
        int s = Math.Min(n, SampleSize);
        int step = n / s;
        var sample = _sample;
        int axis = WidestAxis(lo, s, step);

        int eighth = Math.Max(1, n / 8);
        if (axis >= 0)
        {
            for (int i = 0, p = lo; i < s; i++, p += step)
            {
                sample[i] = Key(p, axis);
            }

            PrimitiveSort.Sort(sample, 0, s);
            double pivot = sample[s / 2];
            int split = PartitionBelow(lo, hi, pivot, axis, false);
            if (split - lo < eighth)
            {
                split = PartitionBelow(split, hi, pivot, axis, true);
            }

            if (split - lo >= eighth && hi - split >= eighth)
            {
                return split;
            }
        }

        // The sample was flat on every coordinate or misled: the node's exact widest coordinate and median (-1 when
        // every coordinate is constant).
        axis = WidestAxis(lo, hi);
        if (axis < 0)
        {
            return -1;
        }

        int mid = lo + (n >> 1);
        Select(lo, hi - 1, mid, axis);
        return mid;
    }

    /// <summary>Moves the positions in <paramref name="lo"/> .. <paramref name="hi"/> - 1 whose value is below
    /// <paramref name="pivot"/> (or equal, with <paramref name="orEqual"/>) to the front, branch-free (one swap per
    /// control: the comparison only moves the boundary); returns the boundary.</summary>
    private int PartitionBelow(int lo, int hi, double pivot, int axis, bool orEqual)
    {
        var perm = _perm;
        var src = _source;
        int dims = _dims;
        int off = _sourceBase + axis;
        int store = lo;
        if (orEqual)
        {
            for (int p = lo; p < hi; p++)
            {
                int x = perm[p];
                int below = src[off + (x * dims)] <= pivot ? 1 : 0;
                perm[p] = perm[store];
                perm[store] = x;
                store += below;
            }
        }
        else
        {
            for (int p = lo; p < hi; p++)
            {
                int x = perm[p];
                int below = src[off + (x * dims)] < pivot ? 1 : 0;
                perm[p] = perm[store];
                perm[store] = x;
                store += below;
            }
        }

        return store;
    }

    /// <summary>The coordinate of largest extent over permutation positions <paramref name="lo"/> ..
    /// <paramref name="hi"/> - 1 (the first of equal ones), or -1 when every coordinate has extent 0.</summary>
    private int WidestAxis(int lo, int hi) => WidestAxis(lo, hi - lo, 1);

    /// <summary>The coordinate of largest extent over <paramref name="count"/> permutation positions from
    /// <paramref name="lo"/>, <paramref name="step"/> apart (the first of equal ones), or -1 when every coordinate has
    /// extent 0 there.</summary>
    private int WidestAxis(int lo, int count, int step)
    {
        int axis = -1;
        double widest = 0;
        for (int a = 0; a < _dims; a++)
        {
            double min = double.PositiveInfinity;
            double max = double.NegativeInfinity;
            for (int i = 0, p = lo; i < count; i++, p += step)
            {
                double v = Key(p, a);
                min = v < min ? v : min;
                max = v > max ? v : max;
            }

            if (max - min > widest)
            {
                widest = max - min;
                axis = a;
            }
        }

        return axis;
    }

    /// <summary>Reorders permutation positions <paramref name="lo"/> .. <paramref name="hi"/> (inclusive) so that
    /// the value on <paramref name="axis"/> at <paramref name="k"/> is preceded by none larger and followed by none
    /// smaller (Hoare selection, median-of-three pivots; equal values may fall on either side).</summary>
    private void Select(int lo, int hi, int k, int axis)
    {
        var perm = _perm;
        while (hi - lo > 8)
        {
            int mid = lo + ((hi - lo) >> 1);
            double a = Key(lo, axis);
            double b = Key(mid, axis);
            double d = Key(hi, axis);
            double pivot = a < b ? (b < d ? b : a < d ? d : a) : (a < d ? a : b < d ? d : b);
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (Key(i, axis) < pivot)
                {
                    i++;
                }

                while (Key(j, axis) > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (perm[i], perm[j]) = (perm[j], perm[i]);
                    i++;
                    j--;
                }
            }

            // Now lo .. j hold values <= pivot, i .. hi values >= pivot, and any between equal the pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }

        // Insertion sort of the short rest.
        for (int p = lo + 1; p <= hi; p++)
        {
            for (int q = p; q > lo && Key(q, axis) < Key(q - 1, axis); q--)
            {
                (perm[q], perm[q - 1]) = (perm[q - 1], perm[q]);
            }
        }
    }

    /// <summary>The box of <paramref name="node"/> as the union of its two children's boxes.</summary>
    private void UnionBox(int node, int left)
    {
        int dims = _dims;
        var box = _box;
        int off = node * 2 * dims;
        int l = left * 2 * dims;
        int r = l + (2 * dims);
        for (int a = 0; a < dims; a++)
        {
            box[off + a] = box[l + a] < box[r + a] ? box[l + a] : box[r + a];
            box[off + dims + a] = box[l + dims + a] > box[r + dims + a] ? box[l + dims + a] : box[r + dims + a];
        }
    }

    /// <summary>Stores the bounding box of positions <paramref name="lo"/> .. <paramref name="hi"/> - 1 (leaf order)
    /// as the box of <paramref name="node"/>.</summary>
    private void BoundingBox(int node, int lo, int hi)
    {
        int dims = _dims;
        var coords = _coords;
        var box = _box;
        int off = node * 2 * dims;
        for (int a = 0; a < dims; a++)
        {
            double min = double.PositiveInfinity;
            double max = double.NegativeInfinity;
            for (int p = lo; p < hi; p++)
            {
                double v = coords[(p * dims) + a];
                min = v < min ? v : min;
                max = v > max ? v : max;
            }

            box[off + a] = min;
            box[off + dims + a] = max;
        }
    }

    private void Scan(int first, int end, double[] q, ref AxisBuckets.Heap heap) =>
        AxisBuckets.ScanRange(_coords, _rank, _dims, first, end, q, ref heap);
}
