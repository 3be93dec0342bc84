using System.Text.Json;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Reporting;
using GlobalMidt.Effects.Tests.Measurement;

namespace GlobalMidt.Effects.Tests.Reporting;

public class MeasurementReportTests
{
    private static MeasurementResult Result() => EffectMeasurement.Run(
        Register.FromRecords(EffectMeasurementTests.Records()),
        [.. EffectMeasurementTests.Participants(), new Participant("1001", "x", "Grøn <&> vækst")],
        [new GroupBudget("G1", 1.5)],
        new MeasurementOptions
        {
            History = Period.FromYear(2012),
            Baseline = Period.FromYear(2013),
            Measurement = Period.FromYear(2014),
            Matching = MeasurementOptions.DefaultMatching with { Ratio = 2 },
            BootstrapReplicates = 0,
        });

    [Fact]
    public void ToHtml_EncodesNamesAndHasOneTablePerSection()
    {
        string html = Result().ToHtml();
        Assert.Contains("Grøn &lt;&amp;&gt; vækst", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Grøn <&>", html, StringComparison.Ordinal);
        Assert.Equal(4, html.Split("<table>").Length - 1);
        Assert.Equal(html.Split("<tr>").Length, html.Split("</tr>").Length);
    }

    [Fact]
    public void ToCsv_HasOneRowPerGroupAndEmptyCellsWhereUndefined()
    {
        var result = Result();
        var lines = result.ToCsv().TrimEnd('\n').Split('\n');
        Assert.Equal(result.Groups.Count + 1, lines.Length);
        int columns = lines[0].Split(',').Length;
        var g2 = lines.Single(l => l.StartsWith("G2,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(columns, g2.Length);
        Assert.Equal(string.Empty, g2[Array.IndexOf(lines[0].Split(','), "budget_mdkk")]);
    }

    [Fact]
    public void ToJson_IsValidAndUsesNullForUndefined()
    {
        using var doc = JsonDocument.Parse(Result().ToJson());
        var g2 = doc.RootElement.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "G2");
        Assert.Equal(JsonValueKind.Null, g2.GetProperty("budget_mdkk").ValueKind);
        Assert.Equal(JsonValueKind.Null, g2.GetProperty("employment").GetProperty("ci_low").ValueKind);
        Assert.Equal("1005", g2.GetProperty("unmatched_firms")[0].GetProperty("firm_id").GetString());
    }

    [Fact]
    public void ToConsole_AlignsColumnsWithDanishLetters()
    {
        var lines = Result().ToConsole().Split('\n');
        var header = lines.First(l => l.StartsWith("Group ", StringComparison.Ordinal) && l.Contains("Reported", StringComparison.Ordinal));
        var row = lines.First(l => l.StartsWith("Grøn", StringComparison.Ordinal));
        Assert.Equal(header.Length, row.Length);
    }
}
