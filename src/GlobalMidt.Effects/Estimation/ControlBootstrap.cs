using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
/// + distinct controls) per outcome. The replicates are computed four at a time (one vector of doubles per pair
/// entry, each lane summed in the order of <see cref="ReplicateEffects"/>, so each lane's bits are those of the
/// replicate alone); a control of scale 0 (used by one participant) has weight 1 in every replicate, so its
/// logarithm is not taken (its uniform is still drawn, keeping the stream), and a participant whose controls all
/// have scale 0 has the same weighted means in every replicate (computed once).
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

        var result = new (double, double)[outcomes.Count];
        if (n == 0)
        {
            Array.Fill(result, (double.NaN, double.NaN));
            return result;
        }

        var draws = new double[outcomes.Count][];
        for (int k = 0; k < draws.Length; k++)
        {
            draws[k] = new double[replicates];
        }

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
            () => new BlockBuffers(n, plan.Slots, outcomes.Count),
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

        double alpha = (1 - level) / 2;
        for (int k = 0; k < draws.Length; k++)
        {
            var d = draws[k];
            if (Array.Exists(d, double.IsNaN))
            {
                result[k] = (double.NaN, double.NaN);
                continue;
            }

            Array.Sort(d);
            result[k] = (EffectBootstrap.Quantile7(d, alpha), EffectBootstrap.Quantile7(d, 1 - alpha));
        }

        return result;
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

    /// <summary>Replicates summed together in one pass over the pair entries (one <see cref="Vector256{T}"/> of
    /// doubles).</summary>
    private const int Lanes = 4;

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
        public int[] Draws { get; } = new int[participants];

        public int[] Counts { get; } = new int[participants * Lanes];

        /// <summary>One replicate's Exp(1) draws, per slot from 1.</summary>
        public double[] Exponentials { get; } = new double[slots - 1];

        /// <summary>Per weight slot and lane, the weight; slot 0 (the controls of scale 0) stays 1.</summary>
        public double[] Weights { get; } = NewWeights(slots);

        /// <summary>Per outcome and lane: p0, p1, s0, s1, pairwise (at ((k * Lanes) + l) * 5).</summary>
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
    /// 1 + 0 (E - 1) is 1 exactly in every replicate; 1, 2, ... for the others in control order), per entry its
    /// slot, how many draws to skip before each slot's (the scale-0 controls' uniforms), and per participant
    /// whose controls all have scale 0 its weighted sums, the same in every replicate.
    /// </summary>
    private sealed class BlockPlan
    {
        public BlockPlan(IReadOnlyList<ControlOutcome> outcomes, int[][] passes, int distinctControls, double[]? weightScales)
        {
            var slotOf = new int[distinctControls];
            var skips = new List<int>();
            var scales = new List<double>();
            int gap = 0;
            for (int j = 0; j < distinctControls; j++)
            {
                if (weightScales is not null && weightScales[j] == 0)
                {
                    gap++;
                    continue;
                }

                slotOf[j] = skips.Count + 1;
                skips.Add(gap);
                scales.Add(weightScales?[j] ?? 1);
                gap = 0;
            }

            Skips = [.. skips];
            Scales = weightScales is null ? null : [.. scales];
            Slots = skips.Count + 1;
            EntrySlots = new int[passes.Length][];
            Constant = new bool[passes.Length][];
            ConstantSums = new double[outcomes.Count][];
            for (int p = 0; p < passes.Length; p++)
            {
                var first = outcomes[passes[p][0]];
                var slots = new int[first.Distinct.Length];
                for (int e = 0; e < slots.Length; e++)
                {
                    slots[e] = slotOf[first.Distinct[e]];
                }

                var constant = new bool[first.Count];
                for (int t = 0; t < constant.Length; t++)
                {
                    bool all = true;
                    for (int e = first.Offsets[t]; e < first.Offsets[t + 1] && all; e++)
                    {
                        all = slots[e] == 0;
                    }

                    constant[t] = all;
                }

                EntrySlots[p] = slots;
                Constant[p] = constant;
                foreach (int k in passes[p])
                {
                    // The weighted sums with every weight 1, in entry order as the replicates form them.
                    var o = outcomes[k];
                    var sums = new double[o.Count * 3];
                    for (int t = 0; t < o.Count; t++)
                    {
                        if (!constant[t])
                        {
                            continue;
                        }

                        double w0 = 0, w1 = 0, sw = 0;
                        for (int e = o.Offsets[t]; e < o.Offsets[t + 1]; e++)
                        {
                            const double w = 1;
                            w0 += w * o.C0[e];
                            w1 += w * o.C1[e];
                            sw += w;
                        }

                        sums[t * 3] = w0;
                        sums[(t * 3) + 1] = w1;
                        sums[(t * 3) + 2] = sw;
                    }

                    ConstantSums[k] = sums;
                }
            }
        }

        /// <summary>Weight slots (slot 0 included).</summary>
        public int Slots { get; }

        /// <summary>Per slot from 1, the draws to skip before its own.</summary>
        public int[] Skips { get; }

        /// <summary>Per slot from 1, its scale; null for plain Exp(1) weights.</summary>
        public double[]? Scales { get; }

        /// <summary>Per pass, per entry, its weight slot.</summary>
        public int[][] EntrySlots { get; }

        /// <summary>Per pass, per participant, whether all its controls have weight 1.</summary>
        public bool[][] Constant { get; }

        /// <summary>Per outcome, per participant (w0, w1, sw) with every weight 1 (for the constant ones).</summary>
        public double[][] ConstantSums { get; }
    }

    /// <summary>The draws of replicates first .. first + lanes - 1 (<see cref="Draw"/>'s, scaled), lane-interleaved;
    /// unused lanes get counts 0. A control of scale 0 has weight 1 + 0 (E - 1) = 1 exactly: its uniform is drawn
    /// (skipped), its logarithm not taken.</summary>
    private static void DrawBlock(ulong seed, int first, int lanes, BlockPlan plan, BlockBuffers buffers)
    {
        var counts = buffers.Counts;
        var weights = buffers.Weights;
        var one = buffers.Draws;
        var skips = plan.Skips;
        var scales = plan.Scales;
        for (int l = 0; l < Lanes; l++)
        {
            if (l >= lanes)
            {
                for (int t = 0; t < one.Length; t++)
                {
                    counts[(t * Lanes) + l] = 0;
                }

                for (int i = 0; i < skips.Length; i++)
                {
                    weights[((i + 1) * Lanes) + l] = 1;
                }

                continue;
            }

            var rng = Xoshiro256StarStar.ForStream(seed, (ulong)(first + l));
            Array.Clear(one);
            rng.AddDrawCounts(one);
            for (int t = 0; t < one.Length; t++)
            {
                counts[(t * Lanes) + l] = one[t];
            }

            var e = buffers.Exponentials;
            rng.SkipAndDrawExponentials(skips, e);
            if (scales is null)
            {
                for (int i = 0; i < e.Length; i++)
                {
                    weights[((i + 1) * Lanes) + l] = e[i];
                }
            }
            else
            {
                for (int i = 0; i < e.Length; i++)
                {
                    weights[((i + 1) * Lanes) + l] = 1 + (scales[i] * (e[i] - 1));
                }
            }
        }
    }

    /// <summary><see cref="ReplicateEffects"/> of every lane of a block: per pass one walk over the entries,
    /// the weighted sums of all lanes in one vector, then per lane the participant's terms in participant order.</summary>
    private static void ReplicateBlock(IReadOnlyList<ControlOutcome> outcomes, int[][] passes, BlockPlan plan, BlockBuffers buffers, EffectEstimator estimator, IReadOnlyList<Func<GrowthStatistics, double>?>? effects)
    {
        var counts = buffers.Counts;
        var weights = buffers.Weights;
        var sums = buffers.Sums;
        Array.Clear(sums);
        ref double w0ref = ref MemoryMarshal.GetArrayDataReference(weights);
        Span<double> lanesA0 = stackalloc double[Lanes];
        Span<double> lanesA1 = stackalloc double[Lanes];
        Span<double> lanesB0 = stackalloc double[Lanes];
        Span<double> lanesB1 = stackalloc double[Lanes];
        Span<double> lanesSw = stackalloc double[Lanes];
        for (int p = 0; p < passes.Length; p++)
        {
            var pass = passes[p];
            var distinct = plan.EntrySlots[p];
            var constant = plan.Constant[p];
            var a = outcomes[pass[0]];
            var b = pass.Length > 1 ? outcomes[pass[1]] : null;
            var offsets = a.Offsets;
            var aConstant = plan.ConstantSums[pass[0]];
            var bConstant = b is null ? null : plan.ConstantSums[pass[1]];
            var ac0 = a.C0;
            var ac1 = a.C1;
            var bc0 = b?.C0 ?? ac0;
            var bc1 = b?.C1 ?? ac1;
            for (int t = 0; t < a.Count; t++)
            {
                int ct = t * Lanes;
                if ((counts[ct] | counts[ct + 1] | counts[ct + 2] | counts[ct + 3]) == 0)
                {
                    continue;
                }

                if (constant[t])
                {
                    lanesSw.Fill(aConstant[(t * 3) + 2]);
                    lanesA0.Fill(aConstant[t * 3]);
                    lanesA1.Fill(aConstant[(t * 3) + 1]);
                    AddTerms(sums.AsSpan(pass[0] * Lanes * 5, Lanes * 5), counts.AsSpan(ct, Lanes), a.Y0[t], a.Y1[t], lanesA0, lanesA1, lanesSw);
                    if (b is not null)
                    {
                        lanesB0.Fill(bConstant![t * 3]);
                        lanesB1.Fill(bConstant[(t * 3) + 1]);
                        AddTerms(sums.AsSpan(pass[1] * Lanes * 5, Lanes * 5), counts.AsSpan(ct, Lanes), b.Y0[t], b.Y1[t], lanesB0, lanesB1, lanesSw);
                    }

                    continue;
                }

                var va0 = Vector256<double>.Zero;
                var va1 = Vector256<double>.Zero;
                var vb0 = Vector256<double>.Zero;
                var vb1 = Vector256<double>.Zero;
                var vsw = Vector256<double>.Zero;
                int end = offsets[t + 1];
                if (b is null)
                {
                    for (int j = offsets[t]; j < end; j++)
                    {
                        var w = Vector256.LoadUnsafe(ref w0ref, (nuint)(distinct[j] * Lanes));
                        va0 += w * Vector256.Create(ac0[j]);
                        va1 += w * Vector256.Create(ac1[j]);
                        vsw += w;
                    }
                }
                else
                {
                    for (int j = offsets[t]; j < end; j++)
                    {
                        var w = Vector256.LoadUnsafe(ref w0ref, (nuint)(distinct[j] * Lanes));
                        va0 += w * Vector256.Create(ac0[j]);
                        va1 += w * Vector256.Create(ac1[j]);
                        vb0 += w * Vector256.Create(bc0[j]);
                        vb1 += w * Vector256.Create(bc1[j]);
                        vsw += w;
                    }

                    vb0.CopyTo(lanesB0);
                    vb1.CopyTo(lanesB1);
                }

                va0.CopyTo(lanesA0);
                va1.CopyTo(lanesA1);
                vsw.CopyTo(lanesSw);
                AddTerms(sums.AsSpan(pass[0] * Lanes * 5, Lanes * 5), counts.AsSpan(ct, Lanes), a.Y0[t], a.Y1[t], lanesA0, lanesA1, lanesSw);
                if (b is not null)
                {
                    AddTerms(sums.AsSpan(pass[1] * Lanes * 5, Lanes * 5), counts.AsSpan(ct, Lanes), b.Y0[t], b.Y1[t], lanesB0, lanesB1, lanesSw);
                }
            }
        }

        for (int k = 0; k < outcomes.Count; k++)
        {
            var effect = effects?[k];
            for (int l = 0; l < Lanes; l++)
            {
                int at = ((k * Lanes) + l) * 5;
                var statistics = new GrowthStatistics(0, 0, 0, sums[at], sums[at + 1], sums[at + 2], sums[at + 3], sums[at + 4]);
                buffers.Effects[(k * Lanes) + l] = effect is null ? statistics.EffectBy(estimator) : effect(statistics);
            }
        }
    }

    /// <summary>One participant's terms in each lane's sums, as in <see cref="ReplicateEffects"/>.</summary>
    private static void AddTerms(Span<double> sums, ReadOnlySpan<int> counts, double y0, double y1, ReadOnlySpan<double> w0s, ReadOnlySpan<double> w1s, ReadOnlySpan<double> sws)
    {
        for (int l = 0; l < Lanes; l++)
        {
            int c = counts[l];
            if (c == 0)
            {
                continue;
            }

            double w0 = w0s[l];
            double w1 = w1s[l];
            double sw = sws[l];
            double m0 = w0 / sw;
            double m1 = w1 / sw;
            int at = l * 5;
            sums[at] += c * y0;
            sums[at + 1] += c * y1;
            sums[at + 2] += c * m0;
            sums[at + 3] += c * m1;
            double counterfactual = w0 > 0 ? y0 * (w1 / w0) : y0 + (m1 - m0);
            sums[at + 4] += c * (y1 - counterfactual);
        }
    }

    /// <summary>Replicate <paramref name="replicate"/>'s draws: the participants' counts (n draws of 0..n-1) and
    /// then one Exp(1) weight per distinct control, from the replicate's own generator.</summary>
    internal static void Draw(ulong seed, int replicate, Span<int> counts, Span<double> weights)
    {
        var rng = Xoshiro256StarStar.ForStream(seed, (ulong)replicate);
        counts.Clear();
        rng.AddDrawCounts(counts);
        for (int j = 0; j < weights.Length; j++)
        {
            weights[j] = -Math.Log(rng.NextOpenDouble());
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
    internal static void ReplicateEffects(IReadOnlyList<ControlOutcome> outcomes, ReadOnlySpan<int> counts, ReadOnlySpan<double> weights, EffectEstimator estimator, IReadOnlyList<Func<GrowthStatistics, double>?>? effects, Span<double> result)
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
                for (int j = offsets[t]; j < offsets[t + 1]; j++)
                {
                    double w = weights[distinct[j]];
                    w0 += w * c0[j];
                    w1 += w * c1[j];
                    sw += w;
                }

                double y0 = o.Y0[t];
                double y1 = o.Y1[t];
                double m0 = w0 / sw;
                double m1 = w1 / sw;
                p0 += c * y0;
                p1 += c * y1;
                s0 += c * m0;
                s1 += c * m1;
                double counterfactual = w0 > 0 ? y0 * (w1 / w0) : y0 + (m1 - m0);
                pairwise += c * (y1 - counterfactual);
            }

            var sums = new GrowthStatistics(0, 0, 0, p0, p1, s0, s1, pairwise);
            var effect = effects?[k];
            result[k] = effect is null ? sums.EffectBy(estimator) : effect(sums);
        }
    }
}
