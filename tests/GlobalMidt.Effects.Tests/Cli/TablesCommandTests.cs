using System.Globalization;
using System.Text.Json;
using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Cli.Commands;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Tests.Estimation;

namespace GlobalMidt.Effects.Tests.Cli;

public class TablesCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Published => PublishedTablesTests.PublishedPath;

    [Fact]
    public void Tables_DefaultFormatShowsTable3PValuesAndForecast()
    {
        var (code, output, err) = Run("tables", "--published", Published);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", err);
        Assert.Contains("Table 3: published and recomputed", output, StringComparison.Ordinal);
        Assert.Contains("Tværgående måling (ekskl. dubletter)", output, StringComparison.Ordinal);
        Assert.Contains("Table 2 p-values", output, StringComparison.Ordinal);
        Assert.Contains("unrounded B/A of VF Midtjylland", output, StringComparison.Ordinal);
        string forecastLine = output.Split('\n').Single(l => l.StartsWith("unrounded B/A", StringComparison.Ordinal));
        Assert.EndsWith(" 814", forecastLine, StringComparison.Ordinal);
        string publishedCostLine = output.Split('\n').Single(l => l.StartsWith("published C of", StringComparison.Ordinal));
        Assert.EndsWith(" 813", publishedCostLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_JsonHasNumbersAndNulls()
    {
        var (code, output, _) = Run("tables", "--published", Published, "--format", "json");
        Assert.Equal(ExitCodes.Success, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("all_agree").GetBoolean());
        var table3 = root.GetProperty("table3");
        Assert.Equal(6, table3.GetArrayLength());
        var sj = table3.EnumerateArray().Single(e => e.GetProperty("group").GetString() == "VF Sjælland");
        Assert.Equal(JsonValueKind.Null, sj.GetProperty("cost_per_job_tdkk").GetProperty("published").ValueKind);
        Assert.Equal(JsonValueKind.Null, sj.GetProperty("cost_per_job_tdkk").GetProperty("recomputed").ValueKind);
        Assert.True(sj.GetProperty("cost_per_job_tdkk").GetProperty("agrees").GetBoolean());
        Assert.Equal(234.0, Math.Round(sj.GetProperty("spend_per_firm_tdkk").GetProperty("recomputed").GetDouble()));
        Assert.Equal(12, root.GetProperty("p_values").GetArrayLength());
        var forecast = root.GetProperty("forecast");
        Assert.Equal(JsonValueKind.Number, forecast.GetProperty("expected_jobs").ValueKind);
        Assert.Equal(814.0, Math.Round(forecast.GetProperty("expected_jobs").GetDouble()));
        Assert.Equal(813.0, Math.Round(forecast.GetProperty("expected_jobs_at_published_cost").GetDouble()));
        Assert.Equal(37.4, forecast.GetProperty("plan_budget_mdkk").GetDouble());
    }

    [Fact]
    public void Tables_CsvIsLongFormat()
    {
        var (code, output, _) = Run("tables", "--published", Published, "--format", "csv");
        Assert.Equal(ExitCodes.Success, code);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("group,figure,published,recomputed,range_low,range_high,agrees,plain_rounding_agrees", lines[0]);
        // 6 rows x (3 figures + 2 outcomes x 2 tests) + 2 forecast lines
        Assert.Equal(1 + (6 * 7) + 2, lines.Length);
        Assert.Contains("VF Sjælland,turn_p_value_two_sample_1to1,0.28,-,", output, StringComparison.Ordinal);
        Assert.Contains("VF Hovedstaden,spend_per_firm_tdkk,1379,", output, StringComparison.Ordinal);
        string forecast = lines.Single(l => l.Contains("forecast_expected_jobs,", StringComparison.Ordinal));
        Assert.Equal(814.0, Math.Round(double.Parse(forecast.Split(',')[3], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Tables_MarkdownHasSectionsAndTables()
    {
        var (code, output, _) = Run("tables", "--published", Published, "--format", "markdown");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(4, output.Split('\n').Count(l => l.StartsWith("## ", StringComparison.Ordinal)));
        Assert.Contains("| VF Midtjylland ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_PlanBudgetAndForecastGroupOptions()
    {
        var (code, output, _) = Run("tables", "--published", Published, "--format", "json", "--plan-budget", "10", "--forecast-group", "VF Nordjylland");
        Assert.Equal(ExitCodes.Success, code);
        using var doc = JsonDocument.Parse(output);
        var f = doc.RootElement.GetProperty("forecast");
        Assert.Equal("VF Nordjylland", f.GetProperty("group").GetString());
        Tolerance.AssertClose(10.0 * 522 / 339.9, f.GetProperty("expected_jobs").GetDouble(), 1e-14, 0);
    }

    [Fact]
    public void Tables_OutWritesTheSameBytesAndLeavesNoTemporaryFile()
    {
        string dir = Directory.CreateTempSubdirectory("tables-").FullName;
        try
        {
            string path = Path.Combine(dir, "out.json");
            File.WriteAllText(path, "old content");
            var (code, output, _) = Run("tables", "--published", Published, "--format", "json", "--out", path);
            Assert.Equal(ExitCodes.Success, code);
            Assert.Equal("", output);
            var (_, stdoutJson, _) = Run("tables", "--published", Published, "--format", "json");
            Assert.Equal(stdoutJson, File.ReadAllText(path));
            Assert.Equal(["out.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Tables_BadPublishedFileLeavesExistingOutUntouched()
    {
        string dir = Directory.CreateTempSubdirectory("tables-").FullName;
        try
        {
            string bad = Path.Combine(dir, "bad.csv");
            File.WriteAllText(bad, "group,reported\nA,1\n");
            string path = Path.Combine(dir, "out.txt");
            File.WriteAllText(path, "old content");
            var (code, _, err) = Run("tables", "--published", bad, "--out", path);
            Assert.Equal(ExitCodes.DataError, code);
            Assert.Contains("bad.csv:1: missing columns 'measured', 'emp_share_participants'", err, StringComparison.Ordinal);
            Assert.Equal("old content", File.ReadAllText(path));
            Assert.Equal(2, Directory.GetFiles(dir).Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Tables_OutInMissingDirectoryIsAnOutputError()
    {
        var (code, _, err) = Run("tables", "--published", Published, "--out", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "x.txt"));
        Assert.Equal(ExitCodes.OutputError, code);
        Assert.Contains("does not exist", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_MissingDefaultPublishedFileIsADataError()
    {
        var (code, _, err) = Run("tables");
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("data-samples/published_tables.csv", err, StringComparison.Ordinal);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--plan-budget", "abc")]
    [InlineData("--plan-budget", "-1")]
    [InlineData("--forecast-group", "VF Bornholm")]
    [InlineData("--unknown", "1")]
    public void Tables_BadOptionsAreUsageErrors(string option, string value)
    {
        var (code, _, err) = Run("tables", "--published", Published, option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IsDeterministicAndCultureIndependent()
    {
        var result = PublishedTables.Recompute(PublishedTables.Load(Published));
        string text = result.ToConsole();
        string csv = result.ToCsv();
        string json = result.ToJson();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("da-DK");
            var again = PublishedTables.Recompute(PublishedTables.Load(Published));
            Assert.Equal(text, again.ToConsole());
            Assert.Equal(csv, again.ToCsv());
            Assert.Equal(json, again.ToJson());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Contains("130.9", text, StringComparison.Ordinal);
        Assert.DoesNotContain("130,9", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsOptions()
    {
        var (code, output, _) = Run("tables", "--help");
        Assert.Equal(ExitCodes.Success, code);
        foreach (string o in new[] { "--published", "--plan-budget", "--forecast-group", "--format", "--out" })
        {
            Assert.Contains(o, output, StringComparison.Ordinal);
        }
    }
}
