using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Simulation;
using GlobalMidt.Effects.Study;

namespace GlobalMidt.Effects.Tests.Study;

/// <summary>
/// Added export in the known-truth study (docs/accuracy.md, "Added export in the study"): the study's registers carry
/// export by default, and every estimator gets added-export rows beside jobs and added turnover, with the truth of
/// truth.json and the estimate and interval that <c>measure</c> reports (the effect chain's).
/// </summary>
public class KnownTruthStudyExportTests
{
    private static StudyOptions Small(RegisterExport? export, bool matchOnExport = false) => new()
    {
        Seeds = 2,
        Firms = 5_000,
        Export = export,
        MatchOnExport = matchOnExport,
        Estimators = [StudyEstimator.ByName("dst2016", 19)!, StudyEstimator.ByName("dst2016+national+pairwise+tmean", 19)!],
    };

    private static readonly Lazy<IReadOnlyList<StudyEstimate>> WithExport = new(() => KnownTruthStudy.Run(Small(RegisterExport.Default)));

    [Fact]
    public void Defaults_RegistersWithExport()
    {
        Assert.Equal(RegisterExport.Default, new StudyOptions().Export);
        Assert.False(new StudyOptions().MatchOnExport);
    }

    [Fact]
    public void Export_EveryEstimatorHasAddedExportRows_WithTheTruthAndTheMeasurementsEstimate()
    {
        var estimates = WithExport.Value;
        int designed = SimulatedGroup.Defaults.Count(g => g.ExportEffect != 0);
        foreach (string estimator in new[] { "dst2016", "dst2016+national+pairwise+tmean" })
        {
            var export = estimates.Where(e => e.Estimator == estimator && e.Outcome == "export").ToArray();
            Assert.Equal(2 * (SimulatedGroup.Defaults.Count + 1), export.Length);
            Assert.Equal(2 * designed, export.Count(e => e.Group != SimulationTruth.CrossCuttingKey && e.DesignedEffect));
            Assert.All(export, e => Assert.True(double.IsFinite(e.Estimate) && e.Low <= e.High, $"{e.Group}: {e.Estimate} [{e.Low}; {e.High}]"));
        }

        // The truth is the generator's, and the estimate the measurement's (its chain export) on the same register.
        var programme = RegisterSimulator.Simulate(new SimulationOptions { Firms = 5_000, Seed = 2, Dynamics = RegisterDynamics.Realistic, Export = RegisterExport.Default });
        var result = EffectMeasurement.Run(programme.ToRegister(), programme.Participants, programme.Budgets, StudyEstimator.ByName("dst2016", 19)!.Options);
        var cross = estimates.Single(e => e.Seed == 2 && e.Estimator == "dst2016" && e.Outcome == "export" && e.Group == SimulationTruth.CrossCuttingKey);
        Assert.Equal(programme.Truth.CrossCutting.TrueAddedExportMdkk!.Value, cross.Truth);
        var measured = result.Groups.Single(g => g.IsCrossCutting).Chain!.Export!;
        Assert.Equal(measured.EstimateMdkk!.Value, cross.Estimate);
        Assert.Equal(measured.Interval!.Value.Low, cross.Low);

        var rows = KnownTruthStudy.Summarise(estimates);
        Assert.Equal(2, rows.Single(r => r.Estimator == "dst2016" && r.Outcome == "export" && r.Row == "cross-cutting").Count);
        Assert.Equal(2 * designed, rows.Single(r => r.Estimator == "dst2016" && r.Outcome == "export" && r.Row == "groups").Count);
        string table = KnownTruthStudy.FormatTable(rows);
        Assert.Contains("| dst2016 | added export | cross-cutting | 2 |", table, StringComparison.Ordinal);
        Assert.Contains("| dst2016+national+pairwise+tmean | added export | groups | " + (2 * designed) + " |", table, StringComparison.Ordinal);
        Assert.Contains(",export,\"cross_cutting\",", KnownTruthStudy.FormatCsv(estimates), StringComparison.Ordinal);
        Assert.Contains("Registers with export (selection on exporters 0.5)", KnownTruthStudy.FormatReport(Small(RegisterExport.Default), 19, estimates), StringComparison.Ordinal);
    }

    [Fact]
    public void NoExport_NoExportRows()
    {
        var estimates = KnownTruthStudy.Run(Small(null) with { Seeds = 1, Estimators = [StudyEstimator.ByName("dst2016", 0)!] });
        Assert.DoesNotContain(estimates, e => e.Outcome == "export");
        string report = KnownTruthStudy.FormatReport(Small(null), 0, estimates);
        Assert.DoesNotContain("export", report, StringComparison.Ordinal);
        Assert.Contains("| dst2016 | added turnover | cross-cutting | 1 |", report, StringComparison.Ordinal);
    }

    [Fact]
    public void MatchOnExport_AddsTheCovariateAndNamesIt_DefaultCovariatesKeepTheirName()
    {
        var options = Small(RegisterExport.Default, matchOnExport: true);
        var recommended = KnownTruthStudy.WithExportCovariate(options.Estimators[1], options);
        Assert.Equal("dst2016+national+pairwise+tmean+export", recommended.Name);
        Assert.Equal([FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.TurnoverMean, FirmCovariate.Export], recommended.Options.Covariates);
        Assert.Same(options.Estimators[0], KnownTruthStudy.WithExportCovariate(options.Estimators[0], options));
        Assert.Same(options.Estimators[1], KnownTruthStudy.WithExportCovariate(options.Estimators[1], options with { MatchOnExport = false }));
        Assert.Same(options.Estimators[1], KnownTruthStudy.WithExportCovariate(options.Estimators[1], options with { Export = null }));
    }

    [Fact]
    public void Cli_ExportOptions()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["simulate-study", "--seeds", "1", "--firms", "3000", "--estimator", "dst2016+national+pairwise+tmean", "--bootstrap", "0", "--export-covariate", "--export-selection", "0", "--quiet"], stdout, stderr);
        Assert.True(code == ExitCodes.Success, stderr.ToString());
        Assert.Contains("Registers with export (selection on exporters 0.0)", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("| dst2016+national+pairwise+tmean+export | added export | cross-cutting | 1 |", stdout.ToString(), StringComparison.Ordinal);

        stdout = new StringWriter();
        code = CliApp.Run(["simulate-study", "--seeds", "1", "--firms", "3000", "--estimator", "dst2016", "--bootstrap", "0", "--export", "off", "--quiet"], stdout, new StringWriter());
        Assert.Equal(ExitCodes.Success, code);
        Assert.DoesNotContain("added export", stdout.ToString(), StringComparison.Ordinal);

        foreach (string[] bad in new[] { new[] { "--export", "off", "--export-covariate" }, ["--export", "off", "--export-selection", "1"], ["--export", "maybe"] })
        {
            stderr = new StringWriter();
            code = CliApp.Run(["simulate-study", "--seeds", "1", "--firms", "2000", .. bad], new StringWriter(), stderr);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains("--export", stderr.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Cli_Generate_Export_WritesTheColumnAndTheTruth()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gm-gen-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = CliApp.Run(["generate", "--firms", "2000", "--export", "--out", dir, "--quiet"], stdout, stderr);
            Assert.True(code == ExitCodes.Success, stderr.ToString());
            Assert.Equal("firm_id,period,municipality,region,industry,sector,fte,turnover,export", File.ReadLines(Path.Combine(dir, "firms.csv")).First());
            Assert.Contains("true export (mio.)", stdout.ToString(), StringComparison.Ordinal);
            Assert.NotNull(SimulationTruth.Load(Path.Combine(dir, "truth.json")).CrossCutting.TrueAddedExportMdkk);

            stderr = new StringWriter();
            code = CliApp.Run(["generate", "--chain", "--export", "--out", dir], new StringWriter(), stderr);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains("--export", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
