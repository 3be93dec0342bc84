using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Simulation;
using GlobalMidt.Effects.Study;

namespace GlobalMidt.Effects.Tests.Study;

/// <summary>
/// The study's <c>xcov.</c> modifier (docs/accuracy.md, "Where robust's remaining bias comes from"): the effect chain
/// matched apart on its own covariates (<see cref="MeasurementOptions.ChainCovariatesOverride"/>), jobs and turnover on
/// the method's covariates without export. Each outcome must be exactly what a single matching on its own covariates
/// gives: added export (estimate and bootstrap-of-the-controls interval) that of <c>cov.fte.growth.export</c>, jobs and
/// added turnover those of <c>xsep</c> (the robust covariates without export).
/// </summary>
public sealed class ChainCovariatesTests
{
    private static readonly Lazy<SimulatedProgramme> Programme = new(() => RegisterSimulator.Simulate(new SimulationOptions
    {
        Firms = 8_000,
        Seed = 11,
        Dynamics = RegisterDynamics.Realistic,
        Export = RegisterExport.Default,
    }));

    private static MeasurementResult Run(string estimator)
    {
        var p = Programme.Value;
        var options = StudyEstimator.ByName(estimator, 39)!.Options with { MaxDegreeOfParallelism = 1 };
        return EffectMeasurement.Run(p.ToRegister(), p.Participants, p.Budgets, options);
    }

    [Fact]
    public void EachOutcome_IsThatOfTheMatchingOnItsOwnCovariates()
    {
        var apart = Run("robust+xcov.fte.growth.export");
        var exportOnly = Run("robust+cov.fte.growth.export");
        var mainOnly = Run("robust+xsep");
        bool chainDiffers = false;
        for (int g = 0; g < apart.Groups.Count; g++)
        {
            var a = apart.Groups[g];
            Assert.Equal(exportOnly.Groups[g].Chain!.Export!.EstimateMdkk, a.Chain!.Export!.EstimateMdkk);
            Assert.Equal(exportOnly.Groups[g].Chain!.Export!.Interval, a.Chain.Export.Interval);
            Assert.Equal(mainOnly.Groups[g].Employment.Estimate, a.Employment.Estimate);
            Assert.Equal(mainOnly.Groups[g].Employment.Interval, a.Employment.Interval);
            Assert.Equal(mainOnly.Groups[g].Turnover.Estimate, a.Turnover.Estimate);
            Assert.Equal(mainOnly.Groups[g].Turnover.Interval, a.Turnover.Interval);
            Assert.NotNull(a.Employment.Interval);
            Assert.NotNull(a.Chain.Export.Interval);
            chainDiffers |= a.Chain.Export.EstimateMdkk != mainOnly.Groups[g].Chain!.Export!.EstimateMdkk;
            Assert.NotEqual(exportOnly.Groups[g].Employment.Estimate, a.Employment.Estimate);
        }

        // Not the same matching under another name: the chain's own covariates change added export.
        Assert.True(chainDiffers);
    }

    [Fact]
    public void Settings_NameBothCovariateLists()
    {
        var result = Run("robust+xcov.fte.growth.export");
        var o = result.Options;
        Assert.True(o.ChainMatchedApart);
        Assert.Equal(MeasurementOptions.RobustCovariates, o.MainCovariates);
        Assert.Equal([FirmCovariate.Fte, FirmCovariate.Growth, FirmCovariate.Export], o.ChainCovariates);
        Assert.Contains("Mahalanobis (trajectory weight 2) on Fte, Turnover, Growth, TurnoverMean (export, new exporters and value added matched apart on Fte, Growth, Export), exact on", result.ToConsole().ReplaceLineEndings(" "), StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(result.ToJson());
        var settings = json.RootElement.GetProperty("settings");
        Assert.Equal(["fte", "growth", "export"], settings.GetProperty("chain_covariates").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["fte", "turnover", "growth", "turnovermean"], settings.GetProperty("covariates").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Theory]
    [InlineData("robust+xcov.")]
    [InlineData("robust+xcov.fte.fte")]
    [InlineData("robust+xcov.size")]
    public void StudyName_UnknownChainCovariates_IsNull(string name) => Assert.Null(StudyEstimator.ByName(name, 0));
}
