using System.Text;

namespace GlobalMidt.Effects.Reporting;

/// <summary>HTML text encoding that escapes only the markup characters, so Danish letters stay readable in the source.</summary>
internal static class Html
{
    /// <summary>Escapes <c>&amp; &lt; &gt; " '</c>; every other character is kept as it is (the output is UTF-8).</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text ?? string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }

        return sb.ToString();
    }

    /// <summary>
    /// Appends a titled table: an <c>h4</c> with <paramref name="title"/>, a header row and one row per cell array
    /// (a null cell as <see cref="TextTable.NullCell"/>); the columns for which <paramref name="rightAligned"/> holds
    /// get <c>text-align:right</c>.
    /// </summary>
    public static void AppendTable(StringBuilder sb, string title, IReadOnlyList<string> headers, IReadOnlyList<string?[]> rows, Func<int, bool> rightAligned)
    {
        sb.Append("<h4>").Append(Encode(title)).Append("</h4>\n<table>\n<thead><tr>");
        foreach (var h in headers)
        {
            sb.Append("<th>").Append(Encode(h)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (int i = 0; i < row.Length; i++)
            {
                sb.Append(rightAligned(i) ? "<td style=\"text-align:right\">" : "<td>").Append(Encode(row[i] ?? TextTable.NullCell)).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
    }
}
