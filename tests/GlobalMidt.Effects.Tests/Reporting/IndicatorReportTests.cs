using System.Text.Json;
using GlobalMidt.Effects.Reporting;
using GlobalMidt.Effects.Tests.Estimation;

namespace GlobalMidt.Effects.Tests.Reporting;

/// <summary>The output indicators rendered (the worked example of <see cref="OutputIndicatorsTests"/>).</summary>
public sealed class IndicatorReportTests
{
    private const string Cross = "Tværgående måling (ekskl. dubletter)";

    [Fact]
    public void ToCsv_OneLongTable_ActivityRowsPerPeriodThenGroups()
    {
        string expected = $"""
            table,name,cross_cutting,period,firms_starting,firms_active,firms_cumulative,supported_firms,budget_mdkk,private_mdkk
            activity,{Cross},true,2017H1,1,1,1,5,,
            activity,{Cross},true,2017H2,1,2,2,5,,
            activity,{Cross},true,2018H1,2,3,4,5,,
            activity,{Cross},true,2018H2,1,4,5,5,,
            activity,Basecamp,false,2017H1,1,1,1,4,,
            activity,Basecamp,false,2017H2,1,1,2,4,,
            activity,Basecamp,false,2018H1,1,1,3,4,,
            activity,Basecamp,false,2018H2,1,2,4,4,,
            activity,Export mentor,false,2017H1,0,0,0,2,,
            activity,Export mentor,false,2017H2,1,1,1,2,,
            activity,Export mentor,false,2018H1,1,2,2,2,,
            activity,Export mentor,false,2018H2,0,2,2,2,,
            group,{Cross},true,,,,,5,18,3.5
            group,A,false,,,,,2,10,2
            group,B,false,,,,,2,5,1
            group,C,false,,,,,1,,
            group,D,false,,,,,0,3,0.5

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), OutputIndicatorsTests.Worked().ToCsv());
    }

    [Fact]
    public void ToJson_DocumentedKeys()
    {
        using var doc = JsonDocument.Parse(OutputIndicatorsTests.Worked().ToJson());
        var root = doc.RootElement;
        Assert.Equal(5, root.GetProperty("supported_firms").GetInt32());
        Assert.Equal(18, root.GetProperty("budget_mdkk").GetDouble());
        Assert.Equal(3.5, root.GetProperty("private_mdkk").GetDouble());
        Assert.Equal(["2017H1", "2017H2", "2018H1", "2018H2"], root.GetProperty("periods").EnumerateArray().Select(p => p.GetString()));
        var mentor = root.GetProperty("activities")[2];
        Assert.Equal("Export mentor", mentor.GetProperty("activity").GetString());
        Assert.False(mentor.GetProperty("cross_cutting").GetBoolean());
        Assert.Equal(2, mentor.GetProperty("supported_firms").GetInt32());
        var h = mentor.GetProperty("by_period")[2];
        Assert.Equal(("2018H1", 1, 2, 2), (h.GetProperty("period").GetString(), h.GetProperty("firms_starting").GetInt32(), h.GetProperty("firms_active").GetInt32(), h.GetProperty("firms_cumulative").GetInt32()));
        var c = root.GetProperty("groups")[3];
        Assert.Equal("C", c.GetProperty("group").GetString());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("budget_mdkk").ValueKind);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("private_mdkk").ValueKind);
    }

    [Fact]
    public void ToConsole_ActivitiesByHalfYear_AndToMarkdownAndHtml()
    {
        string text = OutputIndicatorsTests.Worked().ToConsole();
        var lines = text.Split('\n');
        Assert.Equal("Output indicators: firms starting per half-year (first start in the activity) and supported firms", lines[0]);
        Assert.Equal("Activity                              2017H1  2017H2  2018H1  2018H2  Supported firms", lines[1]);
        Assert.Equal("Basecamp                                   1       1       1       1                4", lines[4]);
        Assert.Contains("Output indicators: cumulative unique firms per half-year", text, StringComparison.Ordinal);
        Assert.Contains("C                                                   1                  -                                -", text, StringComparison.Ordinal);

        Assert.Contains("### Output indicators: firms active per half-year (start <= half-year <= end)", OutputIndicatorsTests.Worked().ToMarkdown(), StringComparison.Ordinal);
        string html = OutputIndicatorsTests.Worked().ToHtml();
        Assert.StartsWith("<div class=\"globalmidt-indicators\">", html, StringComparison.Ordinal);
        Assert.Contains("start &lt;= half-year &lt;= end", html, StringComparison.Ordinal);
        Assert.Equal(4, html.Split("<table>").Length - 1);
    }
}
