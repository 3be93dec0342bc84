using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Matching;

/// <summary>The rows of one exact stratum, ready to match.</summary>
/// <param name="Key">The stratum code (0 when there are no strata).</param>
/// <param name="Treated">Treated rows that take part, in matching order.</param>
/// <param name="Controls">The control rows that take part (not discarded) of all strata, stratum by stratum, each
/// stratum's in row order, laid out as <see cref="MatchingPlan.ControlValues"/> (shared by the strata, not copied):
/// this stratum's are the <paramref name="ControlCount"/> from <paramref name="ControlStart"/>.</param>
/// <param name="ControlStart">Where the stratum's controls start in <paramref name="Controls"/>,
/// <see cref="MatchingPlan.ControlValues"/> and <see cref="MatchingPlan.ControlRanks"/>.</param>
/// <param name="ControlCount">The stratum's number of controls.</param>
/// <param name="DiscardedTreated">Treated rows discarded for lack of common support.</param>
/// <param name="TreatedSlots">With coordinates: per treated row (as <paramref name="Treated"/>), where its coordinates
/// are in <see cref="MatchingPlan.Coordinates"/>; null with propensity scores (by row).</param>
internal sealed record StratumRows(int Key, int[] Treated, int[] Controls, int ControlStart, int ControlCount, int[] DiscardedTreated, int[]? TreatedSlots = null)
{
    /// <summary>The stratum's control rows, in row order (for checks from outside: tests).</summary>
    public ArraySegment<int> ControlRows => new(Controls, ControlStart, ControlCount);
}

/// <summary>
/// Everything estimated before the matching itself: the propensity model or the covariate transform, common-support
/// discarding, the caliper width, the strata and the matching order. <see cref="Match"/> then pairs the units.
/// </summary>
/// <remarks>
/// Made by <see cref="NearestNeighbourMatcher.Prepare"/>. Rows of an exact stratum without any treated unit take no
/// part at all (as if absent: they enter neither the propensity model, nor the covariance, nor the caliper SD);
/// MatchIt 4.5.1 stops on such strata, so results equal <c>matchit()</c> run on the data without them.
/// </remarks>
internal sealed class MatchingPlan
{
    private readonly StratumRows[] _strata;
    private int[]? _slotOfRow;

    private MatchingPlan(MatchingData data, MatchingOptions options, StratumRows[] strata, int[] rank)
    {
        Data = data;
        Options = options;
        _strata = strata;
        Rank = rank;
    }

    /// <summary>The data.</summary>
    public MatchingData Data { get; }

    /// <summary>The options.</summary>
    public MatchingOptions Options { get; }

    /// <summary>The propensity-score model when the distance is <see cref="DistanceMetric.Glm"/>; otherwise null.</summary>
    public LogisticRegressionFit? PropensityModel { get; private init; }

    /// <summary>Per row, the propensity score (NaN for rows that take no part); null unless <see cref="DistanceMetric.Glm"/>.</summary>
    public double[]? PropensityScores { get; private init; }

    /// <summary>Per row, true when discarded for lack of common support.</summary>
    public bool[] Discarded { get; private init; } = [];

    /// <summary>Per row, true when the row takes part (its stratum holds a treated unit).</summary>
    public bool[] Active { get; private init; } = [];

    /// <summary>The caliper on the propensity score (absolute, after multiplying by the SD); null for none.</summary>
    public double? CaliperWidth { get; private init; }

    /// <summary>Number of exact strata that hold a treated unit.</summary>
    public int StrataCount => _strata.Length;

    /// <summary>Rows left out because their stratum holds no treated unit.</summary>
    public int RowsInStrataWithoutTreated { get; private init; }

    /// <summary>What was used when the requested covariate distance could not be (degenerate data).</summary>
    public DistanceFallback DistanceFallback { get; private init; }

    internal int[] Rank { get; }

    /// <summary>With a covariate distance, the coordinates (<see cref="Dims"/> each): the controls stratum by stratum
    /// (as <see cref="ControlValues"/>, the same array), then the treated (<see cref="StratumRows.TreatedSlots"/>).</summary>
    internal double[]? Coordinates { get; private init; }

    internal int Dims { get; private init; }

    /// <summary>Per stratum (from <see cref="StratumRows.ControlStart"/>), its controls' coordinates
    /// (<see cref="Dims"/> each) or propensity scores (one each), laid out as <see cref="StratumRows.Controls"/>.</summary>
    internal double[] ControlValues { get; private init; } = [];

    /// <summary>The tie ranks of the controls, laid out as <see cref="ControlValues"/>.</summary>
    internal int[] ControlRanks { get; private init; } = [];

    internal IReadOnlyList<StratumRows> Strata => _strata;

    /// <summary>Coordinate <paramref name="a"/> of row <paramref name="row"/> (a row taking part, not discarded) in
    /// <see cref="Coordinates"/>; for checks from outside (tests, benchmarks): the map from rows to slots is built on
    /// first use.</summary>
    internal double Coordinate(int row, int a)
    {
        if (_slotOfRow is null)
        {
            var slotOfRow = new int[Data.RowCount];
            foreach (var st in _strata)
            {
                for (int k = st.ControlStart; k < st.ControlStart + st.ControlCount; k++)
                {
                    slotOfRow[st.Controls[k]] = k;
                }

                for (int k = 0; k < st.Treated.Length; k++)
                {
                    slotOfRow[st.Treated[k]] = st.TreatedSlots![k];
                }
            }

            _slotOfRow = slotOfRow;
        }

        return Coordinates![((long)_slotOfRow[row] * Dims) + a];
    }

    /// <summary>Matches the units (see <see cref="NearestNeighbourMatcher.Match"/>).</summary>
    public MatchResult Match()
    {
        int n = Data.RowCount;
        var results = new MatchBuffer[_strata.Length];
        double caliper = CaliperWidth ?? double.PositiveInfinity;
        int workers = Math.Min(_strata.Length, WorkerLoop.Threads(Options.MaxDegreeOfParallelism));
        var scratch = new StratumIndexes?[Math.Max(1, workers)];
        WorkerLoop.For(_strata.Length, workers, (s, worker) =>
        {
            var st = _strata[s];
            var r = new MatchBuffer();
            foreach (int t in st.DiscardedTreated)
            {
                r.Add(new UnmatchedUnit(t, UnmatchedReason.Discarded));
            }

            if (st.Treated.Length > 0)
            {
                if (st.ControlCount == 0)
                {
                    foreach (int t in st.Treated)
                    {
                        r.Add(new UnmatchedUnit(t, UnmatchedReason.NoControlInStratum));
                    }
                }
                else if (PropensityScores is not null)
                {
                    ScoreKernel.Match(st, PropensityScores, ControlValues, ControlRanks, Options.Ratio, Options.Replace, caliper, r);
                }
                else
                {
                    var index = (scratch[worker] ??= new StratumIndexes()).For(st.ControlCount, Dims);
                    CoordinateKernel.Match(index, st, Coordinates!, ControlValues, ControlRanks, Dims, Options.Ratio, Options.Replace, r);
                }
            }

            results[s] = r;
        });

        int pairCount = 0;
        int unmatchedCount = 0;
        foreach (var r in results)
        {
            pairCount += r.PairCount;
            unmatchedCount += r.UnmatchedCount;
        }

        // Pairs by (treated row, slot) and unmatched units by row: both keys are distinct, so this order is unique.
        var pairKeys = new long[pairCount];
        var pairFrom = new int[pairCount];
        var unmatchedKeys = new long[unmatchedCount];
        var unmatchedFrom = new int[unmatchedCount];
        var flatPairs = new MatchedPair[pairCount];
        var flatUnmatched = new UnmatchedUnit[unmatchedCount];
        int pi = 0;
        int ui = 0;
        foreach (var r in results)
        {
            Array.Copy(r.Pairs, 0, flatPairs, pi, r.PairCount);
            for (int k = 0; k < r.PairCount; k++, pi++)
            {
                pairKeys[pi] = ((long)flatPairs[pi].Treated << 32) | (uint)flatPairs[pi].Slot;
                pairFrom[pi] = pi;
            }

            Array.Copy(r.Unmatched, 0, flatUnmatched, ui, r.UnmatchedCount);
            for (int k = 0; k < r.UnmatchedCount; k++, ui++)
            {
                unmatchedKeys[ui] = flatUnmatched[ui].Row;
                unmatchedFrom[ui] = ui;
            }
        }

        PrimitiveSort.Sort(pairKeys, pairFrom);
        PrimitiveSort.Sort(unmatchedKeys, unmatchedFrom);
        var pairs = new MatchedPair[pairCount];
        for (int k = 0; k < pairCount; k++)
        {
            pairs[k] = flatPairs[pairFrom[k]];
        }

        var unmatched = new UnmatchedUnit[unmatchedCount];
        for (int k = 0; k < unmatchedCount; k++)
        {
            unmatched[k] = flatUnmatched[unmatchedFrom[k]];
        }

        return new MatchResult
        {
            Pairs = pairs,
            Treated = Data.Treated,
            Unmatched = unmatched,
            PropensityScores = PropensityScores,
            Discarded = Discarded,
            PropensityModel = PropensityModel,
            CaliperWidth = CaliperWidth,
            RowsInStrataWithoutTreated = RowsInStrataWithoutTreated,
            DistanceFallback = DistanceFallback,
        };
    }

    /// <summary>
    /// Builds the plan (see <see cref="NearestNeighbourMatcher.Prepare"/>), without validating the options (the
    /// callers have): 1. the exact strata and the rows that take part; 2. the distance (propensity model, discarding
    /// and caliper width, or the covariate transform); 3. the matching order; 4. the rows of each stratum, with the
    /// controls' values laid out contiguously; 5. each stratum's treated units in matching order.
    /// </summary>
    internal static MatchingPlan Create(MatchingData data, MatchingOptions options)
    {
        int n = data.RowCount;
        int[] rank = data.TieRank ?? Identity(n);
        var layout = FindStrata(data, data.TieRank is null ? rank : null);
        var discarded = new bool[n];
        DistanceModel distance;
        StratumSplit split;
        if (options.Distance == DistanceMetric.Glm)
        {
            distance = EstimateDistance(data, options, layout.Rows, discarded);
            split = SplitByStratum(data, layout, discarded, distance.Scores, data.TieRank, null);
        }
        else
        {
            // Covariate distances discard nothing: the rows are split first, and the coordinates computed straight
            // into their places (controls stratum by stratum, then the treated), which are the control values. The
            // slots are written over the rows' strata (not read after the split): no other array of n.
            var slots = layout.StratumOfRow;
            split = SplitByStratum(data, layout, discarded, null, data.TieRank, slots);
            var (coords, dims) = CovariateTransform.Transform(data, options.Distance, layout.Rows, slots, out var fallback, options.MaxDegreeOfParallelism, options.DistanceTerms);
            distance = new DistanceModel(null, null, null, coords, dims, fallback);
            split = split with { ControlValues = coords };
        }

        var order = options.Replace ? MatchOrder.Data : options.EffectiveOrder;
        int[]? randomKey = order == MatchOrder.Random ? RandomOrderKeys(data, layout.Rows, rank, options.Seed) : null;
        var strata = OrderStrata(layout, split, order, rank, distance.Scores, randomKey);
        return new MatchingPlan(data, options, strata, rank)
        {
            PropensityModel = distance.Model,
            PropensityScores = distance.Scores,
            Discarded = discarded,
            Active = layout.Active,
            CaliperWidth = distance.CaliperWidth,
            RowsInStrataWithoutTreated = n - layout.Rows.Length,
            Coordinates = distance.Coordinates,
            Dims = distance.Dims,
            DistanceFallback = distance.Fallback,
            ControlValues = split.ControlValues,
            ControlRanks = split.ControlRanks,
        };
    }

    /// <summary>Step 1: the exact strata (dense index by ascending key), each row's stratum, the strata's sizes and
    /// treated counts, and the rows that take part (those of strata holding a treated unit), in row order
    /// (<paramref name="identity"/>, 0..n-1, when given and every row takes part).</summary>
    private static StrataLayout FindStrata(MatchingData data, int[]? identity)
    {
        int n = data.RowCount;
        var treated = data.Treated;
        int[] stratumOfRow;
        int[] keys;
        int[] size;
        int[] treatedCount;
        if (data.Strata is null)
        {
            stratumOfRow = new int[n];
            keys = [0];
            int t = 0;
            foreach (bool x in treated)
            {
                t += x ? 1 : 0;
            }

            size = [n];
            treatedCount = [t];
        }
        else
        {
            stratumOfRow = GC.AllocateUninitializedArray<int>(n); // all written
            keys = DenseStrata(data.Strata, treated, stratumOfRow, out size, out treatedCount);
        }

        var hasTreated = new bool[keys.Length];
        int activeCount = 0;
        for (int s = 0; s < keys.Length; s++)
        {
            hasTreated[s] = treatedCount[s] > 0;
            activeCount += hasTreated[s] ? size[s] : 0;
        }

        var active = new bool[n];
        int[] rows;
        if (activeCount == n)
        {
            for (int i = 0; i < n; i++)
            {
                active[i] = true;
            }

            rows = identity ?? Identity(n);
        }
        else
        {
            rows = new int[activeCount];
            for (int i = 0, k = 0; i < n; i++)
            {
                bool a = hasTreated[stratumOfRow[i]];
                active[i] = a;
                if (a)
                {
                    rows[k++] = i;
                }
            }
        }

        return new StrataLayout(keys, stratumOfRow, hasTreated, active, rows, size, treatedCount);
    }

    /// <summary>
    /// Step 2 with <see cref="DistanceMetric.Glm"/>: the propensity model and scores, estimated on the rows taking
    /// part, common-support discarding (into <paramref name="discarded"/>) and the caliper width (the caliper times the
    /// SD of the non-discarded scores). (Covariate distances: <see cref="CovariateTransform.Transform"/>, after step 4.)
    /// </summary>
    private static DistanceModel EstimateDistance(MatchingData data, MatchingOptions options, int[] rows, bool[] discarded)
    {
        var (model, scores) = FitPropensity(data, rows, options.MaxDegreeOfParallelism);
        Discard(data, rows, scores, options.Discard, discarded);
        double? caliperWidth = options.Caliper is double c ? c * StandardDeviation(rows, scores, discarded) : null;
        return new DistanceModel(model, scores, caliperWidth, null, 0, DistanceFallback.None);
    }

    /// <summary>Step 3, for <see cref="MatchOrder.Random"/>: one permutation of all treated rows taking part (taken
    /// in tie-rank order) from the seed; per row its position in it.</summary>
    private static int[] RandomOrderKeys(MatchingData data, int[] rows, int[] rank, ulong seed)
    {
        var treatedRows = new List<int>();
        foreach (int r in rows)
        {
            if (data.Treated[r])
            {
                treatedRows.Add(r);
            }
        }

        var arr = treatedRows.ToArray();
        Array.Sort(arr, (a, b) => rank[a].CompareTo(rank[b]));
        var rng = new SplitMix64(seed);
        for (int i = arr.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (arr[i], arr[j]) = (arr[j], arr[i]);
        }

        var randomKey = new int[data.RowCount];
        for (int i = 0; i < arr.Length; i++)
        {
            randomKey[arr[i]] = i;
        }

        return randomKey;
    }

    /// <summary>
    /// Step 4: the rows of each stratum holding a treated unit (counting sort, row order kept): treated, controls and
    /// discarded treated; the controls' scores and tie ranks copied stratum by stratum, contiguous, in one pass in row
    /// order (sequential reads), so the kernels never gather scattered rows. That pass places each control once, in
    /// one array of all controls stratum by stratum, which the strata share (<see cref="StratumRows.Controls"/>) and
    /// which is itself the controls' tie ranks when the rank is the row number (<paramref name="tieRank"/> null;
    /// else they are read in its order). Without <paramref name="scores"/> (a
    /// covariate distance, nothing discarded), per position of <c>layout.Rows</c> its slot in the coordinates
    /// instead, into <paramref name="slots"/>: the controls stratum by stratum, then the treated stratum by stratum.
    /// <paramref name="slots"/> may be <c>layout.StratumOfRow</c> itself, which it then overwrites: position k's
    /// slot is written after its row's stratum is read, and the rows are ascending (row at position k &gt;= k), so
    /// every stratum read later is still there.
    /// </summary>
    private static StratumSplit SplitByStratum(MatchingData data, StrataLayout layout, bool[] discarded, double[]? scores, int[]? tieRank, int[]? slots)
    {
        int ns = layout.Keys.Length;
        var stratumOfRow = layout.StratumOfRow;
        var hasTreated = layout.HasTreated;
        var tCount = new int[ns];
        var cCount = new int[ns];
        var dCount = new int[ns];
        var treated = data.Treated;
        var rows = layout.Rows;
        if (scores is null)
        {
            // Only the propensity score discards: the counts of step 1.
            for (int s = 0; s < ns; s++)
            {
                tCount[s] = layout.TreatedCount[s];
                cCount[s] = layout.Size[s] - layout.TreatedCount[s];
            }
        }
        else
        {
            foreach (int r in rows)
            {
                int s = stratumOfRow[r];
                if (!discarded[r])
                {
                    (treated[r] ? tCount : cCount)[s]++;
                }
                else if (treated[r])
                {
                    dCount[s]++;
                }
            }
        }

        var tLists = new int[ns][];
        var dLists = new int[ns][];
        for (int s = 0; s < ns; s++)
        {
            if (hasTreated[s])
            {
                tLists[s] = new int[tCount[s]];
                dLists[s] = new int[dCount[s]];
            }
        }

        // Where each stratum's controls start, and (cNext) where its next control goes.
        var cStart = new int[ns];
        int totalControls = 0;
        for (int s = 0; s < ns; s++)
        {
            cStart[s] = totalControls;
            totalControls += hasTreated[s] ? cCount[s] : 0;
        }

        // Where each stratum's treated start among the treated slots (after all controls), with coordinates.
        int[]? tStart = null;
        if (slots is not null)
        {
            tStart = new int[ns];
            for (int s = 0, at = totalControls; s < ns; s++)
            {
                tStart[s] = at;
                at += hasTreated[s] ? tCount[s] : 0;
            }
        }

        var controlValues = scores is null ? [] : new double[totalControls];
        var controls = new int[totalControls];
        var cNext = (int[])cStart.Clone();
        Array.Clear(tCount);
        Array.Clear(dCount);
        for (int k = 0; k < rows.Length; k++)
        {
            int r = rows[k];
            int s = stratumOfRow[r];
            if (discarded[r])
            {
                if (treated[r])
                {
                    dLists[s][dCount[s]++] = r;
                }
            }
            else if (treated[r])
            {
                int t = tCount[s]++;
                tLists[s][t] = r;
                if (slots is not null)
                {
                    slots[k] = tStart![s] + t;
                }
            }
            else
            {
                int g = cNext[s]++;
                controls[g] = r;
                if (slots is not null)
                {
                    slots[k] = g;
                }
                else
                {
                    controlValues[g] = scores![r];
                }
            }
        }

        var controlRanks = controls;
        if (tieRank is not null)
        {
            controlRanks = new int[totalControls];
            for (int g = 0; g < totalControls; g++)
            {
                controlRanks[g] = tieRank[controls[g]];
            }
        }

        return new StratumSplit(tLists, controls, cCount, dLists, cStart, controlValues, controlRanks, tStart);
    }

    /// <summary>Step 5: the strata holding a treated unit, by ascending key; in each the treated units sorted in
    /// matching order (largest or smallest score, the random permutation, or tie rank; ties by tie rank), the
    /// controls in row order (the kernels order them) and the discarded treated by tie rank.</summary>
    private static StratumRows[] OrderStrata(StrataLayout layout, StratumSplit split, MatchOrder order, int[] rank, double[]? scores, int[]? randomKey)
    {
        var strata = new List<StratumRows>();
        Comparison<int>? byScore = order switch
        {
            MatchOrder.Largest => (a, b) => scores![a] != scores[b] ? scores[b].CompareTo(scores[a]) : rank[a].CompareTo(rank[b]),
            MatchOrder.Smallest => (a, b) => scores![a] != scores[b] ? scores[a].CompareTo(scores[b]) : rank[a].CompareTo(rank[b]),
            _ => null,
        };
        int[] key = order == MatchOrder.Random ? randomKey! : rank; // distinct per treated row
        for (int s = 0; s < layout.Keys.Length; s++)
        {
            if (!layout.HasTreated[s])
            {
                continue;
            }

            var t = split.Treated[s];
            int[]? tSlots = null;
            if (byScore is not null)
            {
                Array.Sort(t, byScore);
            }
            else if (split.TreatedSlotStart is { } slotStart)
            {
                // The treated's slots follow them: slot = the stratum's first treated slot + position in row order.
                tSlots = SortByKeyWithSlots(t, key, slotStart[s]);
            }
            else
            {
                SortByKey(t, key);
            }

            var dt = split.DiscardedTreated[s];
            SortByKey(dt, rank);
            strata.Add(new StratumRows(layout.Keys[s], t, split.Controls, split.ControlStart[s], split.ControlCount[s], dt, tSlots));
        }

        return [.. strata];
    }

    /// <summary>Sorts <paramref name="rows"/> by <paramref name="key"/>[row] (distinct keys, so any sort gives this
    /// order; non-generic, nothing compiled at run time).</summary>
    private static void SortByKey(int[] rows, int[] key)
    {
        var keys = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            keys[i] = key[rows[i]];
        }

        PrimitiveSort.Sort(keys, rows, 0, rows.Length);
    }

    /// <summary>As <see cref="SortByKey"/>, returning per sorted row its slot: <paramref name="firstSlot"/> plus its
    /// position in <paramref name="rows"/> before sorting.</summary>
    private static int[] SortByKeyWithSlots(int[] rows, int[] key, int firstSlot)
    {
        var keys = new int[rows.Length];
        var from = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            keys[i] = key[rows[i]];
            from[i] = i;
        }

        PrimitiveSort.Sort(keys, from, 0, rows.Length);
        var original = (int[])rows.Clone();
        var slots = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = original[from[i]];
            slots[i] = firstSlot + from[i];
        }

        return slots;
    }

    /// <summary>The distinct stratum keys in ascending order, each row's index into them, and per stratum its number
    /// of rows (<paramref name="size"/>) and of treated rows, counted in the pass that writes the indexes (packed,
    /// <see cref="RowCount"/>).</summary>
    private static int[] DenseStrata(int[] strata, bool[] treated, int[] stratumOfRow, out int[] size, out int[] treatedCount)
    {
        int n = strata.Length;
        if (n == 0)
        {
            size = [];
            treatedCount = [];
            return [];
        }

        var (min, max) = MinMax(strata);
        long range = (long)max - min + 1;
        int[] keys;
        long[] packed;
        if (range <= (4L * n) + 1024)
        {
            // Keys in a small range: a lookup table instead of hashing every row.
            var index = new int[range];
            foreach (int k in strata)
            {
                index[k - min] = 1;
            }

            int count = 0;
            for (long v = 0; v < range; v++)
            {
                index[v] = index[v] != 0 ? ++count : 0;
            }

            keys = new int[count];
            for (long v = 0; v < range; v++)
            {
                if (index[v] != 0)
                {
                    keys[index[v] - 1] = (int)(v + min);
                }
            }

            packed = new long[count];
            for (int i = 0; i < n; i++)
            {
                int s = index[strata[i] - min] - 1;
                stratumOfRow[i] = s;
                packed[s] += RowCount(treated[i]);
            }

            (size, treatedCount) = Unpack(packed);
            return keys;
        }

        var set = new HashSet<int>(strata);
        keys = [.. set];
        Array.Sort(keys);
        var keyOf = new Dictionary<int, int>(keys.Length);
        for (int k = 0; k < keys.Length; k++)
        {
            keyOf[keys[k]] = k;
        }

        packed = new long[keys.Length];
        for (int i = 0; i < n; i++)
        {
            int s = keyOf[strata[i]];
            stratumOfRow[i] = s;
            packed[s] += RowCount(treated[i]);
        }

        (size, treatedCount) = Unpack(packed);
        return keys;
    }

    /// <summary>A row's share of its stratum's packed counts: one row (low 32 bits) and, when treated, one treated
    /// row (high 32 bits); one update per row counts both. At most int.MaxValue rows, so the low half never carries
    /// into the high one.</summary>
    private static long RowCount(bool treated) => 1 | ((long)(treated ? 1 : 0) << 32);

    /// <summary>Per stratum its rows and treated rows out of the packed counts (<see cref="RowCount"/>).</summary>
    private static (int[] Size, int[] TreatedCount) Unpack(long[] packed)
    {
        var size = new int[packed.Length];
        var treatedCount = new int[packed.Length];
        for (int s = 0; s < packed.Length; s++)
        {
            size[s] = (int)(packed[s] & uint.MaxValue);
            treatedCount[s] = (int)(packed[s] >> 32);
        }

        return (size, treatedCount);
    }

    /// <summary>The smallest and largest of <paramref name="values"/> (not empty), four lanes at a time (integers:
    /// any order gives the same).</summary>
    private static (int Min, int Max) MinMax(int[] values)
    {
        int min = int.MaxValue;
        int max = int.MinValue;
        int i = 0;
        if (Vector128.IsHardwareAccelerated && values.Length >= 4)
        {
            var vmin = Vector128.Create(int.MaxValue);
            var vmax = Vector128.Create(int.MinValue);
            ref int r = ref MemoryMarshal.GetArrayDataReference(values);
            for (; i + 4 <= values.Length; i += 4)
            {
                var v = Vector128.LoadUnsafe(ref r, (nuint)i);
                vmin = Vector128.Min(vmin, v);
                vmax = Vector128.Max(vmax, v);
            }

            for (int l = 0; l < 4; l++)
            {
                min = Math.Min(min, vmin.GetElement(l));
                max = Math.Max(max, vmax.GetElement(l));
            }
        }

        for (; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return (min, max);
    }

    private static int[] Identity(int n)
    {
        var r = new int[n];
        for (int i = 0; i < n; i++)
        {
            r[i] = i;
        }

        return r;
    }

    /// <summary>
    /// Fits the propensity model on <paramref name="rows"/>: numeric covariates as they are, categorical ones as
    /// treatment-contrast dummies (first level present dropped), as R's <c>model.matrix</c>. The dummies are never
    /// built: each factor goes to the fit as per-row level codes (<see cref="OneHotLogisticRegression"/>).
    /// </summary>
    private static (LogisticRegressionFit Model, double[] Scores) FitPropensity(MatchingData data, int[] rows, int threads)
    {
        var (cols, names) = CovariateTransform.NumericColumns(data, rows);

        var factors = new List<OneHotFactor>(data.Categorical.Count);
        foreach (var f in data.Categorical)
        {
            var present = CovariateTransform.LevelsPresent(f, rows);
            var column = new int[f.Levels.Count]; // level -> dummy column, -1 for the reference level or absent
            var dummyNames = new List<string>();
            bool first = true;
            for (int l = 0; l < f.Levels.Count; l++)
            {
                column[l] = -1;
                if (!present[l])
                {
                    continue;
                }

                if (first)
                {
                    first = false;
                    continue;
                }

                column[l] = dummyNames.Count;
                dummyNames.Add(f.Name + f.Levels[l]);
            }

            var codes = new int[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                codes[i] = column[f.Codes[rows[i]]];
            }

            factors.Add(new OneHotFactor(codes, dummyNames));
        }

        var y = new bool[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            y[i] = data.Treated[rows[i]];
        }

        var fit = OneHotLogisticRegression.Fit(y, cols, names, factors, threads);

        // The one-hot fit's fitted values are an array: read as one (through IReadOnlyList<double> a cold process would
        // first compile CoreLib's generic array accessor, and call it per row). When every row takes part (rows is
        // 0..n-1) they are the scores themselves, never written after (both are exposed read-only).
        var fitted = (double[])fit.Fitted;
        if (rows.Length == data.RowCount)
        {
            return (fit, fitted);
        }

        var scores = new double[data.RowCount];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = double.NaN;
        }

        for (int i = 0; i < rows.Length; i++)
        {
            scores[rows[i]] = fitted[i];
        }

        return (fit, scores);
    }

    /// <summary>MatchIt's <c>discard()</c>: outside the other group's (or the overlap of both groups') score range.</summary>
    private static void Discard(MatchingData data, int[] rows, double[] ps, CommonSupportDiscard option, bool[] discarded)
    {
        if (option == CommonSupportDiscard.None)
        {
            return;
        }

        double min0 = double.PositiveInfinity, max0 = double.NegativeInfinity;
        double min1 = double.PositiveInfinity, max1 = double.NegativeInfinity;
        foreach (int r in rows)
        {
            double v = ps[r];
            if (data.Treated[r])
            {
                min1 = Math.Min(min1, v);
                max1 = Math.Max(max1, v);
            }
            else
            {
                min0 = Math.Min(min0, v);
                max0 = Math.Max(max0, v);
            }
        }

        foreach (int r in rows)
        {
            double v = ps[r];
            discarded[r] = option switch
            {
                CommonSupportDiscard.Both => v < Math.Max(min0, min1) || v > Math.Min(max0, max1),
                CommonSupportDiscard.Control => v < min1 || v > max1,
                CommonSupportDiscard.Treated => v < min0 || v > max0,
                _ => false,
            };
        }
    }

    /// <summary>R's <c>sd(distance[!discarded])</c> over the rows taking part.</summary>
    private static double StandardDeviation(int[] rows, double[] ps, bool[] discarded)
    {
        double sum = 0;
        int count = 0;
        foreach (int r in rows)
        {
            if (!discarded[r])
            {
                sum += ps[r];
                count++;
            }
        }

        if (count < 2)
        {
            // One row at most: a treated unit without any control, so no caliper is ever applied (R's sd() is NA).
            return 0;
        }

        double mean = sum / count;
        double ss = 0;
        foreach (int r in rows)
        {
            if (!discarded[r])
            {
                ss += (ps[r] - mean) * (ps[r] - mean);
            }
        }

        return Math.Sqrt(ss / (count - 1));
    }
}

/// <summary>Step 1 of <see cref="MatchingPlan.Create"/>: the exact strata and the rows that take part.</summary>
/// <param name="Keys">The distinct stratum keys, ascending ([0] without strata).</param>
/// <param name="StratumOfRow">Per row, its index into <paramref name="Keys"/> (with a covariate distance overwritten
/// by the split with the slots of the coordinates).</param>
/// <param name="HasTreated">Per stratum, true when it holds a treated unit.</param>
/// <param name="Active">Per row, true when it takes part (its stratum holds a treated unit).</param>
/// <param name="Rows">The rows taking part, in row order.</param>
/// <param name="Size">Per stratum, its number of rows.</param>
/// <param name="TreatedCount">Per stratum, its number of treated rows.</param>
internal sealed record StrataLayout(int[] Keys, int[] StratumOfRow, bool[] HasTreated, bool[] Active, int[] Rows, int[] Size, int[] TreatedCount);

/// <summary>Step 2 of <see cref="MatchingPlan.Create"/>: the estimated distance.</summary>
/// <param name="Model">The propensity model (glm), else null.</param>
/// <param name="Scores">Per row the propensity score (NaN for rows not taking part) (glm), else null.</param>
/// <param name="CaliperWidth">The caliper in score units (glm with a caliper), else null.</param>
/// <param name="Coordinates">Per row its <paramref name="Dims"/> transformed covariates (other distances), else null.</param>
/// <param name="Dims">Coordinates per row (0 for glm).</param>
/// <param name="Fallback">What was used when the covariate distance could not be.</param>
internal sealed record DistanceModel(LogisticRegressionFit? Model, double[]? Scores, double? CaliperWidth, double[]? Coordinates, int Dims, DistanceFallback Fallback);

/// <summary>Step 4 of <see cref="MatchingPlan.Create"/>: per stratum (null where it holds no treated unit) its
/// rows, and the controls' values and tie ranks laid out stratum after stratum.</summary>
/// <param name="Treated">Treated rows taking part, per stratum, row order.</param>
/// <param name="Controls">Control rows taking part (not discarded), stratum by stratum, each in row order (laid out
/// as <paramref name="ControlValues"/>).</param>
/// <param name="ControlCount">Per stratum, its number of controls in <paramref name="Controls"/>.</param>
/// <param name="DiscardedTreated">Discarded treated rows, per stratum, row order.</param>
/// <param name="ControlStart">Per stratum, where its controls start in <paramref name="ControlValues"/>.</param>
/// <param name="ControlValues">The controls' coordinates or scores, contiguous per stratum.</param>
/// <param name="ControlRanks">The controls' tie ranks, laid out as <paramref name="ControlValues"/>.</param>
/// <param name="TreatedSlotStart">With coordinates: per stratum, the slot of its first treated row (row order).</param>
internal sealed record StratumSplit(int[][] Treated, int[] Controls, int[] ControlCount, int[][] DiscardedTreated, int[] ControlStart, double[] ControlValues, int[] ControlRanks, int[]? TreatedSlotStart);
