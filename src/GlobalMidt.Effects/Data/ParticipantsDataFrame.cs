using Microsoft.Data.Analysis;

namespace GlobalMidt.Effects.Data;

/// <summary>Converts participants to and from a <see cref="DataFrame"/> with the columns of
/// <c>participants.csv</c> (<c>firm_id, project_id, group</c>).</summary>
public static class ParticipantsDataFrame
{
    /// <summary>Reads participants; validated as <see cref="ParticipantsCsv"/> does (source <c>DataFrame</c>,
    /// line = row index + 1).</summary>
    /// <param name="df">Text columns (<c>firm_id</c> and <c>project_id</c> may be whole numbers).</param>
    /// <param name="options">Error cap; null for the defaults.</param>
    /// <exception cref="InputDataException">A column is missing or a value is null or empty.</exception>
    public static IReadOnlyList<Participant> FromDataFrame(DataFrame df, RegisterLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(df);
        options ??= RegisterLoadOptions.Default;
        options.Validate();
        var names = ParticipantsCsv.ColumnNames;
        var cols = DataFrameColumns.Find(df, names);
        var text = new DataFrameColumns.Text[3];
        for (int c = 0; c < 3; c++)
        {
            text[c] = new DataFrameColumns.Text(cols[c], names[c], allowWholeNumbers: c < 2);
        }

        var errors = new DataErrorCollector(options.MaxErrors);
        var result = new List<Participant>();
        int rows = (int)df.Rows.Count;
        for (int i = 0; i < rows; i++)
        {
            var values = new string?[3];
            for (int c = 0; c < 3; c++)
            {
                string? v = text[c].IsNull(i) ? null : text[c].String(i);
                if (string.IsNullOrEmpty(v))
                {
                    errors.Add(new DataError(DataFrameColumns.Source, i + 1L, names[c], c == 0 ? null : values[0], v,
                        v is null ? $"null value: expected a {names[c]}" : $"empty: expected a {names[c]}"));
                }
                else if ((v.Any(char.IsControl) ? "contains a control character: expected text without control characters"
                    : c == 2 ? ProgrammeText.GroupProblem(v) : null) is string problem)
                {
                    errors.Add(new DataError(DataFrameColumns.Source, i + 1L, names[c], c == 0 ? null : values[0], v, problem));
                    v = null;
                }

                values[c] = v;
            }

            if (!string.IsNullOrEmpty(values[0]) && !string.IsNullOrEmpty(values[1]) && !string.IsNullOrEmpty(values[2]))
            {
                result.Add(new Participant(values[0]!, values[1]!, values[2]!));
            }
        }

        if (result.Count == 0 && !errors.HasErrors)
        {
            errors.Add(new DataError(DataFrameColumns.Source, 0, null, null, null, "no rows: the DataFrame is empty"));
        }

        errors.ThrowIfAny();
        return result;
    }

    /// <summary>Participants as a DataFrame of three string columns, in list order.</summary>
    public static DataFrame ToDataFrame(IReadOnlyList<Participant> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var names = ParticipantsCsv.ColumnNames;
        return new DataFrame(
            new StringDataFrameColumn(names[0], participants.Select(p => p.FirmId)),
            new StringDataFrameColumn(names[1], participants.Select(p => p.ProjectId)),
            new StringDataFrameColumn(names[2], participants.Select(p => p.Group)));
    }
}
