using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>The fast path of the matching table (<see cref="MatchingTableBlocks"/>) against the CSV reader: the same
/// text read both ways gives the same table, value for value.</summary>
public sealed class MatchingTableBlocksTests
{
    private static readonly MatchingTableOptions Options = new()
    {
        Treat = "treat",
        Id = "id",
        Covariates = ["fte", "turnover", "growth"],
        Exact = ["region", "industry"],
        Extra = ["extra"],
    };

    /// <summary>Rows with numbers of every shape the fast loop takes or hands on (signs, no leading digit, trailing
    /// point, 16 and more digits, exponents, -0), exact values of 1 to 9 bytes and unsorted ids.</summary>
    private static string Table(int rows, string newline = "\n")
    {
        var rng = new Random(7);
        string[] shapes = ["-0", ".5", "5.", "-.25", "0.1234567890123456", "12345678901234567", "1e-04", "-7E+02", "3.0000000000000004"];
        var sb = new StringBuilder("id,treat,region,fte,industry,turnover,growth,extra" + newline);
        for (int i = 0; i < rows; i++)
        {
            string growth = i % 7 == 0 ? shapes[i / 7 % shapes.Length] : (rng.NextDouble() - 0.5).ToString("R", CultureInfo.InvariantCulture);
            string extra = i % 11 == 0 ? "NA" : rng.Next(-50, 50).ToString(CultureInfo.InvariantCulture);
            string region = i % 13 == 0 ? "Hovedstaden" : "R" + rng.Next(5).ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"F{(i * 7919) % rows},{(i % 40 == 3 ? (i % 80 == 3 ? "TRUE" : "1") : "0")},{region},{rng.Next(1, 500) / 10.0},{rng.Next(10, 20)},{rng.Next(100, 99999)},{growth},{extra}{newline}");
        }

        return sb.ToString();
    }

    private static MatchingTable Parse(string text) => MatchingTable.Parse(new StringReader(text), "t.csv", Options);

    private static void AssertSameTable(MatchingTable expected, MatchingTable actual)
    {
        Assert.Equal(expected.Delimiter, actual.Delimiter);
        Assert.Equal(expected.RowsRead, actual.RowsRead);
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(expected.StrataNames, actual.StrataNames);
        Assert.Equal(expected.Data.StratumOfRow!, actual.Data.StratumOfRow!);
        Assert.Equal(expected.Data.IsTreated, actual.Data.IsTreated);
        Assert.Equal(expected.Data.CovariateNames, actual.Data.CovariateNames);
        for (int j = 0; j < expected.Data.CovariateColumns.Count; j++)
        {
            // Bit for bit (-0 included), not within a tolerance.
            Assert.Equal(
                expected.Data.CovariateColumns[j].Select(BitConverter.DoubleToInt64Bits),
                actual.Data.CovariateColumns[j].Select(BitConverter.DoubleToInt64Bits));
        }

        Assert.Equal(
            expected.Extra("extra").Select(BitConverter.DoubleToInt64Bits),
            actual.Extra("extra").Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData(500, "\n")]
    [InlineData(70_000, "\n")] // more than one block of 1 MB
    [InlineData(3_000, "\r\n")]
    public void PlainTable_FastPath_EqualsTheCsvReader(int rows, string newline)
    {
        string plain = Table(rows, newline);
        Assert.NotNull(MatchingTableBlocks.TryRead(Encoding.UTF8.GetBytes(plain), "t.csv", Options, out _));

        // One quoted field sends the whole table through the CSV reader (the value itself is unchanged).
        int second = plain.IndexOf(newline, StringComparison.Ordinal) + newline.Length;
        int comma = plain.IndexOf(',', second);
        string quoted = plain[..second] + "\"" + plain[second..comma] + "\"" + plain[comma..];
        Assert.Null(MatchingTableBlocks.TryRead(Encoding.UTF8.GetBytes(quoted), "t.csv", Options, out _));

        AssertSameTable(Parse(quoted), Parse(plain));
    }

    [Fact]
    public void FileWithBomAndNoFinalNewline_FastPath_EqualsTheCsvReader()
    {
        string plain = Table(800).TrimEnd('\n');
        string path = Path.Combine(Path.GetTempPath(), $"gme-blocks-{Environment.ProcessId}.csv");
        try
        {
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(plain)]);
            var fromFile = MatchingTable.Read(path, Options);
            Assert.Equal(800, fromFile.RowsRead);
            AssertSameTable(Parse(plain.Replace("id,", "\"id\",", StringComparison.Ordinal)), fromFile);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("F1,0,R1,1.5,10,100,0.1,1\n\nF2,1,R2,2.5,11,200,0.2,2\n")] // an empty line
    [InlineData("F1,0,R1,1.5,10,100,0.1,1\nF2,1,R2,NA,11,200,0.2,2\n")] // a missing value
    [InlineData("F1,0,R1,1.5,10,100,0.1,1\nF2,yes,R2,2.5,11,200,0.2,2\n")] // a bad treatment
    [InlineData("F1,0,R1,1.5,10,100,0.1,1\nF2,1,R2,2.5,11,200,0.2\n")] // a short row
    [InlineData("F1,0,R1,1.5,10,100,0.1,1\rF2,1,R2,2.5,11,200,0.2,2\n")] // a lone carriage return
    [InlineData("F1,0,R1,1.5,10,100,0.1,1\nF2,1,R2,2.5,11,200,0.2,x\n")] // text in the extra column
    public void UnusualRows_AreLeftToTheCsvReader(string rows)
    {
        var text = Encoding.UTF8.GetBytes("id,treat,region,fte,industry,turnover,growth,extra\n" + rows);
        Assert.Null(MatchingTableBlocks.TryRead(text, "t.csv", Options, out _));
    }
}
