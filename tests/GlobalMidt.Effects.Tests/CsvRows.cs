using Microsoft.VisualBasic.FileIO;

namespace GlobalMidt.Effects.Tests;

/// <summary>Reads CSV text back with .NET's own RFC 4180 reader (TextFieldParser: quotes, embedded commas), not ours.</summary>
internal static class CsvRows
{
    /// <summary>The header and the rows, each as fields.</summary>
    public static (string[] Header, List<string[]> Rows) Read(string text)
    {
        using var parser = new TextFieldParser(new StringReader(text))
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var header = parser.ReadFields() ?? [];
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields() ?? []);
        }

        return (header, rows);
    }

    /// <summary>The field of <paramref name="column"/> in <paramref name="row"/>.</summary>
    public static string Field(this string[] row, string[] header, string column) => row[Array.IndexOf(header, column)];
}
