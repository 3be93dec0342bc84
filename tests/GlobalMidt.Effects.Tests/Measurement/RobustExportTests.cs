using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Study;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>
/// Export in the robust method (docs/accuracy.md, "Export in the robust default (2026-11-30)"): the study's export
/// treatments on a hand-made register, each outcome's control chosen by hand and its effect computed by hand. The
/// default matches jobs and turnover on the four robust covariates and the effect chain apart on FTE, growth and
/// log(1+export) (since 2026-11-30); <c>xsep</c> matches jobs and turnover
/// on the four robust covariates and the effect chain (export, new exporters, value added) apart on the four plus
/// log(1+export); <c>xexact</c> keeps exporters and non-exporters apart in exact strata; <c>xpair</c> takes the
/// pairwise export formula.
/// </summary>
public sealed class RobustExportTests
{
    private static readonly Period History = Period.FromYear(2007);
    private static readonly Period Baseline = Period.FromYear(2008);
    private static readonly Period Measurement = Period.FromYear(2014);

    private static IEnumerable<FirmPeriodRecord> Firm(string id, (double Fte, double Turnover, double Export) history, (double Fte, double Turnover, double Export) baseline, (double Fte, double Turnover, double Export) measurement)
    {
        yield return new FirmPeriodRecord(id, History, "751", "Region Midtjylland", "620100", false, history.Fte, history.Turnover) { Export = history.Export };
        yield return new FirmPeriodRecord(id, Baseline, "751", "Region Midtjylland", "620100", false, baseline.Fte, baseline.Turnover) { Export = baseline.Export };
        yield return new FirmPeriodRecord(id, Measurement, "751", "Region Midtjylland", "620100", false, measurement.Fte, measurement.Turnover) { Export = measurement.Export };
    }

    /// <summary>
    /// One participant P (an exporter) and, in its cell, C1 (P's twin on FTE, turnover, growth and turnover history,
    /// but no export), C2 (a little larger, exporting as P) and twelve larger firms that only spread the
    /// covariates; one control per participant. On the four robust covariates P's nearest control is C1 (distance 0); with log(1+export) added
    /// C1 is 6.2 log units away on export and C2 is the nearest.
    /// </summary>
    private static Register Small()
    {
        var rows = new List<FirmPeriodRecord>();
        rows.AddRange(Firm("P", (10, 1000, 400), (10, 1000, 500), (12, 1300, 800)));
        rows.AddRange(Firm("C1", (10, 1000, 0), (10, 1000, 0), (11, 1100, 0)));
        rows.AddRange(Firm("C2", (11, 1050, 400), (11, 1050, 500), (11, 1100, 600)));
        for (int i = 0; i < 12; i++)
        {
            // Fillers in every direction (size, turnover per FTE, growth, export), so the covariance is well conditioned.
            double fte = 20 * (i + 1);
            double turnover = fte * (60 + (10 * (i % 5)));
            double export = i % 3 == 0 ? 0 : 300 * (i + 1);
            rows.AddRange(Firm("F" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), (fte * (0.9 + (0.05 * (i % 3))), turnover * (0.95 + (0.05 * (i % 2))), export), (fte, turnover, export), (fte, turnover, export)));
        }

        return Register.FromRecords(rows);
    }

    private static MeasurementOptions Options(MeasurementMethod method = MeasurementMethod.Robust) =>
        new() { Method = method, History = History, Baseline = Baseline, Measurement = Measurement, BootstrapReplicates = 0, Matching = new MeasurementOptions().Matching with { Ratio = 1 } };

    private static GroupResult Run(MeasurementOptions options) =>
        EffectMeasurement.Run(Small(), [new Participant("P", "p", "G")], [], options).Groups.Single(g => g.Group == "G");

    [Fact]
    public void MatchedApart_JobsWithoutExport_TheChainWithIt()
    {
        // The study's robust+xsep: the robust defaults with the effect chain matched apart.
        var options = Options() with { ChainMatchSeparately = true };
        var result = EffectMeasurement.Run(Small(), [new Participant("P", "p", "G")], [], options);
        var o = result.Options;
        Assert.True(o.ChainMatchedApart);
        Assert.Equal(MeasurementOptions.RobustCovariates, o.MainCovariates);
        Assert.Equal([.. MeasurementOptions.RobustCovariates, FirmCovariate.Export], o.Covariates);
        Assert.Contains("1 nearest with replacement, Mahalanobis (trajectory weight 2) on Fte, Turnover, Growth, TurnoverMean (export, new exporters and value added matched apart on Fte, Turnover, Growth, TurnoverMean, Export), exact on", result.ToConsole().ReplaceLineEndings(" "), StringComparison.Ordinal);
        using (var json = System.Text.Json.JsonDocument.Parse(result.ToJson()))
        {
            var settings = json.RootElement.GetProperty("settings");
            Assert.Equal(["fte", "turnover", "growth", "turnovermean"], settings.GetProperty("covariates").EnumerateArray().Select(e => e.GetString()!));
            Assert.Equal(["fte", "turnover", "growth", "turnovermean", "export"], settings.GetProperty("chain_covariates").EnumerateArray().Select(e => e.GetString()!));
        }


        // By hand. Jobs (pairwise) with C1: 12 - 10 x 11/10 = 1 FTE. Added export (aggregate ratio rule) with C2:
        // 800 - 500 x 600/500 = 200 (1,000 DKK) = 0.2 mio. DKK.
        var g = result.Groups.Single(r => r.Group == "G");
        Assert.Equal("C1", g.Matches.Pairs.Single().ControlId);
        Assert.Equal(1.0, g.Employment.Estimate!.Value, 12);
        Assert.Equal(0.2, g.Chain!.Export!.EstimateMdkk!.Value, 12);
        Assert.Equal(ChainEffectRule.Ratio, g.Chain.Export.Rule);
    }

    [Fact]
    public void Default_RobustOnAnExportRegister_MatchesTheChainApartOnFteGrowthAndExport()
    {
        // The default since 2026-11-30 (docs/accuracy.md, "Where robust's remaining bias comes from"): jobs and
        // turnover on the four robust covariates, the effect chain apart on FTE, growth and log(1+export). Jobs with C1
        // (P's twin on the four): 12 - 10 x 11/10 = 1 FTE. The chain: C1 is 6.2 log units away on export, C2 one FTE
        // (growth 0 for all three), so C2: added export (aggregate ratio rule) 800 - 500 x 600/500 = 200 (1,000 DKK).
        var result = EffectMeasurement.Run(Small(), [new Participant("P", "p", "G")], [], Options());
        Assert.True(result.Options.ChainMatchedApart);
        Assert.Equal(MeasurementOptions.RobustCovariates, result.Options.MainCovariates);
        Assert.Equal([FirmCovariate.Fte, FirmCovariate.Growth, FirmCovariate.Export], result.Options.ChainCovariates);
        var g = result.Groups.Single(r => r.Group == "G");
        Assert.Equal("C1", g.Matches.Pairs.Single().ControlId);
        Assert.Equal(1.0, g.Employment.Estimate!.Value, 12);
        Assert.Equal(0.2, g.Chain!.Export!.EstimateMdkk!.Value, 12);
        Assert.Equal(ChainEffectRule.Ratio, g.Chain.Export.Rule);

        // The study's robust+xsep still matches the chain on all five.
        var xsep = EffectMeasurement.Run(Small(), [new Participant("P", "p", "G")], [], Options() with { ChainMatchSeparately = true });
        Assert.Equal([.. MeasurementOptions.RobustCovariates, FirmCovariate.Export], xsep.Options.ChainCovariates);
    }

    [Fact]
    public void ExplicitCovariates_AndDst2016_MatchEverythingOnce()
    {
        // Covariates given explicitly win: one matching on export for every outcome, P gets C2 for jobs too:
        // 12 - 10 x 11/11 = 2 FTE, export 0.2 as above.
        var joint = Run(Options() with { Covariates = [.. MeasurementOptions.RobustCovariates, FirmCovariate.Export] });
        Assert.Equal(2.0, joint.Employment.Estimate!.Value, 12);
        Assert.Equal(0.2, joint.Chain!.Export!.EstimateMdkk!.Value, 12);

        // Without export: C1 for everything; C1 never exports, so the difference rule: (800 - 500) - (0 - 0) = 300.
        var without = Run(Options() with { Covariates = MeasurementOptions.RobustCovariates });
        Assert.Equal(1.0, without.Employment.Estimate!.Value, 12);
        Assert.Equal(0.3, without.Chain!.Export!.EstimateMdkk!.Value, 12);
        Assert.Equal(ChainEffectRule.Difference, without.Chain.Export.Rule);

        var dst = EffectMeasurement.Run(Small(), [new Participant("P", "p", "G")], [], Options(MeasurementMethod.Dst2016));
        Assert.False(dst.Options.ChainMatchedApart);
        Assert.Equal([.. MeasurementOptions.DefaultCovariates, FirmCovariate.Export], dst.Options.Covariates);
    }

    [Fact]
    public void ExporterStrata_KeepExportersApart_AndThePairwiseExportFormula()
    {
        // Exporter strata (study modifier xexact) with the four covariates: C1 (no export) is in another stratum, so
        // P gets C2 for every outcome: jobs 12 - 10 x 11/11 = 2.
        var strata = StudyEstimator.ByName("robust+xexact+r1", 0)!.Options with { History = History, Baseline = Baseline, Measurement = Measurement };
        Assert.True(strata.ExporterStrata);
        Assert.Equal(MeasurementOptions.RobustCovariates, strata.Covariates);
        var g = Run(strata);
        Assert.Equal(2.0, g.Employment.Estimate!.Value, 12);
        Assert.Equal(0.2, g.Chain!.Export!.EstimateMdkk!.Value, 12);

        // The pairwise export formula (xpair): X1 - X0 x (its control's 600 / 500) = 800 - 600 = 200, 0.2 again (one
        // participant with one control: the aggregate and the pairwise formula agree).
        var pair = Run(StudyEstimator.ByName("robust+xexact+xpair+r1", 0)!.Options with { History = History, Baseline = Baseline, Measurement = Measurement });
        Assert.Equal(0.2, pair.Chain!.Export!.EstimateMdkk!.Value, 12);
    }

    [Fact]
    public void StudyNames_OfTheExportModifiers()
    {
        Assert.True(StudyEstimator.ByName("robust+xsep", 199)!.Options.ChainMatchSeparately);
        Assert.True(StudyEstimator.ByName("robust+xpair", 199)!.Options.ChainPairwise);
        Assert.Equal([.. MeasurementOptions.RobustCovariates, FirmCovariate.Exporter], StudyEstimator.ByName("robust+xbin", 199)!.Options.Covariates);
        Assert.Equal([.. MeasurementOptions.RobustCovariates, FirmCovariate.Export], StudyEstimator.ByName("robust+xlog", 199)!.Options.Covariates);
        Assert.Null(StudyEstimator.ByName("robust+xfoo", 199));
    }
}
