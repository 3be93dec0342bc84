using System.Text.Json;
using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Cli;

/// <summary><c>measure --by activity</c> and <c>measure --indicators</c> on the command line.</summary>
public sealed class MeasureByActivityTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gm-by-activity-" + Guid.NewGuid().ToString("N"));

    public MeasureByActivityTests() => ChainSimulator.Write(new ChainSimulationOptions { Firms = 3000, Seed = 4 }, _dir, gzip: false);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string[] Chain(params string[] more) =>
    [
        "measure", "--firms", Path.Combine(_dir, "firms.csv"), "--participants", Path.Combine(_dir, "participants.csv"),
        "--budgets", Path.Combine(_dir, "budgets.csv"), "--history", "2012H1", "--baseline", "2016H2", "--measurement", "2022H2",
        "--bootstrap", "0", "--quiet", .. more,
    ];

    [Fact]
    public void ByActivity_Json_RowsAreTheActivities_WithTheIndicators()
    {
        var (code, output, err) = Run(Chain("--by", "activity", "--indicators", "--format", "json"));
        Assert.True(code == ExitCodes.Success, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("activity", root.GetProperty("settings").GetProperty("by").GetString());
        var names = root.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()).ToList();
        Assert.Equal(["Tværgående måling (ekskl. dubletter)", .. ChainSimulator.Activities.Order(StringComparer.Ordinal)], names);
        var indicators = root.GetProperty("indicators");
        Assert.Equal(["2017H1", "2017H2", "2018H1", "2018H2", "2019H1", "2019H2"], indicators.GetProperty("periods").EnumerateArray().Select(p => p.GetString()));
        var cross = indicators.GetProperty("activities")[0];
        Assert.True(cross.GetProperty("cross_cutting").GetBoolean());

        // Every reported firm starts once: the last cumulative count is the supported firms, as Table 1's reported.
        Assert.Equal(cross.GetProperty("supported_firms").GetInt32(), cross.GetProperty("by_period")[5].GetProperty("firms_cumulative").GetInt32());
        Assert.Equal(root.GetProperty("groups")[0].GetProperty("reported").GetInt32(), indicators.GetProperty("supported_firms").GetInt32());
        Assert.Equal(177.0, indicators.GetProperty("budget_mdkk").GetDouble(), 9);
        Assert.Equal(52.5, indicators.GetProperty("private_mdkk").GetDouble(), 9);
    }

    [Fact]
    public void ByActivity_Table_HeadersSayActivity_AndCsvWithIndicatorsIsTheIndicatorTable()
    {
        var (code, output, _) = Run(Chain("--by", "activity", "--indicators"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("\nActivity                              Reported  Measured", output, StringComparison.Ordinal);
        Assert.Contains("Output indicators: firms starting per half-year", output, StringComparison.Ordinal);
        Assert.Contains("Note: Rows are activities: the budgets are per group", output, StringComparison.Ordinal);

        var (csvCode, csv, _) = Run(Chain("--indicators", "--format", "csv"));
        Assert.Equal(ExitCodes.Success, csvCode);
        Assert.StartsWith("table,name,cross_cutting,period,firms_starting,firms_active,firms_cumulative,supported_firms,budget_mdkk,private_mdkk\n", csv, StringComparison.Ordinal);

        // By group (the default) without --indicators: no indicators, no "by" setting, "Group" headers.
        var (plainCode, plain, _) = Run(Chain("--format", "json"));
        Assert.Equal(ExitCodes.Success, plainCode);
        using var doc = JsonDocument.Parse(plain);
        Assert.False(doc.RootElement.TryGetProperty("indicators", out _));
        Assert.False(doc.RootElement.GetProperty("settings").TryGetProperty("by", out _));
    }

    [Fact]
    public void ByActivity_WithoutTheActivityColumn_IsADataErrorNamingTheFile()
    {
        string participants = Path.Combine(_dir, "no-activity.csv");
        File.WriteAllLines(participants, File.ReadAllLines(Path.Combine(_dir, "participants.csv")).Select(l => string.Join(',', l.Split(',').Take(3))));
        var args = Chain("--by", "activity");
        args[4] = participants;

        var (code, output, err) = Run(args);

        Assert.Equal(ExitCodes.DataError, code);
        Assert.Empty(output);
        Assert.Contains($"{participants}:1: column 'activity': missing column 'activity': rows by activity (--by activity) need", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);

        var (bad, _, usage) = Run(Chain("--by", "project"));
        Assert.Equal(ExitCodes.Usage, bad);
        Assert.Contains("--by", usage, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_IndicatorsInEveryFullReport_NotInTableSubsets()
    {
        var result = EffectMeasurement.Run(Path.Combine(_dir, "firms.csv"), Path.Combine(_dir, "participants.csv"), Path.Combine(_dir, "budgets.csv"), new MeasurementOptions
        {
            History = ChainSimulator.FirstPeriod,
            Baseline = ChainSimulator.Baseline,
            Measurement = Period.Parse("2021H2"),
            BootstrapReplicates = 0,
            By = ParticipantGrouping.Activity,
            Indicators = true,
        });

        Assert.NotNull(result.Indicators);
        Assert.Equal(result.Groups[0].Eligibility.Reported, result.Indicators!.Activities[0].SupportedFirms);
        string markdown = result.ToMarkdown();
        Assert.Contains("### Output indicators: cumulative unique firms per half-year", markdown, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("### Programme indicators per group", StringComparison.Ordinal) < markdown.IndexOf("- Rows are activities", StringComparison.Ordinal));
        string html = result.ToHtml();
        Assert.True(html.IndexOf("<h4>Output indicators: firms active", StringComparison.Ordinal) > html.IndexOf("<h4>Table 3.", StringComparison.Ordinal));
        Assert.Contains("<th>Activity</th><th>Reported</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Output indicators", result.ToConsole(MeasurementTables.Table1), StringComparison.Ordinal);
        Assert.Null(EffectMeasurement.Run(Path.Combine(_dir, "firms.csv"), Path.Combine(_dir, "participants.csv"), null, new MeasurementOptions
        {
            History = ChainSimulator.FirstPeriod, Baseline = ChainSimulator.Baseline, BootstrapReplicates = 0,
        }).Indicators);
    }
}
