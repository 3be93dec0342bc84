using System.Globalization;
using System.Text;
using System.Text.Json;
using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Reporting;

/// <summary>
/// Renders <see cref="ProgrammeIndicators"/> (the output indicators of the effect chain) as console text, Markdown,
/// HTML, CSV (one long table) or JSON; <c>measure --indicators</c> appends them to the measurement report.
/// </summary>
internal static class IndicatorReport
{
    private const int ConsoleWidth = 120;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The indicator tables as aligned console text, each under its title.</summary>
    internal static string ToConsole(ProgrammeIndicators indicators) => Render(indicators, markdown: false);

    /// <summary>The indicator tables as Markdown.</summary>
    internal static string ToMarkdown(ProgrammeIndicators indicators) => Render(indicators, markdown: true);

    /// <summary>The indicator tables as an HTML fragment (one <c>&lt;table&gt;</c> each).</summary>
    internal static string ToHtml(ProgrammeIndicators indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var sb = new StringBuilder("<div class=\"globalmidt-indicators\">\n");
        AppendHtml(sb, indicators);
        return sb.Append("</div>\n").ToString();
    }

    /// <summary>
    /// One long CSV table: <c>table,name,cross_cutting,period,firms_starting,firms_active,firms_cumulative,supported_firms,budget_mdkk,private_mdkk</c>;
    /// <c>table</c> = <c>activity</c> (one row per activity and period, or one per activity without periods) or
    /// <c>group</c> (one row per group, no period); empty where not applicable.
    /// </summary>
    internal static string ToCsv(ProgrammeIndicators indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var t = new TextTable(["table", "name", "cross_cutting", "period", "firms_starting", "firms_active", "firms_cumulative", "supported_firms", "budget_mdkk", "private_mdkk"]);
        foreach (var a in indicators.Activities)
        {
            string cross = a.IsCrossCutting ? "true" : "false";
            string supported = a.SupportedFirms.ToString(Inv);
            if (a.Periods.Count == 0)
            {
                t.AddRow("activity", a.Activity, cross, "", "", "", "", supported, "", "");
            }

            foreach (var p in a.Periods)
            {
                t.AddRow("activity", a.Activity, cross, p.Period.ToString(), p.Starting.ToString(Inv), p.Active.ToString(Inv), p.Cumulative.ToString(Inv), supported, "", "");
            }
        }

        foreach (var g in indicators.Groups)
        {
            t.AddRow("group", g.Group, g.IsCrossCutting ? "true" : "false", "", "", "", "", g.SupportedFirms.ToString(Inv), R(g.BudgetMdkk), R(g.PrivateMdkk));
        }

        return t.ToCsv();
    }

    /// <summary>The indicators as an indented JSON object (the <c>indicators</c> object of the measurement's JSON).</summary>
    internal static string ToJson(ProgrammeIndicators indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonLf.Options))
        {
            WriteJsonObject(w, indicators);
        }

        string text = Encoding.UTF8.GetString(stream.ToArray());
        return (JsonLf.NeedsRewrite ? text.Replace("\r\n", "\n", StringComparison.Ordinal) : text) + "\n";
    }

    /// <summary>Writes the property <c>"indicators": {...}</c> (keys in docs/effect-chain.md).</summary>
    internal static void WriteJson(Utf8JsonWriter w, ProgrammeIndicators indicators)
    {
        w.WritePropertyName("indicators");
        WriteJsonObject(w, indicators);
    }

    /// <summary>The tables, for appending to a measurement report.</summary>
    internal static string Render(ProgrammeIndicators indicators, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var sb = new StringBuilder();
        foreach (var (title, headers, rows) in Tables(indicators))
        {
            var t = new TextTable(headers, [ColumnAlignment.Left, .. Enumerable.Repeat(ColumnAlignment.Right, headers.Length - 1)]);
            foreach (var r in rows)
            {
                t.AddRow(r);
            }

            t.AppendTitled(sb, title, markdown, ConsoleWidth);
        }

        return sb.ToString();
    }

    /// <summary>The tables as HTML headings and tables (no enclosing element).</summary>
    internal static void AppendHtml(StringBuilder sb, ProgrammeIndicators indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        foreach (var (title, headers, rows) in Tables(indicators))
        {
            Html.AppendTable(sb, title, headers, rows, i => i > 0);
        }
    }

    private static List<(string Title, string[] Headers, List<string?[]> Rows)> Tables(ProgrammeIndicators indicators)
    {
        var periods = indicators.Periods;
        string unit = periods.Count > 0 && !periods[0].IsHalfYear ? "year" : "half-year";
        string[] labels = [.. periods.Select(p => p.ToString())];
        var tables = new List<(string, string[], List<string?[]>)>();
        var starting = new List<string?[]>();
        var active = new List<string?[]>();
        var cumulative = new List<string?[]>();
        foreach (var a in indicators.Activities)
        {
            starting.Add([a.Activity, .. a.Periods.Select(p => Int(p.Starting)), Int(a.SupportedFirms)]);
            active.Add([a.Activity, .. a.Periods.Select(p => Int(p.Active))]);
            cumulative.Add([a.Activity, .. a.Periods.Select(p => Int(p.Cumulative))]);
        }

        tables.Add(($"Output indicators: firms starting per {unit} (first start in the activity) and supported firms", ["Activity", .. labels, "Supported firms"], starting));
        if (periods.Count > 0)
        {
            tables.Add(($"Output indicators: firms active per {unit} (start <= {unit} <= end)", ["Activity", .. labels], active));
            tables.Add(($"Output indicators: cumulative unique firms per {unit}", ["Activity", .. labels], cumulative));
        }

        var groups = new List<string?[]>();
        foreach (var g in indicators.Groups)
        {
            groups.Add([g.Group, Int(g.SupportedFirms), F(g.BudgetMdkk), F(g.PrivateMdkk)]);
        }

        tables.Add(("Programme indicators per group: firms receiving support, budget and private co-financing", ["Group", "Supported firms", "Budget (mio. DKK)", "Private co-financing (mio. DKK)"], groups));
        return tables;
    }

    private static void WriteJsonObject(Utf8JsonWriter w, ProgrammeIndicators indicators)
    {
        var cross = indicators.Groups.First(g => g.IsCrossCutting);
        w.WriteStartObject();
        w.WriteNumber("supported_firms", cross.SupportedFirms);
        JsonLf.Number(w, "budget_mdkk", cross.BudgetMdkk);
        JsonLf.Number(w, "private_mdkk", cross.PrivateMdkk);
        JsonLf.Strings(w, "periods", indicators.Periods.Select(p => p.ToString()));
        w.WriteStartArray("activities");
        foreach (var a in indicators.Activities)
        {
            w.WriteStartObject();
            w.WriteString("activity", a.Activity);
            w.WriteBoolean("cross_cutting", a.IsCrossCutting);
            w.WriteNumber("supported_firms", a.SupportedFirms);
            w.WriteStartArray("by_period");
            foreach (var p in a.Periods)
            {
                w.WriteStartObject();
                w.WriteString("period", p.Period.ToString());
                w.WriteNumber("firms_starting", p.Starting);
                w.WriteNumber("firms_active", p.Active);
                w.WriteNumber("firms_cumulative", p.Cumulative);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("groups");
        foreach (var g in indicators.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            w.WriteBoolean("cross_cutting", g.IsCrossCutting);
            w.WriteNumber("supported_firms", g.SupportedFirms);
            JsonLf.Number(w, "budget_mdkk", g.BudgetMdkk);
            JsonLf.Number(w, "private_mdkk", g.PrivateMdkk);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Int(int v) => v.ToString("N0", Inv);

    private static string? F(double? v) => v is double d && double.IsFinite(d) ? d.ToString("#,##0.0", Inv) : null;

    private static string R(double? v) => v is double d && double.IsFinite(d) ? d.ToString("R", Inv) : string.Empty;
}
