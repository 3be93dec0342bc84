using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Tests.Estimation;

public class MatchedOutcomesTests
{
    // Units 0 and 1 are participants; 2-5 controls. Participant 0 has controls {2, 3}; participant 1 {4, 5, 2}.
    private static readonly double[] Baseline = [10, 4, 5, 10, 2, 8];
    private static readonly double[] Measure = [12, 4, 6, 9, 3, 8];

    private static MatchedOutcomes Sample() => new(Baseline, Measure, [0, 1], [0, 2, 5], [2, 3, 4, 5, 2]);

    [Fact]
    public void Statistics_MatchHandComputedValues()
    {
        var s = Sample().Statistics();

        // By hand: participants grew 1 of 2 (4 -> 4 is not growth). Control shares per participant 1/2 and 2/3.
        Assert.Equal(2, s.N);
        Assert.Equal(0.5, s.ParticipantShare, 15);
        Assert.Equal((0.5 + (2.0 / 3.0)) / 2.0, s.ControlShare, 15);

        // Controls' weighted sums: baseline 15/2 + 15/3 = 12.5, measurement 15/2 + 17/3.
        Assert.Equal(12.5, s.ControlsBaseline, 12);
        Assert.Equal(7.5 + (17.0 / 3.0), s.ControlsMeasurement, 12);
        Assert.Equal(((7.5 + (17.0 / 3.0)) / 12.5) - 1.0, s.ControlGrowthRate, 12);

        // Effect = sum(Y1) - sum(Y0)(1 + G_C) = 16 - 14 * 39.5 / 37.5 = 47 / 37.5.
        Assert.Equal(47.0 / 37.5, s.Effect, 12);
    }

    [Fact]
    public void PairwiseEffect_GrowsEachParticipantLikeItsOwnControls()
    {
        var s = Sample().Statistics();

        // By hand: participant 0 (10 -> 12) has controls growing 15/2 -> 15/2 (factor 1): 12 - 10 = 2;
        // participant 1 (4 -> 4) has controls 15/3 -> 17/3 (factor 17/15): 4 - 4 x 17/15 = -8/15.
        Assert.Equal(2.0 - (8.0 / 15.0), s.PairwiseEffect, 12);
        Assert.Equal(s.PairwiseEffect, s.EffectBy(EffectEstimator.Pairwise));
        Assert.Equal(s.Effect, s.EffectBy(EffectEstimator.Aggregate));
    }

    [Fact]
    public void Counterfactual_IsAdditiveWhenTheControlsHaveNoBaseline()
    {
        // Participant 0 (3 -> 5) has one control going 0 -> 2: counterfactual 3 + 2 = 5, effect 0.
        var o = new MatchedOutcomes([3, 0], [5, 2], [0], [0, 1], [1]);
        Assert.Equal(5.0, o.Counterfactual(0));
        Assert.Equal(0.0, o.Statistics().PairwiseEffect);
    }

    [Fact]
    public void ControlAdjustment_ScalesTheControlsMeasurementValues()
    {
        // Factor 2 on control 2's measurement: participant 0's controls then average (12 + 9) / 2 at measurement.
        var o = new MatchedOutcomes(Baseline, Measure, [0], [0, 2], [2, 3], [2.0, 1.0]);
        Assert.Equal(10.5, o.ControlY1[0], 12);
        Assert.Equal(7.5, o.ControlY0[0], 12);
    }

    [Fact]
    public void Statistics_WithUnitCountsEqualsWholeSample()
    {
        var o = Sample();
        Assert.Equal(o.Statistics(), o.Statistics([1, 1]));
    }

    [Fact]
    public void Statistics_CountsWeightParticipants()
    {
        // Drawing participant 0 twice and participant 1 never.
        var s = Sample().Statistics([2, 0]);
        Assert.Equal(2, s.N);
        Assert.Equal(1.0, s.ParticipantShare, 15);
        Assert.Equal(0.5, s.ControlShare, 15);
        Assert.Equal(24 - (20 * (15.0 / 15.0)), s.Effect, 12);
    }

    [Fact]
    public void Effect_IsNaNWhenControlsHaveNoBaseline()
    {
        var o = new MatchedOutcomes([5, 0], [6, 3], [0], [0, 1], [1]);
        Assert.True(double.IsNaN(o.Statistics().ControlGrowthRate));
        Assert.True(double.IsNaN(o.Statistics().Effect));
    }

    [Fact]
    public void Constructor_ThrowsForParticipantWithoutControls()
    {
        var e = Assert.Throws<ArgumentException>(() => new MatchedOutcomes(Baseline, Measure, [0, 1], [0, 2, 2], [2, 3]));
        Assert.Contains("at least one control", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_HasZeroN()
    {
        var s = new MatchedOutcomes(Baseline, Measure, [], [0], []).Statistics();
        Assert.Equal(0, s.N);
        Assert.True(double.IsNaN(s.ParticipantShare));
    }
}
