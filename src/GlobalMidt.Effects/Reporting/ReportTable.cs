using System.Text;

namespace GlobalMidt.Effects.Reporting;

/// <summary>A table kept as cells so it renders to text, Markdown (<see cref="AppendTitled"/>) and HTML
/// (<see cref="Html.AppendTable"/> with <see cref="Headers"/> and <see cref="Rows"/>) alike.</summary>
internal sealed class ReportTable(string[] headers, ColumnAlignment[] alignments)
{
    private readonly List<string?[]> _rows = [];

    /// <summary>A table whose first column is left-aligned and the others right-aligned.</summary>
    public ReportTable(params string[] headers)
        : this(headers, [ColumnAlignment.Left, .. Enumerable.Repeat(ColumnAlignment.Right, headers.Length - 1)])
    {
    }

    public string[] Headers { get; } = headers;

    public ColumnAlignment[] Alignments { get; } = alignments;

    public IReadOnlyList<string?[]> Rows => _rows;

    public void Add(params string?[] cells) => _rows.Add(cells);

    /// <summary>Appends the title and the table (see <see cref="TextTable.AppendTitled"/>).</summary>
    public void AppendTitled(StringBuilder sb, string title, bool markdown, int width) => Build().AppendTitled(sb, title, markdown, width);

    /// <summary>A table of some of the columns.</summary>
    public ReportTable Columns(params int[] columns)
    {
        var t = new ReportTable([.. columns.Select(c => Headers[c])], [.. columns.Select(c => Alignments[c])]);
        foreach (var r in _rows)
        {
            t.Add([.. columns.Select(c => r[c])]);
        }

        return t;
    }

    private TextTable Build()
    {
        var t = new TextTable(Headers, Alignments);
        foreach (var r in _rows)
        {
            t.AddRow(r);
        }

        return t;
    }
}
