using System.Text;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Tests.Reporting;

public class TextTableTests
{
    private static TextTable Sample() =>
        new TextTable(["Group", "Jobs", "C"], [ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Right])
            .AddRow("VF Sjælland", "0", null)
            .AddRow("VF Midtjylland", "2849", "46");

    [Fact]
    public void ToConsole_AlignsColumnsAndRendersNullAsDash()
    {
        string expected =
            "Group           Jobs   C\n" +
            "--------------  ----  --\n" +
            "VF Sjælland        0   -\n" +
            "VF Midtjylland  2849  46\n";
        Assert.Equal(expected, Sample().ToConsole());
        Assert.Equal(expected, Sample().ToString());
    }

    [Fact]
    public void ToConsole_DecomposedDanishLettersAreNormalizedAndAlignLikePrecomposed()
    {
        // "å" written as a + combining ring (U+030A) counts as one character after NFC normalisation
        string decomposed = "Nordjylland Å".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Nordjylland Å".Length, decomposed.Length);
        var t = new TextTable(["Name", "N"]).AddRow(decomposed, "1").AddRow("Øst", "2");
        string expected =
            "Name           N\n" +
            "-------------  -\n" +
            "Nordjylland Å  1\n" +
            "Øst            2\n";
        Assert.Equal(expected, t.ToConsole());
    }

    [Fact]
    public void ToConsole_CenterAlignmentAndLineBreaksInCells()
    {
        var t = new TextTable(["Centred", "x"], [ColumnAlignment.Center, ColumnAlignment.Left]).AddRow("ab", "line1\nline2");
        string expected =
            "Centred  x\n" +
            "-------  -----------\n" +
            "  ab     line1 line2\n";
        Assert.Equal(expected, t.ToConsole());
    }

    [Fact]
    public void ToMarkdown_HasAlignmentRowAndEscapesPipes()
    {
        var t = new TextTable(["Group", "Jobs", "Mid"], [ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Center])
            .AddRow("a|b", null, "x");
        string expected =
            "| Group | Jobs | Mid |\n" +
            "| :---- | ---: | :-: |\n" +
            "| a\\|b  |    - |  x  |\n";
        Assert.Equal(expected, t.ToMarkdown());
    }

    [Fact]
    public void ToCsv_QuotesOnlyWhenNeeded()
    {
        var t = new TextTable(["group", "value"])
            .AddRow("Tværgående måling (ekskl. dubletter)", "1.5")
            .AddRow("a,b", "say \"hi\"")
            .AddRow(" padded", null)
            .AddRow("two\nlines", "");
        string expected =
            "group,value\n" +
            "Tværgående måling (ekskl. dubletter),1.5\n" +
            "\"a,b\",\"say \"\"hi\"\"\"\n" +
            "\" padded\",-\n" +
            "\"two\nlines\",\n";
        Assert.Equal(expected, t.ToCsv());
    }

    [Fact]
    public void EmptyTable_RendersHeaderOnly()
    {
        var t = new TextTable(["a", "bb"]);
        Assert.Equal(0, t.RowCount);
        Assert.Equal("a  bb\n-  --\n", t.ToConsole());
        Assert.Equal("a,bb\n", t.ToCsv());
    }

    [Fact]
    public void Constructor_AndAddRow_RejectBadShapes()
    {
        Assert.Throws<ArgumentException>("headers", () => new TextTable([]));
        Assert.Throws<ArgumentException>("headers", () => new TextTable([null!]));
        Assert.Throws<ArgumentException>("alignments", () => new TextTable(["a", "b"], [ColumnAlignment.Left]));
        Assert.Throws<ArgumentException>("alignments", () => new TextTable(["a"], [(ColumnAlignment)9]));
        var t = new TextTable(["a", "b"]);
        var ex = Assert.Throws<ArgumentException>("cells", () => t.AddRow("1"));
        Assert.Contains("1 cells", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, t.ColumnCount);
    }
}
