using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Measurement;

using static GlobalMidt.Effects.Reporting.ReportCells;

namespace GlobalMidt.Effects.Reporting;

/// <summary>
/// Renders a <see cref="MeasurementResult"/> as the published Tables 1, 2 and 3: aligned console text, Markdown,
/// CSV (one flat row per group), JSON (<see cref="MeasurementJson"/>) or HTML (for notebooks). Users call the
/// instance methods of <see cref="MeasurementResult"/> (<c>result.ToConsole()</c>, ...), which call these.
/// </summary>
internal static class MeasurementReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Console tables wider than this are split (a 120-column terminal).</summary>
    private const int ConsoleWidth = 120;

    /// <summary>Tables 1-3 as aligned console text.</summary>
    public static string ToConsole(MeasurementResult result) => Render(result, markdown: false);

    /// <summary>Tables 1-3 as Markdown.</summary>
    public static string ToMarkdown(MeasurementResult result) => Render(result, markdown: true);

    /// <summary>The JSON report.</summary>
    public static string ToJson(MeasurementResult result) => MeasurementJson.Write(result);

    /// <summary>Tables 1-3 as an HTML fragment (one <c>&lt;table&gt;</c> each), for notebooks.</summary>
    public static string ToHtml(MeasurementResult result) => ToHtml(result, MeasurementTables.All);

    /// <summary>The chosen tables as console text (the settings line and notes only with all tables).</summary>
    internal static string ToConsole(MeasurementResult result, MeasurementTables tables) =>
        tables == MeasurementTables.All ? Render(result, markdown: false) : RenderTables(result, markdown: false, tables);

    /// <summary>The chosen tables as Markdown (the settings line and notes only with all tables).</summary>
    internal static string ToMarkdown(MeasurementResult result, MeasurementTables tables) =>
        tables == MeasurementTables.All ? Render(result, markdown: true) : RenderTables(result, markdown: true, tables);

    /// <summary>The chosen tables as an HTML fragment (the settings line and notes only with all tables).</summary>
    internal static string ToHtml(MeasurementResult result, MeasurementTables tables)
    {
        ArgumentNullException.ThrowIfNull(result);
        bool all = tables == MeasurementTables.All;
        var sb = new StringBuilder();
        sb.Append("<div class=\"globalmidt-measurement\">\n");
        if (all)
        {
            sb.Append("<p>").Append(Html.Encode(Settings(result))).Append("</p>\n");
        }

        foreach (var (title, table) in Tables(result).Where(t => Shows(tables, t.Title)))
        {
            Html.AppendTable(sb, title, table.Headers, table.Rows, i => table.Alignments[i] == ColumnAlignment.Right);
        }

        if (all)
        {
            sb.Append(SeriesReport.ToHtml(result));
        }

        if (all && result.Indicators is { } indicators)
        {
            IndicatorReport.AppendHtml(sb, indicators);
        }

        foreach (var note in all ? result.Notes : [])
        {
            sb.Append("<p><em>").Append(Html.Encode(note)).Append("</em></p>\n");
        }

        return sb.Append("</div>\n").ToString();
    }

    /// <summary>
    /// One CSV row per group with every figure (RFC 4180: long names, invariant numbers without thousands
    /// separators, '.' as decimal point, fields with commas or quotes quoted, empty where undefined).
    /// </summary>
    public static string ToCsv(MeasurementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string[] headers =
        [
            "group", "cross_cutting", "reported", "measured", "excluded_unknown", "excluded_public", "excluded_ceased",
            "excluded_inactive", "matched", "unmatched", "distinct_controls", "control_effective_n",
            "emp_participant_share", "emp_control_share", "emp_p_value", "jobs_created", "jobs_created_estimate",
            "jobs_ci_low", "jobs_ci_high", "turn_participant_share", "turn_control_share", "turn_p_value",
            "added_turnover_mdkk", "added_turnover_estimate_mdkk", "turnover_ci_low", "turnover_ci_high",
            "budget_mdkk", "cost_per_job_tdkk", "spend_per_firm_tdkk", "jobs_per_firm",
            .. SeriesReport.CsvHeaders(result),
        ];
        var sb = new StringBuilder(string.Join(',', headers)).Append('\n');
        foreach (var g in result.Groups)
        {
            var cells = new List<string>
            {
                Csv(g.Group), g.IsCrossCutting ? "true" : "false", CsvInt(g.Eligibility.Reported), CsvInt(g.Eligibility.Measured),
                CsvInt(g.Eligibility.Unknown), CsvInt(g.Eligibility.Public), CsvInt(g.Eligibility.Ceased), CsvInt(g.Eligibility.Inactive),
                CsvInt(g.Matched), CsvInt(g.Unmatched.Count), CsvInt(g.DistinctControls), R(g.ControlEffectiveN),
            };
            foreach (var e in new[] { g.Employment, g.Turnover })
            {
                cells.Add(R(e.Test?.ParticipantShare));
                cells.Add(R(e.Test?.ControlShare));
                cells.Add(R(e.Test?.PValue));
                cells.Add(R(e.Effect));
                cells.Add(R(e.Estimate));
                cells.Add(R(e.Interval?.Low));
                cells.Add(R(e.Interval?.High));
            }

            cells.Add(R(g.Table3.BudgetMdkk));
            cells.Add(R(g.Table3.CostPerJobTdkk));
            cells.Add(R(g.Table3.SpendPerFirmTdkk));
            cells.Add(R(g.Table3.JobsPerFirm));
            cells.AddRange(SeriesReport.CsvCells(g));
            sb.Append(string.Join(',', cells)).Append('\n');
        }

        return sb.ToString();
    }

    private static string Render(MeasurementResult result, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append(markdown ? "_" + Settings(result) + "_\n\n" : Wrap(Settings(result), ConsoleWidth) + "\n\n");
        foreach (var (title, table) in Tables(result, console: !markdown))
        {
            table.AppendTitled(sb, title, markdown, ConsoleWidth);
        }

        sb.Append(SeriesReport.Text(result, markdown, ConsoleWidth));

        if (result.Indicators is { } indicators)
        {
            sb.Append(IndicatorReport.Render(indicators, markdown));
        }

        foreach (var note in result.Notes)
        {
            sb.Append(markdown ? "- " : "Note: ").Append(note).Append('\n');
        }

        // Without notes the last table's separating blank line would end the console output.
        if (!markdown && result.Notes.Count == 0 && sb.Length >= 2 && sb[^1] == '\n' && sb[^2] == '\n')
        {
            sb.Length--;
        }

        return sb.ToString();
    }

    /// <summary>Breaks <paramref name="text"/> at spaces into lines of at most <paramref name="width"/> characters.</summary>
    private static string Wrap(string text, int width)
    {
        var sb = new StringBuilder();
        int lineStart = 0;
        foreach (string word in text.Split(' '))
        {
            if (sb.Length > lineStart && sb.Length - lineStart + 1 + word.Length > width)
            {
                sb.Append('\n');
                lineStart = sb.Length;
            }
            else if (sb.Length > lineStart)
            {
                sb.Append(' ');
            }

            sb.Append(word);
        }

        return sb.ToString();
    }

    private static string Settings(MeasurementResult r)
    {
        var o = r.Options;
        string test = o.Test == ShareTestMethod.KnownShare ? "z test with the control share as known" : "two-sample z test (control effective n)";
        return string.Create(
            Inv,
            $"Window {r.Window.Baseline}..{r.Window.Measurement}, history from {r.Window.History}; {r.RegisterFirms:N0} firms in the register, control pool {r.ControlPoolSize:N0}; method {o.Method.ToString().ToLowerInvariant()} ({o.Estimator.ToString().ToLowerInvariant()} effects); matching: {(o.PropensitySubclassWidth is double w ? string.Create(CultureInfo.InvariantCulture, $"propensity subclasses {w} log odds wide (logit on {string.Join(", ", o.Covariates)}, history, region, industry2, size class)") : $"{o.Matching.Ratio} nearest {(o.Matching.Replace ? "with" : "without")} replacement, {o.Matching.Distance}{(o.EngineOptions(o.MainCovariates).DistanceTerms is not null ? string.Create(CultureInfo.InvariantCulture, $" (trajectory weight {o.TrajectoryWeight})") : string.Empty)} on {string.Join(", ", o.MainCovariates)}{(o.ChainMatchedApart ? $" (export, new exporters and value added matched apart on {string.Join(", ", o.ChainCovariates)}{(o.ExporterStrata ? " in exporter strata" : string.Empty)})" : string.Empty)}, exact on {string.Join(" > ", o.Levels)}")}{(r.Groups.Count > 1 ? (o.SharesGroupMatching ? ", one matching for all rows" : ", each group matched on its own") : string.Empty)}; {test}; effects 0 where p >= {o.Alpha}; {Intervals(o)}.");
    }

    private static string Intervals(MeasurementOptions o) => o.BootstrapReplicates == 0
        ? "no bootstrap intervals"
        : string.Create(Inv, $"{o.ConfidenceLevel * 100:0.##}% bootstrap intervals ({o.BootstrapReplicates} replicates, seed {o.Seed}{(o.BootstrapScheme == BootstrapScheme.Controls ? ", controls resampled" : "")})");

    /// <param name="result">The measurement.</param>
    /// <param name="console">For the console: Table 2 as two tables (employment, turnover) so each fits
    /// <see cref="ConsoleWidth"/>; the wide form stays for Markdown, CSV and HTML.</param>
    private static List<(string Title, ReportTable Table)> Tables(MeasurementResult result, bool console = false)
    {
        string rowName = result.Options.By == ParticipantGrouping.Activity ? "Activity" : "Group";
        var t1 = new ReportTable(
            [rowName, "Reported", "Measured", "Not in register", "Public", "Ceased", "Inactive", "Unmatched"],
            [ColumnAlignment.Left, .. Enumerable.Repeat(ColumnAlignment.Right, 7)]);
        var t2 = new ReportTable(
            [rowName, "n", "Empl. part.", "Empl. ctrl.", "p", "Jobs created", "Estimate [95% CI]", "Turn. part.", "Turn. ctrl.", "p", "Added turnover (mio. DKK)", "Estimate [95% CI]"],
            [ColumnAlignment.Left, .. Enumerable.Repeat(ColumnAlignment.Right, 11)]);
        var t3 = new ReportTable(
            [rowName, "A Jobs", "B Budget (mio. DKK)", "C Cost per job (1,000 DKK)", "D Firms", "E Spend per firm (1,000 DKK)", "F Jobs per firm"],
            [ColumnAlignment.Left, .. Enumerable.Repeat(ColumnAlignment.Right, 6)]);
        foreach (var g in result.Groups)
        {
            var e = g.Eligibility;
            t1.Add(g.Group, Int(e.Reported), Int(e.Measured), Int(e.Unknown), Int(e.Public), Int(e.Ceased), Int(e.Inactive), Int(g.Unmatched.Count));
            t2.Add(
                g.Group,
                Int(g.Matched),
                F(g.Employment.Test?.ParticipantShare, "0.00"),
                F(g.Employment.Test?.ControlShare, "0.00"),
                P(g.Employment.Test?.PValue),
                F(g.Employment.Effect, "#,##0"),
                EstimateWithInterval(g.Employment, "#,##0"),
                F(g.Turnover.Test?.ParticipantShare, "0.00"),
                F(g.Turnover.Test?.ControlShare, "0.00"),
                P(g.Turnover.Test?.PValue),
                F(g.Turnover.Effect, "#,##0"),
                EstimateWithInterval(g.Turnover, "#,##0"));
            var r = g.Table3;
            t3.Add(g.Group, F(r.Jobs, "#,##0"), F(r.BudgetMdkk, "0.0"), F(r.CostPerJobTdkk, "#,##0"), Int(r.FirmsMeasured), F(r.SpendPerFirmTdkk, "#,##0"), F(r.JobsPerFirm, "0.0"));
        }

        var balanceHeaders = new List<string> { rowName };
        var first = result.Groups.FirstOrDefault(g => g.Balance is not null)?.Balance;
        foreach (var row in first?.Rows ?? [])
        {
            balanceHeaders.Add($"SMD {row.Covariate} before");
            balanceHeaders.Add("after");
        }

        balanceHeaders.Add("Ctrl. ESS");
        balanceHeaders.Add("Naive ctrl. share (empl.)");
        var t4 = new ReportTable([.. balanceHeaders]);
        foreach (var g in result.Groups)
        {
            var cells = new List<string?> { g.Group };
            if (g.Balance is { } b)
            {
                foreach (var row in b.Rows)
                {
                    cells.Add(F(row.Before.Smd, "0.000"));
                    cells.Add(double.IsFinite(row.After.Smd) ? F(row.After.Smd, "0.000") + (row.SmdBalanced ? string.Empty : " !") : null);
                }
            }
            else
            {
                cells.AddRange(Enumerable.Repeat<string?>(null, 2 * (first?.Rows.Count ?? 0)));
            }

            cells.Add(F(g.ControlEffectiveN, "#,##0"));
            cells.Add(F(g.Employment.NaiveControlShare, "0.00"));
            t4.Add([.. cells]);
        }

        const string Table2 = "Table 2. Share of firms with growth, participants vs matched control group";
        return
        [
            ("Table 1. Reported participants and participants in the effect measurement", t1),
            .. console
                ? new[] { (Table2 + ": employment", t2.Columns(0, 1, 2, 3, 4, 5, 6)), ("Table 2 (continued): turnover (n as above)", t2.Columns(0, 7, 8, 9, 10, 11)) }
                : [(Table2, t2)],
            ("Table 3. Jobs created, budget and cost per job", t3),
            ($"Balance of the matching covariates (standardized mean differences, '!' where |SMD| >= {first?.Options.SmdThreshold.ToString(Inv) ?? "0.1"}; naive = all non-participants)", t4),
        ];
    }

    /// <summary>Some of the tables, each under its title, without the settings line and the notes.</summary>
    private static string RenderTables(MeasurementResult result, bool markdown, MeasurementTables tables)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        foreach (var (title, table) in Tables(result, console: !markdown).Where(t => Shows(tables, t.Title)))
        {
            table.AppendTitled(sb, title, markdown, ConsoleWidth);
        }

        return sb.ToString();
    }

    /// <summary>True when a table with this title is one of <paramref name="tables"/> (by its title, so a table shown in
    /// parts, e.g. "Table 2 (continued)", goes with its first part).</summary>
    private static bool Shows(MeasurementTables tables, string title)
    {
        var table = title.StartsWith("Table 1", StringComparison.Ordinal) ? MeasurementTables.Table1
            : title.StartsWith("Table 2", StringComparison.Ordinal) ? MeasurementTables.Table2
            : title.StartsWith("Table 3", StringComparison.Ordinal) ? MeasurementTables.Table3
            : MeasurementTables.Balance;
        return (tables & table) != 0;
    }

    // Non-finite figures never reach a report from EffectMeasurement (an AnalysisException); a hand-made result
    // prints them as undefined.
    private static string? EstimateWithInterval(OutcomeEffect e, string format) => WithInterval(e.Estimate, e.Interval, format);

    private static string Int(int v) => v.ToString("N0", Inv);

    /// <summary>A count for CSV: invariant digits, no thousands separator (a "2,398" would split the field).</summary>
    private static string CsvInt(int v) => v.ToString(Inv);

    /// <summary>The <c>--plan-budget</c> lines: expected jobs of a planned budget at each group's cost per job.</summary>
    internal static string ForecastText(MeasurementResult result, double planMdkk)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Forecast: expected jobs of a planned budget of {planMdkk:0.0} mio. DKK at each group's cost per job"));
        foreach (var g in result.Groups)
        {
            string jobs = g.Table3.CostPerJobTdkk is double c && c > 0
                ? Forecast.ExpectedJobs(planMdkk, c).ToString("#,##0", CultureInfo.InvariantCulture)
                : "- (no cost per job)";
            w.WriteLine($"  {g.Group}: {jobs}");
        }

        return w.ToString();
    }
}
