using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Estimation;

/// <summary>The bootstrap that resamples the distinct controls (<see cref="ControlBootstrap"/>); the reference
/// replicate is computed by hand in R (ControlBootstrapTests.R beside this file).</summary>
public class ControlBootstrapTests
{
    // Units 0..3: participants p1..p4; units 4..8: controls A..E (distinct indices 0..4).
    private static readonly double[] Baseline = [10, 4, 25, 3, 8, 12, 5, 30, 0];
    private static readonly double[] Measurement = [14, 5, 31, 6, 9, 15, 5.5, 33, 2];
    private static readonly int[] Participants = [0, 1, 2, 3];
    private static readonly int[] Offsets = [0, 2, 4, 7, 8];
    private static readonly int[] Controls = [4, 5, 4, 6, 4, 5, 7, 8];
    private static readonly double[] Adjustment = [1.1, 0.9, 1, 1.05, 0.95, 1, 1.2, 1.5];

    private static ControlOutcome Small(bool adjusted) =>
        ControlOutcome.FromUnits(Baseline, Measurement, Participants, Offsets, Controls, adjusted ? Adjustment : null, [.. Controls.Select(c => c - 4)]);

    [Theory]
    // R: ControlBootstrapTests.R, counts (2, 0, 1, 1), weights A..E = (0.5, 1.7, 0.9, 2.3, 0.25).
    [InlineData(false, EffectEstimator.Aggregate, 5.9677237225933908)]
    [InlineData(false, EffectEstimator.Pairwise, 7.0640116544388682)]
    [InlineData(true, EffectEstimator.Aggregate, 3.2688246918227080)]
    [InlineData(true, EffectEstimator.Pairwise, 3.7823788043669069)]
    public void ReplicateEffect_MatchesR(bool adjusted, EffectEstimator estimator, double expected)
    {
        var result = new double[1];
        ControlBootstrap.ReplicateEffects([Small(adjusted)], [2, 0, 1, 1], [0.5, 1.7, 0.9, 2.3, 0.25], estimator, null, result);
        Tolerance.AssertClose(expected, result[0], 1e-13, 1e-13);
    }

    [Theory]
    // R: every participant once, every weight 1 (the estimate).
    [InlineData(EffectEstimator.Aggregate, 5.0301507537688508)]
    [InlineData(EffectEstimator.Pairwise, 6.0384615384615383)]
    public void UnitWeights_GiveTheEstimate_AsMatchedOutcomes(EffectEstimator estimator, double expected)
    {
        var result = new double[1];
        ControlBootstrap.ReplicateEffects([Small(false)], [1, 1, 1, 1], [1, 1, 1, 1, 1], estimator, null, result);
        Tolerance.AssertClose(expected, result[0], 1e-13, 1e-13);
        var matched = new MatchedOutcomes(Baseline, Measurement, Participants, Offsets, Controls);
        Tolerance.AssertClose(matched.Statistics().EffectBy(estimator), result[0], 1e-13, 1e-13);
    }

    [Fact]
    public void ASharedControlMovesEveryParticipantThatUsesIt()
    {
        // Raising the weight of control A (used by p1, p2, p3) changes all three counterfactuals at once: the
        // effect equals the one computed participant by participant with A's weight in each.
        var o = Small(false);
        var one = new double[1];
        var all = new double[1];
        double[] weights = [3, 1, 1, 1, 1];
        ControlBootstrap.ReplicateEffects([o], [1, 1, 1, 1], weights, EffectEstimator.Pairwise, null, all);
        double sum = 0;
        for (int t = 0; t < 4; t++)
        {
            int[] counts = [0, 0, 0, 0];
            counts[t] = 1;
            ControlBootstrap.ReplicateEffects([o], counts, weights, EffectEstimator.Pairwise, null, one);
            sum += one[0];
        }

        Tolerance.AssertClose(sum, all[0], 1e-13, 1e-13);
        var unit = new double[1];
        ControlBootstrap.ReplicateEffects([o], [1, 1, 1, 1], [1, 1, 1, 1, 1], EffectEstimator.Pairwise, null, unit);
        Assert.NotEqual(unit[0], all[0]);
    }

    private static ControlOutcome Random(int n, int distinct, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        int units = n + distinct;
        var y0 = new double[units];
        var y1 = new double[units];
        for (int i = 0; i < units; i++)
        {
            y0[i] = rng.NextInt(10) == 0 ? 0 : Math.Round(20 * rng.NextDouble(), 2);
            y1[i] = Math.Round((y0[i] * (0.8 + (0.4 * rng.NextDouble()))) + rng.NextInt(3), 2);
        }

        var offsets = new int[n + 1];
        var controls = new List<int>();
        for (int t = 0; t < n; t++)
        {
            // 1-5 controls, drawn from a small pool so that many are reused (matching with replacement).
            int k = 1 + rng.NextInt(5);
            for (int j = 0; j < k; j++)
            {
                controls.Add(rng.NextInt(distinct));
            }

            offsets[t + 1] = controls.Count;
        }

        return ControlOutcome.FromUnits(y0, y1, [.. Enumerable.Range(0, n)], offsets, [.. controls.Select(c => n + c)], null, [.. controls]);
    }

    [Theory]
    [InlineData(EffectEstimator.Aggregate)]
    [InlineData(EffectEstimator.Pairwise)]
    public void PercentileIntervals_SameBitsOnAnyThreadCount(EffectEstimator estimator)
    {
        var a = Random(400, 60, 11);
        var b = Random(400, 60, 12);
        Func<GrowthStatistics, double> chain = s => s.Effect;
        var one = ControlBootstrap.PercentileIntervals([a, b], 60, 199, 0.95, 42, estimator, 1, [null, chain]);
        var many = ControlBootstrap.PercentileIntervals([a, b], 60, 199, 0.95, 42, estimator, 0);
        var three = ControlBootstrap.PercentileIntervals([a, b], 60, 199, 0.95, 42, estimator, 3, [null, chain]);
        Assert.Equal(one[0], many[0]);
        Assert.Equal(one, three);
        var other = ControlBootstrap.PercentileIntervals([a, b], 60, 199, 0.95, 43, estimator, 1);
        Assert.NotEqual(one[0], other[0]);

        // Each outcome's interval is the one of a call with that outcome alone (the same draws).
        var alone = ControlBootstrap.PercentileIntervals([a], 60, 199, 0.95, 42, estimator, 0);
        Assert.Equal(one[0], alone[0]);
    }

    [Theory]
    [InlineData(EffectEstimator.Aggregate, false, 1)]
    [InlineData(EffectEstimator.Pairwise, false, 2)]
    [InlineData(EffectEstimator.Pairwise, true, 3)]
    public void PercentileIntervals_AreTheReplicateByReplicateOnes_BitForBit(EffectEstimator estimator, bool plainWeights, int threads)
    {
        // The blocked computation (four replicates per pass, shared-layout outcomes in one pass, scale-0 controls
        // with weight 1, constant participants summed once) against the plain loop: Draw, scale, ReplicateEffects,
        // percentiles, replicate after replicate. 199 replicates: the last block is partly empty.
        const int n = 300, distinct = 1500, replicates = 199;
        var a = Random(n, distinct, 21);
        var rng = new Xoshiro256StarStar(5);
        var y0 = Enumerable.Range(0, n + distinct).Select(_ => Math.Round(50 * rng.NextDouble(), 1)).ToArray();
        var y1 = y0.Select(v => Math.Round(v * (0.7 + (0.6 * rng.NextDouble())), 1)).ToArray();
        var units = new int[a.Distinct.Length];
        for (int e = 0; e < units.Length; e++)
        {
            units[e] = n + a.Distinct[e];
        }

        // Same offsets and distinct arrays as a (one pass), other values; c another layout (a pass of its own).
        var b = ControlOutcome.FromUnits(y0, y1, [.. Enumerable.Range(0, n)], a.Offsets, units, null, a.Distinct);
        var c = Random(n, distinct, 22);
        var shares = new double[n];
        for (int t = 0; t < n; t++)
        {
            shares[t] = 1.0 / (a.Offsets[t + 1] - a.Offsets[t]);
        }

        var scales = plainWeights ? null : ControlBootstrap.VarianceCorrectedScales(a.Offsets, shares, a.Distinct, distinct);
        Assert.True(plainWeights || scales!.Count(s => s == 0) > 10);
        Func<GrowthStatistics, double> chain = s => s.Effect;
        ControlOutcome[] outcomes = [a, b, c];
        IReadOnlyList<Func<GrowthStatistics, double>?> effects = [null, chain, null];
        var blocked = ControlBootstrap.PercentileIntervals(outcomes, distinct, replicates, 0.9, 77, estimator, threads, effects, scales);

        var draws = new double[3][];
        for (int k = 0; k < 3; k++)
        {
            draws[k] = new double[replicates];
        }

        var counts = new int[n];
        var weights = new double[distinct];
        var result = new double[3];
        for (int r = 0; r < replicates; r++)
        {
            ControlBootstrap.Draw(77, r, counts, weights, scales);

            ControlBootstrap.ReplicateEffects(outcomes, counts, weights, estimator, effects, result, scales);
            for (int k = 0; k < 3; k++)
            {
                draws[k][r] = result[k];
            }
        }

        const double alpha = (1 - 0.9) / 2;
        for (int k = 0; k < 3; k++)
        {
            Array.Sort(draws[k]);
            Assert.True(EffectBootstrap.Quantile7(draws[k], alpha) == blocked[k].Low, $"outcome {k} low");
            Assert.True(EffectBootstrap.Quantile7(draws[k], 1 - alpha) == blocked[k].High, $"outcome {k} high");
        }
    }

    [Fact]
    public void Intervals_AreWiderThanTheMatchedSets_WhenControlsAreReused()
    {
        // 400 participants sharing 20 controls: the matched-set bootstrap treats the reused controls as independent
        // draws and leaves out their variance; the control weights put it back.
        var o = Random(400, 20, 5);
        var matched = new MatchedOutcomes(
            [.. o.Y0, .. Enumerable.Range(0, 20).Select(j => o.C0[Array.IndexOf(o.Distinct, j)])],
            [.. o.Y1, .. Enumerable.Range(0, 20).Select(j => o.C1[Array.IndexOf(o.Distinct, j)])],
            [.. Enumerable.Range(0, 400)],
            o.Offsets,
            [.. o.Distinct.Select(d => 400 + d)]);
        var sets = EffectBootstrap.PercentileIntervals([matched], 499, 0.95, 1, EffectEstimator.Aggregate)[0];
        var controls = ControlBootstrap.PercentileIntervals([o], 20, 499, 0.95, 1, EffectEstimator.Aggregate, 0)[0];
        double estimate = matched.Statistics().Effect;
        Assert.InRange(estimate, controls.Low, controls.High);
        Assert.True(controls.High - controls.Low > 1.2 * (sets.High - sets.Low), $"controls {controls}, sets {sets}");

        // The corrected weights (every control here is used by about 60 participants: s_j near 1) likewise.
        var shares = Enumerable.Range(0, 400).Select(t => 1.0 / (o.Offsets[t + 1] - o.Offsets[t])).ToArray();
        var scales = ControlBootstrap.VarianceCorrectedScales(o.Offsets, shares, o.Distinct, 20);
        Assert.All(scales, s => Assert.InRange(s, 0.9, 1.0));
        var corrected = ControlBootstrap.PercentileIntervals([o], 20, 499, 0.95, 1, EffectEstimator.Aggregate, 0, null, scales)[0];
        Assert.True(corrected.High - corrected.Low > 1.2 * (sets.High - sets.Low), $"corrected {corrected}, sets {sets}");
    }

    [Fact]
    public void VarianceCorrectedScales_ByHand()
    {
        // Shares 1/2, 1/2, 1/3, 1. A: K = 1/2 + 1/2 + 1/3 = 4/3, sum of squares 11/18, s^2 = 1 - (11/18) / (16/9)
        // = 21/32; B: K = 5/6, sum of squares 13/36, s^2 = 1 - 13/25 = 12/25; C, D, E are used once: 0.
        var scales = ControlBootstrap.VarianceCorrectedScales(Offsets, [0.5, 0.5, 1.0 / 3, 1], [.. Controls.Select(c => c - 4)], 5);
        Tolerance.AssertClose(Math.Sqrt(21.0 / 32), scales[0], 1e-15, 1e-15);
        Tolerance.AssertClose(Math.Sqrt(12.0 / 25), scales[1], 1e-15, 1e-15);
        Assert.Equal([0.0, 0.0, 0.0], scales[2..]);
    }

    [Fact]
    public void Draw_GivesPositiveWeightsWithMeanOne()
    {
        var counts = new int[50];
        var weights = new double[20_000];
        ControlBootstrap.Draw(9, 3, counts, weights);
        Assert.Equal(50, counts.Sum());
        Assert.All(weights, w => Assert.True(w > 0 && double.IsFinite(w)));

        // Exp(1): mean 1, variance 1; with 20,000 draws the mean's SE is 0.007.
        Assert.InRange(weights.Average(), 0.97, 1.03);
        double variance = weights.Select(w => (w - 1) * (w - 1)).Average();
        Assert.InRange(variance, 0.9, 1.1);
    }
}
