using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary><c>--bootstrap-scheme controls</c> through the measurement: every outcome (jobs, added turnover and the
/// effect chain's export, new exporters and value added) gets an interval, the same bits on one thread and on many,
/// and the estimates are those of the matched-set scheme (the scheme changes the intervals only).</summary>
public sealed class ControlBootstrapMeasurementTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "gm-cboot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Theory]
    [InlineData(EffectEstimator.Aggregate, false)]
    [InlineData(EffectEstimator.Pairwise, true)]
    public void ChainRegister_SameIntervalsOnAnyThreadCount_EstimatesUnchanged(EffectEstimator estimator, bool biasAdjust)
    {
        var files = ChainSimulator.Write(new ChainSimulationOptions { Firms = 6_000, Seed = 3 }, _out, gzip: false);
        var register = RegisterCsv.Load(files.FirmsPath);
        var participants = ParticipantsCsv.Load(files.ParticipantsPath, null, register);
        var budgets = BudgetsCsv.Load(files.BudgetsPath);
        MeasurementResult Run(BootstrapScheme scheme, int threads) => EffectMeasurement.Run(register, participants, budgets, new MeasurementOptions
        {
            History = ChainSimulator.FirstPeriod,
            Baseline = ChainSimulator.Baseline,
            Measurement = Period.Parse("2021H2"),
            BootstrapReplicates = 49,
            BootstrapScheme = scheme,
            Estimator = estimator,
            BiasAdjust = biasAdjust,
            Levels = StudyLevels,
            MaxDegreeOfParallelism = threads,
        });

        var one = Run(BootstrapScheme.Controls, 1);
        var many = Run(BootstrapScheme.Controls, 0);
        var sets = Run(BootstrapScheme.MatchedSets, 0);
        Assert.Equal(one.Groups.Count, many.Groups.Count);
        for (int g = 0; g < one.Groups.Count; g++)
        {
            var (a, b, m) = (one.Groups[g], many.Groups[g], sets.Groups[g]);
            Assert.Equal(a.Employment, b.Employment);
            Assert.Equal(a.Turnover, b.Turnover);
            Assert.Equal(a.Chain, b.Chain);
            Assert.Equal(m.Employment.Estimate, a.Employment.Estimate);
            Assert.Equal(m.Turnover.Estimate, a.Turnover.Estimate);
            Assert.Equal(m.Chain!.Export!.EstimateMdkk, a.Chain!.Export!.EstimateMdkk);
            if (a.Matched > 1)
            {
                Assert.NotNull(a.Employment.Interval);
                Assert.NotNull(a.Turnover.Interval);
                Assert.NotNull(a.Chain.Export.Interval);
                Assert.NotNull(a.Chain.ValueAdded!.Interval);
                Assert.NotNull(a.Chain.NewExporters!.Interval);
                Assert.NotEqual(m.Employment.Interval, a.Employment.Interval);
            }
        }
    }

    // National strata: controls reused by many participants.
    private static readonly IReadOnlyList<MatchingLevel> StudyLevels =
        [MatchingLevel.Parse("national+industry2+history"), MatchingLevel.Parse("national+industry1+history"), MatchingLevel.Parse("history")];
}
