using System.Globalization;
using System.IO.Compression;
using System.Text;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Tests.Measurement;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>The optional columns of the effect chain (issue 8): export and value added in firms.csv, activity and
/// start/end in participants.csv, private co-financing in budgets.csv.</summary>
public sealed class ChainColumnsTests : IDisposable
{
    private const string Header = "firm_id,period,municipality,region,industry,sector,fte,turnover";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static InputDataException Fails(Action load) => Assert.Throws<InputDataException>(load);

    [Fact]
    public void Firms_WithoutNewColumns_HasNoExportOrValueAdded()
    {
        var r = RegisterCsv.Load(_files.Write("firms.csv", Header + "\n5,2014,751,R,1,private,1,2\n"));

        Assert.False(r.HasExport);
        Assert.False(r.HasValueAdded);
        Assert.True(r.ExportValues.IsEmpty);
        Assert.True(double.IsNaN(r.Export(0, 0)));
        Assert.True(double.IsNaN(r.ValueAdded(0, 0)));
    }

    [Fact]
    public void Firms_ExportAndNegativeValueAdded_AreStoredFirmMajorWithNaNForAbsentCells()
    {
        string path = _files.Write("firms.csv", "value_added,EXPORT," + Header + "\n" +
            "-250.5,0,7,2014H2,751,R,1,private,1,2\n" +
            "100,40,5,2014H1,751,R,1,private,1,2\n" +
            "-3,12.5,5,2014H2,751,R,1,private,1,2\n");

        var r = RegisterCsv.Load(path);

        Assert.True(r.HasExport);
        Assert.True(r.HasValueAdded);
        Assert.Equal(["5", "7"], r.FirmIds);
        Assert.Equal([40, 12.5, double.NaN, 0], r.ExportValues.ToArray());
        Assert.Equal([100, -3, double.NaN, -250.5], r.ValueAddedValues.ToArray());
        Assert.Equal(-250.5, r.ValueAdded(1, 1));
    }

    [Fact]
    public void RegisterSummary_CountsExportAndNegativeValueAddedRows_NullWithoutTheColumns()
    {
        var with = RegisterSummary.Of(RegisterCsv.Load(_files.Write("a.csv", "value_added,export," + Header + "\n" +
            "-250.5,0,7,2014H2,751,R,1,private,1,2\n100,40,5,2014H1,751,R,1,private,1,2\n-3,12.5,5,2014H2,751,R,1,private,1,2\n")));
        var without = RegisterSummary.Of(RegisterCsv.Load(_files.Write("b.csv", Header + "\n5,2014,751,R,1,private,1,2\n")));

        // Three rows with an export value (0, 40, 12.5; the fourth cell, firm 7 in 2014H1, is absent), two above 0;
        // two rows with negative value added (-250.5, -3).
        Assert.Equal((3, 2, 2), (with.ExportRows, with.ExportingRows, with.NegativeValueAddedRows));
        Assert.Equal((null, null, null), (without.ExportRows, without.ExportingRows, without.NegativeValueAddedRows));
    }

    [Fact]
    public void Firms_OnlyOneNewColumn_TheOtherIsAbsent()
    {
        var r = RegisterCsv.Load(_files.Write("firms.csv", Header + ",value_added\n5,2014,751,R,1,private,1,2,-9\n"));

        Assert.False(r.HasExport);
        Assert.True(r.HasValueAdded);
        Assert.Equal(-9, r.ValueAdded(0, 0));
    }

    [Theory]
    [InlineData("-1", "0", "export", "-1", "negative: expected a non-negative export in 1,000 DKK (0 or more)")]
    [InlineData("abc", "0", "export", "abc", "not a number: expected a non-negative export in 1,000 DKK")]
    [InlineData("", "0", "export", "", "expected a non-negative export in 1,000 DKK")]
    [InlineData("2e10", "0", "export", "2e10", "out of range: expected export in 1,000 DKK from 0 to 10,000,000,000")]
    [InlineData("1", "-2e10", "value_added", "-2e10", "out of range: expected value added in 1,000 DKK from -10,000,000,000 to 10,000,000,000")]
    [InlineData("1", "NaN", "value_added", "NaN", "expected a value added in 1,000 DKK")]
    [InlineData("1", "x", "value_added", "x", "not a number: expected a value added in 1,000 DKK")]
    public void Firms_BadExportOrValueAdded_IsLocatedLikeFteAndTurnover(string export, string valueAdded, string column, string value, string message)
    {
        string path = _files.Write("firms.csv", Header + ",export,value_added\n" +
            "5,2014,751,R,1,private,1,2,1,1\n" +
            $"6,2014,751,R,1,private,1,2,{export},{valueAdded}\n");

        var e = Fails(() => RegisterCsv.Load(path));

        var err = Assert.Single(e.Errors);
        Assert.Equal(("firms.csv", 3L, column, "6", value), (err.Source, err.Line, err.Column, err.FirmId, err.Value));
        Assert.Contains(message, err.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Firms_NewColumnGivenTwice_IsAHeaderError()
    {
        var e = Fails(() => RegisterCsv.Load(_files.Write("firms.csv", Header + ",export,Export\n5,2014,751,R,1,private,1,2,1,1\n")));

        var err = Assert.Single(e.Errors);
        Assert.Equal((1L, "export"), (err.Line, err.Column));
        Assert.Contains("column given twice (fields 9 and 10)", err.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_ExportAndValueAdded_InAllOrNone()
    {
        var p = Period.FromHalfYear(2014, 2);
        var ok = Register.FromRecords(
        [
            new FirmPeriodRecord("5", p, "751", "R", "1", false, 1, 2) { Export = 3, ValueAdded = -4 },
            new FirmPeriodRecord("6", p, "751", "R", "1", false, 1, 2) { Export = 0, ValueAdded = 5 },
        ]);
        Assert.Equal([3, 0], ok.ExportValues.ToArray());
        Assert.Equal([-4, 5], ok.ValueAddedValues.ToArray());

        var plain = Register.FromRecords([new FirmPeriodRecord("5", p, "751", "R", "1", false, 1, 2)]);
        Assert.False(plain.HasExport || plain.HasValueAdded);

        var e = Fails(() => Register.FromRecords(
        [
            new FirmPeriodRecord("5", p, "751", "R", "1", false, 1, 2) { Export = 3 },
            new FirmPeriodRecord("6", p, "751", "R", "1", false, 1, 2) { ValueAdded = 1 },
            new FirmPeriodRecord("7", p, "751", "R", "1", false, 1, 2) { Export = -1 },
        ]));
        Assert.Equal(3, e.Errors.Count);
        Assert.Equal(("records", 2L, "export", "6"), (e.Errors[0].Source, e.Errors[0].Line, e.Errors[0].Column, e.Errors[0].FirmId));
        Assert.Contains("missing Export: the first record has one", e.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal((2L, "value_added"), (e.Errors[1].Line, e.Errors[1].Column));
        Assert.Contains("unexpected ValueAdded", e.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal((3L, "export", "-1"), (e.Errors[2].Line, e.Errors[2].Column, e.Errors[2].Value));
    }

    [Fact]
    public void DataFrame_ExportAndValueAdded_RoundTripAndAreValidated()
    {
        var p = Period.FromHalfYear(2014, 2);
        var register = Register.FromRecords(
        [
            new FirmPeriodRecord("5", p, "751", "R", "1", false, 1, 2) { Export = 3, ValueAdded = -4 },
            new FirmPeriodRecord("6", p, "751", "R", "1", false, 1, 2) { Export = 0, ValueAdded = 5 },
        ]);

        var df = RegisterDataFrame.ToDataFrame(register);
        var back = RegisterDataFrame.FromDataFrame(df);

        Assert.Equal(10, df.Columns.Count);
        Assert.Equal([3, 0], back.ExportValues.ToArray());
        Assert.Equal([-4, 5], back.ValueAddedValues.ToArray());
        Assert.Equal(8, RegisterDataFrame.ToDataFrame(Register.FromRecords([new FirmPeriodRecord("5", p, "751", "R", "1", false, 1, 2)])).Columns.Count);

        df.Columns["export"][1] = -1.0;
        df.Columns["value_added"][0] = null;
        var e = Fails(() => RegisterDataFrame.FromDataFrame(df));
        Assert.Equal(2, e.Errors.Count);
        Assert.Equal(("DataFrame", 1L, "value_added", "5"), (e.Errors[0].Source, e.Errors[0].Line, e.Errors[0].Column, e.Errors[0].FirmId));
        Assert.Equal("null value: expected a value added in 1,000 DKK", e.Errors[0].Message);
        Assert.Equal((2L, "export", "-1"), (e.Errors[1].Line, e.Errors[1].Column, e.Errors[1].Value));
    }

    [Fact]
    public void ParticipantsDataFrame_ActivityAndPeriods_RoundTripAndAreCheckedAsInTheCsv()
    {
        var list = ParticipantsCsv.Load(_files.Write("participants.csv",
            "firm_id,project_id,group,activity,start,end\n5,P1,G,Export mentor,2017H1,2018H2\n6,P1,G,Basecamp,2019H2,2019H2\n"));

        var df = ParticipantsDataFrame.ToDataFrame(list);

        Assert.Equal(6, df.Columns.Count);
        Assert.Equal(list, ParticipantsDataFrame.FromDataFrame(df));
        Assert.Equal(3, ParticipantsDataFrame.ToDataFrame([new Participant("5", "P", "G")]).Columns.Count);

        df.Columns["end"][0] = "2016H2";
        df.Columns["activity"][1] = " ";
        var register = Register.FromRecords(
        [
            new FirmPeriodRecord("5", Period.FromHalfYear(2016, 2), "751", "R", "1", false, 1, 2),
            new FirmPeriodRecord("5", Period.FromHalfYear(2018, 2), "751", "R", "1", false, 1, 2),
        ]);
        var e = Fails(() => ParticipantsDataFrame.FromDataFrame(df, null, register));

        Assert.Equal(
            [
                ("end", 1L, "2016H2", "end before start: start is 2017H1, end 2016H2; expected end on or after start"),
                ("activity", 2L, "", "empty: expected an activity (e.g. Export mentor)"),
                ("start", 2L, "2019H2", "outside the register: expected a period from 2016H2 to 2018H2 (the register's first and last period)"),
                ("end", 2L, "2019H2", "outside the register: expected a period from 2016H2 to 2018H2 (the register's first and last period)"),
            ],
            e.Errors.Select(x => (x.Column!, x.Line, x.Value!, x.Message)));
    }

    [Fact]
    public void Participants_ActivityAndPeriods_AreRead()
    {
        string path = _files.Write("participants.csv",
            "firm_id,project_id,group,activity,start,end\n" +
            "5,P1,VF Midtjylland,Export mentor,2017H1,2018H2\n" +
            "5,P1,VF Midtjylland,Basecamp,2019H2,2019H2\n");

        var list = ParticipantsCsv.Load(path);

        Assert.Equal(2, list.Count);
        Assert.Equal(("Export mentor", Period.FromHalfYear(2017, 1), Period.FromHalfYear(2018, 2)), (list[0].Activity, list[0].Start, list[0].End));
        Assert.Equal("Basecamp", list[1].Activity);
        var summary = ParticipantsSummary.Of(list, null);
        Assert.Equal(["Basecamp", "Export mentor"], summary.Activities);
        Assert.Equal((Period.FromHalfYear(2017, 1), Period.FromHalfYear(2019, 2)), (summary.FirstStart, summary.LastEnd));
    }

    [Fact]
    public void Participants_WithoutNewColumns_HaveNullActivityAndPeriods()
    {
        var p = Assert.Single(ParticipantsCsv.Load(_files.Write("participants.csv", "firm_id,project_id,group\n5,P1,G\n")));

        Assert.Equal(new Participant("5", "P1", "G"), p);
        Assert.Null(p.Activity);
        Assert.Null(p.Start);
        var summary = ParticipantsSummary.Of([p], null);
        Assert.Empty(summary.Activities);
        Assert.Null(summary.FirstStart);
    }

    [Theory]
    [InlineData("A,2018H2,2018H1", "end", "2018H1", "end before start: start is 2018H2, end 2018H1; expected end on or after start")]
    [InlineData("A,2018,2018H1", "end", "2018H1", "mixed annual and half-year periods: line 2 has annual period 2018; expected all start and end periods to be one kind")]
    [InlineData("A,2018H1,soon", "end", "soon", "not a period: expected YYYY, YYYYH1 or YYYYH2")]
    [InlineData("A,,2018H1", "start", "", "empty: expected the start period of the activity")]
    [InlineData(",2018H1,2018H1", "activity", "", "empty: expected an activity")]
    public void Participants_BadActivityOrPeriods_AreLocated(string fields, string column, string value, string message)
    {
        string path = _files.Write("participants.csv", "firm_id,project_id,group,activity,start,end\n12,P,G," + fields + "\n");

        var e = Fails(() => ParticipantsCsv.Load(path));

        var err = e.Errors[^1];
        Assert.Equal(("participants.csv", 2L, column, "12", value), (err.Source, err.Line, err.Column, err.FirmId, err.Value));
        Assert.Contains(message, err.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Participants_MixedKindsAcrossRows_NameTheFirstLine()
    {
        string path = _files.Write("participants.csv", "firm_id,project_id,group,activity,start,end\n" +
            "12,P,G,A,2017H1,2017H2\n13,P,G,A,2017,2018\n");

        var e = Fails(() => ParticipantsCsv.Load(path));

        Assert.Equal(2, e.Errors.Count);
        Assert.All(e.Errors, err => Assert.Equal((3L, "13"), (err.Line, err.FirmId)));
        Assert.Contains("line 2 has half-year period 2017H1", e.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Participants_PeriodsOutsideOrOfAnotherKindThanTheRegister_AreErrors()
    {
        var register = Register.FromRecords(
        [
            new FirmPeriodRecord("12", Period.FromHalfYear(2016, 2), "751", "R", "1", false, 1, 2),
            new FirmPeriodRecord("12", Period.FromHalfYear(2020, 1), "751", "R", "1", false, 1, 2),
        ]);
        string path = _files.Write("participants.csv", "firm_id,project_id,group,activity,start,end\n" +
            "12,P,G,A,2016H1,2017H2\n" +
            "12,P,G,A,2017H1,2020H2\n" +
            "12,P,G,A,2017,2018\n" +
            "12,P,G,A,2016H2,2020H1\n");

        var e = Fails(() => ParticipantsCsv.Load(path, null, register));

        Assert.Equal(4, e.Errors.Count);
        Assert.Equal((2L, "start", "2016H1"), (e.Errors[0].Line, e.Errors[0].Column, e.Errors[0].Value));
        Assert.Equal("outside the register: expected a period from 2016H2 to 2020H1 (the register's first and last period)", e.Errors[0].Message);
        Assert.Equal((3L, "end", "2020H2"), (e.Errors[1].Line, e.Errors[1].Column, e.Errors[1].Value));
        Assert.Equal((4L, "start"), (e.Errors[2].Line, e.Errors[2].Column));
        Assert.StartsWith("mixed annual and half-year periods: the register has half-year periods (2016H2-2020H1)", e.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal((4L, "end"), (e.Errors[3].Line, e.Errors[3].Column));
    }

    [Fact]
    public void Participants_StartWithoutEnd_IsAHeaderError()
    {
        var e = Fails(() => ParticipantsCsv.Load(_files.Write("participants.csv", "firm_id,project_id,group,start\n1,P,G,2017H1\n")));

        var err = Assert.Single(e.Errors);
        Assert.Equal((1L, "end"), (err.Line, err.Column));
        Assert.Contains("'start' is given, so 'end' is needed too", err.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Budgets_PrivateCoFinancing_IsReadAndValidatedLikeTheBudget()
    {
        var list = BudgetsCsv.Load(_files.Write("budgets.csv", "group,budget_mdkk,private_mdkk\nA,10,2.5\nB,3,0\n"));
        Assert.Equal([2.5, 0.0], list.Select(b => b.PrivateMdkk!.Value));
        Assert.Null(Assert.Single(BudgetsCsv.Load(_files.Write("plain.csv", "group,budget_mdkk\nA,10\n"))).PrivateMdkk);

        var e = Fails(() => BudgetsCsv.Load(_files.Write("bad.csv", "group,budget_mdkk,private_mdkk\nA,10,-1\nB,1,2e6\nC,1,x\n")));

        Assert.Equal(3, e.Errors.Count);
        Assert.All(e.Errors, err => Assert.Equal("private_mdkk", err.Column));
        Assert.Equal((2L, "-1", "negative: expected a non-negative private co-financing in millions of DKK (0 or more)"), (e.Errors[0].Line, e.Errors[0].Value, e.Errors[0].Message));
        Assert.Equal((3L, "out of range: expected private co-financing in mio. DKK from 0 to 1,000,000"), (e.Errors[1].Line, e.Errors[1].Message));
        Assert.Equal(4L, e.Errors[2].Line);
    }

    [Fact]
    public void ClassicMeasurement_WithTheNewColumnsPresent_IsByteIdentical()
    {
        // The shipped sample with export, value added, activities and co-financing added: the classic measurement's
        // figures do not use them (with the published method's covariates given explicitly), so every table and the JSON are the same, byte for byte, once the effect chain's
        // outcomes (reported in addition when the columns are present) are taken away.
        var firms = new StringBuilder();
        using (var gz = new GZipStream(File.OpenRead(SampleMeasurement.File("firms.csv.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            firms.Append(reader.ReadLine()).Append(",export,value_added\n");
            int i = 0;
            while (reader.ReadLine() is string line)
            {
                i++;
                firms.Append(line).Append(',').Append((i % 7 * 10).ToString(CultureInfo.InvariantCulture))
                    .Append(',').Append(((i % 5) - 2).ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        var participants = new StringBuilder();
        foreach (string line in File.ReadLines(SampleMeasurement.File("participants.csv")))
        {
            participants.Append(line).Append(participants.Length == 0 ? ",activity,start,end\n" : ",Basecamp,2010H2,2012H2\n");
        }

        var budgets = new StringBuilder();
        foreach (string line in File.ReadLines(SampleMeasurement.File("budgets.csv")))
        {
            budgets.Append(line).Append(budgets.Length == 0 ? ",private_mdkk\n" : ",1.5\n");
        }

        var register = RegisterCsv.Load(_files.Write("firms.csv", firms.ToString()));
        Assert.True(register.HasExport && register.HasValueAdded);
        var result = EffectMeasurement.Run(
            register,
            ParticipantsCsv.Load(_files.Write("participants.csv", participants.ToString()), null, register),
            BudgetsCsv.Load(_files.Write("budgets.csv", budgets.ToString())),
            new MeasurementOptions { Method = MeasurementMethod.Dst2016, BootstrapReplicates = 0, Covariates = [FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth] });

        // Left at the method's default covariates (not set), a register with an export column is also matched on
        // export, for the published method and the default alike; given explicitly, the covariates are used as they are.
        Assert.Equal([FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.Export], EffectMeasurement.Run(
            register,
            ParticipantsCsv.Load(_files.Write("participants2.csv", participants.ToString()), null, register),
            [],
            new MeasurementOptions { Method = MeasurementMethod.Dst2016, BootstrapReplicates = 0 }).Options.Covariates);
        Assert.Equal([FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.TurnoverMean, FirmCovariate.Export], EffectMeasurement.Run(
            register,
            ParticipantsCsv.Load(_files.Write("participants3.csv", participants.ToString()), null, register),
            [],
            new MeasurementOptions { BootstrapReplicates = 0 }).Options.Covariates);
        Assert.Equal([FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth], SampleMeasurement.Result.Options.Covariates);

        var classic = SampleMeasurement.Result;
        Assert.All(result.Groups, g => Assert.NotNull(g.Chain));
        Assert.Contains("Effect chain: export, value added and new exporters", result.ToConsole(), StringComparison.Ordinal);
        result = result with { Groups = [.. result.Groups.Select(g => g with { Chain = null })] };
        Assert.Equal(classic.ToConsole(), result.ToConsole());
        Assert.Equal(classic.ToJson(), result.ToJson());
        Assert.Equal(classic.ToCsv(), result.ToCsv());
    }
}
