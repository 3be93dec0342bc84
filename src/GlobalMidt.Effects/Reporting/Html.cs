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
}
