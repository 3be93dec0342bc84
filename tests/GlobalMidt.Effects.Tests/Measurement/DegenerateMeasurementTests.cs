using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>
/// Issue 9's reproducers for the computation: the measurement completes with notes on degenerate matching, and a
/// figure that cannot be computed, or no control pool, is an <see cref="AnalysisException"/> (never an
/// <see cref="AggregateException"/> out of the parallel group loops, never a printed NaN or Infinity).
/// </summary>
public sealed class DegenerateMeasurementTests
{
    private static readonly Period Baseline = Period.FromYear(2008);
    private static readonly Period Measurement = Period.FromYear(2014);

    private static IEnumerable<FirmPeriodRecord> Firm(string id, (double Fte, double Turnover) baseline, (double Fte, double Turnover) measurement, string industry = "620100")
    {
        yield return new FirmPeriodRecord(id, Baseline, "751", "Region Midtjylland", industry, false, baseline.Fte, baseline.Turnover);
        yield return new FirmPeriodRecord(id, Measurement, "751", "Region Midtjylland", industry, false, measurement.Fte, measurement.Turnover);
    }

    private static MeasurementOptions Options(int threads = 0) => new() { Method = MeasurementMethod.Dst2016, BootstrapReplicates = 50, MaxDegreeOfParallelism = threads };

    [Fact]
    public void TwoFirms_OneParticipantOneControl_TablesWithNotes()
    {
        // The smallest case of issue 9: one participant (FTE 5 -> 8, turnover 1000 -> 1100) and one control (FTE
        // 4 -> 4, turnover 1000 -> 1200) in the same cell, two periods.
        var register = Register.FromRecords([.. Firm("1", (5, 1000), (8, 1100)), .. Firm("2", (4, 1000), (4, 1200))]);
        var result = EffectMeasurement.Run(register, [new Participant("1", "p", "G")], [new GroupBudget("G", 2)], Options());
        SmallRegisterTests.AssertComplete(result, "two firms");

        var g = result.Groups.Single(r => r.Group == "G");
        Assert.Equal(1, g.Matched);
        Assert.Equal(1, g.DistinctControls);

        // Employment: 1 of 1 grew against 0 of 1. The known-share test has no variance at a control share of 0; the
        // two-sample test with n0 = 1 is prop.test(c(1, 0), c(1, 1), correct = FALSE): p = 0.15729920705028447
        // (References/inference/share_test_fallback.R). Not significant: published 0; estimate 8 - 5 x (4/4) = 3.
        var emp = g.Employment;
        Assert.Equal(ShareTestMethod.TwoSample, emp.Test!.Method);
        Tolerance.AssertClose(0.15729920705028447, emp.Test.PValue, 1e-12, 0, "p");
        Assert.Equal(0.0, emp.Effect);
        Assert.Equal(3.0, emp.Estimate!.Value, 12);
        Assert.Null(emp.Interval); // one participant: no bootstrap

        // Turnover: both grew, p = 1 (known share, equal shares); G_C = 0.2, estimate 1100 - 1000 x 1.2 = -100 tkr.
        Assert.Equal(ShareTestMethod.KnownShare, g.Turnover.Test!.Method);
        Assert.Equal(1.0, g.Turnover.Test.PValue);
        Assert.Equal(-0.1, g.Turnover.Estimate!.Value, 12);

        // Table 3: A = 0, so C and F are undefined; E = 2 mio. / 1 firm = 2,000 tkr.
        Assert.Equal(new Table3Row("G", 0, 2, null, 1, 2000, null), g.Table3);

        // Reported once, with the cross-cutting matching every group takes its controls from (GroupMatching.Shared).
        Assert.Contains("'Tværgående måling (ekskl. dubletter)', level region+industry2+history: the pooled within-group covariance of the Mahalanobis distance cannot be estimated (one participant and one control, or no covariate varies among participants or among controls); matched on the Euclidean distance of the standardized covariates instead, which picks the same controls here; the groups take their controls from this matching.", result.Notes);
        Assert.DoesNotContain(result.Notes, n => n.StartsWith("'G', level", StringComparison.Ordinal));
        Assert.Contains("'G', employment: the matched controls' share with growth is 0, where the known-share z test has no variance; its p-value is the two-sample z test's with the control group's effective size (1), as --test two-sample.", result.Notes);
        Assert.DoesNotContain(result.Notes, n => n.StartsWith("'G', turnover", StringComparison.Ordinal));
        Assert.Equal(result.ToConsole(), EffectMeasurement.Run(register, [new Participant("1", "p", "G")], [new GroupBudget("G", 2)], Options(1)).ToConsole());
    }

    [Fact]
    public void OneParticipantIdenticalControls_ZeroCovariance_MatchesTheFirstByFirmId()
    {
        // The participant's cell holds four identical controls: no covariate varies within either group.
        var register = Register.FromRecords([
            .. Firm("1", (5, 1000), (9, 1000)),
            .. Firm("2", (3, 500), (3, 500)), .. Firm("3", (3, 500), (3, 500)),
            .. Firm("4", (3, 500), (3, 500)), .. Firm("5", (3, 500), (3, 500)),
        ]);
        foreach (var levels in new[] { MatchingLevel.Defaults, [MatchingLevel.Parse("national")] })
        {
            var options = Options() with { Matching = MeasurementOptions.DefaultMatching with { Ratio = 2 }, Levels = levels };
            var result = EffectMeasurement.Run(register, [new Participant("1", "p", "G")], [], options);
            SmallRegisterTests.AssertComplete(result, "zero covariance");
            var g = result.Groups.Single(r => r.Group == "G");
            Assert.Equal(2, g.DistinctControls);
            Assert.Contains(result.Notes, n => n.StartsWith($"'Tværgående måling (ekskl. dubletter)', level {levels[0]}: the pooled within-group covariance", StringComparison.Ordinal) && n.EndsWith("; the groups take their controls from this matching.", StringComparison.Ordinal));

            // Each group matched on its own: the note is the group's.
            var perGroup = EffectMeasurement.Run(register, [new Participant("1", "p", "G")], [], options with { GroupMatching = GroupMatching.PerGroup });
            Assert.Equal(2, perGroup.Groups.Single(r => r.Group == "G").DistinctControls);
            Assert.Contains(perGroup.Notes, n => n.StartsWith($"'G', level {levels[0]}: the pooled within-group covariance", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EmptyControlPool_IsAnAnalysisError()
    {
        var register = Register.FromRecords([.. Firm("1", (1, 100), (2, 200)), .. Firm("2", (1, 100), (2, 200))]);
        var e = Assert.Throws<AnalysisException>(() =>
            EffectMeasurement.Run(register, [new Participant("1", "p", "G"), new Participant("2", "p", "H")], [], Options()));
        Assert.StartsWith("No control firm at all: none of the 2 firms in the register is both eligible in 2008..2014", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BudgetsSummingToInfinity_IsAnAnalysisErrorNamingTheCrossCuttingBudget()
    {
        // Issue 9: budgets of 1e308 in two groups; the cross-cutting budget (their sum) was Infinity and Table 3 threw
        // out of Parallel.For as an AggregateException.
        var register = Register.FromRecords([.. Firm("1", (1, 100), (2, 200)), .. Firm("2", (1, 100), (1, 100)), .. Firm("3", (3, 100), (2, 300))]);
        Participant[] participants = [new("1", "p", "G"), new("2", "p", "H")];
        foreach (int threads in new[] { 1, 4 })
        {
            var e = Assert.Throws<AnalysisException>(() =>
                EffectMeasurement.Run(register, participants, [new GroupBudget("G", 1e308), new GroupBudget("H", 1e308)], Options(threads)));
            Assert.StartsWith("Cross-cutting row: its budget (Table 3 column B), the sum of every group's budget, is not a finite number", e.Message, StringComparison.Ordinal);
        }

        // One such budget is finite, but its spend per firm (B x 1000 / D) is not: the first group by name says so.
        var one = Assert.Throws<AnalysisException>(() =>
            EffectMeasurement.Run(register, participants, [new GroupBudget("G", 1e308)], Options()));
        Assert.StartsWith("Group 'G', Table 3: E (spend per firm) is not a finite number (Infinity)", one.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FtesNearTheLargestDouble_AnAnalysisOrInputError_NeverAnotherException()
    {
        // Issue 9: FTEs near 1.7e308 made jobs -Infinity. Through Register.FromRecords this is an analysis error
        // naming the group and figure (or, with load-time bounds, an input error: both documented, exit 4 or 3).
        Exception? e = Record.Exception(() =>
        {
            var register = Register.FromRecords([
                .. Firm("1", (1, 100), (1.7e308, 200)), .. Firm("2", (1, 100), (1.7e308, 200)),
                .. Firm("3", (1, 100), (2, 100)), .. Firm("4", (2, 100), (2, 300)),
            ]);
            EffectMeasurement.Run(register, [new Participant("1", "p", "G"), new Participant("2", "p", "G")], [], Options());
        });
        Assert.NotNull(e);
        Assert.True(e is AnalysisException or InputDataException, e.ToString());
        if (e is AnalysisException)
        {
            Assert.Equal("Group 'G', jobs created: the participants' FTEs at measurement (sum) is not a finite number (Infinity): the FTEs, turnover or budgets are too large (the largest double is 1.8E+308), or a baseline too close to 0, to compute it; check them.", e.Message);
        }
    }

    [Fact]
    public void FiniteFigures_OverflowingSums_NameGroupOutcomeAndFigure()
    {
        // The check itself, independent of any load-time bound: two participants at 1e308 FTEs.
        var outcomes = new MatchedOutcomes([1, 1, 1], [1e308, 1e308, 1], [0, 1], [0, 1, 2], [2, 2]);
        var s = outcomes.Statistics();
        Assert.True(double.IsPositiveInfinity(s.ParticipantsMeasurement));
        var e = Assert.Throws<AnalysisException>(() => FiniteFigures.Sums("VF Midtjylland", FiniteFigures.Jobs, s));
        Assert.StartsWith("Group 'VF Midtjylland', jobs created: the participants' FTEs at measurement (sum) is not a finite number", e.Message, StringComparison.Ordinal);

        // A control growth rate that overflows (1e308 / 1e-10) is caught even though the sums are finite.
        var rate = new MatchedOutcomes([1, 1e-10], [2, 1e308], [0], [0, 1], [1]).Statistics();
        var r = Assert.Throws<AnalysisException>(() => FiniteFigures.Sums("G", FiniteFigures.AddedTurnover, rate));
        Assert.StartsWith("Group 'G', added turnover: the matched controls' growth rate is not a finite number", r.Message, StringComparison.Ordinal);

        // Undefined by the method (controls' baseline sum 0) is not an error.
        FiniteFigures.Sums("G", FiniteFigures.Jobs, new MatchedOutcomes([1, 0], [2, 3], [0], [0, 1], [1]).Statistics());
    }
}
