using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Measurement;
using Microsoft.Data.Analysis;

namespace GlobalMidt.Effects.Reporting;

/// <summary>
/// A measurement as DataFrames (one row per group; one row per matched pair) and those frames as CSV. Column names
/// follow the flat CSV report (<see cref="MeasurementReport.ToCsv"/>); every column is typed (string, bool, int, double)
/// and undefined figures are null.
/// </summary>
internal static class MeasurementFrames
{
    private const MeasurementTables Key = MeasurementTables.All;
    private const MeasurementTables T1 = MeasurementTables.Table1;
    private const MeasurementTables T2 = MeasurementTables.Table2;
    private const MeasurementTables T3 = MeasurementTables.Table3;
    private const MeasurementTables Bal = MeasurementTables.Balance;

    /// <summary>The group columns in frame order: name, the tables they belong to, the value of a group.</summary>
    private static readonly Column[] GroupColumns =
    [
        new Text("group", Key, g => g.Group),
        new Flag("cross_cutting", Key, (g, _) => g.IsCrossCutting),
        new Whole("reported", T1, g => g.Eligibility.Reported),
        new Whole("measured", T1 | T3, g => g.Eligibility.Measured),
        new Whole("excluded_unknown", T1, g => g.Eligibility.Unknown),
        new Whole("excluded_public", T1, g => g.Eligibility.Public),
        new Whole("excluded_ceased", T1, g => g.Eligibility.Ceased),
        new Whole("excluded_inactive", T1, g => g.Eligibility.Inactive),
        new Whole("matched", T2, g => g.Matched),
        new Whole("unmatched", T1, g => g.Unmatched.Count),
        new Whole("distinct_controls", Bal, g => g.DistinctControls),
        new Real("control_effective_n", Bal, g => g.ControlEffectiveN),
        new Real("emp_participant_share", T2, g => g.Employment.Test?.ParticipantShare),
        new Real("emp_control_share", T2, g => g.Employment.Test?.ControlShare),
        new Real("emp_p_value", T2, g => g.Employment.Test?.PValue),
        new Real("jobs_created", T2 | T3, g => g.Employment.Effect),
        new Real("jobs_created_estimate", T2, g => g.Employment.Estimate),
        new Real("jobs_ci_low", T2, g => g.Employment.Interval?.Low),
        new Real("jobs_ci_high", T2, g => g.Employment.Interval?.High),
        new Real("turn_participant_share", T2, g => g.Turnover.Test?.ParticipantShare),
        new Real("turn_control_share", T2, g => g.Turnover.Test?.ControlShare),
        new Real("turn_p_value", T2, g => g.Turnover.Test?.PValue),
        new Real("added_turnover_mdkk", T2, g => g.Turnover.Effect),
        new Real("added_turnover_estimate_mdkk", T2, g => g.Turnover.Estimate),
        new Real("turnover_ci_low", T2, g => g.Turnover.Interval?.Low),
        new Real("turnover_ci_high", T2, g => g.Turnover.Interval?.High),
        new Real("budget_mdkk", T3, g => g.Table3.BudgetMdkk),
        new Real("cost_per_job_tdkk", T3, g => g.Table3.CostPerJobTdkk),
        new Real("spend_per_firm_tdkk", T3, g => g.Table3.SpendPerFirmTdkk),
        new Real("jobs_per_firm", T3, g => g.Table3.JobsPerFirm),
        new Real("emp_share_difference", T2, g => g.Employment.Test?.Difference),
        new Real("emp_z", T2, g => g.Employment.Test?.Statistic),
        new Flag("emp_significant", T2, (g, alpha) => g.Employment.Test is { } t ? t.PValue < alpha : null),
        new Real("emp_control_growth_rate", T2, g => g.Employment.ControlGrowthRate),
        new Real("emp_participants_baseline", T2, g => g.Employment.ParticipantsBaseline),
        new Real("emp_participants_measurement", T2, g => g.Employment.ParticipantsMeasurement),
        new Real("emp_naive_control_share", Bal, g => g.Employment.NaiveControlShare),
        new Real("jobs_naive_estimate", Bal, g => g.Employment.NaiveEstimate),
        new Real("turn_share_difference", T2, g => g.Turnover.Test?.Difference),
        new Real("turn_z", T2, g => g.Turnover.Test?.Statistic),
        new Flag("turn_significant", T2, (g, alpha) => g.Turnover.Test is { } t ? t.PValue < alpha : null),
        new Real("turn_control_growth_rate", T2, g => g.Turnover.ControlGrowthRate),
        new Real("turn_participants_baseline_tdkk", T2, g => g.Turnover.ParticipantsBaseline),
        new Real("turn_participants_measurement_tdkk", T2, g => g.Turnover.ParticipantsMeasurement),
        new Real("turn_naive_control_share", Bal, g => g.Turnover.NaiveControlShare),
        new Real("added_turnover_naive_estimate_mdkk", Bal, g => g.Turnover.NaiveEstimate),
        new Real("ci_level", T2, g => g.Employment.Interval?.Level ?? g.Turnover.Interval?.Level),
    ];

    /// <summary>One row per group with the columns of <paramref name="tables"/> (group and cross_cutting always).</summary>
    public static DataFrame Results(MeasurementResult result, MeasurementTables tables)
    {
        ArgumentNullException.ThrowIfNull(result);
        var groups = result.Groups;
        var columns = new List<DataFrameColumn>();
        foreach (var c in GroupColumns.Where(c => c.Tables == Key || (c.Tables & tables) != 0))
        {
            columns.Add(c.Build(groups, result.Options.Alpha));
            if (c.Name == "control_effective_n" && (tables & Bal) != 0)
            {
                columns.AddRange(BalanceColumns(result));
            }
        }

        return new DataFrame(columns);
    }

    /// <summary>Every pair of every group, columns <c>group,participant,control,slot,level,distance,pair_weight,control_weight</c>.</summary>
    public static DataFrame Matches(MeasurementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Groups.SelectMany(g => g.Matches.Pairs.Select(p => (g.Group, Pair: p))).ToList();
        return new DataFrame(
            new StringDataFrameColumn("group", rows.Select(r => r.Group)),
            new StringDataFrameColumn("participant", rows.Select(r => r.Pair.ParticipantId)),
            new StringDataFrameColumn("control", rows.Select(r => r.Pair.ControlId)),
            new Int32DataFrameColumn("slot", rows.Select(r => r.Pair.Slot)),
            new StringDataFrameColumn("level", rows.Select(r => r.Pair.Level.ToString())),
            new DoubleDataFrameColumn("distance", rows.Select(r => r.Pair.Distance)),
            new DoubleDataFrameColumn("pair_weight", rows.Select(r => r.Pair.PairWeight)),
            new DoubleDataFrameColumn("control_weight", rows.Select(r => r.Pair.ControlWeight)));
    }

    /// <summary>The pairs CSV, written straight from the pairs (no DataFrame in between).</summary>
    public static string MatchesCsv(MeasurementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("group,participant,control,slot,level,distance,pair_weight,control_weight\n");
        foreach (var g in result.Groups)
        {
            string group = Csv(g.Group);
            foreach (var p in g.Matches.Pairs)
            {
                sb.Append(group).Append(',').Append(Csv(p.ParticipantId)).Append(',').Append(Csv(p.ControlId)).Append(',')
                    .Append(p.Slot.ToString(CultureInfo.InvariantCulture)).Append(',').Append(p.Level.ToString()).Append(',')
                    .Append(p.Distance.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(p.PairWeight.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(p.ControlWeight.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>A frame as CSV: invariant numbers without grouping at round-trip precision, true/false, empty for null.</summary>
    public static string ToCsv(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var sb = new StringBuilder(string.Join(',', frame.Columns.Select(c => Csv(c.Name)))).Append('\n');
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            for (int c = 0; c < frame.Columns.Count; c++)
            {
                if (c > 0)
                {
                    sb.Append(',');
                }

                sb.Append(frame.Columns[c][r] switch
                {
                    null => string.Empty,
                    double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
                    int i => i.ToString(CultureInfo.InvariantCulture),
                    bool b => b ? "true" : "false",
                    string s => Csv(s),
                    var other => Csv(Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty),
                });
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>SMD before and after per matching covariate (<c>smd_fte_before</c>, <c>smd_fte_after</c>, ...).</summary>
    private static IEnumerable<DataFrameColumn> BalanceColumns(MeasurementResult result)
    {
        var covariates = result.Options.Covariates;
        for (int c = 0; c < covariates.Count; c++)
        {
            int k = c;
            string name = covariates[c].ToString().ToLowerInvariant();
            yield return new Real($"smd_{name}_before", Bal, g => g.Balance?.Rows[k].Before.Smd).Build(result.Groups, result.Options.Alpha);
            yield return new Real($"smd_{name}_after", Bal, g => g.Balance?.Rows[k].After.Smd).Build(result.Groups, result.Options.Alpha);
        }
    }

    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private abstract record Column(string Name, MeasurementTables Tables)
    {
        public abstract DataFrameColumn Build(IReadOnlyList<GroupResult> groups, double alpha);
    }

    private sealed record Text(string Name, MeasurementTables Tables, Func<GroupResult, string> Value) : Column(Name, Tables)
    {
        public override DataFrameColumn Build(IReadOnlyList<GroupResult> groups, double alpha) => new StringDataFrameColumn(Name, groups.Select(Value));
    }

    /// <summary>A bool column from the group and the run's alpha.</summary>
    private sealed record Flag(string Name, MeasurementTables Tables, Func<GroupResult, double, bool?> Value) : Column(Name, Tables)
    {
        public override DataFrameColumn Build(IReadOnlyList<GroupResult> groups, double alpha) => new BooleanDataFrameColumn(Name, groups.Select(g => Value(g, alpha)));
    }

    private sealed record Whole(string Name, MeasurementTables Tables, Func<GroupResult, int> Value) : Column(Name, Tables)
    {
        public override DataFrameColumn Build(IReadOnlyList<GroupResult> groups, double alpha) => new Int32DataFrameColumn(Name, groups.Select(g => Value(g)));
    }

    /// <summary>A double column; NaN and infinities (undefined figures) become null.</summary>
    private sealed record Real(string Name, MeasurementTables Tables, Func<GroupResult, double?> Value) : Column(Name, Tables)
    {
        public override DataFrameColumn Build(IReadOnlyList<GroupResult> groups, double alpha) =>
            new DoubleDataFrameColumn(Name, groups.Select(g => Value(g) is double d && double.IsFinite(d) ? d : (double?)null));
    }
}
