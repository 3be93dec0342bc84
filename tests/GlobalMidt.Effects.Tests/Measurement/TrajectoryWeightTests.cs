using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>
/// The trajectory weight (<see cref="MeasurementOptions.TrajectoryWeight"/>, docs/accuracy.md "The pre-period
/// trajectory in the distance"): its defaults per method and distance, the distance terms it hands to the engine for
/// the covariates present, its validation, and the command line.
/// </summary>
public class TrajectoryWeightTests
{
    [Fact]
    public void Defaults_RobustTwo_OthersAndOtherDistancesZero()
    {
        Assert.Equal(MeasurementOptions.RobustTrajectoryWeight, new MeasurementOptions().TrajectoryWeight);
        Assert.Equal(2.0, MeasurementOptions.RobustTrajectoryWeight);
        Assert.Equal(0.0, new MeasurementOptions { Method = MeasurementMethod.Dst2016 }.TrajectoryWeight);
        Assert.Equal(0.0, new MeasurementOptions { Method = MeasurementMethod.Trajectory }.TrajectoryWeight);
        var scaled = new MeasurementOptions { Matching = MeasurementOptions.DefaultMatching with { Distance = DistanceMetric.ScaledEuclidean } };
        Assert.Equal(0.0, scaled.TrajectoryWeight);
        scaled.Validate();
        Assert.Equal(0.0, new MeasurementOptions { PropensitySubclassWidth = 0.1 }.TrajectoryWeight);
        Assert.Equal(1.5, new MeasurementOptions { Method = MeasurementMethod.Dst2016, TrajectoryWeight = 1.5 }.TrajectoryWeight);
    }

    [Fact]
    public void EngineTerms_FollowTheCovariatesPresent()
    {
        var robust = new MeasurementOptions();
        Assert.Equal([new DistanceTerm(2, -1, 2.0), new DistanceTerm(1, 3, 2.0)], robust.EngineOptions(robust.Covariates).DistanceTerms!);

        // Growth first, no turnover mean: only the growth term, at growth's index.
        Assert.Equal([new DistanceTerm(0, -1, 2.0)], robust.EngineOptions([FirmCovariate.Growth, FirmCovariate.Fte, FirmCovariate.Turnover]).DistanceTerms!);

        // FTE, growth and export (robust's effect chain): the growth term; not weighted: none.
        Assert.Equal([new DistanceTerm(1, -1, 2.0)], robust.EngineOptions(MeasurementOptions.RobustChainCovariates).DistanceTerms!);
        Assert.Null(robust.EngineOptions(MeasurementOptions.RobustChainCovariates, weighted: false).DistanceTerms);

        // No trajectory covariate, weight 0, or the published method: the plain distance.
        Assert.Null(robust.EngineOptions([FirmCovariate.Fte, FirmCovariate.Turnover]).DistanceTerms);
        Assert.Null((robust with { TrajectoryWeight = 0 }).EngineOptions(robust.Covariates).DistanceTerms);
        var published = new MeasurementOptions { Method = MeasurementMethod.Dst2016 };
        Assert.Null(published.EngineOptions(published.Covariates).DistanceTerms);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(1001.0)]
    public void Validate_RejectsAWeightOutOfRange(double weight)
    {
        var e = Assert.Throws<OptionsException>(() => new MeasurementOptions { TrajectoryWeight = weight }.Validate());
        Assert.Equal(nameof(MeasurementOptions.TrajectoryWeight), e.Setting);
        Assert.Contains("must lie in [0, 1000]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RejectsAWeightWithAnotherDistanceOrPropensitySubclasses()
    {
        var scaled = new MeasurementOptions { TrajectoryWeight = 1, Matching = MeasurementOptions.DefaultMatching with { Distance = DistanceMetric.ScaledEuclidean } };
        Assert.Contains("cannot be used with the scaled_euclidean distance", Assert.Throws<OptionsException>(scaled.Validate).Message, StringComparison.Ordinal);
        var subclasses = new MeasurementOptions { TrajectoryWeight = 1, PropensitySubclassWidth = 0.1 };
        Assert.Contains("cannot be used with propensity subclasses", Assert.Throws<OptionsException>(subclasses.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_TrajectoryWeight_IsInTheSettings_AndZeroIsThePlainDistance()
    {
        string Json(params string[] extra)
        {
            var output = new StringWriter();
            Assert.Equal(ExitCodes.Success, CliApp.Run(["measure", "--bootstrap", "0", "--quiet", "--format", "json", .. extra], output, new StringWriter()));
            return output.ToString();
        }

        double Weight(string json)
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return doc.RootElement.GetProperty("settings").GetProperty("trajectory_weight").GetDouble();
        }

        Assert.Equal(2.0, Weight(Json()));
        Assert.Equal(0.0, Weight(Json("--method", "dst2016")));
        string plain = Json("--trajectory-weight", "0");
        Assert.Equal(0.0, Weight(plain));
        Assert.Equal(3.5, Weight(Json("--trajectory-weight", "3.5")));

        // The weight changes the matching of the sample (or the test would show nothing).
        Assert.NotEqual(Json().Replace("\"trajectory_weight\": 2", "\"trajectory_weight\": 0", StringComparison.Ordinal), plain);

        // The settings line names the weight only where a term applies (growth, or turnover with its history mean).
        var line = new StringWriter();
        Assert.Equal(ExitCodes.Success, CliApp.Run(["measure", "--bootstrap", "0", "--quiet", "--covariates", "fte,turnover"], line, new StringWriter()));
        Assert.Contains("Mahalanobis on Fte, Turnover, exact on", line.ToString().ReplaceLineEndings(" "), StringComparison.Ordinal);

        var error = new StringWriter();
        Assert.Equal(ExitCodes.Usage, CliApp.Run(["measure", "--trajectory-weight", "1", "--distance", "scaled_euclidean"], new StringWriter(), error));
        Assert.Contains("cannot be used with the scaled_euclidean distance", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }
}
