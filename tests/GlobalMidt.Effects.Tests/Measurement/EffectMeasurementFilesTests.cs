using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Tests.Measurement;

public class EffectMeasurementFilesTests
{
    [Fact]
    public void Run_FromFilePaths_GivesTheSameResultAsFromLoadedData()
    {
        var fromFiles = EffectMeasurement.Run(
            SampleMeasurement.File("firms.csv.gz"),
            SampleMeasurement.File("participants.csv"),
            SampleMeasurement.File("budgets.csv"),
            SampleMeasurement.Result.Options);
        Assert.Equal(SampleMeasurement.Result.ToJson(), fromFiles.ToJson());
    }

    [Fact]
    public void Run_FromFilePaths_ReportsAMissingFileAsInputData()
    {
        var e = Assert.Throws<InputDataException>(() => EffectMeasurement.Run("no-such-firms.csv", SampleMeasurement.File("participants.csv")));
        Assert.Contains("no-such-firms.csv", e.Message, StringComparison.Ordinal);
    }
}
