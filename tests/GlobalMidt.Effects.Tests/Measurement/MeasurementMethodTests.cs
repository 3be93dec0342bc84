using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>The method's defaults (issue 12): robust unless set, the published method one option away.</summary>
public sealed class MeasurementMethodTests
{
    [Fact]
    public void Default_IsRobust_NationalLevelsTurnoverMeanPairwise()
    {
        var o = new MeasurementOptions();
        Assert.Equal(MeasurementMethod.Robust, o.Method);
        Assert.Equal([FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.TurnoverMean], o.Covariates);
        Assert.Equal([MatchingLevel.Parse("national+industry2+history"), MatchingLevel.Parse("national+industry1+history"), MatchingLevel.Parse("history")], o.Levels);
        Assert.Equal(EffectEstimator.Pairwise, o.Estimator);
        Assert.Equal(BootstrapScheme.Controls, o.BootstrapScheme);
        Assert.True(o.CovariatesAreDefault);
    }

    [Theory]
    [InlineData(MeasurementMethod.Dst2016)]
    [InlineData(MeasurementMethod.Trajectory)]
    public void PublishedMethods_KeepThePublishedDefaults(MeasurementMethod method)
    {
        var o = new MeasurementOptions { Method = method };
        Assert.Equal([FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth], o.Covariates);
        Assert.Equal([MatchingLevel.Parse("region+industry2+history"), MatchingLevel.Parse("region+industry1+history"), MatchingLevel.Parse("region+history"), MatchingLevel.Parse("history")], o.Levels);
        Assert.Equal(EffectEstimator.Aggregate, o.Estimator);
        Assert.Equal(BootstrapScheme.MatchedSets, o.BootstrapScheme);

        // Switching the method afterwards switches the defaults that were not set.
        var robust = o with { Method = MeasurementMethod.Robust };
        Assert.Equal(EffectEstimator.Pairwise, robust.Estimator);
        Assert.Equal(MeasurementOptions.RobustCovariates, robust.Covariates);
    }

    [Fact]
    public void SettingsGiven_WinOverTheMethodsDefaults()
    {
        var o = new MeasurementOptions { Estimator = EffectEstimator.Aggregate, Covariates = [FirmCovariate.Fte], Levels = MatchingLevel.Defaults };
        Assert.Equal(EffectEstimator.Aggregate, o.Estimator);
        Assert.Equal([FirmCovariate.Fte], o.Covariates);
        Assert.Equal(MatchingLevel.Defaults, o.Levels);
        Assert.False(o.CovariatesAreDefault);

        // Given explicitly, even equal to the default list, covariates are used as given (no export added).
        Assert.False((new MeasurementOptions() with { Covariates = MeasurementOptions.RobustCovariates }).CovariatesAreDefault);
        Assert.Equal(EffectEstimator.Aggregate, (o with { Method = MeasurementMethod.Dst2016 }).Estimator);
    }

    [Fact]
    public void Cli_MethodDst2016_GivesThePublishedSettingsAndTheDefaultTheRobustOnes()
    {
        var published = new StringWriter();
        Assert.Equal(ExitCodes.Success, CliApp.Run(["measure", "--method", "dst2016", "--bootstrap", "0", "--quiet"], published, new StringWriter()));
        Assert.Contains("method dst2016 (aggregate effects); matching: 5 nearest with", published.ToString().ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains("Mahalanobis on Fte, Turnover, Growth, exact on region+industry2+history > region+industry1+history >", published.ToString().ReplaceLineEndings(" "), StringComparison.Ordinal);

        var robust = new StringWriter();
        Assert.Equal(ExitCodes.Success, CliApp.Run(["measure", "--bootstrap", "0", "--quiet"], robust, new StringWriter()));
        string text = robust.ToString().ReplaceLineEndings(" ");
        Assert.Contains("method robust (pairwise effects)", text, StringComparison.Ordinal);
        Assert.Contains("no bootstrap intervals", text, StringComparison.Ordinal);
        Assert.Contains("Mahalanobis (trajectory weight 2) on Fte, Turnover, Growth, TurnoverMean, exact on industry2+history > industry1+history > history, one matching for all rows;", text, StringComparison.Ordinal);

        // An option given on the command line wins over the method's default.
        var aggregate = new StringWriter();
        Assert.Equal(ExitCodes.Success, CliApp.Run(["measure", "--estimator", "aggregate", "--bootstrap", "0", "--quiet"], aggregate, new StringWriter()));
        Assert.Contains("method robust (aggregate effects)", aggregate.ToString().ReplaceLineEndings(" "), StringComparison.Ordinal);

        var bad = new StringWriter();
        Assert.Equal(ExitCodes.Usage, CliApp.Run(["measure", "--method", "dst2017"], new StringWriter(), bad));
        Assert.Contains("option --method must be one of robust|dst2016|trajectory (got 'dst2017')", bad.ToString(), StringComparison.Ordinal);
    }
}
