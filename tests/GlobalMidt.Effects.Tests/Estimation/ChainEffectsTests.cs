using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Tests.Effects;

/// <summary>The effect chain's formulas (issue 8) against figures worked out by hand (comments show the sums) and,
/// for the p-values, NewExportersTests.R.</summary>
public sealed class ChainEffectsTests
{
    private static GrowthStatistics Stats(double[] baseline, double[] measurement, int[] participants, int[] offsets, int[] controls) =>
        new MatchedOutcomes(baseline, measurement, participants, offsets, controls).Statistics();

    [Fact]
    public void Export_GrowthSharesAndAddedExport_AsTurnover()
    {
        // Participants 0, 1, 2; controls {3, 4}, {5, 6}, {7}. Export in 1,000 DKK.
        // Growth: P0 100->150 yes, P1 0->50 yes, P2 40->40 no: 2/3. Controls: (1 + 0)/2, (1 + 0)/2, 1: 2/3 weighted.
        // Sums: P0 = 140, P1 = 240; C0 = 100/2 + 200/2 + 50 = 200, C1 = 110/2 + 200/2 + 60 = 215, G_C = 0.075.
        // Effect = 240 - 140 x 1.075 = 89.5 thousand DKK = 0.0895 mio. DKK.
        var s = Stats(
            [100, 0, 40, 100, 0, 0, 200, 50],
            [150, 50, 40, 110, 0, 20, 180, 60],
            [0, 1, 2],
            [0, 2, 4, 5],
            [3, 4, 5, 6, 7]);

        Assert.Equal(2.0 / 3, s.ParticipantShare, 15);
        Assert.Equal(2.0 / 3, s.ControlShare, 15);
        var effect = ChainEffects.Effect(s);
        Assert.Equal(ChainEffectRule.Ratio, effect.Rule);
        Assert.Equal(89.5, effect.Value, 12);
        Assert.Equal(0.0895, ChainEffects.AddedMdkk(s), 15);
        Assert.Equal(s.Effect, effect.Value);
    }

    [Fact]
    public void Export_NoControlExportsAtBaseline_UsesDifferences()
    {
        // P0 0->30 with control 0->10; P1 0->0 with control 0->0. C0 = 0: G_C undefined (the classic effect is NaN).
        // Difference rule: (30 - 0) - (10 - 0) = 20.
        var s = Stats([0, 0, 0, 0], [30, 0, 10, 0], [0, 1], [0, 1, 2], [2, 3]);

        Assert.True(double.IsNaN(s.Effect));
        Assert.Equal(new ChainEffect(20, ChainEffectRule.Difference), ChainEffects.Effect(s));
        Assert.Equal(0.02, ChainEffects.Effect(s).Mdkk, 15);
    }

    [Fact]
    public void ValueAdded_NegativeValues_GrowthIsHigherAtMeasurementAndControlsSumNotPositiveUsesDifferences()
    {
        // P0 -100 -> -50 (a smaller loss: growth), controls 200 -> 180 (no), -300 -> -250 (yes): 1/2.
        // P1 50 -> -10 (no growth), control 10 -> 30 (yes): 1. Shares 1/2 against (0.5 + 1)/2 = 0.75.
        // Sums: P0 = -50, P1 = -60; C0 = (200 - 300)/2 + 10 = -40, C1 = (180 - 250)/2 + 30 = -5.
        // C0 <= 0: difference rule (-60 - -50) - (-5 - -40) = -10 - 35 = -45.
        var s = Stats([-100, 50, 200, -300, 10], [-50, -10, 180, -250, 30], [0, 1], [0, 2, 3], [2, 3, 4]);

        Assert.Equal(0.5, s.ParticipantShare);
        Assert.Equal(0.75, s.ControlShare);
        Assert.Equal(new ChainEffect(-45, ChainEffectRule.Difference), ChainEffects.Effect(s));
    }

    [Fact]
    public void ValueAdded_NegativeParticipantBaselineWithPositiveControls_UsesDifferencesNotAGrowingLoss()
    {
        // P0 -100 -> -50, control 100 -> 110 (G_C = 0.1). The ratio rule would give -50 - (-100 x 1.1) = 60 (the
        // counterfactual loss "grows" to -110); the difference rule gives (-50 - -100) - (110 - 100) = 40.
        var s = Stats([-100, 100], [-50, 110], [0], [0, 1], [1]);

        Assert.Equal(60, s.Effect, 12);
        Assert.Equal(new ChainEffect(40, ChainEffectRule.Difference), ChainEffects.Effect(s));
    }

    [Fact]
    public void Effect_NoParticipants_IsNone_AndReportedFollowsTheAlphaRule()
    {
        var s = Stats([], [], [], [0], []);

        Assert.Equal(ChainEffectRule.None, ChainEffects.Effect(s).Rule);
        Assert.True(double.IsNaN(ChainEffects.Effect(s).Value));
        Assert.Null(ChainEffects.Reported(double.NaN, 0.01, 0.05));
        Assert.Equal(12.5, ChainEffects.Reported(12.5, 0.049, 0.05));
        Assert.Equal(0.0, ChainEffects.Reported(12.5, 0.05, 0.05));
    }

    [Fact]
    public void NewExporters_OnlyFirmsWithoutExportAtBaseline_WeightedControls_ImputedCounterfactual()
    {
        // Participants 0..3, controls 4..9 (export, 1,000 DKK).
        // P0 0 -> 10 (exports); controls 4 (0 -> 5, exports), 5 (100 at baseline: left out), 6 (0 -> 0): k' = 2, 1/2.
        // P1 0 -> 0; controls 6 (0 -> 0), 8 (0 -> 0): 0.
        // P2 20 -> 30: exports at baseline, left out. P3 0 -> 1 with control 5 only (exports at baseline): imputed,
        // it counts in n with the others' control share as its counterfactual.
        // n = 3 (P0, P1, P3), exporting 2 (P0, P3): 2/3 against (0.5 + 0)/2 = 0.25 (over P0 and P1).
        // Additional exporters 3 x (2/3 - 0.25) = 2 - 0.75 = 1.25.
        // Control weights 4: 0.5, 6: 0.5 + 0.5, 8: 0.5 -> Kish (2)^2 / (0.25 + 1 + 0.25) = 8/3.
        double[] x0 = [0, 0, 20, 0, 0, 100, 0, 0, 0, 0];
        double[] x1 = [10, 0, 30, 1, 5, 100, 0, 7, 0, 0];
        var r = NewExporters.Compute(x0, x1, [0, 1, 2, 3], [0, 3, 5, 6, 7], [4, 5, 6, 6, 8, 9, 5]);

        Assert.Equal((3, 2, 1), (r.Participants, r.Exporting, r.ImputedParticipants));
        Assert.Equal(2.0 / 3, r.ParticipantShare, 15);
        Assert.Equal(0.25, r.ControlShare);
        Assert.Equal(8.0 / 3, r.ControlEffectiveN, 14);
        Assert.Equal(1.25, r.AdditionalExportersEstimate, 14);
        Assert.NotNull(r.Test);
        Assert.Equal(1.66666666666667, r.Test.Statistic, 13);
        Assert.Equal(0.0955807045456288, r.Test.PValue, 13);
        Assert.Equal(0.0, r.AdditionalExporters(0.05));
    }

    [Fact]
    public void NewExporters_SignificantDifference_ReportsNTimesTheDifference()
    {
        // 10 participants without export, 8 export at the measurement; one distinct control each, 2 of 10 export.
        double[] x0 = new double[20];
        double[] x1 = new double[20];
        for (int i = 0; i < 8; i++)
        {
            x1[i] = 1;
        }

        x1[10] = x1[11] = 3;
        int[] participants = [.. Enumerable.Range(0, 10)];
        int[] offsets = [.. Enumerable.Range(0, 11)];
        int[] controls = [.. Enumerable.Range(10, 10)];

        var r = NewExporters.Compute(x0, x1, participants, offsets, controls);

        Assert.Equal(0.2, r.ControlShare, 15);
        Assert.Equal(10, r.ControlEffectiveN, 12);
        Assert.Equal(4.74341649025257, r.Test!.Statistic, 12);
        Assert.Equal(2.10143595601244e-06, r.Test.PValue, 1e-18);
        Assert.Equal(6, r.AdditionalExportersEstimate, 12);
        Assert.Equal(6, r.AdditionalExporters(0.05)!.Value, 12);
        Assert.Equal(ShareTestMethod.TwoSample, NewExporters.Compute(x0, x1, participants, offsets, controls, ShareTestMethod.TwoSample).Test!.Method);
    }

    [Fact]
    public void NewExporters_NoneWithoutExport_IsEmpty()
    {
        var r = NewExporters.Compute([5, 0], [5, 0], [0], [0, 1], [1]);

        Assert.Equal(0, r.Participants);
        Assert.Null(r.Test);
        Assert.Null(r.AdditionalExporters(0.05));
        Assert.True(double.IsNaN(r.AdditionalExportersEstimate));
    }
}
