using System.Globalization;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Tests.Data;

public sealed class RegisterCsvTests : IDisposable
{
    private const string Header = "firm_id,period,municipality,region,industry,sector,fte,turnover\n";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static InputDataException LoadFails(string path, RegisterLoadOptions? options = null) =>
        Assert.Throws<InputDataException>(() => RegisterCsv.Load(path, options));

    [Fact]
    public void Load_CvrNumbersOutOfOrder_IdsKeptAsBytesInCanonicalOrder_ReadOnly()
    {
        // Numbers of several lengths and leading zeros, out of order: canonical order is by value, then length.
        string path = _files.Write("firms.csv", Header +
            "30,2015,101,Region Hovedstaden,620100,public,10,0\n" +
            "0030,2015,101,Region Hovedstaden,620100,public,10,0\n" +
            "200,2015,751,Region Midtjylland,011100,private,3.5,1200\n" +
            "7,2015,851,Region Nordjylland,47,private,0,0\n");

        var r = RegisterCsv.Load(path);

        Assert.Equal(["7", "30", "0030", "200"], r.FirmIds);
        Assert.True(Assert.IsType<FirmIdList>(r.FirmIds).IsUtf8);
        Assert.Equal([1, 0, 3], new[] { "30", "7", "200" }.Select(r.FindFirm));
        Assert.Equal(-1, r.FindFirm("31"));
        Assert.Equal("0030", r.FirmId(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.FirmIds[4]);
        Assert.IsNotType<string[]>(r.FirmIds);
    }

    [Fact]
    public void Load_ValidFile_SortsFirmsAndPeriodsAndPadsAbsentCellsWithNaN()
    {
        string path = _files.Write("firms.csv", Header +
            "200,2015,751,Region Midtjylland,011100,private,3.5,1200\n" +
            "200,2014,751,Region Midtjylland,011100,private,2,1000.25\n" +
            "30,2015,101,Region Hovedstaden,620100,PUBLIC,10,0\n" +
            "A7,2014,851,Region Nordjylland,47,Private,0,0\n");

        var r = RegisterCsv.Load(path);

        Assert.Equal(["30", "200", "A7"], r.FirmIds);
        Assert.Equal([Period.FromYear(2014), Period.FromYear(2015)], r.Periods);
        Assert.Equal(["Region Hovedstaden", "Region Midtjylland", "Region Nordjylland"], r.RegionNames);
        Assert.Equal("011100", r.Industry(1));
        Assert.Equal("47", r.Industry(2));
        Assert.Equal("751", r.Municipality(1));
        Assert.True(r.IsPublic(0));
        Assert.False(r.IsPublic(1));
        Assert.False(r.IsPresent(0, 0));
        Assert.True(double.IsNaN(r.Fte(0, 0)));
        Assert.Equal(10, r.Fte(0, 1));
        Assert.Equal(2, r.Fte(1, 0));
        Assert.Equal(1000.25, r.Turnover(1, 0));
        Assert.Equal(3.5, r.Fte(1, 1));
        Assert.False(r.IsPresent(2, 1));
        Assert.Equal(4, r.RowCount);
        Assert.Equal(0, r.FirmsWithAttributeChanges);
    }

    [Fact]
    public void Load_ColumnsInAnyOrderWithExtraColumnsAndLooseHeaderCase()
    {
        string path = _files.Write("firms.csv",
            " Turnover ,FTE,Sector,note,Industry,Region,Municipality,Period,FIRM_ID\n" +
            "500,1.5,private,x,10,Region Sjælland,253,2010H2,42\n");

        var r = RegisterCsv.Load(path);

        Assert.Equal("42", r.FirmId(0));
        Assert.Equal(Period.FromHalfYear(2010, 2), r.Periods[0]);
        Assert.Equal(1.5, r.Fte(0, 0));
        Assert.Equal(500, r.Turnover(0, 0));
        Assert.Equal("Region Sjælland", r.Region(0));
    }

    [Fact]
    public void Load_BomCrlfAndQuotedFields()
    {
        string path = _files.Write("firms.csv",
            "firm_id,period,municipality,region,industry,sector,fte,turnover\r\n" +
            "\"1\",2014,\"751\",\"Region Midtjylland, Aarhus\",\"011100\",private,\"2.5\",10\r\n" +
            "1,2015,751,\"Region Midtjylland, Aarhus\",011100,private,3,11\r\n", bom: true);

        var r = RegisterCsv.Load(path);

        Assert.Equal(1, r.FirmCount);
        Assert.Equal("Region Midtjylland, Aarhus", r.Region(0));
        Assert.Equal(2.5, r.Fte(0, 0));
        Assert.Equal(11, r.Turnover(0, 1));
    }

    [Fact]
    public void Load_SemicolonFileWithDanishCulture_ReadsDecimalCommasAndDanishLetters()
    {
        string path = _files.Write("firms.csv",
            "firm_id;period;municipality;region;industry;sector;fte;turnover\n" +
            "5;2014;259;Region Sjælland;011100;private;12,5;1000,75\n" +
            "5;2015;259;Region Sjælland;011100;private;0,25;3\n");

        var r = RegisterCsv.Load(path, new RegisterLoadOptions { Culture = new CultureInfo("da-DK") });

        Assert.Equal(12.5, r.Fte(0, 0));
        Assert.Equal(1000.75, r.Turnover(0, 0));
        Assert.Equal(0.25, r.Fte(0, 1));
        Assert.Equal("Region Sjælland", r.Region(0));
    }

    [Fact]
    public void Load_DecimalCommaWithInvariantCulture_ErrorSuggestsCulture()
    {
        string path = _files.Write("firms.csv",
            "firm_id;period;municipality;region;industry;sector;fte;turnover\n" +
            "5;2014;259;Region Sjælland;011100;private;12,5;1000\n");

        var e = LoadFails(path);

        var err = Assert.Single(e.Errors);
        Assert.Equal(("firms.csv", 2L, "fte", "5", "12,5"), (err.Source, err.Line, err.Column, err.FirmId, err.Value));
        Assert.Contains("use --culture da-DK for decimal commas", e.Message);
    }

    [Fact]
    public void Load_DecimalCommaCultureWithCommaDelimiter_IsAmbiguous()
    {
        string path = _files.Write("firms.csv", Header + "5,2014,259,R,1,private,1,2\n");

        var e = LoadFails(path, new RegisterLoadOptions { Culture = new CultureInfo("da-DK") });

        Assert.Contains("firms.csv:1:", e.Message);
        Assert.Contains("ambiguous", e.Message);
    }

    [Fact]
    public void Load_DecimalPointWithDanishCulture_IsAnError()
    {
        string path = _files.Write("firms.csv",
            "firm_id;period;municipality;region;industry;sector;fte;turnover\n5;2014;259;R;1;private;12.5;1\n");

        var e = LoadFails(path, new RegisterLoadOptions { Culture = new CultureInfo("da-DK") });

        Assert.Equal("12.5", Assert.Single(e.Errors).Value);
    }

    [Fact]
    public void Load_GzipFile_IsReadTransparently()
    {
        string path = _files.Write("firms.csv.gz", Header +
            "1,2014,751,Region Midtjylland,011100,private,2,10\n" +
            "2,2014,751,Region Midtjylland,011100,private,4,20\n");

        var r = RegisterCsv.Load(path);

        Assert.Equal(["1", "2"], r.FirmIds);
        Assert.Equal(4, r.Fte(1, 0));
    }

    [Fact]
    public void Load_CorruptGzip_IsADataError()
    {
        string path = Path.Combine(_files.Dir, "firms.csv.gz");
        File.WriteAllText(path, "this is not gzip");

        var e = LoadFails(path);

        Assert.Contains("firms.csv.gz", e.Message);
        Assert.Contains("gzip", e.Message);
    }

    [Fact]
    public void Load_MissingColumns_NamesMissingAndFoundColumns()
    {
        string path = _files.Write("firms.csv", "firm_id,period,municipality,region,industry,sector,employees\n1,2014,751,R,1,private,2\n");

        var e = LoadFails(path);

        Assert.Contains("missing columns 'fte', 'turnover'", e.Message);
        Assert.Contains("found columns 'firm_id', 'period', 'municipality', 'region', 'industry', 'sector', 'employees'", e.Message);
        Assert.Equal(1, e.Errors[0].Line);
    }

    [Theory]
    [InlineData("abc", "not a number")]
    [InlineData("-3", "negative")]
    [InlineData("NaN", "not a finite number")]
    [InlineData("Infinity", "not a finite number")]
    [InlineData("", "empty")]
    [InlineData("1,000.5", "not a number")]
    public void Load_BadFte_ReportsLineColumnFirmAndValue(string value, string expected)
    {
        string path = _files.Write("firms.csv", Header +
            "1,2014,751,R,1,private,2,10\n" +
            $"1,2015,751,R,1,private,\"{value}\",10\n");

        var e = LoadFails(path);

        var err = Assert.Single(e.Errors);
        Assert.Equal(("firms.csv", 3L, "fte", "1", value), (err.Source, err.Line, err.Column, err.FirmId, err.Value));
        Assert.Contains(expected, err.Message);
        Assert.Contains($"firms.csv:3: column 'fte', firm 1: value '{value}'", e.Message);
    }

    [Fact]
    public void Load_NegativeTurnover_NamesTurnover()
    {
        string path = _files.Write("firms.csv", Header + "9,2014,751,R,1,private,2,-0.5\n");

        var err = Assert.Single(LoadFails(path).Errors);

        Assert.Equal(("turnover", "-0.5", 2L), (err.Column, err.Value, err.Line));
        Assert.Contains("negative", err.Message);
    }

    [Theory]
    [InlineData("14")]
    [InlineData("2014H3")]
    [InlineData("1899")]
    [InlineData("2014-06")]
    public void Load_BadPeriodLabel_IsAnError(string label)
    {
        string path = _files.Write("firms.csv", Header + $"1,{label},751,R,1,private,2,10\n");

        var err = Assert.Single(LoadFails(path).Errors);

        Assert.Equal(("period", label, 2L, "1"), (err.Column, err.Value, err.Line, err.FirmId));
        Assert.Contains("expected YYYY, YYYYH1 or YYYYH2", err.Message);
    }

    [Fact]
    public void Load_MixedAnnualAndHalfYearPeriods_NamesTheFirstLineOfTheOtherKind()
    {
        string path = _files.Write("firms.csv", Header +
            "1,2014,751,R,1,private,2,10\n" +
            "1,2015H1,751,R,1,private,2,10\n");

        var err = Assert.Single(LoadFails(path).Errors);

        Assert.Equal(("period", "2015H1", 3L), (err.Column, err.Value, err.Line));
        Assert.Contains("mixed annual and half-year periods: line 2 has annual period 2014", err.Message);
    }

    [Fact]
    public void Load_DuplicateFirmPeriod_NamesBothLines()
    {
        string path = _files.Write("firms.csv", Header +
            "1,2014,751,R,1,private,2,10\n" +
            "2,2014,751,R,1,private,2,10\n" +
            "1,2015,751,R,1,private,2,10\n" +
            "1,2014,751,R,1,private,3,10\n");

        var err = Assert.Single(LoadFails(path).Errors);

        Assert.Equal((5L, "1", "2014"), (err.Line, err.FirmId, err.Value));
        Assert.Contains("already has period 2014 at line 2", err.Message);
    }

    [Fact]
    public void Load_AttributeChange_IsAnErrorNamingFirmLinesAndValues()
    {
        string path = _files.Write("firms.csv", Header +
            "7,2014,751,Region Midtjylland,1,private,2,10\n" +
            "7,2015,751,Region Midtjylland,1,private,2,10\n" +
            "7,2016,751,Region Syddanmark,1,private,2,10\n" +
            "7,2017,751,Region Syddanmark,1,private,2,10\n");

        var e = LoadFails(path);

        var err = Assert.Single(e.Errors);
        Assert.Equal(("region", "7", "Region Syddanmark", 4L), (err.Column, err.FirmId, err.Value, err.Line));
        Assert.Contains("'Region Midtjylland' at line 2, 'Region Syddanmark' at line 4", err.Message);
        Assert.Contains("--attribute-changes latest", err.Message);
    }

    [Fact]
    public void Load_SectorChange_IsReportedWithBothValues()
    {
        string path = _files.Write("firms.csv", Header +
            "7,2014,751,R,1,private,2,10\n" +
            "7,2015,751,R,1,public,2,10\n");

        var err = Assert.Single(LoadFails(path).Errors);

        Assert.Equal(("sector", "public"), (err.Column, err.Value));
        Assert.Contains("'private' at line 2, 'public' at line 3", err.Message);
    }

    [Fact]
    public void Load_AttributeChangeWithUseLatest_TakesTheLatestPeriodRegardlessOfRowOrder()
    {
        string[] rows =
        [
            "7,2016,851,Region Nordjylland,2,public,2,10\n",
            "7,2014,751,Region Midtjylland,1,private,2,10\n",
            "7,2015,751,Region Midtjylland,1,private,2,10\n",
            "8,2014,751,Region Midtjylland,1,private,2,10\n",
            "8,2015,751,Region Midtjylland,1,private,2,10\n",
        ];
        var options = new RegisterLoadOptions { AttributeChangeRule = AttributeChangeRule.UseLatest };

        var a = RegisterCsv.Load(_files.Write("a.csv", Header + string.Concat(rows)), options);
        var b = RegisterCsv.Load(_files.Write("b.csv", Header + string.Concat(rows.Reverse())), options);

        foreach (var r in new[] { a, b })
        {
            Assert.Equal(1, r.FirmsWithAttributeChanges);
            Assert.Equal("Region Nordjylland", r.Region(0));
            Assert.Equal("851", r.Municipality(0));
            Assert.Equal("2", r.Industry(0));
            Assert.True(r.IsPublic(0));
            Assert.Equal("Region Midtjylland", r.Region(1));
        }
    }

    [Fact]
    public void Load_RowOrderDoesNotChangeTheRegister()
    {
        var rows = new List<string>();
        for (int f = 0; f < 40; f++)
        {
            for (int p = 0; p < 5; p++)
            {
                if ((f + p) % 7 != 3)
                {
                    rows.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{(f * 7919) % 1000},{2010 + p},{100 + (f % 3)},Region {(char)('A' + (f % 4))},{f % 5}{f % 2},private,{f + (p / 10.0)},{p * 3.25}\n"));
                }
            }
        }

        var sorted = RegisterCsv.Load(_files.Write("sorted.csv", Header + string.Concat(rows)));
        var shuffled = rows.OrderBy(r => (r.GetHashCode() * 31) ^ r.Length).ToList();
        shuffled.Reverse();
        var other = RegisterCsv.Load(_files.Write("shuffled.csv", Header + string.Concat(shuffled)));

        Assert.Equal(sorted.FirmIds, other.FirmIds);
        Assert.Equal(sorted.Periods, other.Periods);
        Assert.Equal(sorted.RegionNames, other.RegionNames);
        Assert.Equal(sorted.IndustryNames, other.IndustryNames);
        Assert.Equal(sorted.RegionCodes.ToArray(), other.RegionCodes.ToArray());
        Assert.Equal(sorted.IndustryCodes.ToArray(), other.IndustryCodes.ToArray());
        Assert.Equal(sorted.MunicipalityCodes.ToArray(), other.MunicipalityCodes.ToArray());
        Assert.Equal(sorted.FteValues.ToArray(), other.FteValues.ToArray());
        Assert.Equal(sorted.TurnoverValues.ToArray(), other.TurnoverValues.ToArray());
    }

    [Fact]
    public void Load_BadSector_IsAnError()
    {
        string path = _files.Write("firms.csv", Header + "1,2014,751,R,1,privat,2,10\n");

        var err = Assert.Single(LoadFails(path).Errors);

        Assert.Equal(("sector", "privat", 2L, "1"), (err.Column, err.Value, err.Line, err.FirmId));
        Assert.Contains("'private' or 'public'", err.Message);
    }

    [Theory]
    [InlineData("62.01")]
    [InlineData("1234567")]
    [InlineData("A01")]
    public void Load_IndustryNotOneToSixDigits_IsAnError(string code)
    {
        string path = _files.Write("firms.csv", Header + $"1,2014,751,R,{code},private,2,10\n");

        var err = Assert.Single(LoadFails(path).Errors);

        Assert.Equal(("industry", code, 2L), (err.Column, err.Value, err.Line));
        Assert.Contains("1-6 digits", err.Message);
    }

    [Fact]
    public void Load_EmptyFirmId_IsAnError()
    {
        string path = _files.Write("firms.csv", Header + "1,2014,751,R,1,private,2,10\n  ,2014,751,R,1,private,2,10\n");

        var err = Assert.Single(LoadFails(path).Errors);

        Assert.Equal(("firm_id", 3L, (string?)null), (err.Column, err.Line, err.FirmId));
        Assert.Contains("empty firm id", err.Message);
    }

    [Fact]
    public void Load_EmptyFile_IsAnError()
    {
        var e = LoadFails(_files.Write("firms.csv", ""));

        Assert.Equal("firms.csv: empty file: expected a header line and data rows", e.Message);
    }

    [Fact]
    public void Load_HeaderOnly_IsAnError()
    {
        var e = LoadFails(_files.Write("firms.csv", Header));

        Assert.Contains("no data rows", e.Message);
    }

    [Theory]
    [InlineData("firm_id\n", "a single column")]
    [InlineData("firm_id|period|municipality\n", "'|'")]
    public void Load_UnknownDelimiter_NamesTheFile(string header, string found)
    {
        var e = LoadFails(_files.Write("firms.csv", header + "1\n"));

        Assert.StartsWith("firms.csv:1:", e.Message);
        Assert.Contains("unknown delimiter", e.Message);
        Assert.Contains(found, e.Message);
    }

    [Fact]
    public void Load_WrongFieldCount_NamesTheLine()
    {
        string path = _files.Write("firms.csv", Header +
            "1,2014,751,R,1,private,2,10\n" +
            "1,2015,751,R,1,private,2\n" +
            "1,2016,751,R,1,private,2,10,extra\n");

        var e = LoadFails(path);

        Assert.Equal(2, e.TotalErrors);
        Assert.Equal(3, e.Errors[0].Line);
        Assert.Contains("expected 8 as in the header, found 7", e.Errors[0].Message);
        Assert.Equal(4, e.Errors[1].Line);
        Assert.Contains("found 9", e.Errors[1].Message);
    }

    [Fact]
    public void Load_NonexistentFile_SaysSo()
    {
        string path = Path.Combine(_files.Dir, "nope.csv");

        var e = LoadFails(path);

        Assert.Equal($"nope.csv: file not found ('{path}')", e.Message);
    }

    [Fact]
    public void Load_ManyErrors_AreCappedAndCounted()
    {
        var text = new System.Text.StringBuilder(Header);
        for (int i = 0; i < 120; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},2014,751,R,1,private,-1,10\n");
        }

        var e = LoadFails(_files.Write("firms.csv", text.ToString()), new RegisterLoadOptions { MaxErrors = 10 });

        Assert.Equal(120, e.TotalErrors);
        Assert.Equal(10, e.Errors.Count);
        Assert.StartsWith("120 errors in the input (first 10 shown):", e.Message);
        Assert.Equal(11, e.Errors[9].Line);
    }

    [Fact]
    public void Load_LineNumbersCountEmptyLinesAndLineBreaksInQuotes()
    {
        string path = _files.Write("firms.csv", Header +
            "1,2014,751,\"Region\nMidt\",1,private,2,10\n" +
            "\n" +
            "1,2015,751,\"Region\nMidt\",1,private,x,10\n");

        var errors = LoadFails(path).Errors;

        // A line break inside a field is a control character (an error), and the lines still count right.
        Assert.Equal([(2L, "region"), (5L, "region"), (5L, "fte")], errors.Select(e => (e.Line, e.Column!)).ToArray());
        Assert.Contains("line feed", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Validate_NamesTheSetting()
    {
        var e = Assert.Throws<OptionsException>(() => new RegisterLoadOptions { MaxErrors = 0 }.Validate());

        Assert.Contains("MaxErrors", e.Message);
    }
}
