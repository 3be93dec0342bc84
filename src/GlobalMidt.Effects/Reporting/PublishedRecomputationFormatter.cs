using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Reporting;

/// <summary>
/// Renders a <see cref="PublishedRecomputation"/> (the <c>tables</c> command's result) as console text, markdown, CSV
/// or JSON; reached through <see cref="PublishedRecomputation.ToConsole"/> and its siblings.
/// </summary>
internal static class PublishedRecomputationFormatter
{
    /// <summary>Renders the recomputation as console text or markdown (titled sections of aligned tables).</summary>
    /// <param name="result">The recomputation.</param>
    /// <param name="markdown">True for markdown, false for plain console text.</param>
    public static string ToText(PublishedRecomputation result, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        void Section(string title, TextTable table, string? note = null, int keyColumns = 1)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(markdown ? "## " : "").Append(title).Append('\n');
            if (!markdown)
            {
                sb.Append('=', title.Length).Append('\n');
            }

            sb.Append('\n').Append(markdown ? table.ToMarkdown() : table.ToConsole(120, keyColumns));
            if (note is not null)
            {
                sb.Append('\n').Append(note).Append('\n');
            }
        }

        var R = ColumnAlignment.Right;
        var L = ColumnAlignment.Left;
        var side = new TextTable(
            ["Group", "A jobs", "B mio. DKK", "D firms", "C published", "C recomputed", "E published", "E recomputed", "F published", "F recomputed", "Agree"],
            [L, R, R, R, R, R, R, R, R, R, L]);
        foreach (var r in result.Rows)
        {
            var p = r.Published;
            side.AddRow(
                p.Group, Shown(p.JobsCreated), Shown(p.BudgetMdkk), Grouped(p.Measured),
                Shown(p.CostPerJobTdkk), Grouped(r.CostPerJob.Recomputed, Decimals(r.CostPerJob) + 1),
                Shown(p.SpendPerFirmTdkk), Grouped(r.SpendPerFirm.Recomputed, Decimals(r.SpendPerFirm) + 1),
                Shown(p.JobsPerFirm), Grouped(r.JobsPerFirm.Recomputed, Decimals(r.JobsPerFirm) + 1),
                YesNo(r.CostPerJob.Agrees && r.SpendPerFirm.Agrees && r.JobsPerFirm.Agrees));
        }

        Section(
            "Table 3: published and recomputed (C = B/A in 1,000 DKK per job, E = B/D in 1,000 DKK per firm, F = A/D)",
            side,
            "Agree: the published figure can be obtained by rounding C/E/F computed from some A and B that round to\n" +
            "the printed A and B.");

        var figures = new TextTable(
            ["Group", "Figure", "Published", "Recomputed", "Range within input rounding", "Agrees", "Plain rounding"],
            [L, L, R, R, R, L, L]);
        foreach (var r in result.Rows)
        {
            foreach (var f in new[] { r.CostPerJob, r.SpendPerFirm, r.JobsPerFirm })
            {
                int d = Decimals(f) + 2;
                figures.AddRow(
                    r.Published.Group, f.Figure, Shown(f.Published), Grouped(f.Recomputed, d),
                    f.RangeLow is double lo && f.RangeHigh is double hi ? $"[{Grouped(lo, d)}, {Grouped(hi, d)}]" : null,
                    YesNo(f.Agrees), f.AgreesWithPlainRounding is bool b ? YesNo(b) : null);
            }
        }

        Section(
            "Table 3 figures in detail",
            figures,
            "Range: jobs vary by ±0.5 and the budget by ±0.05 mio. DKK (their printed precision); firms measured are exact.\n" +
            "Plain rounding: rounding the recomputed figure (half away from zero) gives the published figure.",
            keyColumns: 2);

        var pvalues = new TextTable(
            ["Group", "Outcome", "n", "Participants", "Control", "Published p", "Known-share p", "Known-share range", "Fits", "1:1 two-sample range", "1:1 fits"],
            [L, L, R, R, R, R, R, R, L, R, L]);
        foreach (var r in result.Rows)
        {
            foreach (var c in new[] { r.Employment, r.Turnover })
            {
                pvalues.AddRow(
                    r.Published.Group, c.Outcome, Grouped(c.KnownShare.N), c.KnownShare.ParticipantShare.ToString(),
                    c.KnownShare.ControlShare.ToString(), c.Published.ToString(), P(c.KnownSharePoint), Range(c.KnownShare),
                    YesNo(c.KnownShareAgrees), Range(c.TwoSampleOneToOne), YesNo(c.TwoSampleAgrees));
            }
        }

        Section(
            "Table 2 p-values: published and the range the printed shares allow",
            pvalues,
            "Ranges: participants' share x/n for every whole x that rounds to the printed share, control share anywhere in its\n" +
            "rounding interval (±0.005). Known-share test: z = (p1 - p0) / sqrt(p0 (1 - p0) / n); 1:1 two-sample test: pooled\n" +
            "z test with a control group as large as n. Known-share p: at x = round(share x n) and the printed control share.",
            keyColumns: 2);

        var f0 = result.Forecast;
        var forecast = new TextTable(["Cost per job basis", "Cost per job (1,000 DKK)", "Expected jobs", "Rounded"], [L, R, R, R]);
        forecast.AddRow(
            "unrounded B/A of " + f0.Group, Grouped(f0.CostPerJobTdkk, 3), Grouped(f0.ExpectedJobs, 2), Grouped(f0.ExpectedJobs, 0));
        forecast.AddRow(
            "published C of " + f0.Group, Shown(f0.PublishedCostPerJobTdkk), Grouped(f0.ExpectedJobsAtPublishedCost, 2),
            Grouped(f0.ExpectedJobsAtPublishedCost, 0));
        Section(
            string.Create(CultureInfo.InvariantCulture, $"Forecast: expected jobs of a plan budget of {f0.PlanBudgetMdkk} mio. DKK"),
            forecast,
            "Expected jobs = plan budget x 1,000 / cost per job (1,000 DKK). The seed prints 814 (37,400,000 / 46,000).");
        return sb.ToString();
    }

    /// <summary>
    /// Renders the recomputation as one long CSV: <c>group,figure,published,recomputed,range_low,range_high,agrees,
    /// plain_rounding_agrees</c>; numbers round-trip, <c>-</c> where undefined.
    /// </summary>
    /// <param name="result">The recomputation.</param>
    public static string ToCsv(PublishedRecomputation result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = new TextTable(
            ["group", "figure", "published", "recomputed", "range_low", "range_high", "agrees", "plain_rounding_agrees"]);
        foreach (var r in result.Rows)
        {
            foreach (var (name, f) in new[] { ("cost_per_job_tdkk", r.CostPerJob), ("spend_per_firm_tdkk", r.SpendPerFirm), ("jobs_per_firm", r.JobsPerFirm) })
            {
                t.AddRow(r.Published.Group, name, f.Published?.ToString(), Num(f.Recomputed), Num(f.RangeLow), Num(f.RangeHigh), Bool(f.Agrees), f.AgreesWithPlainRounding is bool b ? Bool(b) : null);
            }

            foreach (var c in new[] { r.Employment, r.Turnover })
            {
                string prefix = c.Outcome == "employment" ? "emp" : "turn";
                t.AddRow(r.Published.Group, prefix + "_p_value_known_share", c.Published.ToString(), Num(c.KnownSharePoint), Num(c.KnownShare.Low), Num(c.KnownShare.High), Bool(c.KnownShareAgrees), null);
                t.AddRow(r.Published.Group, prefix + "_p_value_two_sample_1to1", c.Published.ToString(), null, Num(c.TwoSampleOneToOne.Low), Num(c.TwoSampleOneToOne.High), Bool(c.TwoSampleAgrees), null);
            }
        }

        var fc = result.Forecast;
        t.AddRow(fc.Group, "forecast_expected_jobs", null, Num(fc.ExpectedJobs), null, null, null, null);
        t.AddRow(fc.Group, "forecast_expected_jobs_at_published_cost", null, Num(fc.ExpectedJobsAtPublishedCost), null, null, null, null);
        return t.ToCsv();
    }

    /// <summary>Renders the recomputation as indented JSON (numbers as numbers, null where undefined).</summary>
    /// <param name="result">The recomputation.</param>
    public static string ToJson(PublishedRecomputation result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteBoolean("all_agree", result.AllAgree);
            w.WriteStartArray("table3");
            foreach (var r in result.Rows)
            {
                var p = r.Published;
                w.WriteStartObject();
                w.WriteString("group", p.Group);
                w.WriteNumber("jobs", p.JobsCreated.Value);
                JsonLf.Number(w, "budget_mdkk", p.BudgetMdkk?.Value);
                w.WriteNumber("firms_measured", p.Measured);
                Figure(w, "cost_per_job_tdkk", r.CostPerJob);
                Figure(w, "spend_per_firm_tdkk", r.SpendPerFirm);
                Figure(w, "jobs_per_firm", r.JobsPerFirm);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("p_values");
            foreach (var r in result.Rows)
            {
                foreach (var c in new[] { r.Employment, r.Turnover })
                {
                    w.WriteStartObject();
                    w.WriteString("group", r.Published.Group);
                    w.WriteString("outcome", c.Outcome);
                    w.WriteNumber("n", c.KnownShare.N);
                    w.WriteNumber("participant_share", c.KnownShare.ParticipantShare.Value);
                    w.WriteNumber("control_share", c.KnownShare.ControlShare.Value);
                    w.WriteNumber("published", c.Published.Value);
                    w.WriteNumber("known_share_point", c.KnownSharePoint);
                    Range(w, "known_share", c.KnownShare, c.KnownShareAgrees);
                    Range(w, "two_sample_1to1", c.TwoSampleOneToOne, c.TwoSampleAgrees);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            var f = result.Forecast;
            w.WriteStartObject("forecast");
            w.WriteString("group", f.Group);
            w.WriteNumber("plan_budget_mdkk", f.PlanBudgetMdkk);
            JsonLf.Number(w, "cost_per_job_tdkk", f.CostPerJobTdkk);
            JsonLf.Number(w, "published_cost_per_job_tdkk", f.PublishedCostPerJobTdkk?.Value);
            JsonLf.Number(w, "expected_jobs", f.ExpectedJobs);
            JsonLf.Number(w, "expected_jobs_at_published_cost", f.ExpectedJobsAtPublishedCost);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";

        static void Figure(Utf8JsonWriter w, string name, FigureCheck f)
        {
            w.WriteStartObject(name);
            JsonLf.Number(w, "published", f.Published?.Value);
            JsonLf.Number(w, "recomputed", f.Recomputed);
            JsonLf.Number(w, "range_low", f.RangeLow);
            JsonLf.Number(w, "range_high", f.RangeHigh);
            w.WriteBoolean("agrees", f.Agrees);
            JsonLf.Boolean(w, "plain_rounding_agrees", f.AgreesWithPlainRounding);

            w.WriteEndObject();
        }

        static void Range(Utf8JsonWriter w, string name, PValueRange r, bool agrees)
        {
            w.WriteStartObject(name);
            JsonLf.Number(w, "low", r.Low);
            JsonLf.Number(w, "high", r.High);
            JsonLf.Number(w, "min_successes", r.MinSuccesses);
            JsonLf.Number(w, "max_successes", r.MaxSuccesses);
            JsonLf.Number(w, "control_size", r.ControlSize);
            w.WriteBoolean("agrees", agrees);
            w.WriteEndObject();
        }
    }

    private static int Decimals(FigureCheck f) => f.Published?.Decimals ?? (f.Figure == "F" ? 1 : 0);

    private static string Grouped(int v) => v.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A printed figure with thousands separators for the console and markdown (2,849; 0.40).</summary>
    private static string? Shown(PrintedNumber? v) =>
        v is PrintedNumber p ? p.Value.ToString("N" + p.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

    private static string? Grouped(double? v, int decimals) =>
        v?.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string? Num(double? v) => v?.ToString("R", CultureInfo.InvariantCulture);

    private static string YesNo(bool b) => b ? "yes" : "no";

    private static string Bool(bool b) => b ? "true" : "false";

    private static string P(double p) =>
        p != 0 && p < 0.0001 ? p.ToString("0.00E+00", CultureInfo.InvariantCulture) : p.ToString("F4", CultureInfo.InvariantCulture);

    private static string? Range(PValueRange r) =>
        r.Low is double lo && r.High is double hi ? $"[{P(lo)}, {P(hi)}]" : null;
}
