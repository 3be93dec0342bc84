using System.Globalization;
using System.Text.Json;
using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Tests.Simulation;

namespace GlobalMidt.Effects.Tests.Cli;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "gm-gen-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Help_ListsTheOptions()
    {
        var (code, output, _) = Run("generate", "--help");
        Assert.Equal(ExitCodes.Success, code);
        foreach (string option in new[] { "--firms", "--seed", "--out", "--gzip", "--participants-share", "--first", "--last" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_WritesTheFilesAndSaysWhat()
    {
        var (code, output, err) = Run("generate", "--firms", "2000", "--seed", "9", "--out", _out, "--gzip", "--participants-share", "0.1");
        Assert.True(code == ExitCodes.Success, err);
        foreach (string name in new[] { "firms.csv.gz", "participants.csv", "budgets.csv", "truth.json" })
        {
            Assert.True(File.Exists(Path.Combine(_out, name)), name);
            Assert.Contains(name, output, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(_out, "firms.csv")));
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "truth.json")));
        var settings = truth.RootElement.GetProperty("settings");
        Assert.Equal(9UL, settings.GetProperty("seed").GetUInt64());
        Assert.Equal(2000, settings.GetProperty("firms").GetInt32());
        int participantRows = File.ReadAllLines(Path.Combine(_out, "participants.csv")).Length - 1;
        Assert.Contains($"participants.csv: {participantRows} rows", output, StringComparison.Ordinal);
        int reported = truth.RootElement.GetProperty("cross_cutting").GetProperty("reported").GetInt32();
        Assert.Contains($"{reported} participating firm ids", output, StringComparison.Ordinal);
        var rows = WrittenFiles.Read(_out).FirmLines.Count;
        Assert.Contains($"2,000 firms, {rows.ToString("N0", CultureInfo.InvariantCulture)} rows", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_PeriodRangeOption_SetsThePeriods()
    {
        var (code, _, err) = Run("generate", "--firms", "300", "--out", _out, "--first", "2009H2", "--last", "2013H2");
        Assert.True(code == ExitCodes.Success, err);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "truth.json")));
        var s = truth.RootElement.GetProperty("settings");
        Assert.Equal(["2009H2", "2010H2", "2011H2", "2012H2", "2013H2"], s.GetProperty("periods").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2011H2", s.GetProperty("baseline").GetString());
        Assert.Equal("2013H2", s.GetProperty("measurement").GetString());
    }

    [Theory]
    [InlineData("--firms", "0")]
    [InlineData("--firms", "many")]
    [InlineData("--seed", "-1")]
    [InlineData("--first", "2006H3")]
    [InlineData("--last", "2014H1")]
    [InlineData("--baseline", "2015H2")]
    [InlineData("--participants-share", "1.5")]
    [InlineData("--colour", "blue")]
    public void Generate_BadOption_IsAUsageError(string option, string value)
    {
        var (code, output, err) = Run("generate", "--out", _out, "--firms", "100", option, value);
        if (option == "--firms")
        {
            (code, output, err) = Run("generate", "--out", _out, option, value);
        }

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, "truth.json")));
    }

    [Fact]
    public void Generate_WithoutOut_IsAUsageError()
    {
        var (code, _, err) = Run("generate", "--firms", "10");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--out", err, StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateChain_SameSeedIsByteIdentical_AndThePeriodOptionsAreRefused()
    {
        var (code, output, _) = Run("generate", "--chain", "--firms", "500", "--seed", "3", "--out", Path.Combine(_out, "a"), "--quiet");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("periods 2012H1..2026H2", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, Run("generate", "--chain", "--firms", "500", "--seed", "3", "--out", Path.Combine(_out, "b"), "--quiet").Code);
        foreach (string name in new[] { "firms.csv", "participants.csv", "budgets.csv", "truth.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_out, "a", name)), File.ReadAllBytes(Path.Combine(_out, "b", name)));
        }

        var (bad, _, err) = Run("generate", "--chain", "--last", "2030H2", "--out", Path.Combine(_out, "c"));
        Assert.Equal(ExitCodes.Usage, bad);
        Assert.Contains("option --last does not apply with --chain", err, StringComparison.Ordinal);
    }
}
