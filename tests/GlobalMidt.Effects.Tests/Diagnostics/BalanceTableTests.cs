using System.Globalization;
using System.Text.Json;
using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Tests.Diagnostics;

/// <summary>The renderings of <see cref="BalanceTable"/>, tested as text.</summary>
public class BalanceTableTests
{
    // Treated x = 1.5, 2.5 (SD sqrt(0.5)), controls 3.5, 1: SMD = -0.25 / sqrt(0.5), VR = 0.5 / 3.125 = 0.16.
    // Binary b: treated 1, 1; controls 0, 1: raw difference 0.5. The name "a<b,c" needs escaping in HTML and CSV.
    private static BalanceTable Small() =>
        Balance.Compute(["a<b,c", "b"], [[1.5, 2.5, 3.5, 1], [1, 1, 0, 1]], [true, true, false, false], [1, 1, 1, 1], null);

    [Fact]
    public void ToCsv_FullPrecisionEscapedNamesEmptyForNaN()
    {
        var lines = Small().ToCsv().Split('\n');
        Assert.Equal("covariate,type,treated_mean_un,control_mean_un,diff_un,variance_ratio_un,ecdf_mean_un,ecdf_max_un,treated_mean_adj,control_mean_adj,diff_adj,variance_ratio_adj,ecdf_mean_adj,ecdf_max_adj,smd_balanced,variance_ratio_balanced", lines[0]);
        string smd = (-0.25 / Math.Sqrt(0.5)).ToString("R", CultureInfo.InvariantCulture);
        Assert.StartsWith("\"a<b,c\",continuous,2,2.25," + smd + ",0.16,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",false,false", lines[1], StringComparison.Ordinal);
        Assert.Equal("b,binary,1,0.5,0.5,,0.5,0.5,1,0.5,0.5,,0.5,0.5,false,", lines[2]);
    }

    [Fact]
    public void ToJson_WritesNullForNaNAndTheSampleSizes()
    {
        using var doc = JsonDocument.Parse(Small().ToJson());
        var root = doc.RootElement;
        Assert.Equal("ATT", root.GetProperty("estimand").GetString());
        Assert.Equal(0.1, root.GetProperty("smd_threshold").GetDouble());
        var b = root.GetProperty("rows")[1];
        Assert.Equal("binary", b.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, b.GetProperty("after").GetProperty("variance_ratio").ValueKind);
        Assert.Equal(JsonValueKind.Null, b.GetProperty("variance_ratio_balanced").ValueKind);
        Assert.Equal(0.16, root.GetProperty("rows")[0].GetProperty("after").GetProperty("variance_ratio").GetDouble(), 15);
        Assert.Equal(2, root.GetProperty("sample_sizes").GetProperty("control_matched").GetInt32());
        Assert.Equal(2.0, root.GetProperty("sample_sizes").GetProperty("control_ess").GetDouble());
    }

    [Fact]
    public void ToHtml_IsATableWithEscapedNames()
    {
        string html = Small().ToHtml();
        Assert.StartsWith("<table class=\"balance-table\">", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">a&lt;b,c</th><td>Contin.</td><td>-0.3536</td><td>-0.3536</td><td>Not Balanced, &gt;0.1</td><td>0.1600</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">b</th><td>Binary</td><td>0.5000</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("a<b", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("</table>").Length - 1);
    }

    [Fact]
    public void ToMarkdown_HeaderAlignmentRowsAndSizes()
    {
        var lines = Small().ToMarkdown().Split('\n');
        Assert.Equal("| Covariate | Type | Diff.Un | Diff.Adj | M.Threshold | V.Ratio.Un | V.Ratio.Adj | V.Threshold | eCDF.Mean.Adj | eCDF.Max.Adj |", lines[0]);
        Assert.Equal("| --- | --- | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: |", lines[1]);
        Assert.Equal("| b | Binary | 0.5000 | 0.5000 | Not Balanced, >0.1 |  |  |  | 0.5000 | 0.5000 |", lines[3]);
        Assert.Contains("| All | 2 | 2 |", lines);
    }

    [Fact]
    public void ToConsole_TallyWorstVariableAndThresholdLabels()
    {
        var table = Balance.Compute(["a", "b"], [[1.5, 2.5, 3.5, 1], [1, 1, 0, 1]], [true, true, false, false], [1, 1, 1, 1], new BalanceOptions { SmdThreshold = 0.4, VarianceRatioThreshold = 10 });
        string text = table.ToConsole();
        Assert.Contains("Balanced, <0.4", text, StringComparison.Ordinal);
        Assert.Contains("Not Balanced, >0.4", text, StringComparison.Ordinal);
        Assert.Contains("Balanced, <10", text, StringComparison.Ordinal);
        Assert.Contains("Balance tally for mean differences: 1 balanced, 1 not balanced (|SMD| < 0.4)", text, StringComparison.Ordinal);
        Assert.Contains("Variable with the greatest mean difference: b (0.5000)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" \n", text, StringComparison.Ordinal);
        Assert.False(table.IsBalanced);
        Assert.Equal(1, table.SmdBalancedCount);
    }
}
