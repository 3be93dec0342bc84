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
/// counts, with the sums of its rows before matching (every pool firm a control of weight 1 there). A group then
/// sorts only its own rows (participants and the controls it uses) and walks them together with the pool's runs
/// (<see cref="Stages"/>): within a run of equal values the canonical order is by weight, then controls first, and
/// the pool's unused firms (weight 0, control) come first. Inputs the shortcut does not cover (a value that is not finite,
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
                return Reference(_names, _columns, measured, _pool, matches);
            }

            CanonicalOrder(order, sx, sw, st, radix ??= new RadixBuffers(specials));
            var (before, after) = Stages(sorted, order, sx, sw, st, binary);
            rows[c] = Balance.Row(_names[c], before, after, binary, 0, BalanceOptions.Default);
        }

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
    /// <see cref="Balance.CanonicalSort"/> of the group's rows (value, then weight, then controls first): a radix sort
    /// on the values' order-preserving integer keys (-0 as +0, so equal doubles have equal keys; the values are finite
    /// and the weights finite and >= 0 here), then each run of equal values sorted by weight and group (one integer key:
    /// a weight's bits above the group's bit). Rows equal in all three keys are left in another order among
    /// themselves than the comparison sorts left them, which changes no sum.
    /// </summary>
    private static void CanonicalOrder(int[] order, double[] x, double[] w, bool[] t, RadixBuffers buffers)
    {
        int n = order.Length;
        var keys = buffers.Keys;
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = SortableKey(x[i]);
        }

        RadixSort(keys, order, n, buffers);
        var runKeys = buffers.OtherKeys;
        for (int s = 0; s < n;)
        {
            int e = s + 1;
            while (e < n && keys[e] == keys[s])
            {
                e++;
            }

            if (e - s > 1)
            {
                for (int k = s; k < e; k++)
                {
                    int i = order[k];
                    // w >= 0: its bits (of +0 for a zero) order as the weights, below 2^63.
                    runKeys[k] = ((ulong)BitConverter.DoubleToInt64Bits(w[i] == 0 ? 0.0 : w[i]) << 1) | (t[i] ? 1UL : 0UL);
                }

                Array.Sort(runKeys, order, s, e - s);
            }

            s = e;
        }
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

    /// <summary>
    /// The two stages' sums of one covariate (before: every row weight 1; after: the matching weights), equal bit for
    /// bit to <see cref="Balance"/>'s over the blocks of the group's rows (in canonical order) merged into the pool's
    /// runs, without building those blocks: per distinct value, the pool's firms the group does not use (weight 0,
    /// control, first), then the group's rows there. Every sum adds the terms of the rows in that order, row by row:
    /// <list type="bullet">
    /// <item>The control rows' sums before matching are the pool's own (<see cref="SortedPool"/>): every pool firm is a
    /// control of weight 1 there, so those sums add the same terms in the same order for every group.</item>
    /// <item>The other sums of the first pass (the means) have terms only from the group's rows: the treated rows
    /// before matching, the rows of positive weight after it.</item>
    /// <item>The second pass walks the pool's distinct values and the group's rows together: the eCDF gap of both
    /// stages at every distinct value of the whole sample, the treated rows' (and after matching the controls')
    /// squared deviations.</item>
    /// </list>
    /// </summary>
    private static (Balance.StageSums Before, Balance.StageSums After) Stages(SortedPool pool, int[] order, double[] sx, double[] sw, bool[] st, bool binary)
    {
        // First pass: the means.
        double bsw1 = 0, bswx1 = 0, bsww1 = 0;
        double asw1 = 0, aswx1 = 0, asww1 = 0, asw0 = 0, aswx0 = 0, asww0 = 0;
        int bpos1 = 0, apos1 = 0, apos0 = 0;
        foreach (int i in order)
        {
            double x = sx[i];
            if (st[i])
            {
                bsw1 += 1.0;
                bswx1 += 1.0 * x;
                bsww1 += 1.0 * 1.0;
                bpos1++;
            }

            double w = sw[i];
            if (w == 0)
            {
                continue;
            }

            if (st[i])
            {
                asw1 += w;
                aswx1 += w * x;
                asww1 += w * w;
                apos1 += w > 0 ? 1 : 0;
            }
            else
            {
                asw0 += w;
                aswx0 += w * x;
                asww0 += w * w;
                apos0 += w > 0 ? 1 : 0;
            }
        }

        double bmean1 = bswx1 / bsw1, bmean0 = pool.ControlMean, amean1 = aswx1 / asw1, amean0 = aswx0 / asw0;
        if (binary)
        {
            return (new Balance.StageSums(bmean1, bmean0, double.NaN, double.NaN, double.NaN, double.NaN), new Balance.StageSums(amean1, amean0, double.NaN, double.NaN, double.NaN, double.NaN));
        }

        // Second pass: squared deviations and the eCDF gaps. Before matching a row moves the gap by 1 / sum(w) of its
        // group (the quotient w / sum(w) with w = 1, as Balance computes it), after matching by w / sum(w).
        double poolSize = pool.Count; // the controls' sum(w) and sum(w^2) before matching (w = 1: exact)
        double bstep1 = 1.0 / bsw1, bstep0 = 1.0 / poolSize;
        double bss1 = 0, bcum = 0, becdfSum = 0, becdfMax = 0;
        double ass1 = 0, ass0 = 0, acum = 0, aecdfSum = 0, aecdfMax = 0;
        int distinct = 0;
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
                // The pool's firms here that the group does not use: controls of weight 1 before matching, 0 after.
                for (int r = counts[d] - controls; r > 0; r--)
                {
                    bcum -= bstep0;
                }

                d++;
            }

            for (int k = s; k < e; k++)
            {
                int i = order[k];
                double w = sw[i];
                if (st[i])
                {
                    double dev = sx[i] - bmean1;
                    bss1 += 1.0 * dev * dev;
                    bcum += bstep1;
                    if (w != 0)
                    {
                        double adev = sx[i] - amean1;
                        ass1 += w * adev * adev;
                        acum += w / asw1;
                    }
                }
                else
                {
                    bcum -= bstep0;
                    if (w != 0)
                    {
                        double adev = sx[i] - amean0;
                        ass0 += w * adev * adev;
                        acum -= w / asw0;
                    }
                }
            }

            double bgap = Math.Abs(bcum);
            becdfSum += bgap;
            if (bgap > becdfMax)
            {
                becdfMax = bgap;
            }

            double agap = Math.Abs(acum);
            aecdfSum += agap;
            if (agap > aecdfMax)
            {
                aecdfMax = agap;
            }

            distinct++;
            s = e;
        }

        return (
            Balance.StageSums.Of(bmean1, bmean0, bsw1, bsww1, bss1, bpos1, poolSize, poolSize, pool.ControlSquares, pool.Count, becdfSum, distinct, becdfMax),
            Balance.StageSums.Of(amean1, amean0, asw1, asww1, ass1, apos1, asw0, asww0, ass0, apos0, aecdfSum, distinct, aecdfMax));
    }

    /// <summary>One covariate over the pool: distinct values ascending, how many firms have each, whether all are
    /// finite, all 0 or 1, and the largest magnitude; and the sums of its rows before matching, where every pool
    /// firm is a control of weight 1: their number (sum(w) = sum(w^2), exact as a double), mean and sum of squared
    /// deviations, each summed row by row in value order as <see cref="Balance"/> sums them.</summary>
    private sealed record SortedPool(double[] Values, int[] Counts, bool Finite, bool Binary, double Top)
    {
        /// <summary>The pool's firms.</summary>
        public int Count { get; private init; }

        /// <summary>sum(w x) / sum(w) with w = 1.</summary>
        public double ControlMean { get; private init; }

        /// <summary>sum(w (x - mean)^2) with w = 1.</summary>
        public double ControlSquares { get; private init; }

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

            double sumX = 0;
            for (int v = 0; v < distinct; v++)
            {
                for (int r = 0; r < counts[v]; r++)
                {
                    sumX += 1.0 * values[v];
                }
            }

            double mean = sumX / n;
            double squares = 0;
            for (int v = 0; v < distinct; v++)
            {
                double dev = values[v] - mean;
                for (int r = 0; r < counts[v]; r++)
                {
                    squares += 1.0 * dev * dev;
                }
            }

            return new SortedPool(values, counts, true, binary, top) { Count = n, ControlMean = mean, ControlSquares = squares };
        }
    }
}
