using System.Globalization;
using System.Text.Json;
using CsvHelper;
using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Reporting;
using GlobalMidt.Effects.Tests.Measurement;

namespace GlobalMidt.Effects.Tests.Reporting;

/// <summary>
/// <c>ToCsv()</c> / <c>measure --format csv</c> read back by a real CSV reader (CsvHelper, RFC 4180). Issue 10: counts
/// of 1,000 or more were written with unquoted thousands commas, so each such count split into two fields.
/// </summary>
public sealed class MeasurementCsvTests
{
    private static List<string[]> ReadCsv(string text)
    {
        using var reader = CsvReader.Create(new StringReader(text), CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: false);
        reader.ReadHeader();
        List<string[]> records = [[.. reader.Headers]];
        while (reader.Read())
        {
            records.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return records;
    }

    private static string Sample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data-samples", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

    [Fact]
    public void ToCsv_GroupNameWithCommaAndQuote_RoundTripsThroughCsvReader()
    {
        const string Group = "Vækst, \"grøn\" & blå";
        var result = EffectMeasurement.Run(
            Register.FromRecords(EffectMeasurementTests.Records()),
            [.. EffectMeasurementTests.Participants(), new Participant("1001", "x", Group)],
            [new GroupBudget("G1", 1.5)],
            new MeasurementOptions
            {
                History = Period.FromYear(2012),
                Baseline = Period.FromYear(2013),
                Measurement = Period.FromYear(2014),
                Matching = MeasurementOptions.DefaultMatching with { Ratio = 2 },
                BootstrapReplicates = 0,
            });
        var records = ReadCsv(result.ToCsv());
        Assert.Equal(result.Groups.Count + 1, records.Count);
        Assert.All(records, r => Assert.Equal(records[0].Length, r.Length));
        var row = records.Single(r => r[0] == Group);
        var g = result.Groups.Single(x => x.Group == Group);
        Assert.Equal(g.Eligibility.Reported, int.Parse(row[Array.IndexOf(records[0], "reported")], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void MeasureCsv_OnTheSample_CountsAbove1000AreOneFieldAndEqualTheJson()
    {
        string[] args = ["measure", "--firms", Sample("firms.csv.gz"), "--participants", Sample("participants.csv"),
            "--budgets", Sample("budgets.csv"), "--bootstrap", "0", "--quiet"];
        var csvOut = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, CliApp.Run([.. args, "--format", "csv"], csvOut, TextWriter.Null));
        var jsonOut = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, CliApp.Run([.. args, "--format", "json"], jsonOut, TextWriter.Null));

        var records = ReadCsv(csvOut.ToString());
        var header = records[0];
        Assert.Equal(30, header.Length);
        Assert.All(records, r => Assert.Equal(header.Length, r.Length));
        using var json = JsonDocument.Parse(jsonOut.ToString());
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(groups.Count, records.Count - 1);

        // The cross-cutting row counts every participant firm once: the distinct ids of participants.csv (2,398).
        int distinctIds = File.ReadLines(Sample("participants.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal).Count();
        var cross = records.Skip(1).Single(r => r[1] == "true");
        Assert.True(distinctIds >= 1000, "the sample should exercise counts of 1,000 or more");
        Assert.Equal(distinctIds.ToString(CultureInfo.InvariantCulture), cross[Array.IndexOf(header, "reported")]);

        foreach (var (row, g) in records.Skip(1).Zip(groups))
        {
            string Cell(string col) => row[Array.IndexOf(header, col)];
            Assert.Equal(g.GetProperty("group").GetString(), Cell("group"));
            foreach (var (col, value) in new[]
            {
                ("reported", g.GetProperty("reported")), ("measured", g.GetProperty("measured")),
                ("excluded_unknown", g.GetProperty("excluded").GetProperty("unknown")),
                ("excluded_ceased", g.GetProperty("excluded").GetProperty("ceased")),
                ("matched", g.GetProperty("matched")), ("distinct_controls", g.GetProperty("distinct_controls")),
            })
            {
                Assert.Equal(value.GetInt32(), int.Parse(Cell(col), NumberStyles.None, CultureInfo.InvariantCulture));
            }

            Assert.Equal(g.GetProperty("employment").GetProperty("jobs_created").GetDouble(), double.Parse(Cell("jobs_created"), NumberStyles.Float, CultureInfo.InvariantCulture));
            Assert.Equal(g.GetProperty("control_effective_n").GetDouble(), double.Parse(Cell("control_effective_n"), NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }
}
