using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Diagnostics;

/// <summary>The balance input's small RFC 4180 CSV reader: comma or semicolon (detected from the header), quotes, UTF-8 with or
/// without BOM; keeps each record's starting line for error messages.</summary>
internal sealed class BalanceCsv
{
    private readonly List<string[]> _rows;
    private readonly List<long> _lines;
    private readonly Dictionary<string, int> _columns;

    private BalanceCsv(string file, char delimiter, string[] header, List<string[]> rows, List<long> lines)
    {
        File = file;
        Delimiter = delimiter;
        Header = header;
        _rows = rows;
        _lines = lines;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < header.Length; j++)
        {
            _columns.TryAdd(header[j], j);
        }
    }

    public string File { get; }

    public char Delimiter { get; }

    public string[] Header { get; }

    public int RowCount => _rows.Count;

    /// <summary>Reads the whole table; <paramref name="name"/> names it in errors.</summary>
    public static BalanceCsv Read(TextReader reader, string name)
    {
        string text;
        {
            try
            {
                text = reader.ReadToEnd();
            }
            catch (DecoderFallbackException)
            {
                throw new InputDataException(new DataError(name, 0, null, null, null, "the file is not valid UTF-8; save it as UTF-8 (CSV UTF-8 in Excel)"));
            }
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        char delimiter = DetectDelimiter(text);
        var records = new List<string[]>();
        var lines = new List<long>();
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = 1, recordLine = 1;
        bool inQuotes = false, quoted = false, any = false;
        for (int i = 0; i <= text.Length; i++)
        {
            char ch = i < text.Length ? text[i] : '\n';
            bool atEnd = i == text.Length;
            if (inQuotes && !atEnd)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            if (inQuotes && atEnd)
            {
                throw new InputDataException(new DataError(name, recordLine, null, null, null, "a quoted field is not closed before the end of the file"));
            }

            if (ch == '"' && field.Length == 0 && !quoted)
            {
                inQuotes = quoted = any = true;
            }
            else if (ch == delimiter)
            {
                fields.Add(quoted ? field.ToString() : field.ToString().Trim());
                field.Clear();
                quoted = false;
                any = true;
            }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                // handled with the '\n'
            }
            else if (ch == '\n' || ch == '\r')
            {
                if (any || field.Length > 0)
                {
                    fields.Add(quoted ? field.ToString() : field.ToString().Trim());
                    records.Add(fields.ToArray());
                    lines.Add(recordLine);
                }

                fields.Clear();
                field.Clear();
                quoted = any = false;
                line++;
                recordLine = line;
            }
            else if (quoted)
            {
                if (!char.IsWhiteSpace(ch))
                {
                    throw new InputDataException(new DataError(name, recordLine, null, null, null, $"unexpected character '{ch}' after a closing quote"));
                }
            }
            else
            {
                field.Append(ch);
                any = true;
            }
        }

        if (records.Count == 0)
        {
            throw new InputDataException(new DataError(name, 0, null, null, null, "the file is empty; expected a header line and data rows"));
        }

        string[] header = records[0];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string h in header)
        {
            if (!seen.Add(h))
            {
                throw new InputDataException(new DataError(name, 1, h, null, null, "the header names this column twice"));
            }
        }

        var errors = new DataErrorCollector();
        for (int r = 1; r < records.Count; r++)
        {
            if (records[r].Length != header.Length)
            {
                errors.Add(new DataError(name, lines[r], null, null, null, string.Create(CultureInfo.InvariantCulture, $"{records[r].Length} fields, but the header has {header.Length} (separator '{delimiter}')")));
            }
        }

        errors.ThrowIfAny();
        return new BalanceCsv(name, delimiter, header, records.GetRange(1, records.Count - 1), lines.GetRange(1, lines.Count - 1));
    }

    /// <summary>Semicolon when the header line has more semicolons than commas outside quotes, else comma.</summary>
    private static char DetectDelimiter(string text)
    {
        int commas = 0, semicolons = 0;
        bool inQuotes = false;
        foreach (char ch in text)
        {
            if (ch == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && (ch == '\n' || ch == '\r'))
            {
                break;
            }
            else if (!inQuotes && ch == ',')
            {
                commas++;
            }
            else if (!inQuotes && ch == ';')
            {
                semicolons++;
            }
        }

        return semicolons > commas ? ';' : ',';
    }

    public int TryColumn(string name) => _columns.TryGetValue(name, out int j) ? j : -1;

    public int Column(string name)
    {
        int j = TryColumn(name);
        if (j < 0)
        {
            throw new InputDataException(new DataError(File, 1, name, null, null, $"no such column; the header has: {string.Join(", ", Header)}"));
        }

        return j;
    }

    public string Cell(int row, int column) => _rows[row][column];

    public long Line(int row) => _lines[row];

    public DataError Error(int row, string column, string? value, string message) =>
        new(File, _lines[row], column, null, value, message);

    /// <summary>A number in the invariant culture; with ';' as separator a decimal comma too (no thousands
    /// separators). NA, NaN and empty cells are not numbers.</summary>
    public bool TryNumber(string cell, out double value)
    {
        const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
        if (double.TryParse(cell, Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        if (Delimiter == ';' && cell.Contains(',', StringComparison.Ordinal) && !cell.Contains('.', StringComparison.Ordinal)
            && double.TryParse(cell.Replace(',', '.'), Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        value = 0;
        return false;
    }
}
