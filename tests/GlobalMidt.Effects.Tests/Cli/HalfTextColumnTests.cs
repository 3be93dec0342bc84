using System.Globalization;
using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Tests.Cli;

/// <summary>
/// Issue 11: the same table with a half-text covariate column was read as categories by <c>match</c> (exit 0) and
/// as 20 errors by <c>balance</c> (exit 3). Both now read through the one table reader and type columns by the one
/// rule (<c>ColumnTyping</c>, docs/data-contract.md "One table reader"): numbers and text mixed is one located error at
/// the first text value, the same error from <c>match</c>, <c>balance</c> and the library; an all-text column is
/// categorical for both.
/// </summary>
public sealed class HalfTextColumnTests : IDisposable
{
    // x: 8 values, 2 of them text ("low" on line 4, "high" on line 7), the rest numbers.
    private const string HalfText =
        "id,treat,x,kind\n" +
        "a,1,1.5,u\n" +
        "b,0,2,v\n" +
        "c,0,low,u\n" +
        "d,1,3,v\n" +
        "e,0,4,u\n" +
        "f,0,high,v\n" +
        "g,1,5,u\n" +
        "h,0,6,v\n";

    private static readonly DataError Expected = new("half.csv", 4, "x", "c", "low",
        "expected a number: this column mixes numbers and text (2 of 8 values are not numbers, 6 are); a covariate is numeric (every value a number) or categorical (every value text, one dummy per value as R's factor).");

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gme-halftext-" + Guid.NewGuid().ToString("N"));

    public HalfTextColumnTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string ErrorLine(string stderr) =>
        Assert.Single(stderr.Split('\n'), l => l.Contains("mixes numbers and text", StringComparison.Ordinal)).Trim();

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    public void HalfTextColumn_MatchAndBalance_GiveTheSameLocatedError(string delimiter)
    {
        string data = Write("half.csv", HalfText.Replace(",", delimiter, StringComparison.Ordinal));
        string pairs = Write("pairs.csv", "treated,control\na,b\nd,e\ng,h\n");

        var match = Run("match", "--data", data, "--treat", "treat", "--id", "id", "--covariates", "x", "--out", Path.Combine(_dir, "out.csv"));
        var balance = Run("balance", "--data", data, "--treat", "treat", "--covariates", "x", "--pairs", pairs, "--id", "id");

        Assert.Equal(ExitCodes.DataError, match.Code);
        Assert.Equal(ExitCodes.DataError, balance.Code);
        string line = ErrorLine(match.Err);
        Assert.Equal(line, ErrorLine(balance.Err));
        Assert.Equal("error: " + Expected, line);
        Assert.False(File.Exists(Path.Combine(_dir, "out.csv")));
    }

    [Fact]
    public void HalfTextColumn_TheLibraryReadersGiveTheSameDataError()
    {
        var fromMatch = Assert.Throws<InputDataException>(() => MatchingTable.Parse(new StringReader(HalfText), "half.csv", new MatchingTableOptions
        {
            Treat = "treat",
            Id = "id",
            Covariates = ["x"],
        }));
        var fromBalance = Assert.Throws<InputDataException>(() => BalanceInput.Read(
            new StringReader(HalfText), "half.csv", new BalanceInputOptions { Treat = "treat", Covariates = ["x"], Id = "id" },
            new StringReader("treated,control\na,b\n"), "pairs.csv"));

        Assert.Equal(Expected, Assert.Single(fromMatch.Errors));
        Assert.Equal(Expected, Assert.Single(fromBalance.Errors));
    }

    [Fact]
    public void TreatmentValues_AreReadAlikeByMatchAndBalance()
    {
        // 1/0 and true/false in any case; before, balance took only TRUE/true/True and rejected tRuE.
        const string Csv = "id,treat,x,w\na,1,1,1\nb,0,2,1\nc,true,3,1\nd,FALSE,4,1\ne,tRuE,5,1\nf,False,6,1\n";
        var table = MatchingTable.Parse(new StringReader(Csv), "t.csv", new MatchingTableOptions { Treat = "treat", Id = "id", Covariates = ["x"] });
        var balance = BalanceInput.Read(new StringReader(Csv), "t.csv", new BalanceInputOptions { Treat = "treat", Covariates = ["x"], Weights = "w" });
        bool[] expected = [true, false, true, false, true, false];
        Assert.Equal(expected, table.Data.Treated);
        Assert.Equal(expected, balance.Treated);

        var bad = Assert.Throws<InputDataException>(() => BalanceInput.Read(new StringReader(Csv.Replace("tRuE", "yes", StringComparison.Ordinal)), "t.csv",
            new BalanceInputOptions { Treat = "treat", Covariates = ["x"], Weights = "w" }));
        Assert.Equal((6L, "treat", "yes"), (Assert.Single(bad.Errors).Line, bad.Errors[0].Column, bad.Errors[0].Value));
    }

    [Fact]
    public void AllTextColumn_IsCategoricalForMatchAndBalance()
    {
        // kind holds only text: categories (levels u, v) for both, by the same rule.
        var table = MatchingTable.Parse(new StringReader(HalfText), "half.csv", new MatchingTableOptions
        {
            Treat = "treat",
            Id = "id",
            Covariates = ["kind"],
        });
        var balance = BalanceInput.Read(
            new StringReader(HalfText), "half.csv", new BalanceInputOptions { Treat = "treat", Covariates = ["kind"], Id = "id" },
            new StringReader("treated,control\na,b\nd,e\ng,h\n"), "pairs.csv");

        var kind = Assert.Single(table.Data.Categorical);
        Assert.Equal(["u", "v"], kind.Levels);
        Assert.Empty(table.Data.CovariateNames);
        Assert.Equal(["kind_v"], balance.Names); // two levels: the second only, as cobalt's splitfactor(drop.first = "if2")
        Assert.Equal(kind.Codes.Select(c => (double)c), balance.Columns[0]);

        string data = Write("half.csv", HalfText);
        string pairs = Write("pairs.csv", "treated,control\na,b\nd,e\ng,h\n");
        var match = Run("match", "--data", data, "--treat", "treat", "--id", "id", "--covariates", "kind", "--out", Path.Combine(_dir, "out.csv"));
        var bal = Run("balance", "--data", data, "--treat", "treat", "--covariates", "kind", "--pairs", pairs, "--id", "id", "--format", "csv");
        Assert.True(match.Code == 0, match.Err);
        Assert.True(bal.Code == 0, bal.Err);
        Assert.Contains("kind_v", bal.Out, StringComparison.Ordinal);
    }
}
