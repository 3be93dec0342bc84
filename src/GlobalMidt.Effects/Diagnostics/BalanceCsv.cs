using System.Text;
using CsvHelper;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Diagnostics;

/// <summary>The balance input (data or pairs) held in memory as text cells, read through the one table reader
/// (<see cref="CsvInput"/>: comma, semicolon or tab, quotes, UTF-8 with or without BOM, line numbers); numbers by
/// <see cref="ColumnTyping"/>'s rule.</summary>
internal sealed class BalanceCsv
{
    private readonly List<string[]> _rows;
    private readonly List<long> _lines;

    private BalanceCsv(string file, char delimiter, string[] header, List<string[]> rows, List<long> lines)
    {
        File = file;
        Delimiter = delimiter;
        Header = header;
        _rows = rows;
        _lines = lines;
    }

    public string File { get; }

    public char Delimiter { get; }

    public string[] Header { get; }

    public int RowCount => _rows.Count;

    /// <summary>Reads the whole table; <paramref name="name"/> names it in errors.</summary>
    public static BalanceCsv Read(TextReader reader, string name)
    {
        byte[] text = CsvInput.ReadText(reader, name);
        using var input = CsvInput.Open(text, name, RegisterLoadOptions.Default, []);
        string[] header = [.. input.Headers];
        var rows = new List<string[]>();
        var lines = new List<long>();
        try
        {
            while (input.Read())
            {
                var row = new string[header.Length];
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] = Encoding.UTF8.GetString(input.FieldAt(j));
                }

                rows.Add(row);
                lines.Add(input.Line);
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException)
        {
            throw CsvInput.Unreadable(input, e);
        }

        input.Errors.ThrowIfAny();
        return new BalanceCsv(name, input.Separator, header, rows, lines);
    }

    /// <summary>The column's index (the reader's rule: case-insensitive, trimmed, a name given twice is an error), or -1.</summary>
    public int TryColumn(string name) => CsvInput.IndexOf(File, Header, name);

    /// <summary>The column's index; a missing column is an error naming <paramref name="role"/> (what it is for).</summary>
    public int Column(string name, string role)
    {
        int j = TryColumn(name);
        return j >= 0 ? j : throw new InputDataException(CsvInput.MissingColumn(File, Header, name, role));
    }

    public string Cell(int row, int column) => _rows[row][column];

    public long Line(int row) => _lines[row];

    public DataError Error(int row, string column, string? value, string message) =>
        new(File, _lines[row], column, null, value, message);

    /// <summary>A number by <see cref="ColumnTyping"/>'s rule (invariant; with ';' as separator a decimal comma too).
    /// NA, NaN and empty cells are not numbers.</summary>
    public bool TryNumber(string cell, out double value) =>
        ColumnTyping.TryParseNumber(cell, ColumnTyping.DecimalComma(Delimiter), out value);
}
