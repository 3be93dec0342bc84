using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>
/// The measurement against the simulator's known truth (registers of 40,000 firms, several seeds): Table 1 must be
/// exact; the matched control group must come much closer to the participants' true growth without the programme
/// than the naive comparison with every non-participant; jobs created must be closer to the truth than the naive
/// estimate. Tolerances and their reasons: data-samples/README.md, "How close the measurement gets, and why it
/// over-estimates" (selection is on observables only; the over-estimate is residual imbalance of the large
/// participants plus the noise of a truth dominated by a few large firms).
/// </summary>
public class KnownTruthTests
{
    public static TheoryData<ulong> Seeds => [1, 2, 3, 4];

    private static (MeasurementResult Result, SimulationTruth Truth) Measure(ulong seed)
    {
        var programme = RegisterSimulator.Simulate(new SimulationOptions { Firms = 40_000, Seed = seed });
        var result = EffectMeasurement.Run(
            programme.ToRegister(),
            programme.Participants,
            programme.Budgets,
            new MeasurementOptions { BootstrapReplicates = 199 });
        return (result, programme.Truth);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Table1_EqualsTruthExactly(ulong seed)
    {
        var (result, truth) = Measure(seed);
        Assert.Equal(truth.Groups.Count + 1, result.Groups.Count);
        foreach (var g in result.Groups)
        {
            var t = truth[g.IsCrossCutting ? SimulationTruth.CrossCuttingKey : g.Group];
            Assert.Equal(t.Reported, g.Eligibility.Reported);
            Assert.Equal(t.Measured, g.Eligibility.Measured);
            Assert.Equal(t.Excluded.Unknown, g.Eligibility.Unknown);
            Assert.Equal(t.Excluded.Public, g.Eligibility.Public);
            Assert.Equal(t.Excluded.Ceased, g.Eligibility.Ceased);
            Assert.Equal(t.Excluded.Inactive, g.Eligibility.Inactive);
            Assert.Empty(g.Unmatched);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MatchedControlShare_IsCloseToTheTrueShareWithoutTheProgramme(ulong seed)
    {
        var (result, truth) = Measure(seed);
        var cross = result.Groups[0];
        var t = truth[SimulationTruth.CrossCuttingKey];
        double matchedError = Math.Abs(cross.Employment.Test!.ControlShare - t.CounterfactualEmploymentGrowthShare);
        double naiveError = Math.Abs(cross.Employment.NaiveControlShare - t.CounterfactualEmploymentGrowthShare);

        // Observed on seeds 1-6: matched 0.028, 0.016, 0.017, -0.002, 0.050, 0.038 below the truth (small firms are
        // well matched; the residual gap comes from the large ones), naive 0.08-0.13 below.
        Assert.True(matchedError < 0.05, $"matched control share off by {matchedError:F3}");
        Assert.True(naiveError > 2 * matchedError, $"naive {naiveError:F3} vs matched {matchedError:F3}");
        Assert.Equal(t.EmploymentGrowthShare, cross.Employment.Test.ParticipantShare, 6);
    }

    [Fact]
    public void JobsCreated_AreCloserToTheTruthThanTheNaiveComparison()
    {
        double matched = 0;
        double naive = 0;
        foreach (ulong seed in new ulong[] { 1, 2, 3, 4 })
        {
            var (result, truth) = Measure(seed);
            var e = result.Groups[0].Employment;
            double trueJobs = truth[SimulationTruth.CrossCuttingKey].TrueJobsCreated;
            double error = (e.Estimate!.Value / trueJobs) - 1;
            matched += Math.Abs(error);
            naive += Math.Abs((e.NaiveEstimate!.Value / trueJobs) - 1);

            // 40,000 firms, the classic generator, 199 replicates, seeds 1-6 (measured 2026-11-30 with `generate --firms
            // 40000 --seed S` and `measure --bootstrap 199`): +29, +25, -0, +14, +39, -15 % with the default trajectory
            // weight 2 (+33, +31, +21, +20, +45, +1 % with the plain Mahalanobis distance, --trajectory-weight 0). The
            // rest of the over-estimate is the large participants' residual imbalance (their controls are smaller and
            // grew less before the baseline, and G_C is FTE-weighted) plus the truth's own noise: even the pool-wide
            // regression of the counterfactual misses by -27..+32 % at this size. The bound is what seeds 1-6 achieve
            // (-15..+39 %) with a margin of 0.1 on each side; every interval holds the truth.
            Assert.InRange(error, -0.25, 0.50);
            Assert.InRange(trueJobs, e.Interval!.Value.Low, e.Interval.Value.High);
            Assert.True(e.Interval!.Value.Low < e.Estimate.Value && e.Estimate.Value < e.Interval.Value.High);
        }

        Assert.True(matched < naive, $"mean |error| matched {matched / 4:F2} vs naive {naive / 4:F2}");
    }
}
