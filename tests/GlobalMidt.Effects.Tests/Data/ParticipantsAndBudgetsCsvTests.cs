using System.Globalization;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Tests.Data;

public sealed class ParticipantsCsvTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_KeepsRowsInOrderWithDanishLettersAndDuplicates()
    {
        string path = _files.Write("participants.csv",
            "firm_id;project_id;group\r\n" +
            "12345678;P1;VF Sjælland\r\n" +
            " 87654321 ;P1;VF Midtjylland\r\n" +
            "12345678;P2;VF Midtjylland\r\n" +
            "12345678;P1;VF Sjælland\r\n", bom: true);

        var p = ParticipantsCsv.Load(path);

        Assert.Equal(
            [
                new Participant("12345678", "P1", "VF Sjælland"),
                new Participant("87654321", "P1", "VF Midtjylland"),
                new Participant("12345678", "P2", "VF Midtjylland"),
                new Participant("12345678", "P1", "VF Sjælland"),
            ],
            p);
        var s = ParticipantsSummary.Of(p, null);
        Assert.Equal((4, 2, 1), (s.Rows, s.UniqueFirms, s.DuplicateRows));
        Assert.Equal(["VF Midtjylland", "VF Sjælland"], s.Groups);
    }

    [Fact]
    public void Load_EmptyValues_AreErrorsWithLineColumnAndFirm()
    {
        string path = _files.Write("participants.csv", "firm_id,project_id,group\n1,P1,\n,P2,G\n");

        var e = Assert.Throws<InputDataException>(() => ParticipantsCsv.Load(path));

        Assert.Equal(2, e.TotalErrors);
        Assert.Equal(("participants.csv", 2L, "group", "1"), (e.Errors[0].Source, e.Errors[0].Line, e.Errors[0].Column, e.Errors[0].FirmId));
        Assert.Equal((3L, "firm_id"), (e.Errors[1].Line, e.Errors[1].Column));
    }

    [Fact]
    public void Load_MissingGroupColumn_NamesIt()
    {
        string path = _files.Write("participants.csv", "firm_id,project_id\n1,P1\n");

        var e = Assert.Throws<InputDataException>(() => ParticipantsCsv.Load(path));

        Assert.Contains("missing column 'group'; found columns 'firm_id', 'project_id'", e.Message);
    }

    [Fact]
    public void Load_HeaderOnly_IsAnError()
    {
        var e = Assert.Throws<InputDataException>(() => ParticipantsCsv.Load(_files.Write("participants.csv", "firm_id,project_id,group\n")));

        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void Summary_CountsFirmsFoundAndNotFoundInTheRegister()
    {
        string firms = _files.Write("firms.csv", "firm_id,period,municipality,region,industry,sector,fte,turnover\n" +
            "1,2014,751,R,1,private,2,10\n2,2014,751,R,1,private,2,10\n");
        var register = RegisterCsv.Load(firms);
        var participants = new[]
        {
            new Participant("1", "P", "G"), new Participant("1", "Q", "G"), new Participant("3", "P", "G"), new Participant("10", "P", "H"),
        };

        var s = ParticipantsSummary.Of(participants, register);

        Assert.Equal((3, 1, 2), (s.UniqueFirms, s.FirmsInRegister, s.FirmsNotInRegister));
        Assert.Equal(["3", "10"], s.NotFoundExamples);
        Assert.Equal(0, s.DuplicateRows);
    }
}

public sealed class BudgetsCsvTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_ReadsBudgets_AndDanishCultureReadsDecimalCommas()
    {
        string path = _files.Write("budgets.csv", "group;budget_mdkk\nVF Sjælland;12,5\nVF Midtjylland;0\n");

        var b = BudgetsCsv.Load(path, new RegisterLoadOptions { Culture = new CultureInfo("da-DK") });

        Assert.Equal([new GroupBudget("VF Sjælland", 12.5), new GroupBudget("VF Midtjylland", 0)], b);
        var s = BudgetsSummary.Of(b, [new Participant("1", "P", "VF Sjælland"), new Participant("1", "P", "VF Nord")]);
        Assert.Equal(12.5, s.TotalMdkk);
        Assert.Equal(["VF Nord"], s.GroupsWithoutBudget);
        Assert.Equal(["VF Midtjylland"], s.BudgetsWithoutParticipants);
    }

    [Fact]
    public void Load_GroupListedTwice_NamesBothLines()
    {
        string path = _files.Write("budgets.csv", "group,budget_mdkk\nA,1\nB,2\nA,3\n");

        var err = Assert.Single(Assert.Throws<InputDataException>(() => BudgetsCsv.Load(path)).Errors);

        Assert.Equal(("budgets.csv", 4L, "group", "A"), (err.Source, err.Line, err.Column, err.Value));
        Assert.Contains("also at line 2", err.Message);
    }

    [Theory]
    [InlineData("-1", "negative")]
    [InlineData("lots", "not a number")]
    [InlineData("NaN", "not a finite number")]
    public void Load_BadBudget_IsAnError(string value, string expected)
    {
        string path = _files.Write("budgets.csv", $"group,budget_mdkk\nA,{value}\n");

        var err = Assert.Single(Assert.Throws<InputDataException>(() => BudgetsCsv.Load(path)).Errors);

        Assert.Equal(("budget_mdkk", value, 2L), (err.Column, err.Value, err.Line));
        Assert.Contains(expected, err.Message);
    }
}
