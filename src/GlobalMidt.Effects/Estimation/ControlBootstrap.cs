using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// One outcome of a matched sample for <see cref="ControlBootstrap"/>: per participant its baseline and measurement
/// values, per pair entry (CSR offsets per participant) its control's values and the index of that control among
/// the sample's distinct controls, so a control used by several participants carries one weight in all of them.
/// </summary>
internal sealed class ControlOutcome
{
    /// <summary>Builds the outcome.</summary>
    /// <param name="y0">Per participant, its baseline value.</param>
    /// <param name="y1">Per participant, its measurement value.</param>
    /// <param name="offsets">CSR offsets (participants + 1) into the entries.</param>
    /// <param name="c0">Per entry, the control's baseline value.</param>
    /// <param name="c1">Per entry, the control's measurement value (bias-adjusted where the measurement adjusts).</param>
    /// <param name="distinct">Per entry, the index of its control among the distinct controls.</param>
    public ControlOutcome(double[] y0, double[] y1, int[] offsets, double[] c0, double[] c1, int[] distinct)
    {
        if (y1.Length != y0.Length || offsets.Length != y0.Length + 1 || c0.Length != offsets[^1] || c1.Length != c0.Length || distinct.Length != c0.Length)
        {
            throw new ArgumentException("Inconsistent lengths: y0, y1 per participant, offsets one more, c0, c1 and distinct per entry.");
        }

        for (int t = 0; t < y0.Length; t++)
        {
            if (offsets[t + 1] <= offsets[t])
            {
                throw new ArgumentException("Every matched participant needs at least one control.", nameof(offsets));
            }
        }

        Y0 = y0;
        Y1 = y1;
        Offsets = offsets;
        C0 = c0;
        C1 = c1;
        Distinct = distinct;
    }

    public double[] Y0 { get; }

    public double[] Y1 { get; }

    public int[] Offsets { get; }

    public double[] C0 { get; }

    public double[] C1 { get; }

    public int[] Distinct { get; }

    public int Count => Y0.Length;

    /// <summary>One outcome of a group's matched sample: its participants, controls and distinct controls.</summary>
    /// <param name="sample">The matched sample.</param>
    /// <param name="baseline">Outcome at baseline per register firm.</param>
    /// <param name="measurement">Outcome at measurement per register firm.</param>
    /// <param name="adjustment">Per pair entry, a factor on the control's measurement value (bias adjustment); null
    /// for none.</param>
    public static ControlOutcome From(MatchedSample sample, double[] baseline, double[] measurement, double[]? adjustment) =>
        FromUnits(baseline, measurement, sample.ParticipantFirms, sample.Offsets, sample.ControlFirms, adjustment, sample.Distinct.OfEntry);

    /// <summary>An outcome from unit indices into <paramref name="baseline"/> and <paramref name="measurement"/>.</summary>
    public static ControlOutcome FromUnits(double[] baseline, double[] measurement, int[] participants, int[] offsets, int[] controls, double[]? adjustment, int[] distinct)
    {
        int n = participants.Length;
        var y0 = new double[n];
        var y1 = new double[n];
        for (int t = 0; t < n; t++)
        {
            y0[t] = baseline[participants[t]];
            y1[t] = measurement[participants[t]];
        }

        var c0 = new double[controls.Length];
        var c1 = new double[controls.Length];
        for (int j = 0; j < controls.Length; j++)
        {
            c0[j] = baseline[controls[j]];
            c1[j] = adjustment is null ? measurement[controls[j]] : measurement[controls[j]] * adjustment[j];
        }

        return new ControlOutcome(y0, y1, offsets, c0, c1, distinct);
    }
}

/// <summary>
/// The bootstrap of the effect that resamples the controls too (<see cref="BootstrapScheme.Controls"/>): each
/// replicate draws the participants with replacement (n draws of n, as <see cref="EffectBootstrap"/>) and gives
/// every distinct control j of the group one weight W_j = 1 + s_j (E_j - 1), E_j ~ Exp(1) (the Bayesian bootstrap's),
/// the same in every participant that uses it; s_j from <see cref="VarianceCorrectedScales"/> (or 1: plain Exp(1)
/// weights). A participant's controls enter as their W-weighted mean: the aggregate estimator sums
/// n_t x (Σ W_j Y_j / Σ W_j) over the participants' controls, the pairwise estimator uses the counterfactual
/// Y0_t x Σ W_j Y1_j / Σ W_j Y0_j (Y0_t + Σ W_j (Y1_j - Y0_j) / Σ W_j when the weighted baseline is 0). With every
/// W_j = 1 and every n_t = 1 it is the estimate. A control used by K participants moves all K counterfactuals at
/// once, so its variance enters with K^2 (Abadie and Imbens 2006, 2008; the weighted bootstrap of matching
/// estimators, Otsu and Rai 2017), which the matched-set bootstrap, drawing it with each participant separately,
/// leaves out.
/// </summary>
/// <remarks>
/// Replicate b draws from its own generator (<see cref="Xoshiro256StarStar.ForStream"/> of the seed and b) and sums
/// participant after participant, entry after entry, so its effect does not depend on the thread that computes it:
/// the intervals are bit for bit the same on any number of threads. A replicate costs O(participants + pair entries
/// + distinct controls) per outcome. The replicates are computed eight at a time (one vector of doubles per pair
/// entry, each lane summed in the order of <see cref="ReplicateEffects"/>, so each lane's bits are those of the
/// replicate alone); a control of scale 0 (used by one participant) has weight 1 in every replicate and is not
/// drawn: a participant's weight-1 controls are summed once, and one whose controls all have scale 0 has the same
/// weighted means in every replicate (computed once). The exponentials come from the ziggurat method
/// (<see cref="Xoshiro256StarStar.NextStandardExponential"/>) since 2026-11-30; before, every distinct control drew
/// -log(U), scale 0 or not: the same distribution, another random stream, so intervals moved within their Monte
/// Carlo error (docs/performance.md).
/// </remarks>
internal static class ControlBootstrap
{
    /// <summary>Percentile intervals (R's <c>quantile(type = 7)</c>) of the effect of each outcome, all outcomes
    /// resampled by the same participant counts and control weights.</summary>
    /// <param name="outcomes">The outcomes (same participants, same order; entries may differ per outcome).</param>
    /// <param name="distinctControls">Number of distinct controls (every entry's index lies below it).</param>
    /// <param name="replicates">Replicates (at least 2).</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="estimator">The effect formula of the outcomes without their own effect.</param>
    /// <param name="maxDegreeOfParallelism">Threads (0 = all cores); the result does not depend on it.</param>
    /// <param name="effects">Per outcome, the effect of a replicate's aggregate sums (the effect chain's rules), or
    /// null for <paramref name="estimator"/>'s; null for none.</param>
    /// <param name="weightScales">Per distinct control, s_j in [0, 1]: its weight is 1 + s_j (E_j - 1), E_j ~ Exp(1)
    /// (variance s_j^2, never negative); null for s_j = 1 (<see cref="VarianceCorrectedScales"/>).</param>
    public static (double Low, double High)[] PercentileIntervals(IReadOnlyList<ControlOutcome> outcomes, int distinctControls, int replicates, double level, ulong seed, EffectEstimator estimator, int maxDegreeOfParallelism, IReadOnlyList<Func<GrowthStatistics, double>?>? effects = null, double[]? weightScales = null)
    {
        if (weightScales is not null && weightScales.Length != distinctControls)
        {
            throw new ArgumentException("One weight scale per distinct control is needed.", nameof(weightScales));
        }

        ArgumentNullException.ThrowIfNull(outcomes);
        EffectBootstrap.ThrowIfBadReplicatesOrLevel(replicates, level);

        if (effects is not null && effects.Count != outcomes.Count)
        {
            throw new ArgumentException("One effect (or null) per outcome is needed.", nameof(effects));
        }

        if (outcomes.Count == 0)
        {
            return [];
        }

        int n = outcomes[0].Count;
        foreach (var o in outcomes)
        {
            if (o.Count != n)
            {
                throw new ArgumentException("All outcomes must come from the same matched participants.", nameof(outcomes));
            }

            foreach (int d in o.Distinct)
            {
                if ((uint)d >= (uint)distinctControls)
                {
                    throw new ArgumentException("An entry's distinct control lies outside the distinct controls.", nameof(outcomes));
                }
            }
        }

        if (n == 0)
        {
            return EffectBootstrap.NoIntervals(outcomes.Count);
        }

        var draws = EffectBootstrap.NewDraws(outcomes.Count, replicates);

        // Replicates in blocks of Lanes: each block's draws laid out lane-interleaved (participant t's counts at
        // t * Lanes, control j's weights at j * Lanes), so one pass over the pair entries sums all lanes at once
        // (one vector per entry), each lane in the order of ReplicateEffects: the same bits as one replicate alone.
        int blocks = (replicates + Lanes - 1) / Lanes;
        var groups = StructureGroups(outcomes);
        var plan = new BlockPlan(outcomes, groups, distinctControls, weightScales);
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : -1 };
        Parallel.For(
            0,
            blocks,
            po,
            () => new BlockBuffers(n, plan.WeightSlots, outcomes.Count),
            (block, _, buffers) =>
            {
                int first = block * Lanes;
                int lanes = Math.Min(Lanes, replicates - first);
                DrawBlock(seed, first, lanes, plan, buffers);
                ReplicateBlock(outcomes, groups, plan, buffers, estimator, effects);
                for (int l = 0; l < lanes; l++)
                {
                    for (int k = 0; k < outcomes.Count; k++)
                    {
                        draws[k][first + l] = buffers.Effects[(k * Lanes) + l];
                    }
                }

                return buffers;
            },
            _ => { });

        return EffectBootstrap.IntervalsOfDraws(draws, level);
    }

    /// <summary>
    /// Per distinct control j, s_j = sqrt(1 - Σ_t a_tj^2 / (Σ_t a_tj)^2), a_tj the share 1/k_t it has in each
    /// participant t that uses it. Resampling the matched sets already puts Σ_t a_tj^2 of the control's variance into
    /// the replicates (each use as if it were another firm); Abadie and Imbens's variance has (Σ_t a_tj)^2 = K_j^2.
    /// A weight of variance s_j^2 adds the difference: a control used once gets s_j = 0 (its variance is counted
    /// by its participant's draw), one used by many participants s_j near 1.
    /// </summary>
    /// <param name="offsets">CSR offsets of the participants' entries.</param>
    /// <param name="pairShares">Per participant, its share 1/k.</param>
    /// <param name="distinct">Per entry, its distinct control.</param>
    /// <param name="distinctControls">Number of distinct controls.</param>
    internal static double[] VarianceCorrectedScales(ReadOnlySpan<int> offsets, ReadOnlySpan<double> pairShares, ReadOnlySpan<int> distinct, int distinctControls)
    {
        var k = new double[distinctControls];
        var k2 = new double[distinctControls];
        for (int t = 0; t < pairShares.Length; t++)
        {
            double a = pairShares[t];
            for (int j = offsets[t]; j < offsets[t + 1]; j++)
            {
                k[distinct[j]] += a;
                k2[distinct[j]] += a * a;
            }
        }

        var scales = new double[distinctControls];
        for (int j = 0; j < distinctControls; j++)
        {
            scales[j] = k[j] > 0 ? Math.Sqrt(Math.Max(0, 1 - (k2[j] / (k[j] * k[j])))) : 0;
        }

        return scales;
    }

    /// <summary>Replicates summed together in one pass over the pair entries (one <see cref="Vector512{T}"/> of
    /// doubles; their draws from two four-lane generators). Eight instead of four halve the passes over the entries:
    /// 32,000 participants, 999 replicates, one thread: 450-680 -> 330-550 ms (2026-11-30, two such processes at
    /// once, alternating builds); 1M firms: measure 1.43-1.47x -> 1.34-1.42x gzip -dc (medians of two sets of six
    /// rounds). Where Vector512 is not accelerated it runs as two halves, the same bits.</summary>
    private const int Lanes = 2 * Xoshiro256StarStarLanes.Count;

    /// <summary>The outcomes in passes of at most two that share their entries' layout (offsets and distinct
    /// controls, as employment and turnover of one sample do), so a pass reads each entry's weights once.</summary>
    private static int[][] StructureGroups(IReadOnlyList<ControlOutcome> outcomes)
    {
        var passes = new List<int[]>();
        var done = new bool[outcomes.Count];
        for (int k = 0; k < outcomes.Count; k++)
        {
            if (done[k])
            {
                continue;
            }

            done[k] = true;
            int partner = -1;
            for (int m = k + 1; m < outcomes.Count && partner < 0; m++)
            {
                if (!done[m] && ReferenceEquals(outcomes[m].Offsets, outcomes[k].Offsets) && ReferenceEquals(outcomes[m].Distinct, outcomes[k].Distinct))
                {
                    partner = m;
                    done[m] = true;
                }
            }

            passes.Add(partner < 0 ? [k] : [k, partner]);
        }

        return [.. passes];
    }

    /// <summary>A block's lane-interleaved draws and per-lane sums (one per thread).</summary>
    private sealed class BlockBuffers(int participants, int slots, int outcomes)
    {
        /// <summary>Per participant and lane, its count (lane-interleaved), read as doubles eight at a time.</summary>
        public int[] Draws { get; } = new int[participants * Lanes];

        /// <summary>Per weight slot and lane, the weight; slot 0 (the controls of scale 0) stays 1.</summary>
        public double[] Weights { get; } = NewWeights(slots);

        /// <summary>Per outcome, sum (p0, p1, s0, s1, pairwise) and lane: at ((k * 5) + sum) * Lanes + l.</summary>
        public double[] Sums { get; } = new double[outcomes * Lanes * 5];

        public double[] Effects { get; } = new double[outcomes * Lanes];

        private static double[] NewWeights(int slots)
        {
            var w = new double[slots * Lanes];
            w.AsSpan(0, Lanes).Fill(1);
            return w;
        }
    }

    /// <summary>
    /// What every block shares: each distinct control's weight slot (0 for a control of scale 0, whose weight
    /// 1 + 0 (E - 1) is 1 exactly in every replicate and is not drawn; 1, 2, ... for the others in control order, one
    /// draw each); per participant the sums over its entries of weight 1, the same in every replicate, and its other
    /// entries (slot and values), the only ones a replicate walks.
    /// </summary>
    private sealed class BlockPlan
    {
        public BlockPlan(IReadOnlyList<ControlOutcome> outcomes, int[][] passes, int distinctControls, double[]? weightScales)
        {
            var slotOf = new int[distinctControls];
            var scales = new List<double>();
            for (int j = 0; j < distinctControls; j++)
            {
                if (weightScales is not null && weightScales[j] == 0)
                {
                    continue;
                }

                scales.Add(weightScales?[j] ?? 1);
                slotOf[j] = scales.Count;
            }

            Scales = weightScales is null ? null : [.. scales];
            WeightSlots = scales.Count + 1;
            Offsets = new int[passes.Length][];
            Slots = new int[passes.Length][];
            Partial = new double[outcomes.Count][];
            ConstantTerms = new double[outcomes.Count][];
            C0 = new double[outcomes.Count][];
            C1 = new double[outcomes.Count][];
            for (int p = 0; p < passes.Length; p++)
            {
                var first = outcomes[passes[p][0]];
                var offsets = new int[first.Count + 1];
                var drawn = new List<int>();
                for (int t = 0; t < first.Count; t++)
                {
                    for (int e = first.Offsets[t]; e < first.Offsets[t + 1]; e++)
                    {
                        if (slotOf[first.Distinct[e]] != 0)
                        {
                            drawn.Add(e);
                        }
                    }

                    offsets[t + 1] = drawn.Count;
                }

                Offsets[p] = offsets;
                Slots[p] = [.. drawn.Select(e => slotOf[first.Distinct[e]])];
                foreach (int k in passes[p])
                {
                    // The weight-1 entries' sums, in entry order as ReplicateEffects forms them, and the other
                    // entries' values side by side.
                    var o = outcomes[k];
                    var sums = new double[o.Count * 3];
                    for (int t = 0; t < o.Count; t++)
                    {
                        double w0 = 0, w1 = 0, sw = 0;
                        for (int e = o.Offsets[t]; e < o.Offsets[t + 1]; e++)
                        {
                            if (slotOf[o.Distinct[e]] == 0)
                            {
                                w0 += o.C0[e];
                                w1 += o.C1[e];
                                sw += 1;
                            }
                        }

                        sums[t * 3] = w0;
                        sums[(t * 3) + 1] = w1;
                        sums[(t * 3) + 2] = sw;
                    }

                    Partial[k] = sums;
                    var terms = new double[o.Count * 3];
                    for (int t = 0; t < o.Count; t++)
                    {
                        if (offsets[t + 1] == offsets[t])
                        {
                            (terms[t * 3], terms[(t * 3) + 1], terms[(t * 3) + 2]) = Terms(o.Y0[t], sums[t * 3], sums[(t * 3) + 1], sums[(t * 3) + 2]);
                        }
                    }

                    ConstantTerms[k] = terms;
                    C0[k] = [.. drawn.Select(e => o.C0[e])];
                    C1[k] = [.. drawn.Select(e => o.C1[e])];
                }
            }
        }

        /// <summary>Weight slots (slot 0 included).</summary>
        public int WeightSlots { get; }

        /// <summary>Per slot from 1, its scale; null for plain Exp(1) weights.</summary>
        public double[]? Scales { get; }

        /// <summary>Per pass, CSR offsets per participant into its drawn entries (those whose control has a slot).</summary>
        public int[][] Offsets { get; }

        /// <summary>Per pass, per drawn entry, its weight slot.</summary>
        public int[][] Slots { get; }

        /// <summary>Per outcome, per participant (w0, w1, sw) over its entries of weight 1.</summary>
        public double[][] Partial { get; }

        /// <summary>Per outcome, per participant without drawn entries, its m0, m1 and counterfactual
        /// (<see cref="Terms"/>), the same in every replicate.</summary>
        public double[][] ConstantTerms { get; }

        /// <summary>Per outcome, per drawn entry, the control's baseline value.</summary>
        public double[][] C0 { get; }

        /// <summary>Per outcome, per drawn entry, the control's measurement value.</summary>
        public double[][] C1 { get; }
    }

    /// <summary>The draws of replicates first .. first + lanes - 1 (<see cref="Draw"/>'s, scaled), lane-interleaved;
    /// unused lanes get counts 0 and weights 1.</summary>
    private static void DrawBlock(ulong seed, int first, int lanes, BlockPlan plan, BlockBuffers buffers)
    {
        var drawn = buffers.Draws;
        var weights = buffers.Weights.AsSpan(Lanes);

        // The lanes' generators side by side, four and four: lane l's numbers are those of Draw's generator for
        // replicate first + l.
        Array.Clear(drawn);
        for (int half = 0; half < Lanes; half += Xoshiro256StarStarLanes.Count)
        {
            var rng = Xoshiro256StarStarLanes.ForStreams(seed, (ulong)(first + half));
            rng.AddDrawCounts(drawn, drawn.Length / Lanes, Lanes, half);
            rng.FillStandardExponentials(weights, Lanes, half);
        }

        for (int l = lanes; l < Lanes; l++)
        {
            for (int i = l; i < drawn.Length; i += Lanes)
            {
                drawn[i] = 0;
            }

            for (int i = l; i < weights.Length; i += Lanes)
            {
                weights[i] = 1;
            }
        }

        // W = 1 + s (E - 1), every lane of a slot at once (the same operations per lane; an unused lane's 1 stays 1).
        if (plan.Scales is { } scales)
        {
            ref double w = ref MemoryMarshal.GetReference(weights);
            var unit = Vector512.Create(1.0);
            for (int i = 0; i < scales.Length; i++)
            {
                var e = Vector512.LoadUnsafe(ref w, (nuint)(i * Lanes));
                (unit + (Vector512.Create(scales[i]) * (e - unit))).StoreUnsafe(ref w, (nuint)(i * Lanes));
            }
        }
    }

    /// <summary><see cref="ReplicateEffects"/> of every lane of a block: per pass one walk over the entries,
    /// the weighted sums of all lanes in one vector, then the participant's terms of all lanes in one vector (each
    /// lane with the operations of <see cref="ReplicateEffects"/>, in its order: the same bits).</summary>
    private static void ReplicateBlock(IReadOnlyList<ControlOutcome> outcomes, int[][] passes, BlockPlan plan, BlockBuffers buffers, EffectEstimator estimator, IReadOnlyList<Func<GrowthStatistics, double>?>? effects)
    {
        var counts = buffers.Draws;
        var weights = buffers.Weights;
        var sums = buffers.Sums;
        Array.Clear(sums);
        ref double w0ref = ref MemoryMarshal.GetArrayDataReference(weights);
        ref int cref = ref MemoryMarshal.GetArrayDataReference(counts);
        for (int p = 0; p < passes.Length; p++)
        {
            var pass = passes[p];
            var slots = plan.Slots[p];
            var offsets = plan.Offsets[p];
            var a = outcomes[pass[0]];
            var b = pass.Length > 1 ? outcomes[pass[1]] : null;
            var aPartial = plan.Partial[pass[0]];
            var bPartial = b is null ? aPartial : plan.Partial[pass[1]];
            var aTerms = plan.ConstantTerms[pass[0]];
            var bTerms = b is null ? aTerms : plan.ConstantTerms[pass[1]];
            var aSums = sums.AsSpan(pass[0] * 5 * Lanes, 5 * Lanes);
            var bSums = b is null ? default : sums.AsSpan(pass[1] * 5 * Lanes, 5 * Lanes);
            var ac0 = plan.C0[pass[0]];
            var ac1 = plan.C1[pass[0]];
            var bc0 = b is null ? ac0 : plan.C0[pass[1]];
            var bc1 = b is null ? ac1 : plan.C1[pass[1]];
            // Each outcome's five sums of all lanes in registers while the pass walks the participants (from +0, as
            // the cleared array: the same bits), stored once after it.
            Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default;
            Vector512<double> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default;
            for (int t = 0; t < a.Count; t++)
            {
                var c = ToDoubles(Vector256.LoadUnsafe(ref cref, (nuint)(t * Lanes)));
                var drawn = Vector512.GreaterThan(c, Vector512<double>.Zero);
                if (drawn == Vector512<double>.Zero)
                {
                    continue;
                }

                int end = offsets[t + 1];
                if (end == offsets[t])
                {
                    // Every control of weight 1: the means and counterfactual of every replicate, computed once.
                    AddTerms(c, drawn, Vector512.Create(a.Y0[t]), Vector512.Create(a.Y1[t]), Vector512.Create(aTerms[t * 3]), Vector512.Create(aTerms[(t * 3) + 1]), Vector512.Create(aTerms[(t * 3) + 2]), ref a0, ref a1, ref a2, ref a3, ref a4);
                    if (b is not null)
                    {
                        AddTerms(c, drawn, Vector512.Create(b.Y0[t]), Vector512.Create(b.Y1[t]), Vector512.Create(bTerms[t * 3]), Vector512.Create(bTerms[(t * 3) + 1]), Vector512.Create(bTerms[(t * 3) + 2]), ref b0, ref b1, ref b2, ref b3, ref b4);
                    }

                    continue;
                }

                var va0 = Vector512.Create(aPartial[t * 3]);
                var va1 = Vector512.Create(aPartial[(t * 3) + 1]);
                var vsw = Vector512.Create(aPartial[(t * 3) + 2]);
                if (b is null)
                {
                    for (int j = offsets[t]; j < end; j++)
                    {
                        var w = Vector512.LoadUnsafe(ref w0ref, (nuint)(slots[j] * Lanes));
                        va0 += w * Vector512.Create(ac0[j]);
                        va1 += w * Vector512.Create(ac1[j]);
                        vsw += w;
                    }
                }
                else
                {
                    var vb0 = Vector512.Create(bPartial[t * 3]);
                    var vb1 = Vector512.Create(bPartial[(t * 3) + 1]);
                    for (int j = offsets[t]; j < end; j++)
                    {
                        var w = Vector512.LoadUnsafe(ref w0ref, (nuint)(slots[j] * Lanes));
                        va0 += w * Vector512.Create(ac0[j]);
                        va1 += w * Vector512.Create(ac1[j]);
                        vb0 += w * Vector512.Create(bc0[j]);
                        vb1 += w * Vector512.Create(bc1[j]);
                        vsw += w;
                    }

                    var inverse = Vector512.Create(1.0) / vsw;
                    AddTerms(c, drawn, b.Y0[t], b.Y1[t], vb0, vb1, inverse, ref b0, ref b1, ref b2, ref b3, ref b4);
                    AddTerms(c, drawn, a.Y0[t], a.Y1[t], va0, va1, inverse, ref a0, ref a1, ref a2, ref a3, ref a4);
                    continue;
                }

                AddTerms(c, drawn, a.Y0[t], a.Y1[t], va0, va1, Vector512.Create(1.0) / vsw, ref a0, ref a1, ref a2, ref a3, ref a4);
            }

            Store(aSums, a0, a1, a2, a3, a4);
            if (b is not null)
            {
                Store(bSums, b0, b1, b2, b3, b4);
            }
        }

        for (int k = 0; k < outcomes.Count; k++)
        {
            var effect = effects?[k];
            for (int l = 0; l < Lanes; l++)
            {
                int at = (k * 5 * Lanes) + l;
                var statistics = new GrowthStatistics(0, 0, 0, sums[at], sums[at + Lanes], sums[at + (2 * Lanes)], sums[at + (3 * Lanes)], sums[at + (4 * Lanes)]);
                buffers.Effects[(k * Lanes) + l] = effect is null ? statistics.EffectBy(estimator) : effect(statistics);
            }
        }
    }

    /// <summary>Eight counts as doubles (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ToDoubles(Vector256<int> counts) =>
        Avx512F.IsSupported
            ? Avx512F.ConvertToVector512Double(counts)
            : Vector512.Create(ToDoubles(counts.GetLower()), ToDoubles(counts.GetUpper()));

    /// <summary>Four counts as doubles (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ToDoubles(Vector128<int> counts) =>
        Avx.IsSupported
            ? Avx.ConvertToVector256Double(counts)
            : Vector256.Create(counts.GetElement(0), counts.GetElement(1), counts.GetElement(2), (double)counts.GetElement(3));

    /// <summary>One participant's terms added to each lane's sums, as in <see cref="ReplicateEffects"/>; a lane whose
    /// count is 0 (<paramref name="drawn"/> false) adds nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTerms(Vector512<double> c, Vector512<double> drawn, double y0, double y1, Vector512<double> w0, Vector512<double> w1, Vector512<double> inverseSw, ref Vector512<double> s0, ref Vector512<double> s1, ref Vector512<double> s2, ref Vector512<double> s3, ref Vector512<double> s4)
    {
        var vy0 = Vector512.Create(y0);
        var m0 = w0 * inverseSw;
        var m1 = w1 * inverseSw;
        var counterfactual = Vector512.ConditionalSelect(Vector512.GreaterThan(w0, Vector512<double>.Zero), vy0 * (w1 / w0), vy0 + (m1 - m0));
        AddTerms(c, drawn, vy0, Vector512.Create(y1), m0, m1, counterfactual, ref s0, ref s1, ref s2, ref s3, ref s4);
    }

    /// <summary>The terms c y0, c y1, c m0, c m1 and c (y1 - counterfactual) added to each lane's sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTerms(Vector512<double> c, Vector512<double> drawn, Vector512<double> vy0, Vector512<double> vy1, Vector512<double> m0, Vector512<double> m1, Vector512<double> counterfactual, ref Vector512<double> s0, ref Vector512<double> s1, ref Vector512<double> s2, ref Vector512<double> s3, ref Vector512<double> s4)
    {
        s0 += drawn & (c * vy0);
        s1 += drawn & (c * vy1);
        s2 += drawn & (c * m0);
        s3 += drawn & (c * m1);
        s4 += drawn & (c * (vy1 - counterfactual));
    }

    /// <summary>An outcome's five sums of every lane into its part of the block's sums (sum by sum, lanes side by
    /// side).</summary>
    private static void Store(Span<double> sums, Vector512<double> s0, Vector512<double> s1, Vector512<double> s2, Vector512<double> s3, Vector512<double> s4)
    {
        ref double at = ref MemoryMarshal.GetReference(sums);
        s0.StoreUnsafe(ref at, 0);
        s1.StoreUnsafe(ref at, Lanes);
        s2.StoreUnsafe(ref at, 2 * Lanes);
        s3.StoreUnsafe(ref at, 3 * Lanes);
        s4.StoreUnsafe(ref at, 4 * Lanes);
    }

    /// <summary>A participant's weighted means of its controls at baseline and measurement (w0 / sw and w1 / sw, as
    /// w0 (1 / sw) and w1 (1 / sw): one division for both, and for every outcome of a pass) and its counterfactual
    /// y0 w1 / w0 (y0 + m1 - m0 when w0 is 0).</summary>
    internal static (double M0, double M1, double Counterfactual) Terms(double y0, double w0, double w1, double sw)
    {
        double inverse = 1 / sw;
        double m0 = w0 * inverse;
        double m1 = w1 * inverse;
        return (m0, m1, w0 > 0 ? y0 * (w1 / w0) : y0 + (m1 - m0));
    }

    /// <summary>Replicate <paramref name="replicate"/>'s draws: the participants' counts (n draws of 0..n-1), then
    /// one standard exponential E_j (<see cref="Xoshiro256StarStar.NextStandardExponential"/>) per distinct control
    /// in control order, except those of scale 0, whose weight is 1 without a draw; the weight is
    /// 1 + s_j (E_j - 1), or E_j when <paramref name="scales"/> is null, from the replicate's own generator.</summary>
    internal static void Draw(ulong seed, int replicate, Span<int> counts, Span<double> weights, ReadOnlySpan<double> scales = default)
    {
        var rng = Xoshiro256StarStar.ForStream(seed, (ulong)replicate);
        counts.Clear();
        rng.AddDrawCounts(counts);
        for (int j = 0; j < weights.Length; j++)
        {
            if (scales.IsEmpty)
            {
                weights[j] = rng.NextStandardExponential();
            }
            else
            {
                weights[j] = scales[j] == 0 ? 1 : 1 + (scales[j] * (rng.NextStandardExponential() - 1));
            }
        }
    }

    /// <summary>The effect of each outcome for given participant counts and control weights (the replicate's
    /// statistic; counts all 1 and weights all 1 give the estimate).</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="counts">Per participant, how often it is drawn.</param>
    /// <param name="weights">Per distinct control, its weight (positive).</param>
    /// <param name="estimator">The effect formula of the outcomes without their own effect.</param>
    /// <param name="effects">Per outcome, its own effect of the aggregate sums, or null; null for none.</param>
    /// <param name="result">Per outcome, the effect.</param>
    /// <param name="scales">Per distinct control, its scale (<see cref="VarianceCorrectedScales"/>): a participant's
    /// controls of scale 0 (weight 1 in every replicate) are summed first, in entry order, then the others; empty
    /// for all in entry order.</param>
    internal static void ReplicateEffects(IReadOnlyList<ControlOutcome> outcomes, ReadOnlySpan<int> counts, ReadOnlySpan<double> weights, EffectEstimator estimator, IReadOnlyList<Func<GrowthStatistics, double>?>? effects, Span<double> result, ReadOnlySpan<double> scales = default)
    {
        for (int k = 0; k < outcomes.Count; k++)
        {
            var o = outcomes[k];
            var offsets = o.Offsets;
            var c0 = o.C0;
            var c1 = o.C1;
            var distinct = o.Distinct;
            double p0 = 0, p1 = 0, s0 = 0, s1 = 0, pairwise = 0;
            for (int t = 0; t < counts.Length; t++)
            {
                int c = counts[t];
                if (c == 0)
                {
                    continue;
                }

                double w0 = 0, w1 = 0, sw = 0;
                for (int pass = scales.IsEmpty ? 1 : 0; pass < 2; pass++)
                {
                    for (int j = offsets[t]; j < offsets[t + 1]; j++)
                    {
                        if (!scales.IsEmpty && (scales[distinct[j]] == 0) != (pass == 0))
                        {
                            continue;
                        }

                        double w = weights[distinct[j]];
                        w0 += w * c0[j];
                        w1 += w * c1[j];
                        sw += w;
                    }
                }

                double y0 = o.Y0[t];
                double y1 = o.Y1[t];
                var (m0, m1, counterfactual) = Terms(y0, w0, w1, sw);
                p0 += c * y0;
                p1 += c * y1;
                s0 += c * m0;
                s1 += c * m1;
                pairwise += c * (y1 - counterfactual);
            }

            var sums = new GrowthStatistics(0, 0, 0, p0, p1, s0, s1, pairwise);
            var effect = effects?[k];
            result[k] = effect is null ? sums.EffectBy(estimator) : effect(sums);
        }
    }
}
