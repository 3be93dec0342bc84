using System.IO.Compression;
using CsvHelper;

namespace GlobalMidt.Effects.Data;

/// <summary>Loads reported participations (<c>participants.csv</c>: <c>firm_id, project_id, group</c>).</summary>
/// <remarks>
/// A firm may appear in several projects and groups. Exact duplicate rows are allowed and kept (in file order);
/// <see cref="ParticipantsSummary"/> counts them. Values are trimmed; group names keep their case and Danish letters.
/// </remarks>
public static class ParticipantsCsv
{
    /// <summary>The columns of the participants file.</summary>
    internal static readonly string[] ColumnNames = ["firm_id", "project_id", "group"];

    /// <summary>Reads and validates a participants file.</summary>
    /// <param name="path">The file; a name ending in <c>.gz</c> is read through gzip.</param>
    /// <param name="options">Error cap (the other settings do not apply); null for the defaults.</param>
    /// <exception cref="InputDataException">The file is missing or bad; every error found is listed.</exception>
    public static IReadOnlyList<Participant> Load(string path, RegisterLoadOptions? options = null)
    {
        options ??= RegisterLoadOptions.Default;
        return Read(CsvInput.Open(path, options, ColumnNames), options);
    }

    /// <summary>Reads and validates participants from <paramref name="stream"/>, read once from its current position
    /// (standard input or a pipe is fine; gzip is recognised by its magic bytes). The stream is disposed.</summary>
    /// <param name="stream">The data.</param>
    /// <param name="source">The name used in errors, e.g. <c>stdin</c>.</param>
    /// <param name="options">As for the path overload; null for the defaults.</param>
    /// <exception cref="InputDataException">The data is bad; every error found (up to the cap) is listed.</exception>
    public static IReadOnlyList<Participant> Load(Stream stream, string source, RegisterLoadOptions? options = null)
    {
        options ??= RegisterLoadOptions.Default;
        return Read(CsvInput.Open(stream, source, options, ColumnNames), options);
    }

    private static List<Participant> Read(CsvInput opened, RegisterLoadOptions options)
    {
        using var input = opened;
        var result = new List<Participant>();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            while (input.Read())
            {
                string? firm = Text(input, 0, strings, "a firm id (CVR number)", null);
                string? project = Text(input, 1, strings, "a project id", firm);
                string? group = Text(input, 2, strings, "a group name (e.g. VF Midtjylland)", firm);
                if (firm is not null && project is not null && group is not null)
                {
                    result.Add(new Participant(firm, project, group));
                }
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException)
        {
            throw CsvInput.Unreadable(input, e);
        }

        if (result.Count == 0 && !input.Errors.HasErrors)
        {
            input.Errors.Add(new DataError(input.Source, 0, null, null, null,
                "no data rows: the file has a header only; expected one row per firm, project and group"));
        }

        input.Errors.ThrowIfAny();
        return result;
    }

    private static string? Text(CsvInput input, int column, Dictionary<string, string> strings, string what, string? firm)
    {
        var span = input.Field(column);
        if (span.IsEmpty)
        {
            input.Error(ColumnNames[column], firm, "", $"empty: expected {what}");
            return null;
        }

        if (FieldText.TextProblem(span) is string problem)
        {
            input.Error(ColumnNames[column], firm, FieldText.Show(span), problem);
            return null;
        }

        string s = FieldText.Show(span);
        if (column == 2 && ProgrammeText.GroupProblem(s) is string reserved)
        {
            input.Error(ColumnNames[column], firm, s, reserved);
            return null;
        }

        if (!strings.TryGetValue(s, out string? pooled))
        {
            strings.Add(s, s);
            pooled = s;
        }

        return pooled;
    }
}
