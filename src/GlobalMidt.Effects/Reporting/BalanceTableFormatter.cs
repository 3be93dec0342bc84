using System.Globalization;
using System.Text;
using System.Text.Json;
using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Reporting;

/// <summary>Renders a <see cref="BalanceTable"/> as text, Markdown, CSV, JSON and HTML (column names as cobalt's).</summary>
internal static class BalanceTableFormatter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The compact view's columns (cobalt's <c>bal.tab</c> print, plus the eCDF columns after matching).</summary>
    private static readonly string[] CompactHeader =
        ["Covariate", "Type", "Diff.Un", "Diff.Adj", "M.Threshold", "V.Ratio.Un", "V.Ratio.Adj", "V.Threshold", "eCDF.Mean.Adj", "eCDF.Max.Adj"];

    /// <summary>Text columns of the compact view (left-aligned); the others are numbers (right-aligned).</summary>
    private static readonly bool[] CompactLeft = [true, true, false, false, true, false, false, true, false, false];

    private static readonly bool[] SizesLeft = [true, false, false];

    private static readonly string[] CsvHeader =
    [
        "covariate", "type",
        "treated_mean_un", "control_mean_un", "diff_un", "variance_ratio_un", "ecdf_mean_un", "ecdf_max_un",
        "treated_mean_adj", "control_mean_adj", "diff_adj", "variance_ratio_adj", "ecdf_mean_adj", "ecdf_max_adj",
        "smd_balanced", "variance_ratio_balanced",
    ];

    public static string ToConsole(BalanceTable table)
    {
        var cells = CompactCells(table);
        var widths = new int[CompactHeader.Length];
        for (int c = 0; c < widths.Length; c++)
        {
            widths[c] = CompactHeader[c].Length;
            foreach (var row in cells)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var sb = new StringBuilder();
        sb.Append("Balance Measures (ATT; SMD denominator: SD of the treated before matching; binary: ")
          .Append(table.Options.Binary == BinaryDifference.Raw ? "raw difference" : "standardised")
          .Append(")\n");
        // Wider than a 120-column terminal: two parts, each repeating Covariate and Type: the mean differences, then
        // the variance ratios and eCDF statistics (the order of the columns is kept).
        const int MaxWidth = 120;
        var parts = new List<List<int>>();
        var part = new List<int> { 0, 1 };
        bool wide = widths.Sum() + (2 * (widths.Length - 1)) > MaxWidth;
        for (int c = 2; c < widths.Length; c++)
        {
            if (wide && c == 5)
            {
                parts.Add(part);
                part = [0, 1];
            }

            part.Add(c);
        }

        parts.Add(part);
        for (int p = 0; p < parts.Count; p++)
        {
            if (p > 0)
            {
                sb.Append('\n');
            }

            int[] cols = [.. parts[p]];
            string[] Pick(string[] row) => [.. cols.Select(c => row[c])];
            int[] pw = [.. cols.Select(c => widths[c])];
            bool[] pl = [.. cols.Select(c => CompactLeft[c])];
            AppendAligned(sb, Pick(CompactHeader), pw, pl);
            foreach (var row in cells)
            {
                AppendAligned(sb, Pick(row), pw, pl);
            }
        }

        sb.Append('\n');
        AppendTally(sb, table);
        sb.Append('\n');
        sb.Append("Sample sizes\n");
        var sizes = SizeCells(table.SampleSizes);
        var sw = new int[3];
        foreach (var r in sizes)
        {
            for (int c = 0; c < 3; c++)
            {
                sw[c] = Math.Max(sw[c], r[c].Length);
            }
        }

        foreach (var r in sizes)
        {
            AppendAligned(sb, r, sw, SizesLeft);
        }

        return sb.ToString();
    }

    public static string ToMarkdown(BalanceTable table)
    {
        var sb = new StringBuilder();
        AppendMarkdownRow(sb, CompactHeader);
        sb.Append('|');
        for (int c = 0; c < CompactHeader.Length; c++)
        {
            sb.Append(CompactLeft[c] ? " --- |" : " ---: |");
        }

        sb.Append('\n');
        foreach (var row in CompactCells(table))
        {
            AppendMarkdownRow(sb, row);
        }

        sb.Append('\n');
        AppendTally(sb, table);
        sb.Append('\n');
        var sizes = SizeCells(table.SampleSizes);
        AppendMarkdownRow(sb, sizes[0]);
        sb.Append("| --- | ---: | ---: |\n");
        for (int i = 1; i < sizes.Count; i++)
        {
            AppendMarkdownRow(sb, sizes[i]);
        }

        return sb.ToString();
    }

    public static string ToCsv(BalanceTable table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', CsvHeader).Append('\n');
        foreach (var r in table.Rows)
        {
            sb.Append(CsvField(r.Covariate)).Append(',').Append(TypeName(r.Type));
            AppendCsvStats(sb, r.Before);
            AppendCsvStats(sb, r.After);
            sb.Append(',').Append(r.SmdBalanced ? "true" : "false");
            sb.Append(',').Append(r.VarianceRatioBalanced switch { null => "", true => "true", false => "false" });
            sb.Append('\n');
        }

        return sb.ToString();
    }

    public static string ToJson(BalanceTable table)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("estimand", "ATT");
            w.WriteString("smd_denominator", "treated, before matching");
            w.WriteString("binary", table.Options.Binary == BinaryDifference.Raw ? "raw" : "std");
            w.WriteNumber("smd_threshold", table.Options.SmdThreshold);
            w.WriteNumber("variance_ratio_threshold", table.Options.VarianceRatioThreshold);
            var s = table.SampleSizes;
            w.WriteStartObject("sample_sizes");
            w.WriteNumber("treated_all", s.TreatedAll);
            w.WriteNumber("control_all", s.ControlAll);
            w.WriteNumber("treated_matched", s.TreatedMatched);
            w.WriteNumber("control_matched", s.ControlMatched);
            w.WriteNumber("treated_unmatched", s.TreatedUnmatched);
            w.WriteNumber("control_unmatched", s.ControlUnmatched);
            w.WriteNumber("treated_ess", s.TreatedEss);
            w.WriteNumber("control_ess", s.ControlEss);
            w.WriteEndObject();
            w.WriteStartArray("rows");
            foreach (var r in table.Rows)
            {
                w.WriteStartObject();
                w.WriteString("covariate", r.Covariate);
                w.WriteString("type", TypeName(r.Type));
                WriteJsonStats(w, "before", r.Before);
                WriteJsonStats(w, "after", r.After);
                w.WriteBoolean("smd_balanced", r.SmdBalanced);
                JsonLf.Boolean(w, "variance_ratio_balanced", r.VarianceRatioBalanced);

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string ToHtml(BalanceTable table)
    {
        var sb = new StringBuilder();
        sb.Append("<table class=\"balance-table\">\n<caption>Balance measures (ATT; SMD denominator: SD of the treated before matching)</caption>\n<thead>\n<tr>");
        foreach (var h in CompactHeader)
        {
            sb.Append("<th>").Append(Html.Encode(h)).Append("</th>");
        }

        sb.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in CompactCells(table))
        {
            sb.Append("<tr>");
            for (int c = 0; c < row.Length; c++)
            {
                sb.Append(c == 0 ? "<th scope=\"row\">" : "<td>").Append(Html.Encode(row[c])).Append(c == 0 ? "</th>" : "</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n<table class=\"balance-sample-sizes\">\n<caption>Sample sizes</caption>\n");
        var sizes = SizeCells(table.SampleSizes);
        for (int i = 0; i < sizes.Count; i++)
        {
            string cell = i == 0 ? "th" : "td";
            sb.Append("<tr>");
            for (int c = 0; c < 3; c++)
            {
                string tag = c == 0 && i > 0 ? "th" : cell;
                sb.Append('<').Append(tag).Append('>').Append(Html.Encode(sizes[i][c])).Append("</").Append(tag).Append('>');
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</table>\n");
        return sb.ToString();
    }

    private static List<string[]> CompactCells(BalanceTable table)
    {
        var o = table.Options;
        string mOk = "Balanced, <" + Fmt(o.SmdThreshold);
        string mBad = "Not Balanced, >" + Fmt(o.SmdThreshold);
        string vOk = "Balanced, <" + Fmt(o.VarianceRatioThreshold);
        string vBad = "Not Balanced, >" + Fmt(o.VarianceRatioThreshold);
        var rows = new List<string[]>(table.Rows.Count);
        foreach (var r in table.Rows)
        {
            rows.Add(
            [
                r.Covariate,
                r.Type == CovariateType.Binary ? "Binary" : "Contin.",
                Num(r.Before.Smd),
                Num(r.After.Smd),
                r.SmdBalanced ? mOk : mBad,
                Num(r.Before.VarianceRatio),
                Num(r.After.VarianceRatio),
                r.VarianceRatioBalanced switch { null => "", true => vOk, false => vBad },
                Num(r.After.EcdfMean),
                Num(r.After.EcdfMax),
            ]);
        }

        return rows;
    }

    private static List<string[]> SizeCells(BalanceSampleSizes s) =>
    [
        ["", "Control", "Treated"],
        ["All", s.ControlAll.ToString(Inv), s.TreatedAll.ToString(Inv)],
        ["Matched (ESS)", s.ControlEss.ToString("0.##", Inv), s.TreatedEss.ToString("0.##", Inv)],
        ["Matched (Unweighted)", s.ControlMatched.ToString(Inv), s.TreatedMatched.ToString(Inv)],
        ["Unmatched", s.ControlUnmatched.ToString(Inv), s.TreatedUnmatched.ToString(Inv)],
    ];

    private static void AppendTally(StringBuilder sb, BalanceTable table)
    {
        int ok = table.SmdBalancedCount;
        sb.Append("Balance tally for mean differences: ")
          .Append(ok.ToString(Inv)).Append(" balanced, ")
          .Append((table.Rows.Count - ok).ToString(Inv)).Append(" not balanced (|SMD| < ")
          .Append(Fmt(table.Options.SmdThreshold)).Append(")\n");
        BalanceRow? worst = null;
        foreach (var r in table.Rows)
        {
            if (worst is null || Math.Abs(r.After.Smd) > Math.Abs(worst.After.Smd) || (double.IsNaN(r.After.Smd) && !double.IsNaN(worst.After.Smd)))
            {
                worst = r;
            }
        }

        if (worst is not null)
        {
            sb.Append("Variable with the greatest mean difference: ").Append(worst.Covariate)
              .Append(" (").Append(Num(worst.After.Smd)).Append(")\n");
        }
    }

    private static void AppendAligned(StringBuilder sb, string[] cells, int[] widths, bool[] left)
    {
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                sb.Append("  ");
            }

            sb.Append(left[c] ? cells[c].PadRight(widths[c]) : cells[c].PadLeft(widths[c]));
        }

        // No trailing blanks.
        int end = sb.Length;
        while (end > 0 && sb[end - 1] == ' ')
        {
            end--;
        }

        sb.Length = end;
        sb.Append('\n');
    }

    private static void AppendMarkdownRow(StringBuilder sb, string[] cells)
    {
        sb.Append('|');
        foreach (var c in cells)
        {
            sb.Append(' ').Append(c.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |");
        }

        sb.Append('\n');
    }

    private static void AppendCsvStats(StringBuilder sb, BalanceStatistics s)
    {
        sb.Append(',').Append(Csv(s.TreatedMean))
          .Append(',').Append(Csv(s.ControlMean))
          .Append(',').Append(Csv(s.Smd))
          .Append(',').Append(Csv(s.VarianceRatio))
          .Append(',').Append(Csv(s.EcdfMean))
          .Append(',').Append(Csv(s.EcdfMax));
    }

    private static void WriteJsonStats(Utf8JsonWriter w, string name, BalanceStatistics s)
    {
        w.WriteStartObject(name);
        JsonLf.Number(w, "treated_mean", s.TreatedMean);
        JsonLf.Number(w, "control_mean", s.ControlMean);
        JsonLf.Number(w, "smd", s.Smd);
        JsonLf.Number(w, "variance_ratio", s.VarianceRatio);
        JsonLf.Number(w, "ecdf_mean", s.EcdfMean);
        JsonLf.Number(w, "ecdf_max", s.EcdfMax);
        w.WriteEndObject();
    }

    private static string TypeName(CovariateType t) => t == CovariateType.Binary ? "binary" : "continuous";

    /// <summary>Round-trip precision; empty for NaN (R's <c>NA</c>), <c>Inf</c>/<c>-Inf</c> as R writes them.</summary>
    private static string Csv(double v) =>
        double.IsNaN(v) ? "" : double.IsPositiveInfinity(v) ? "Inf" : double.IsNegativeInfinity(v) ? "-Inf" : v.ToString("R", Inv);

    private static string CsvField(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>Four decimals as cobalt prints; blank for NaN.</summary>
    private static string Num(double v) =>
        double.IsNaN(v) ? "" : double.IsInfinity(v) ? (v > 0 ? "Inf" : "-Inf") : v.ToString("0.0000", Inv);

    private static string Fmt(double v) => v.ToString("0.###", Inv);
}
