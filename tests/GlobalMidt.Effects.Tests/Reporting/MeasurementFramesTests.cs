using System.Globalization;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Tests.Measurement;
using Microsoft.Data.Analysis;

namespace GlobalMidt.Effects.Tests.Reporting;

public class MeasurementFramesTests
{
    [Fact]
    public void ToDataFrame_HasOneTypedRowPerGroupWithTheResultsFigures()
    {
        var result = SampleMeasurement.Result;
        var df = result.ToDataFrame();
        Assert.Equal(result.Groups.Count, df.Rows.Count);
        Assert.IsType<StringDataFrameColumn>(df["group"]);
        Assert.IsType<BooleanDataFrameColumn>(df["cross_cutting"]);
        Assert.IsType<Int32DataFrameColumn>(df["reported"]);
        Assert.IsType<DoubleDataFrameColumn>(df["emp_p_value"]);
        Assert.DoesNotContain(df.Columns, c => c.DataType == typeof(float));
        Assert.Equal(df.Columns.Count, df.Columns.Select(c => c.Name).Distinct().Count());

        for (int i = 0; i < result.Groups.Count; i++)
        {
            var g = result.Groups[i];
            Assert.Equal(g.Group, df["group"][i]);
            Assert.Equal(g.IsCrossCutting, df["cross_cutting"][i]);
            Assert.Equal(g.Eligibility.Reported, df["reported"][i]);
            Assert.Equal(g.Eligibility.Measured, df["measured"][i]);
            Assert.Equal(g.Eligibility.Ceased, df["excluded_ceased"][i]);
            Assert.Equal(g.Matched, df["matched"][i]);
            Assert.Equal(g.Employment.Test!.ControlShare, df["emp_control_share"][i]);
            Assert.Equal(g.Turnover.Test!.PValue, df["turn_p_value"][i]);
            Assert.Equal(g.Employment.Effect, df["jobs_created"][i]);
            Assert.Equal(g.Turnover.Estimate, df["added_turnover_estimate_mdkk"][i]);
            Assert.Equal(g.Table3.CostPerJobTdkk, df["cost_per_job_tdkk"][i]);
            Assert.Equal(g.Table3.JobsPerFirm, df["jobs_per_firm"][i]);
            Assert.Equal(g.Employment.Test.PValue < result.Options.Alpha, df["emp_significant"][i]);
            Assert.Equal(g.Balance!.Rows[0].After.Smd, df["smd_fte_after"][i]);
            Assert.Equal(g.Balance.Rows[2].Before.Smd, df["smd_growth_before"][i]);
        }

        // No bootstrap in this run: the intervals are missing values, not NaN.
        Assert.Null(df["jobs_ci_low"][0]);
        Assert.Equal(result.Groups.Count, df["jobs_ci_low"].NullCount);
    }

    [Fact]
    public void ToDataFrame_UndefinedFiguresAreNull()
    {
        // VF Sjælland: 0 jobs published (p >= 0.05), so cost per job and jobs per firm are undefined.
        var result = SampleMeasurement.Result;
        var df = result.ToDataFrame();
        int row = result.Groups.ToList().FindIndex(g => g.Table3.CostPerJobTdkk is null);
        Assert.True(row >= 0);
        Assert.Null(df["cost_per_job_tdkk"][row]);
        Assert.Equal(0.0, df["jobs_created"][row]);
        Assert.Equal(false, df["emp_significant"][row]);
    }

    [Fact]
    public void ToDataFrame_OfOneTableHasItsColumnsOnly()
    {
        var df = SampleMeasurement.Result.ToDataFrame(MeasurementTables.Table1);
        Assert.Equal(
            ["group", "cross_cutting", "reported", "measured", "excluded_unknown", "excluded_public", "excluded_ceased", "excluded_inactive", "unmatched"],
            df.Columns.Select(c => c.Name));
        var t3 = SampleMeasurement.Result.ToDataFrame(MeasurementTables.Table3).Columns.Select(c => c.Name);
        Assert.Equal(["group", "cross_cutting", "measured", "jobs_created", "budget_mdkk", "cost_per_job_tdkk", "spend_per_firm_tdkk", "jobs_per_firm"], t3);
    }

    [Fact]
    public void ToCsvOfATable_ReadsBackWithACsvReaderAsTheDataFrame()
    {
        var result = SampleMeasurement.Result;
        string text = result.ToCsv(MeasurementTables.Table1 | MeasurementTables.Table2);
        var (header, rows) = CsvRows.Read(text);
        var df = result.ToDataFrame(MeasurementTables.Table1 | MeasurementTables.Table2);
        Assert.Equal(df.Columns.Select(c => c.Name), header);
        int row = 0;
        foreach (var fields in rows)
        {
            Assert.Equal(header.Length, fields.Length);
            Assert.Equal(result.Groups[row].Eligibility.Reported, int.Parse(fields.Field(header, "reported"), NumberStyles.None, CultureInfo.InvariantCulture));
            Assert.Equal(result.Groups[row].Employment.Test!.PValue, double.Parse(fields.Field(header, "emp_p_value"), CultureInfo.InvariantCulture));
            Assert.Equal(string.Empty, fields.Field(header, "jobs_ci_low"));
            row++;
        }

        Assert.Equal(result.Groups.Count, row);
        Assert.True(result.Groups[0].Eligibility.Reported >= 1000, "the sample has counts of 1,000 or more");
    }

    [Fact]
    public void OneTable_IsTheSameBlockAsInTheWholeReport()
    {
        var result = SampleMeasurement.Result;
        string all = result.ToConsole();
        string t2 = result.ToConsole(MeasurementTables.Table2);
        Assert.StartsWith("Table 2.", t2, StringComparison.Ordinal);
        Assert.Contains(t2, all, StringComparison.Ordinal);
        Assert.DoesNotContain("Table 1.", t2, StringComparison.Ordinal);
        Assert.DoesNotContain("Table 3.", t2, StringComparison.Ordinal);

        string md = result.ToMarkdown(MeasurementTables.Table3 | MeasurementTables.Balance);
        Assert.Contains(md, result.ToMarkdown(), StringComparison.Ordinal);
        Assert.Equal(2, md.Split("### ").Length - 1);

        string html = result.ToHtml(MeasurementTables.Table1);
        Assert.Equal(1, html.Split("<table>").Length - 1);
        Assert.Equal(result.ToConsole(MeasurementTables.All), all);
        Assert.Equal(result.ToCsv(MeasurementTables.All), result.ToCsv());
    }

    [Fact]
    public void MatchesToDataFrame_HasEveryPairOfEveryGroup()
    {
        var result = SampleMeasurement.Result;
        var df = result.MatchesToDataFrame();
        Assert.Equal(result.Groups.Sum(g => g.Matches.PairCount), df.Rows.Count);
        Assert.Equal(["group", "participant", "control", "slot", "level", "distance", "pair_weight", "control_weight"], df.Columns.Select(c => c.Name));
        var first = result.Groups[0].Matches.Pairs[0];
        Assert.Equal((first.ParticipantId, first.ControlId, first.Slot, first.ControlWeight), ((string)df["participant"][0], (string)df["control"][0], (int)df["slot"][0]!, (double)df["control_weight"][0]!));
        Assert.Equal(result.Groups[0].Matches.PairCount, result.Groups[0].Matches.ToDataFrame().Rows.Count);
    }
}
