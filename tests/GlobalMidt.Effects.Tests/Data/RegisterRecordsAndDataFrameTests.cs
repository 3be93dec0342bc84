using GlobalMidt.Effects.Data;
using Microsoft.Data.Analysis;

namespace GlobalMidt.Effects.Tests.Data;

public sealed class RegisterFromRecordsTests
{
    private static FirmPeriodRecord Rec(string id, int year, double fte, string region = "Region Midtjylland", string industry = "011100") =>
        new(id, Period.FromYear(year), "751", region, industry, false, fte, double.IsFinite(fte) ? fte * 100 : 1);

    [Fact]
    public void FromRecords_BuildsTheSameRegisterAsTheCsvLoader()
    {
        using var files = new TempFiles();
        string path = files.Write("firms.csv", "firm_id,period,municipality,region,industry,sector,fte,turnover\n" +
            "20,2015,751,Region Midtjylland,011100,private,1.5,150\n" +
            "3,2014,751,Region Midtjylland,011100,private,2,200\n");
        var fromCsv = RegisterCsv.Load(path);

        var r = Register.FromRecords([Rec("20", 2015, 1.5), Rec("3", 2014, 2)]);

        Assert.Equal(fromCsv.FirmIds, r.FirmIds);
        Assert.Equal(fromCsv.Periods, r.Periods);
        Assert.Equal(fromCsv.FteValues.ToArray(), r.FteValues.ToArray());
        Assert.Equal(fromCsv.TurnoverValues.ToArray(), r.TurnoverValues.ToArray());
        Assert.Equal(fromCsv.IndustryNames, r.IndustryNames);
    }

    [Fact]
    public void FromRecords_ErrorsNameRecordsAndItemIndexPlusOne()
    {
        var e = Assert.Throws<InputDataException>(() => Register.FromRecords(
            [Rec("1", 2014, 1), Rec("1", 2015, double.NaN), Rec("2", 2014, 1, industry: "62.01"), Rec("1", 2014, 3)]));

        Assert.Equal(3, e.TotalErrors);
        Assert.Equal(("records", 2L, "fte", "1", "NaN"), (e.Errors[0].Source, e.Errors[0].Line, e.Errors[0].Column, e.Errors[0].FirmId, e.Errors[0].Value));
        Assert.Equal((3L, "industry"), (e.Errors[1].Line, e.Errors[1].Column));
        Assert.Equal(4L, e.Errors[2].Line);
        Assert.Contains("at line 1", e.Errors[2].Message);
    }

    [Fact]
    public void FromRecords_Empty_IsAnError()
    {
        var e = Assert.Throws<InputDataException>(() => Register.FromRecords([]));

        Assert.Contains("no records", e.Message);
    }
}

public sealed class RegisterDataFrameTests
{
    private static DataFrame Frame(DataFrameColumn fte, DataFrameColumn? industry = null, DataFrameColumn? firm = null) => new(
        firm ?? new StringDataFrameColumn("firm_id", ["2", "1", "1"]),
        new PrimitiveDataFrameColumn<int>("Period", [2015, 2014, 2015]),
        new StringDataFrameColumn("municipality", ["751", "101", "101"]),
        new StringDataFrameColumn("region", ["Region Midtjylland", "Region Hovedstaden", "Region Hovedstaden"]),
        industry ?? new StringDataFrameColumn("industry", ["011100", "620100", "620100"]),
        new StringDataFrameColumn("sector", ["private", "public", "public"]),
        fte,
        new PrimitiveDataFrameColumn<int>("turnover", [10, 20, 30]));

    [Fact]
    public void FromDataFrame_ReadsFloatAndIntColumns()
    {
        var r = RegisterDataFrame.FromDataFrame(Frame(new PrimitiveDataFrameColumn<float>("fte", [1.5f, 2.25f, 3f])));

        Assert.Equal(["1", "2"], r.FirmIds);
        Assert.Equal([Period.FromYear(2014), Period.FromYear(2015)], r.Periods);
        Assert.Equal([2.25, 3, double.NaN, 1.5], r.FteValues.ToArray());
        Assert.Equal([20, 30, double.NaN, 10], r.TurnoverValues.ToArray());
        Assert.Equal("011100", r.Industry(1));
        Assert.True(r.IsPublic(0));
    }

    [Fact]
    public void FromDataFrame_NullValue_NamesColumnAndRow()
    {
        var e = Assert.Throws<InputDataException>(() =>
            RegisterDataFrame.FromDataFrame(Frame(new DoubleDataFrameColumn("fte", [1.5, null, 3.0]))));

        var err = Assert.Single(e.Errors);
        Assert.Equal(("DataFrame", 2L, "fte", "1"), (err.Source, err.Line, err.Column, err.FirmId));
        Assert.Contains("null value", err.Message);
    }

    [Fact]
    public void FromDataFrame_NullFirmId_NamesColumnAndRow()
    {
        var e = Assert.Throws<InputDataException>(() => RegisterDataFrame.FromDataFrame(Frame(
            new DoubleDataFrameColumn("fte", [1.5, 2, 3.0]), firm: new StringDataFrameColumn("firm_id", ["2", null, "1"]))));

        var err = Assert.Single(e.Errors);
        Assert.Equal((3L - 1, "firm_id"), (err.Line, err.Column));
    }

    [Fact]
    public void FromDataFrame_IntegerIndustryColumn_IsRejectedBecauseLeadingZerosAreLost()
    {
        var e = Assert.Throws<InputDataException>(() => RegisterDataFrame.FromDataFrame(Frame(
            new DoubleDataFrameColumn("fte", [1.5, 2, 3.0]), industry: new PrimitiveDataFrameColumn<int>("industry", [11100, 620100, 620100]))));

        Assert.Contains("column 'industry'", e.Message);
        Assert.Contains("leading zeros", e.Message);
    }

    [Fact]
    public void FromDataFrame_MissingColumn_NamesMissingAndFound()
    {
        var df = new DataFrame(new StringDataFrameColumn("firm_id", ["1"]));

        var e = Assert.Throws<InputDataException>(() => RegisterDataFrame.FromDataFrame(df));

        Assert.Contains("missing columns 'period', 'municipality'", e.Message);
        Assert.Contains("found columns 'firm_id'", e.Message);
    }

    [Fact]
    public void ToDataFrame_RoundTripsThroughFromDataFrame()
    {
        var original = RegisterDataFrame.FromDataFrame(Frame(new DoubleDataFrameColumn("fte", [1.5, 2.25, 3.0])));

        var df = RegisterDataFrame.ToDataFrame(original);
        var back = RegisterDataFrame.FromDataFrame(df);

        Assert.Equal(3, df.Rows.Count);
        Assert.Equal("1", df.Columns["firm_id"][0]);
        Assert.Equal("2014", df.Columns["period"][0]);
        Assert.Equal("public", df.Columns["sector"][0]);
        Assert.Equal(original.FirmIds, back.FirmIds);
        Assert.Equal(original.FteValues.ToArray(), back.FteValues.ToArray());
        Assert.Equal(original.TurnoverValues.ToArray(), back.TurnoverValues.ToArray());
        Assert.Equal(original.IndustryNames, back.IndustryNames);
        Assert.Equal(original.PublicFlags.ToArray(), back.PublicFlags.ToArray());
    }

    [Fact]
    public void Participants_RoundTripAndNullsAreErrors()
    {
        Participant[] list = [new("1", "P", "VF Sjælland"), new("2", "Q", "VF Midtjylland")];

        var back = ParticipantsDataFrame.FromDataFrame(ParticipantsDataFrame.ToDataFrame(list));

        Assert.Equal(list, back);
        var bad = new DataFrame(
            new StringDataFrameColumn("firm_id", ["1"]), new StringDataFrameColumn("project_id", ["P"]),
            new StringDataFrameColumn("group", [null]));
        var err = Assert.Single(Assert.Throws<InputDataException>(() => ParticipantsDataFrame.FromDataFrame(bad)).Errors);
        Assert.Equal((1L, "group", "1"), (err.Line, err.Column, err.FirmId));
    }
}

public sealed class FieldTextTests
{
    [Fact]
    public void TryParseNumber_FastPathMatchesDoubleParse()
    {
        // The fast path must give the same, correctly rounded, double as the BCL parser.
        ulong state = 12345;
        for (int i = 0; i < 200_000; i++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            ulong mantissa = (state >> 11) % 1_000_000_000_000_000UL;
            int scale = (int)((state >> 3) % 17);
            string digits = mantissa.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string text = scale == 0 || scale >= digits.Length ? digits : digits.Insert(digits.Length - scale, ".");
            Assert.True(FieldText.TryParseNumber(System.Text.Encoding.ASCII.GetBytes(text), System.Globalization.CultureInfo.InvariantCulture, out double v));
            Assert.Equal(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), v);
        }
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("123456789012345.6")]
    [InlineData("1e3")]
    [InlineData(" 7.25 ")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("0.000000000000001")]
    [InlineData("1234567890123456")]
    [InlineData("0000000000000001.25")]
    [InlineData("12345678901234567890123")]
    public void TryParseNumber_AgreesWithDoubleParse(string text)
    {
        Assert.True(FieldText.TryParseNumber(System.Text.Encoding.ASCII.GetBytes(text), System.Globalization.CultureInfo.InvariantCulture, out double v));
        Assert.Equal(double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), v);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1-2")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("12a")]
    public void TryParseNumber_NotANumber(string text) =>
        Assert.False(FieldText.TryParseNumber(System.Text.Encoding.ASCII.GetBytes(text), System.Globalization.CultureInfo.InvariantCulture, out _));
}
