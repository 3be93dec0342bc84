using System.Text;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>The input reproducers of issue 9, rebuilt as test data: numbers beyond the bounds or with control
/// characters, invalid UTF-8 and control characters in text, the reserved group name, and a stray text value in a
/// numeric <c>match</c> covariate. Each is a located <see cref="InputDataException"/>.</summary>
public sealed class InputRobustnessTests : IDisposable
{
    private const string Header = "firm_id,period,municipality,region,industry,sector,fte,turnover\n";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string WriteBytes(string name, params byte[][] parts)
    {
        string path = Path.Combine(_files.Dir, name);
        File.WriteAllBytes(path, [.. parts.SelectMany(p => p)]);
        return path;
    }

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void TrailingNulInANumber_IsAnErrorNotFive()
    {
        string path = WriteBytes("firms.csv", U(Header + "1,2014,751,R,011100,private,5"), [0], U(",10\n"));

        var e = Assert.Throws<InputDataException>(() => RegisterCsv.Load(path));

        var error = Assert.Single(e.Errors);
        Assert.Equal((2L, "fte", "1", "5\\x00"), (error.Line, error.Column, error.FirmId, error.Value));
        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8FirmIds_AreErrors_NotMergedIntoOneId()
    {
        // Two ids that both decoded to "\uFFFD1" before: two firms became one.
        string path = WriteBytes("firms.csv", U(Header), [0xFF], U("1,2014,751,R,011100,private,5,10\n"), [0xFE], U("1,2014,751,R,011100,private,7,10\n"));

        var e = Assert.Throws<InputDataException>(() => RegisterCsv.Load(path));

        Assert.Equal(2, e.TotalErrors);
        Assert.Equal(["\\xFF1", "\\xFE1"], e.Errors.Select(x => x.Value));
        Assert.All(e.Errors, x => Assert.Equal("firm_id", x.Column));
        Assert.All(e.Errors, x => Assert.Contains("not valid UTF-8", x.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Region\u0001Midt", "region")]
    [InlineData("Region\u0085Midt", "region")]
    [InlineData("Region\u007FMidt", "region")]
    public void ControlCharactersInText_AreErrors(string region, string column)
    {
        string path = _files.Write("firms.csv", Header + $"1,2014,751,{region},011100,private,5,10\n");

        var e = Assert.Throws<InputDataException>(() => RegisterCsv.Load(path));

        var error = Assert.Single(e.Errors);
        Assert.Equal((column, "1"), (error.Column, error.FirmId));
        Assert.Contains("control character", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InParticipants_IsAnError()
    {
        string path = WriteBytes("participants.csv", U("firm_id,project_id,group\n1,P1,VF "), [0xC3], U("\n"));

        var e = Assert.Throws<InputDataException>(() => ParticipantsCsv.Load(path));

        Assert.Equal((2L, "group", "VF \\xC3"), (e.Errors[0].Line, e.Errors[0].Column, e.Errors[0].Value));
    }

    [Theory]
    [InlineData("fte", "1e308")]
    [InlineData("fte", "1.7976931348623157e308")]
    [InlineData("fte", "10000000.5")]
    [InlineData("turnover", "1e11")]
    public void NumbersBeyondTheBounds_AreLocatedErrors(string column, string value)
    {
        string fte = column == "fte" ? value : "5";
        string turnover = column == "turnover" ? value : "10";
        string path = _files.Write("firms.csv", Header + $"1,2014,751,R,011100,private,{fte},{turnover}\n");

        var e = Assert.Throws<InputDataException>(() => RegisterCsv.Load(path));

        var error = Assert.Single(e.Errors);
        Assert.Equal(("firms.csv", 2L, column, "1", value), (error.Source, error.Line, error.Column, error.FirmId, error.Value));
        Assert.StartsWith("out of range: expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumbersAtTheBounds_AreAccepted()
    {
        string path = _files.Write("firms.csv", Header + "1,2014,751,R,011100,private,10000000,10000000000\n1,2015,751,R,011100,private,0,0\n");

        var r = RegisterCsv.Load(path);

        Assert.Equal(1e7, r.FteValues[0]);
        Assert.Equal(1e10, r.TurnoverValues[0]);
    }

    [Fact]
    public void RecordsBeyondTheBounds_AreErrorsToo()
    {
        var e = Assert.Throws<InputDataException>(() => Register.FromRecords(
            [new FirmPeriodRecord("1", Period.FromYear(2014), "751", "R", "011100", false, 1.7e308, 10)]));

        Assert.Equal(("records", "fte"), (e.Errors[0].Source, e.Errors[0].Column));
        Assert.Contains("out of range", e.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsWithLoneSurrogates_AreErrors_NotMergedIntoOneId()
    {
        var e = Assert.Throws<InputDataException>(() => Register.FromRecords(
        [
            new FirmPeriodRecord("\uD800a", Period.FromYear(2014), "751", "R", "011100", false, 1, 10),
            new FirmPeriodRecord("\uD801a", Period.FromYear(2014), "751", "R", "011100", false, 1, 10),
            new FirmPeriodRecord("2", Period.FromYear(2014), "751", "R\u0000", "011100", false, 1, 10),
        ]));

        Assert.Equal(["firm_id", "firm_id", "region"], e.Errors.Select(x => x.Column));
        Assert.Equal(["\\xED\\xA0\\x80a", "\\xED\\xA0\\x81a"], e.Errors.Take(2).Select(x => x.Value));
    }

    [Fact]
    public void HugeBudgets_AreErrors_SoTheCrossCuttingSumStaysFinite()
    {
        string path = _files.Write("budgets.csv", "group,budget_mdkk\nA,1e308\nB,1e308\nC,1000000\n");

        var e = Assert.Throws<InputDataException>(() => BudgetsCsv.Load(path));

        Assert.Equal([2L, 3L], e.Errors.Select(x => x.Line));
        Assert.All(e.Errors, x => Assert.Contains("from 0 to 1,000,000", x.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Tværgående måling (ekskl. dubletter)")]
    [InlineData(" TVÆRGÅENDE MÅLING (EKSKL. DUBLETTER) ")]
    public void TheCrossCuttingRowsName_IsReserved(string group)
    {
        string participants = _files.Write("participants.csv", $"firm_id;project_id;group\n1;P1;{group}\n2;P1;VF Midtjylland\n");
        string budgets = _files.Write("budgets.csv", $"group;budget_mdkk\n{group};5\n");

        var p = Assert.Throws<InputDataException>(() => ParticipantsCsv.Load(participants));
        var b = Assert.Throws<InputDataException>(() => BudgetsCsv.Load(budgets));
        var records = Assert.Throws<InputDataException>(() => ParticipantGroups.Build(
            Register.FromRecords([new FirmPeriodRecord("1", Period.FromYear(2014), "751", "R", "011100", false, 1, 1)]),
            [new Participant("1", "P1", group)],
            [ExclusionReason.None]));

        Assert.Equal((2L, "group", "1"), (p.Errors[0].Line, p.Errors[0].Column, p.Errors[0].FirmId));
        Assert.Contains("reserved group name", p.Message, StringComparison.Ordinal);
        Assert.Contains("reserved group name", b.Message, StringComparison.Ordinal);
        Assert.Contains("reserved group name", records.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MatchTable_OneStrayTextValueInANumericCovariate_IsAnError()
    {
        // 5 rows, one of them text: before, the whole column silently became 5 categories.
        const string csv = "id,treat,x\na,1,1.5\nb,0,2\nc,0,2.5O\nd,1,3\ne,0,4\n";

        var e = Assert.Throws<InputDataException>(() => MatchingTable.Parse(new StringReader(csv), "t.csv", new MatchingTableOptions
        {
            Treat = "treat",
            Id = "id",
            Covariates = ["x"],
        }));

        var error = Assert.Single(e.Errors);
        Assert.Equal((4L, "x", "c", "2.5O"), (error.Line, error.Column, error.FirmId, error.Value));
        Assert.Contains("mixes numbers and text (1 of 5 values are not numbers, 4 are)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MatchTable_InvalidUtf8Ids_AreErrors()
    {
        string path = WriteBytes("t.csv", U("id,treat,x\n"), [0xFF], U("a,1,1\n"), [0xFE], U("a,0,2\nb,0,3\n"));

        var e = Assert.Throws<InputDataException>(() => MatchingTable.Read(path, new MatchingTableOptions
        {
            Treat = "treat",
            Id = "id",
            Covariates = ["x"],
        }));

        Assert.Equal([2L, 3L], e.Errors.Select(x => x.Line));
        Assert.All(e.Errors, x => Assert.Contains("not valid UTF-8", x.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("region+region")]
    [InlineData("industry2+industry3")]
    [InlineData("national+region")]
    [InlineData("history+history")]
    [InlineData("+")]
    public void MatchingLevel_RepeatedOrConflictingParts_AreRejected(string text)
    {
        Assert.Throws<FormatException>(() => MatchingLevel.Parse(text));
    }

    [Fact]
    public void ValueRange_SaysWhatIsWrong()
    {
        Assert.Null(ValueBounds.Fte.Problem(0));
        Assert.Null(ValueBounds.Fte.Problem(1e7));
        Assert.Contains("negative", ValueBounds.Fte.Problem(-1), StringComparison.Ordinal);
        Assert.Contains("not a finite number", ValueBounds.Fte.Problem(double.NaN), StringComparison.Ordinal);
        Assert.Equal("out of range: expected FTE years from 0 to 10,000,000", ValueBounds.Fte.Problem(1e7 + 1));
        Assert.Null(ValueBounds.ValueAddedTdkk.Problem(-5));
    }
}
