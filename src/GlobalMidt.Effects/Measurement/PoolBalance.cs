using GlobalMidt.Effects.Diagnostics;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// The balance table of each group: before = every measured participant against the whole control pool, after =
/// matched participants (weight 1) against their controls (weight = sum of 1/k over uses). The same table, bit for
/// bit, as <see cref="Balance.Compute(IReadOnlyList{string}, double[][], bool[], ReadOnlySpan{double}, BalanceOptions?)"/>
/// on the participants' and the pool's rows (<see cref="Reference"/>), without sorting the pool for every group.
/// </summary>
/// <remarks>
/// The pool is the same for every group: each covariate's pool values are sorted once, as distinct values and
/// counts. A group then sorts only its own rows (participants and the controls it uses) and merges them into the
/// pool's runs: within a run of equal values the canonical order is by weight, then controls first, and the pool's
/// unused firms (weight 0, control) come first. Inputs the shortcut does not cover (a value that is not finite,
/// beyond 2^400, a participant in the pool or twice, weights that <see cref="Balance"/> rejects) go through
/// <see cref="Reference"/>, which gives the same result or the same error as before.
/// </remarks>
internal sealed class PoolBalance
{
    private static readonly double Huge = Math.ScaleB(1.0, 400);
    private readonly string[] _names;
    private readonly double[][] _columns;
    private readonly int[] _pool;
    private readonly SortedPool[] _sorted;
    private readonly bool[] _inPool;
    private readonly int _largestPool;

    /// <summary>Blocks left by groups done, for the next group (the groups of a measurement run on a few threads at
    /// once): a group's blocks span the pool's distinct values, megabytes that need not be allocated again.</summary>
    private readonly System.Collections.Concurrent.ConcurrentBag<BalanceBlocks> _spareBlocks = [];

    /// <param name="names">The covariates' names.</param>
    /// <param name="columns">Per covariate, its value for every firm.</param>
    /// <param name="pool">The control pool (firms).</param>
    /// <param name="parallel">How many threads sort the pool's columns.</param>
    public PoolBalance(string[] names, double[][] columns, int[] pool, ParallelOptions parallel)
    {
        _names = names;
        _columns = columns;
        _pool = pool;
        int firms = columns.Length > 0 ? columns[0].Length : 0;
        _inPool = new bool[firms];
        foreach (int f in pool)
        {
            _inPool[f] = true;
        }

        _sorted = new SortedPool[columns.Length];
        // One pair of key arrays per thread, reused for its columns: a column costs its distinct values and counts.
        Parallel.For(
            0,
            columns.Length,
            parallel,
            () => new RadixBuffers(pool.Length, withItems: false),
            (c, _, buffers) =>
            {
                _sorted[c] = SortedPool.Create(columns[c], pool, buffers);
                return buffers;
            },
            _ => { });
        foreach (var sorted in _sorted)
        {
            _largestPool = Math.Max(_largestPool, sorted.Values.Length);
        }
    }

    /// <summary>The balance of <paramref name="covariates"/> of <paramref name="cov"/>.</summary>
    public static PoolBalance For(FirmCovariates cov, int[] pool, IReadOnlyList<FirmCovariate> covariates, ParallelOptions parallel) =>
        new([.. covariates.Select(FirmCovariates.Name)], [.. covariates.Select(cov.Column)], pool, parallel);

    /// <summary>The balance table of one group.</summary>
    /// <param name="measured">The group's measured participants (firms).</param>
    /// <param name="matches">The group's matches.</param>
    public BalanceTable Compute(int[] measured, MatchedSample matches)
    {
        var distinct = matches.Distinct;
        if (!Covered(measured, matches, out var matched))
        {
            return Reference(_names, _columns, measured, _pool, matches);
        }

        int m1 = 0;
        foreach (bool m in matched)
        {
            m1 += m ? 1 : 0;
        }

        int specials = measured.Length + distinct.Firms.Length;
        var sx = new double[specials];
        var sw = new double[specials];
        var st = new bool[specials];
        var order = new int[specials];
        for (int i = 0; i < measured.Length; i++)
        {
            sw[i] = matched[i] ? 1.0 : 0.0;
            st[i] = true;
        }

        Array.Copy(distinct.RawWeight, 0, sw, measured.Length, distinct.Firms.Length);
        var rows = new BalanceRow[_columns.Length];
        if (!_spareBlocks.TryTake(out var blocks))
        {
            blocks = new BalanceBlocks(0);
        }

        blocks.EnsureCapacity(_largestPool + specials);
        RadixBuffers? radix = null;
        for (int c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            var sorted = _sorted[c];
            bool binary = sorted.Binary;
            double top = sorted.Top;
            for (int i = 0; i < specials; i++)
            {
                double v = column[i < measured.Length ? measured[i] : distinct.Firms[i - measured.Length]];
                sx[i] = v;
                order[i] = i;
                binary &= v == 0 || v == 1;
                top = Math.Max(top, Math.Abs(v));
            }

            if (!sorted.Finite || !double.IsFinite(top) || (!binary && top > Huge))
            {
                _spareBlocks.Add(blocks);
                return Reference(_names, _columns, measured, _pool, matches);
            }

            CanonicalOrder(order, sx, sw, st, radix ??= new RadixBuffers(specials));
            Merge(sorted, order, sx, sw, st, blocks);
            rows[c] = Balance.Row(_names[c], blocks, binary, 0, BalanceOptions.Default);
        }

        _spareBlocks.Add(blocks);

        var positive = new double[Math.Max(m1, distinct.Firms.Length)];
        Array.Fill(positive, 1.0, 0, m1);
        double treatedEss = Balance.KishEssOfPositive(positive.AsSpan(0, m1));
        int m0 = 0;
        foreach (double w in distinct.RawWeight)
        {
            if (w > 0)
            {
                positive[m0++] = w;
            }
        }

        double controlEss = Balance.KishEssOfPositive(positive.AsSpan(0, m0));
        var sizes = new BalanceSampleSizes(measured.Length, _pool.Length, m1, m0, treatedEss, controlEss);
        return new BalanceTable { Rows = rows, SampleSizes = sizes, Options = BalanceOptions.Default };
    }

    /// <summary>
    /// The balance table from the participants' and the pool's rows, through <see cref="Balance.Compute(IReadOnlyList{string}, double[][], bool[], ReadOnlySpan{double}, BalanceOptions?)"/>:
    /// the definition <see cref="Compute"/> follows, and its path for inputs the shortcut does not cover.
    /// </summary>
    internal static BalanceTable Reference(string[] names, double[][] sources, int[] measured, int[] pool, MatchedSample matches)
    {
        int n = measured.Length + pool.Length;
        var treated = new bool[n];
        Array.Fill(treated, true, 0, measured.Length);
        var rowOf = new Dictionary<int, int>(n);
        for (int i = 0; i < measured.Length; i++)
        {
            rowOf[measured[i]] = i;
        }

        for (int i = 0; i < pool.Length; i++)
        {
            rowOf[pool[i]] = measured.Length + i;
        }

        var weights = new double[n];
        foreach (int participant in matches.ParticipantFirms)
        {
            weights[rowOf[participant]] = 1.0;
        }

        var distinct = matches.Distinct;
        for (int i = 0; i < distinct.Firms.Length; i++)
        {
            weights[rowOf[distinct.Firms[i]]] = distinct.RawWeight[i];
        }

        var columns = new double[sources.Length][];
        for (int c = 0; c < sources.Length; c++)
        {
            var source = sources[c];
            var col = new double[n];
            for (int i = 0; i < measured.Length; i++)
            {
                col[i] = source[measured[i]];
            }

            for (int i = 0; i < pool.Length; i++)
            {
                col[measured.Length + i] = source[pool[i]];
            }

            columns[c] = col;
        }

        return Balance.Compute(names, columns, treated, weights);
    }

    /// <summary>
    /// True when the shortcut applies: participants distinct and outside the pool, every matched participant among
    /// them, every control in the pool with a finite weight &gt;= 0, and at least one unit of positive weight on
    /// each side. <paramref name="matched"/>: per participant, whether it is matched.
    /// </summary>
    private bool Covered(int[] measured, MatchedSample matches, out bool[] matched)
    {
        matched = new bool[measured.Length];
        if (measured.Length == 0 || _pool.Length == 0)
        {
            return false;
        }

        var index = new Dictionary<int, int>(measured.Length);
        for (int i = 0; i < measured.Length; i++)
        {
            int f = measured[i];
            if ((uint)f >= (uint)_inPool.Length || _inPool[f] || !index.TryAdd(f, i))
            {
                return false;
            }
        }

        bool anyTreated = false;
        foreach (int p in matches.ParticipantFirms)
        {
            if (!index.TryGetValue(p, out int i))
            {
                return false;
            }

            matched[i] = true;
            anyTreated = true;
        }

        var distinct = matches.Distinct;
        bool anyControl = false;
        for (int i = 0; i < distinct.Firms.Length; i++)
        {
            int f = distinct.Firms[i];
            double w = distinct.RawWeight[i];
            if ((uint)f >= (uint)_inPool.Length || !_inPool[f] || !double.IsFinite(w) || w < 0 || (i > 0 && distinct.Firms[i - 1] == f))
            {
                return false;
            }

            anyControl |= w > 0;
        }

        return anyTreated && anyControl;
    }

    /// <summary>
    /// <see cref="Balance.CanonicalSort"/> of the group's rows (value, then weight, then controls first) as one stable
    /// radix sort: by group, then by weight, then by value, each on the bits of an order-preserving integer key (-0
    /// as +0, so equal doubles have equal keys; the values are finite and the weights finite and >= 0 here). Rows
    /// equal in all three keys are left in another order among themselves than the comparison sorts left them, which
    /// changes no block and no sum.
    /// </summary>
    private static void CanonicalOrder(int[] order, double[] x, double[] w, bool[] t, RadixBuffers buffers)
    {
        int n = order.Length;
        var keys = buffers.Keys;
        // Controls (t false) first: a stable partition of the identity.
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            if (!t[i])
            {
                order[k++] = i;
            }
        }

        for (int i = 0; i < n; i++)
        {
            if (t[i])
            {
                order[k++] = i;
            }
        }

        for (int i = 0; i < n; i++)
        {
            keys[i] = SortableKey(w[order[i]]);
        }

        RadixSort(keys, order, n, buffers);
        for (int i = 0; i < n; i++)
        {
            keys[i] = SortableKey(x[order[i]]);
        }

        RadixSort(keys, order, n, buffers);
    }

    /// <summary>The double of a <see cref="SortableKey"/> (+0 for a zero of either sign).</summary>
    private static double FromSortableKey(ulong key) =>
        BitConverter.Int64BitsToDouble((long)((key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key));

    /// <summary>An unsigned key whose order is that of the (non-NaN) doubles, equal for -0 and +0.</summary>
    private static ulong SortableKey(double v)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(v == 0 ? 0.0 : v);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    /// <summary>Stable LSD radix sort of keys[..n] with their items (none when <paramref name="items"/> is null), a
    /// byte at a time; bytes that every key shares are skipped.</summary>
    private static void RadixSort(ulong[] keys, int[]? items, int n, RadixBuffers buffers)
    {
        if (n <= 1)
        {
            return;
        }

        var counts = buffers.Counts;
        Array.Clear(counts);
        for (int i = 0; i < n; i++)
        {
            ulong key = keys[i];
            for (int b = 0; b < 8; b++)
            {
                counts[(b << 8) | (int)((key >> (8 * b)) & 0xFF)]++;
            }
        }

        var srcKeys = keys;
        var srcItems = items;
        var dstKeys = buffers.OtherKeys;
        var dstItems = items is null ? null : buffers.OtherItems;
        for (int b = 0; b < 8; b++)
        {
            var count = counts.AsSpan(b << 8, 256);
            if (count[(int)((srcKeys[0] >> (8 * b)) & 0xFF)] == n)
            {
                continue;
            }

            int sum = 0;
            for (int d = 0; d < 256; d++)
            {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }

            if (srcItems is null)
            {
                for (int i = 0; i < n; i++)
                {
                    ulong key = srcKeys[i];
                    dstKeys[count[(int)((key >> (8 * b)) & 0xFF)]++] = key;
                }
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    ulong key = srcKeys[i];
                    int at = count[(int)((key >> (8 * b)) & 0xFF)]++;
                    dstKeys[at] = key;
                    dstItems![at] = srcItems[i];
                }
            }

            (srcKeys, dstKeys) = (dstKeys, srcKeys);
            (srcItems, dstItems) = (dstItems, srcItems);
        }

        if (!ReferenceEquals(srcKeys, keys))
        {
            if (items is not null)
            {
                Array.Copy(srcItems!, items, n);
            }

            Array.Copy(srcKeys, keys, n);
        }
    }

    /// <summary>Scratch arrays of <see cref="RadixSort"/>, reused across a group's covariates or the pool's columns
    /// (which sort keys only and leave <see cref="OtherItems"/> empty).</summary>
    private sealed class RadixBuffers(int n, bool withItems = true)
    {
        public ulong[] Keys { get; } = new ulong[n];

        public ulong[] OtherKeys { get; } = new ulong[n];

        public int[] OtherItems { get; } = withItems ? new int[n] : [];

        public int[] Counts { get; } = new int[8 * 256];
    }

    /// <summary>The group's rows (in canonical order) merged into the pool's runs, as blocks.</summary>
    private static void Merge(SortedPool pool, int[] order, double[] sx, double[] sw, bool[] st, BalanceBlocks blocks)
    {
        blocks.Clear();
        var values = pool.Values;
        var counts = pool.Counts;
        int d = 0;
        int s = 0;
        while (d < values.Length || s < order.Length)
        {
            double x = s >= order.Length || (d < values.Length && values[d] <= sx[order[s]]) ? values[d] : sx[order[s]];
            int e = s;
            int controls = 0;
            while (e < order.Length && sx[order[e]] == x)
            {
                controls += st[order[e]] ? 0 : 1;
                e++;
            }

            if (d < values.Length && values[d] == x)
            {
                // The pool's firms of this value that the group does not use: weight 0, control, the smallest key.
                int unused = counts[d] - controls;
                if (unused > 0)
                {
                    blocks.Add(x, 0.0, false, unused);
                }

                d++;
            }

            for (int k = s; k < e; k++)
            {
                int i = order[k];
                blocks.Add(sx[i], sw[i], st[i], 1);
            }

            s = e;
        }
    }

    /// <summary>One covariate over the pool: distinct values ascending, how many firms have each, whether all are
    /// finite, all 0 or 1, and the largest magnitude.</summary>
    private sealed record SortedPool(double[] Values, int[] Counts, bool Finite, bool Binary, double Top)
    {
        /// <param name="column">The covariate's value per firm.</param>
        /// <param name="pool">The pool's firms.</param>
        /// <param name="buffers">Scratch for the pool's keys (at least its length).</param>
        public static SortedPool Create(double[] column, int[] pool, RadixBuffers buffers)
        {
            // Sorted by a radix sort of order-preserving keys (-0 as +0: a run of zeros is one +0, which no statistic
            // tells from -0), the values read back from the sorted keys.
            var keys = buffers.Keys;
            bool finite = true;
            bool binary = true;
            double top = 0;
            for (int i = 0; i < pool.Length; i++)
            {
                double x = column[pool[i]];
                finite &= double.IsFinite(x);
                binary &= x == 0 || x == 1;
                top = Math.Max(top, Math.Abs(x));
                keys[i] = finite ? SortableKey(x) : 0;
            }

            if (!finite)
            {
                return new SortedPool([], [], false, false, double.NaN);
            }

            int n = pool.Length;
            RadixSort(keys, null, n, buffers);
            int distinct = 0;
            for (int i = 0; i < n; i++)
            {
                distinct += i == 0 || keys[i] != keys[i - 1] ? 1 : 0;
            }

            var values = new double[distinct];
            var counts = new int[distinct];
            int d = -1;
            for (int i = 0; i < n; i++)
            {
                if (i == 0 || keys[i] != keys[i - 1])
                {
                    values[++d] = FromSortableKey(keys[i]);
                }

                counts[d]++;
            }

            return new SortedPool(values, counts, true, binary, top);
        }
    }
}
