using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>Loading a register with progress: each tenth of the file once, in order, and the same register.</summary>
public sealed class ProgressStreamTests
{
    private static string Sample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data-samples", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

    [Fact]
    public void Load_WithProgress_ReportsRisingTenthsAndReadsTheSameRegister()
    {
        string path = Sample("firms.csv.gz");
        var reported = new List<int>();
        var withProgress = RegisterCsv.Load(path, RegisterLoadOptions.Default, reported.Add);
        var plain = RegisterCsv.Load(path);

        Assert.NotEmpty(reported);
        Assert.All(reported, p => Assert.True(p is >= 10 and <= 90 && p % 10 == 0, $"{p}"));
        Assert.Equal(reported.Order().Distinct(), reported);
        Assert.Equal(plain.FirmCount, withProgress.FirmCount);
        Assert.Equal(plain.PeriodCount, withProgress.PeriodCount);
    }

    [Fact]
    public void Open_GzNameWithoutGzipBytes_IsReadPlainly()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gm-progress-{Environment.ProcessId}.csv.gz");
        File.WriteAllText(path, "firm_id,period\n");
        try
        {
            Assert.Null(ProgressStream.Open(path, _ => { }));
            Assert.Null(ProgressStream.Open(path + ".missing", _ => { }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
