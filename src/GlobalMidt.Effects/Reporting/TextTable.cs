using System.Globalization;
using System.Text;

namespace GlobalMidt.Effects.Reporting;

/// <summary>Horizontal alignment of a <see cref="TextTable"/> column.</summary>
internal enum ColumnAlignment
{
    /// <summary>Left-aligned (text).</summary>
    Left,

    /// <summary>Right-aligned (numbers).</summary>
    Right,

    /// <summary>Centred.</summary>
    Center,
}

/// <summary>
/// A small table of text cells rendered as an aligned console table, a GitHub markdown table or RFC 4180 CSV.
/// Cells are already formatted strings (the caller chooses the number format and culture); a null cell renders as
/// <see cref="NullCell"/> (<c>-</c>). Output always uses <c>\n</c> line endings, so it is byte-identical across
/// platforms.
/// </summary>
/// <remarks>
/// Widths are string lengths after Unicode normalisation to form C, so precomposed Danish letters (æ, ø, å) count as
/// one character and columns line up in a monospaced terminal. Line breaks inside a cell become spaces in the console
/// and markdown output (CSV keeps them, quoted).
/// </remarks>
internal sealed class TextTable
{
    /// <summary>The text of a null cell.</summary>
    public const string NullCell = "-";

    private readonly string[] _headers;
    private readonly ColumnAlignment[] _alignments;
    private readonly List<string?[]> _rows = [];

    /// <summary>Creates a table with the given column headers and alignments.</summary>
    /// <param name="headers">Column headers (at least one, none null).</param>
    /// <param name="alignments">One alignment per column; null for all <see cref="ColumnAlignment.Left"/>.</param>
    public TextTable(IReadOnlyList<string> headers, IReadOnlyList<ColumnAlignment>? alignments = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(headers));
        }

        _headers = new string[headers.Count];
        for (int i = 0; i < _headers.Length; i++)
        {
            _headers[i] = Normalize(headers[i] ?? throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Header {i} is null."), nameof(headers)));
        }

        _alignments = new ColumnAlignment[_headers.Length];
        if (alignments is not null)
        {
            if (alignments.Count != _headers.Length)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{alignments.Count} alignments given for {_headers.Length} columns."),
                    nameof(alignments));
            }

            for (int i = 0; i < _alignments.Length; i++)
            {
                if (!Enum.IsDefined(alignments[i]))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Alignment {i} has the undefined value {(int)alignments[i]}."),
                        nameof(alignments));
                }

                _alignments[i] = alignments[i];
            }
        }
    }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Headers => _headers;

    /// <summary>The column alignments.</summary>
    public IReadOnlyList<ColumnAlignment> Alignments => _alignments;

    /// <summary>Number of columns.</summary>
    public int ColumnCount => _headers.Length;

    /// <summary>Number of rows added.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Adds a row; one cell per column, null cells render as <c>-</c>.</summary>
    /// <returns>This table, for chaining.</returns>
    public TextTable AddRow(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The row has {cells.Length} cells; the table has {_headers.Length} columns."),
                nameof(cells));
        }

        var row = new string?[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            row[i] = cells[i] is null ? null : Normalize(cells[i]!);
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>An aligned plain-text table: header, a rule of dashes, rows; columns separated by two spaces.</summary>
    public string ToConsole() => ToConsole(Widths(OneLine));

    private string ToConsole(int[] widths)
    {
        var sb = new StringBuilder();
        AppendConsoleLine(sb, _headers, widths);
        for (int c = 0; c < widths.Length; c++)
        {
            if (c > 0)
            {
                sb.Append("  ");
            }

            sb.Append('-', widths[c]);
        }

        sb.Append('\n');
        foreach (var row in _rows)
        {
            AppendConsoleLine(sb, row, widths);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Like <see cref="ToConsole()"/>, but a table wider than <paramref name="maxWidth"/> characters is split into parts
    /// of whole columns, each repeating the first <paramref name="keyColumns"/> columns (e.g. the group), separated by
    /// a blank line. Column widths are those of the whole table, so the parts line up.
    /// </summary>
    public string ToConsole(int maxWidth, int keyColumns = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keyColumns);
        int[] widths = Widths(OneLine);
        if (widths.Sum() + (2 * (widths.Length - 1)) <= maxWidth || keyColumns >= widths.Length)
        {
            return ToConsole();
        }

        var parts = new List<List<int>>();
        int keyWidth = widths.Take(keyColumns).Sum() + (2 * keyColumns);
        var current = new List<int>();
        int width = keyWidth;
        for (int c = keyColumns; c < widths.Length; c++)
        {
            if (current.Count > 0 && width + widths[c] > maxWidth)
            {
                parts.Add(current);
                current = [];
                width = keyWidth;
            }

            current.Add(c);
            width += widths[c] + 2;
        }

        parts.Add(current);
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            int[] columns = [.. Enumerable.Range(0, keyColumns), .. part];
            var sub = new TextTable([.. columns.Select(c => _headers[c])], [.. columns.Select(c => _alignments[c])]);
            foreach (var row in _rows)
            {
                sub._rows.Add([.. columns.Select(c => row[c])]);
            }

            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(sub.ToConsole(columns.Select(c => widths[c]).ToArray()));
        }

        return sb.ToString();
    }

    /// <summary>Appends <paramref name="title"/> (a <c>###</c> heading and a blank line in Markdown) and the table as
    /// Markdown or as console text of at most <paramref name="width"/> columns, then a blank line.</summary>
    public void AppendTitled(StringBuilder sb, string title, bool markdown, int width)
    {
        ArgumentNullException.ThrowIfNull(sb);
        sb.Append(markdown ? "### " : string.Empty).Append(title).Append(markdown ? "\n\n" : "\n");
        sb.Append(markdown ? ToMarkdown() : ToConsole(width)).Append('\n');
    }

    /// <summary>A GitHub-flavoured markdown table with alignment markers; <c>|</c> in cells is escaped.</summary>
    public string ToMarkdown()
    {
        int[] widths = Widths(MarkdownCell);
        for (int c = 0; c < widths.Length; c++)
        {
            widths[c] = Math.Max(widths[c], 3);
        }

        var sb = new StringBuilder();
        AppendMarkdownLine(sb, _headers, widths);
        sb.Append('|');
        for (int c = 0; c < widths.Length; c++)
        {
            sb.Append(' ');
            int dashes = widths[c];
            switch (_alignments[c])
            {
                case ColumnAlignment.Right:
                    sb.Append('-', dashes - 1).Append(':');
                    break;
                case ColumnAlignment.Center:
                    sb.Append(':').Append('-', dashes - 2).Append(':');
                    break;
                default:
                    sb.Append(':').Append('-', dashes - 1);
                    break;
            }

            sb.Append(" |");
        }

        sb.Append('\n');
        foreach (var row in _rows)
        {
            AppendMarkdownLine(sb, row, widths);
        }

        return sb.ToString();
    }

    /// <summary>
    /// RFC 4180 CSV: comma separator, <c>\n</c> line ends, fields quoted when they hold a comma, quote, line break or
    /// leading/trailing space (quotes doubled).
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        AppendCsvLine(sb, _headers);
        foreach (var row in _rows)
        {
            AppendCsvLine(sb, row);
        }

        return sb.ToString();
    }

    /// <summary>The console rendering (<see cref="ToConsole()"/>).</summary>
    public override string ToString() => ToConsole();

    private static string Normalize(string s) => s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC);

    private static string OneLine(string? cell)
    {
        string s = cell ?? NullCell;
        return s.Contains('\n', StringComparison.Ordinal) || s.Contains('\r', StringComparison.Ordinal)
            ? s.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')
            : s;
    }

    private static string MarkdownCell(string? cell) => OneLine(cell).Replace("|", "\\|", StringComparison.Ordinal);

    private int[] Widths(Func<string?, string> render)
    {
        int[] widths = new int[_headers.Length];
        for (int c = 0; c < widths.Length; c++)
        {
            widths[c] = render(_headers[c]).Length;
        }

        foreach (var row in _rows)
        {
            for (int c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], render(row[c]).Length);
            }
        }

        return widths;
    }

    private void AppendConsoleLine(StringBuilder sb, string?[] cells, int[] widths)
    {
        int start = sb.Length;
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                sb.Append("  ");
            }

            AppendPadded(sb, OneLine(cells[c]), widths[c], _alignments[c]);
        }

        // no trailing spaces
        int end = sb.Length;
        while (end > start && sb[end - 1] == ' ')
        {
            end--;
        }

        sb.Length = end;
        sb.Append('\n');
    }

    private void AppendMarkdownLine(StringBuilder sb, string?[] cells, int[] widths)
    {
        sb.Append('|');
        for (int c = 0; c < cells.Length; c++)
        {
            sb.Append(' ');
            AppendPadded(sb, MarkdownCell(cells[c]), widths[c], _alignments[c]);
            sb.Append(" |");
        }

        sb.Append('\n');
    }

    private static void AppendPadded(StringBuilder sb, string text, int width, ColumnAlignment alignment)
    {
        int pad = width - text.Length;
        int left = alignment switch
        {
            ColumnAlignment.Right => pad,
            ColumnAlignment.Center => pad / 2,
            _ => 0,
        };
        sb.Append(' ', left).Append(text).Append(' ', pad - left);
    }

    private static void AppendCsvLine(StringBuilder sb, string?[] cells)
    {
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                sb.Append(',');
            }

            string s = cells[c] ?? NullCell;
            bool quote = s.Length > 0 && (s.AsSpan().IndexOfAny(",\"\r\n") >= 0 || s[0] == ' ' || s[^1] == ' ');
            if (quote)
            {
                sb.Append('"').Append(s.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                sb.Append(s);
            }
        }

        sb.Append('\n');
    }
}
