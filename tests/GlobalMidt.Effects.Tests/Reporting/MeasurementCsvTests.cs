using System.Globalization;
using CsvHelper;
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
    /// <summary>Every record of an RFC 4180 text, the header first (also used by the CLI tests).</summary>
    internal static List<string[]> ReadCsv(string text)
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
}
