using System.Globalization;
using System.Text;
using System.Text.Json;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Measurement;

using static GlobalMidt.Effects.Reporting.ReportCells;

namespace GlobalMidt.Effects.Reporting;

/// <summary>
/// The effect chain's parts of the reports (issue 8): the table of export, value added and new exporters of a
/// measurement whose register has those columns, and with <see cref="MeasurementOptions.Series"/> an event-time table
/// per group (one row per period after the project end) and the band summary. Empty when there is neither, so the
/// classic reports stay byte for byte as they were.
/// </summary>
internal static class SeriesReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The chain and series tables as console text or Markdown (empty without chain columns and series).</summary>
    public static string Text(MeasurementResult result, bool markdown, int width)
    {
        var sb = new StringBuilder();
        foreach (var (title, table) in Tables(result))
        {
            table.AppendTitled(sb, title, markdown, width);
        }

        return sb.ToString();
    }

    /// <summary>The chain and series tables as HTML (empty without chain columns and series).</summary>
    public static string ToHtml(MeasurementResult result)
    {
        var sb = new StringBuilder();
        foreach (var (title, table) in Tables(result))
        {
            Html.AppendTable(sb, title, table.Headers, table.Rows, i => i > 0);
        }

        return sb.ToString();
    }

    /// <summary>The CSV columns of the chain outcomes (none without chain columns).</summary>
    public static IReadOnlyList<string> CsvHeaders(MeasurementResult result) => result.Groups.Any(g => g.Chain is not null)
        ? [
            "export_participant_share", "export_control_share", "export_p_value", "added_export_mdkk", "added_export_estimate_mdkk", "export_ci_low", "export_ci_high",
            "va_participant_share", "va_control_share", "va_p_value", "added_value_added_mdkk", "added_value_added_estimate_mdkk", "va_ci_low", "va_ci_high",
            "new_exporters_n", "new_exporters_participant_share", "new_exporters_control_share", "new_exporters_p_value", "additional_exporters", "additional_exporters_estimate", "new_exporters_ci_low", "new_exporters_ci_high",
        ]
        : [];

    /// <summary>The CSV cells of <see cref="CsvHeaders"/> for one group (none when it has no chain outcomes).</summary>
    public static IEnumerable<string> CsvCells(GroupResult g)
    {
        if (g.Chain is not { } c)
        {
            yield break;
        }

        foreach (var o in new[] { c.Export, c.ValueAdded })
        {
            yield return R(o?.Test?.ParticipantShare);
            yield return R(o?.Test?.ControlShare);
            yield return R(o?.Test?.PValue);
            yield return R(o?.EffectMdkk);
            yield return R(o?.EstimateMdkk);
            yield return R(o?.Interval?.Low);
            yield return R(o?.Interval?.High);
        }

        var x = c.NewExporters;
        yield return x is null ? string.Empty : x.Result.Participants.ToString(Inv);
        yield return R(x?.Result.Test?.ParticipantShare);
        yield return R(x?.Result.Test?.ControlShare);
        yield return R(x?.Result.Test?.PValue);
        yield return R(x?.Additional);
        yield return R(x?.Estimate);
        yield return R(x?.Interval?.Low);
        yield return R(x?.Interval?.High);
    }

    /// <summary>The series as CSV, one row per group and period (<c>measure --series --format csv</c>).</summary>
    public static string SeriesCsv(MeasurementResult result)
    {
        var series = result.Series ?? throw new ArgumentException("The result has no series.", nameof(result));
        var headers = new List<string>
        {
            "group", "cross_cutting", "period", "years_after", "band", "reported", "measured", "matched",
            "emp_participant_share", "emp_control_share", "emp_p_value", "jobs_created", "jobs_created_estimate", "jobs_ci_low", "jobs_ci_high",
            "turn_participant_share", "turn_control_share", "turn_p_value", "added_turnover_mdkk", "added_turnover_estimate_mdkk", "turnover_ci_low", "turnover_ci_high",
        };
        bool chain = series.Rows.Any(r => r.Result.Chain is not null);
        if (chain)
        {
            headers.AddRange(CsvHeaders(result));
        }

        var sb = new StringBuilder(string.Join(',', headers)).Append('\n');
        foreach (var row in series.Rows)
        {
            var g = row.Result;
            var cells = new List<string>
            {
                Csv(g.Group), g.IsCrossCutting ? "true" : "false", row.Period.ToString(), row.YearsAfter.ToString("R", Inv), row.Band,
                g.Eligibility.Reported.ToString(Inv), g.Eligibility.Measured.ToString(Inv), g.Matched.ToString(Inv),
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

            if (chain)
            {
                cells.AddRange(CsvCells(g));
            }

            sb.Append(string.Join(',', cells)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The chain objects of one group in the JSON (<c>export</c>, <c>value_added</c>, <c>new_exporters</c>);
    /// nothing when the group has no chain outcomes.</summary>
    public static void WriteChain(Utf8JsonWriter w, GroupResult g)
    {
        if (g.Chain is not null)
        {
            WriteChainObjects(w, g.Chain);
        }
    }

    /// <summary>The top-level <c>series</c> array (nothing without a series).</summary>
    /// <param name="w">The writer, inside the top-level object.</param>
    /// <param name="result">The measurement.</param>
    /// <param name="outcome">Writes <c>employment</c> or <c>turnover</c> as in the groups (name, effect key, estimate
    /// key, outcome).</param>
    public static void WriteSeries(Utf8JsonWriter w, MeasurementResult result, Action<Utf8JsonWriter, string, string, string, OutcomeEffect> outcome)
    {
        if (result.Series is not { } series)
        {
            return;
        }

        w.WriteString("project_end", series.ProjectEnd.ToString());
        w.WriteStartArray("series");
        foreach (var row in series.Rows)
        {
            var g = row.Result;
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            w.WriteBoolean("cross_cutting", g.IsCrossCutting);
            w.WriteString("period", row.Period.ToString());
            w.WriteNumber("years_after", row.YearsAfter);
            w.WriteString("band", row.Band);
            w.WriteNumber("measured", g.Eligibility.Measured);
            outcome(w, "employment", "jobs_created", "jobs_created_estimate", g.Employment);
            outcome(w, "turnover", "added_turnover_mdkk", "added_turnover_estimate_mdkk", g.Turnover);
            WriteChainObjects(w, g.Chain);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteChainObjects(Utf8JsonWriter w, ChainGroupEffects? chain)
    {
        ChainObject(w, "export", "added_export_mdkk", "added_export_estimate_mdkk", chain?.Export);
        ChainObject(w, "value_added", "added_value_added_mdkk", "added_value_added_estimate_mdkk", chain?.ValueAdded);
        if (chain?.NewExporters is not { } x)
        {
            w.WriteNull("new_exporters");
            return;
        }

        w.WriteStartObject("new_exporters");
        JsonLf.Number(w, "participant_share", x.Result.Test?.ParticipantShare);
        JsonLf.Number(w, "control_share", x.Result.Test?.ControlShare);
        JsonLf.Number(w, "p_value", x.Result.Test?.PValue);
        JsonLf.Number(w, "additional_exporters", x.Additional);
        JsonLf.Number(w, "additional_exporters_estimate", x.Estimate);
        JsonLf.Number(w, "ci_low", x.Interval?.Low);
        JsonLf.Number(w, "ci_high", x.Interval?.High);
        w.WriteEndObject();
    }

    private static void ChainObject(Utf8JsonWriter w, string name, string effectName, string estimateName, ChainOutcomeEffect? e)
    {
        if (e is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        JsonLf.EffectFields(w, e.Test, effectName, e.EffectMdkk, estimateName, e.EstimateMdkk, e.Interval);
        w.WriteEndObject();
    }

    private static List<(string Title, ReportTable Table)> Tables(MeasurementResult result)
    {
        var tables = new List<(string, ReportTable)>();
        if (result.Groups.Any(g => g.Chain is not null))
        {
            var t = new ReportTable(
                "Group", "Export part.", "Export ctrl.", "p", "Added export (mio. DKK)", "Estimate [CI]",
                "VA part.", "VA ctrl.", "p", "Added value added (mio. DKK)", "Estimate [CI]",
                "Non-exp. n", "New exp. part.", "New exp. ctrl.", "p", "Additional exporters", "Estimate [CI]");
            foreach (var g in result.Groups)
            {
                var c = g.Chain;
                t.Add(
                [
                    g.Group,
                    F(c?.Export?.Test?.ParticipantShare, "0.00"), F(c?.Export?.Test?.ControlShare, "0.00"), P(c?.Export?.Test?.PValue),
                    F(c?.Export?.EffectMdkk, "#,##0.0"), WithInterval(c?.Export?.EstimateMdkk, c?.Export?.Interval, "#,##0.0"),
                    F(c?.ValueAdded?.Test?.ParticipantShare, "0.00"), F(c?.ValueAdded?.Test?.ControlShare, "0.00"), P(c?.ValueAdded?.Test?.PValue),
                    F(c?.ValueAdded?.EffectMdkk, "#,##0.0"), WithInterval(c?.ValueAdded?.EstimateMdkk, c?.ValueAdded?.Interval, "#,##0.0"),
                    c?.NewExporters is { } n ? n.Result.Participants.ToString("N0", Inv) : null,
                    F(c?.NewExporters?.Result.Test?.ParticipantShare, "0.00"), F(c?.NewExporters?.Result.Test?.ControlShare, "0.00"), P(c?.NewExporters?.Result.Test?.PValue),
                    F(c?.NewExporters?.Additional, "#,##0.0"), WithInterval(c?.NewExporters?.Estimate, c?.NewExporters?.Interval, "#,##0.0"),
                ]);
            }

            tables.Add(("Effect chain: export, value added and new exporters (participants vs matched controls; 0 where p >= alpha)", t));
        }

        if (result.Series is not { } series)
        {
            return tables;
        }

        foreach (var group in series.Rows.Select(r => r.Result.Group).Distinct())
        {
            var t = new ReportTable(
                "Period", "Years after", "Band", "Measured", "Jobs", "Estimate [CI]", "Added turnover (mio. DKK)",
                "Added export (mio. DKK)", "Estimate [CI]", "Added value added (mio. DKK)", "Additional exporters", "Estimate [CI]");
            foreach (var row in series.Rows.Where(r => r.Result.Group == group))
            {
                var g = row.Result;
                var c = g.Chain;
                t.Add(
                [
                    row.Period.ToString(), row.YearsAfter.ToString("0.0", Inv), row.Band, g.Eligibility.Measured.ToString("N0", Inv),
                    F(g.Employment.Effect, "#,##0"), WithInterval(g.Employment.Estimate, g.Employment.Interval, "#,##0"),
                    F(g.Turnover.Effect, "#,##0"),
                    F(c?.Export?.EffectMdkk, "#,##0.0"), WithInterval(c?.Export?.EstimateMdkk, c?.Export?.Interval, "#,##0.0"),
                    F(c?.ValueAdded?.EffectMdkk, "#,##0.0"),
                    F(c?.NewExporters?.Additional, "#,##0.0"), WithInterval(c?.NewExporters?.Estimate, c?.NewExporters?.Interval, "#,##0.0"),
                ]);
            }

            tables.Add(($"Event time after the project end {series.ProjectEnd}: {group}", t));
        }

        var bands = new ReportTable("Group", "Horizon", "Period", "Years after", "Measured", "Jobs", "Added turnover (mio. DKK)", "Added export (mio. DKK)", "Added value added (mio. DKK)", "Additional exporters");
        foreach (var row in series.BandEnds())
        {
            var g = row.Result;
            string horizon = row.Band switch
            {
                "0-2" => "2 years (end of 0-2)",
                "2-5" => "5 years (end of 2-5)",
                _ => "latest (5+)",
            };
            bands.Add(
            [
                g.Group, horizon, row.Period.ToString(), row.YearsAfter.ToString("0.0", Inv), g.Eligibility.Measured.ToString("N0", Inv),
                F(g.Employment.Effect, "#,##0"), F(g.Turnover.Effect, "#,##0"), F(g.Chain?.Export?.EffectMdkk, "#,##0.0"),
                F(g.Chain?.ValueAdded?.EffectMdkk, "#,##0.0"), F(g.Chain?.NewExporters?.Additional, "#,##0.0"),
            ]);
        }

        tables.Add(("Horizon bands: the last period of each band (0-2 years: 0 < y <= 2, 2-5: 2 < y <= 5, 5+: y > 5)", bands));
        return tables;
    }
}
