using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Simulation;
using GlobalMidt.Effects.Study;

namespace GlobalMidt.Effects.Tests.Study;

/// <summary>
/// A small known-truth study (docs/accuracy.md) in the suite: 6 registers of 20,000 firms with the realistic dynamics
/// (transitory shocks, selection after a good period) and effects of 0.4 on FTE and turnover in every group, so the
/// effect stands out of the participants' own untreated noise (at the default effects of 0-0.2 a 20,000-firm register
/// gives relative errors with an SD of about 60 %, and no small study could say anything).
/// </summary>
/// <remarks>
/// The bound: |mean relative error| &lt;= 0.05 + 3 SE, SE = SD over the seeds / sqrt(6). Three standard errors of the
/// mean keep the test from failing by chance (about 1 in 300 under no bias); the 0.05 is the finite-size matching bias
/// the 100,000-firm study measures for the robust estimator (+8 % jobs at effects of about 0.1, i.e. under 0.01 of
/// the counterfactual level, at most 0.03 of the effect at 0.4) with room for the smaller registers. The SE itself is
/// asserted below 0.12, so the bound can never be wider than 0.41.
/// </remarks>
public class KnownTruthStudyTests
{
    private static readonly Lazy<IReadOnlyList<StudyEstimate>> Estimates = new(() => KnownTruthStudy.Run(new StudyOptions
    {
        Seeds = 6,
        Firms = 20_000,
        Dynamics = RegisterDynamics.Realistic,
        Template = new SimulationOptions { Groups = SimulatedGroup.Defaults.Select(g => g with { FteEffect = 0.4, TurnoverEffect = 0.4 }).ToArray() },
        Estimators = [StudyEstimator.ByName("dst2016", 0)!, StudyEstimator.ByName("trajectory+national+pairwise", 0)!, StudyEstimator.ByName("dst2016+national+pairwise+tmean", 0)!],
    }));

    [Theory]
    [InlineData("dst2016", "jobs")]
    [InlineData("trajectory+national+pairwise", "jobs")]
    [InlineData("trajectory+national+pairwise", "turnover")]
    [InlineData("dst2016+national+pairwise+tmean", "jobs")]
    [InlineData("dst2016+national+pairwise+tmean", "turnover")]
    public void CrossCutting_NoBiasBeyondTheStudysNoise(string estimator, string outcome)
    {
        var errors = Estimates.Value
            .Where(e => e.Estimator == estimator && e.Outcome == outcome && e.Group == SimulationTruth.CrossCuttingKey)
            .Select(e => e.RelativeError)
            .ToArray();
        Assert.Equal(6, errors.Length);
        double mean = errors.Average();
        double sd = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / (errors.Length - 1));
        double se = sd / Math.Sqrt(errors.Length);
        Assert.True(se < 0.12, $"{estimator} {outcome}: SE of the mean {se:F3} (errors {string.Join(", ", errors.Select(e => e.ToString("+0.000;-0.000", System.Globalization.CultureInfo.InvariantCulture)))})");
        Assert.True(Math.Abs(mean) <= 0.05 + (3 * se), $"{estimator} {outcome}: mean relative error {mean:+0.000;-0.000}, SE {se:F3}");
    }

    [Fact]
    public void Summary_CountsEveryRegisterAndGroup()
    {
        var rows = KnownTruthStudy.Summarise(Estimates.Value);
        var cross = rows.Single(r => r.Estimator == "dst2016" && r.Outcome == "jobs" && r.Row == "cross-cutting");
        Assert.Equal(6, cross.Count);
        var groups = rows.Single(r => r.Estimator == "dst2016" && r.Outcome == "jobs" && r.Row == "groups");
        Assert.Equal(6 * SimulatedGroup.Defaults.Count, groups.Count);
        Assert.True(double.IsNaN(cross.Coverage), "no bootstrap, no coverage");
        Assert.Contains("| dst2016 | jobs | cross-cutting | 6 |", KnownTruthStudy.FormatTable(rows), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dst2016+k2+pairwise+biasadj")]
    [InlineData("trajectory+national+glm+wbiasadj")]
    [InlineData("dst2016+national1+pairwise+tboth+r10")]
    public void ByName_ParsesMethodAndModifiers(string name) => Assert.NotNull(StudyEstimator.ByName(name, 0));

    [Fact]
    public void ByName_Recommended_IsThePublishedCovariatesPlusTheTurnoverMeanNationallyPairwise()
    {
        var options = StudyEstimator.ByName("dst2016+national+pairwise+tmean+r3", 0)!.Options;
        Assert.Equal([FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.TurnoverMean], options.Covariates);
        Assert.Equal([MatchingLevel.Parse("national+industry2+history"), MatchingLevel.Parse("national+industry1+history"), MatchingLevel.Parse("history")], options.Levels);
        Assert.Equal(EffectEstimator.Pairwise, options.Estimator);
        Assert.Equal(MeasurementMethod.Dst2016, options.Method);
        Assert.Equal(3, options.Matching.Ratio);
        Assert.Equal(BootstrapScheme.MatchedSets, options.BootstrapScheme);
        Assert.Equal(BootstrapScheme.Controls, StudyEstimator.ByName("dst2016+national+pairwise+tmean+cboot", 0)!.Options.BootstrapScheme);
    }

    [Fact]
    public void ByName_CovariateList_ReplacesTheMethodsCovariatesInItsOrder()
    {
        var options = StudyEstimator.ByName("robust+cov.fte.growth.export", 0)!.Options;
        Assert.Equal([FirmCovariate.Fte, FirmCovariate.Growth, FirmCovariate.Export], options.Covariates);
        Assert.Equal(MatchingLevel.National, options.Levels);
        Assert.Equal(EffectEstimator.Pairwise, options.Estimator);
        Assert.Equal(
            [FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.TurnoverMean, FirmCovariate.FtePrevious, FirmCovariate.TurnoverPrevious, FirmCovariate.Exporter],
            StudyEstimator.ByName("dst2016+cov.fte.turnover.growth.tmean.fprev.tprev.exporter", 0)!.Options.Covariates);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("trajectory+k0")]
    [InlineData("dst2016+fast")]
    [InlineData("dst2016+r0")]
    [InlineData("robust+cov.")]
    [InlineData("robust+cov.fte.fte")]
    [InlineData("robust+cov.fte.size")]
    public void ByName_UnknownIsNull(string name) => Assert.Null(StudyEstimator.ByName(name, 0));
}

/// <summary>The coverage note of issue 12: printed for a configuration whose intervals covered less than 90 % in the
/// study, never for the published method (its output stays as published).</summary>
public class StudyCoverageNoteTests
{
    private static readonly Lazy<SimulatedProgramme> Programme = new(() => RegisterSimulator.Simulate(new SimulationOptions { Firms = 6_000, Seed = 4 }));

    private static IReadOnlyList<string> Notes(MeasurementOptions options)
    {
        var p = Programme.Value;
        return EffectMeasurement.Run(p.ToRegister(), p.Participants, p.Budgets, options).Notes;
    }

    [Fact]
    public void Trajectory_NotesTheStudysCoverageBelow90Percent()
    {
        var notes = Notes(new MeasurementOptions { Method = MeasurementMethod.Trajectory, BootstrapReplicates = 19 });
        Assert.Contains(notes, n => n.Contains("interval of jobs created held the true effect in only 80.0% of registers", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("interval of added turnover held the true effect in only 85.0% of registers", StringComparison.Ordinal));
    }

    [Fact]
    public void Dst2016_NotesTheStudysCoverageBelow90Percent()
    {
        // docs/accuracy.md: dst2016 (regional strata, aggregate) covered jobs and added turnover in 33 of 40 registers.
        var notes = Notes(new MeasurementOptions { Method = MeasurementMethod.Dst2016, BootstrapReplicates = 19 });
        Assert.Contains(notes, n => n.Contains("interval of jobs created held the true effect in only 82.5% of registers", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("interval of added turnover held the true effect in only 82.5% of registers", StringComparison.Ordinal));

        // dst2016 + pairwise: jobs 92.5 % (no note), turnover 82.5 %.
        var pairwise = Notes(new MeasurementOptions { Method = MeasurementMethod.Dst2016, Estimator = EffectEstimator.Pairwise, BootstrapReplicates = 19 });
        Assert.DoesNotContain(pairwise, n => n.Contains("of jobs created held", StringComparison.Ordinal));
        Assert.Contains(pairwise, n => n.Contains("interval of added turnover held the true effect in only 82.5% of registers", StringComparison.Ordinal));
    }

    [Fact]
    public void Recommended_NotesTheTurnoverCoverageOnly()
    {
        // docs/accuracy.md, 100 registers: jobs 91.0 % (no note), added turnover 88.0 % (the plain Mahalanobis
        // distance: the study ran it before the trajectory weight).
        var notes = Notes(new MeasurementOptions
        {
            Covariates = [FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.TurnoverMean],
            Levels = MatchingLevel.National,
            Estimator = EffectEstimator.Pairwise,
            BootstrapReplicates = 19,
            BootstrapScheme = BootstrapScheme.MatchedSets,
            TrajectoryWeight = 0,
        });
        Assert.Equal(notes, Notes(new MeasurementOptions { BootstrapReplicates = 19, BootstrapScheme = BootstrapScheme.MatchedSets, TrajectoryWeight = 0 }));

        // With robust's trajectory weight and the matched-set bootstrap the study did not run: no note.
        Assert.DoesNotContain(Notes(new MeasurementOptions { BootstrapReplicates = 19, BootstrapScheme = BootstrapScheme.MatchedSets }), n => n.Contains("Known-truth study", StringComparison.Ordinal));

        // The default (robust: the same settings with the bootstrap of the controls): no note.
        Assert.DoesNotContain(Notes(new MeasurementOptions { BootstrapReplicates = 19 }), n => n.Contains("Known-truth study", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.Contains("of jobs created held", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("100 simulated registers", StringComparison.Ordinal) && n.Contains("interval of added turnover held the true effect in only 88.0% of registers", StringComparison.Ordinal));

        // The turnover mean with regional levels: not studied, no note.
        var regional = Notes(new MeasurementOptions { Method = MeasurementMethod.Dst2016, Covariates = [FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.TurnoverMean], BootstrapReplicates = 19 });
        Assert.DoesNotContain(regional, n => n.Contains("Known-truth study", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_TurnoverMeanCovariate_IsAcceptedAndBalanced()
    {
        var stdout = new StringWriter();
        int code = GlobalMidt.Effects.Cli.CliApp.Run(["measure", "--covariates", "fte,turnover,growth,turnover_mean", "--levels", "national+industry2+history,national+industry1+history,history", "--estimator", "pairwise", "--bootstrap", "0", "--quiet"], stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains("log(1+turnover) history mean", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BootstrapOfTheControls_NotesOnlyWhatTheStudyMeasuredBelow90Percent()
    {
        // docs/accuracy.md, "Bootstrap of the controls": recommended 95.0 % / 94.0 % (no note); dst2016 jobs 86.0 %,
        // added turnover 90.0 %.
        var recommended = Notes(new MeasurementOptions
        {
            Covariates = [FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.TurnoverMean],
            Levels = MatchingLevel.National,
            Estimator = EffectEstimator.Pairwise,
            BootstrapReplicates = 19,
            BootstrapScheme = BootstrapScheme.Controls,
        });
        Assert.DoesNotContain(recommended, n => n.Contains("Known-truth study", StringComparison.Ordinal));
        var published = Notes(new MeasurementOptions { Method = MeasurementMethod.Dst2016, BootstrapReplicates = 19, BootstrapScheme = BootstrapScheme.Controls });
        Assert.Contains(published, n => n.Contains("bootstrap of the controls the 95% interval of jobs created held the true effect in only 86.0% of registers", StringComparison.Ordinal));
        Assert.DoesNotContain(published, n => n.Contains("of added turnover held", StringComparison.Ordinal));

        // Not run with this scheme: no note.
        var trajectory = Notes(new MeasurementOptions { Method = MeasurementMethod.Trajectory, BootstrapReplicates = 19, BootstrapScheme = BootstrapScheme.Controls });
        Assert.DoesNotContain(trajectory, n => n.Contains("Known-truth study", StringComparison.Ordinal));
    }

    [Fact]
    public void CoveredOrUnstudiedConfigurations_HaveNoStudyNote()
    {
        var robust = new MeasurementOptions
        {
            Method = MeasurementMethod.Trajectory,
            Estimator = EffectEstimator.Pairwise,
            Levels = MatchingLevel.National,
            BootstrapReplicates = 19,
        };
        Assert.DoesNotContain(Notes(robust), n => n.Contains("Known-truth study", StringComparison.Ordinal));
        Assert.DoesNotContain(Notes(new MeasurementOptions { BootstrapReplicates = 0 }), n => n.Contains("Known-truth study", StringComparison.Ordinal));
        Assert.DoesNotContain(Notes(new MeasurementOptions { BootstrapReplicates = 19, ConfidenceLevel = 0.9 }), n => n.Contains("Known-truth study", StringComparison.Ordinal));
    }
}
