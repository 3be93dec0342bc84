using GlobalMidt.Effects.Data;
using Microsoft.Data.Analysis;

namespace GlobalMidt.Effects;

/// <summary>Converts participants to and from a <see cref="DataFrame"/> with the columns of
/// <c>participants.csv</c> (<c>firm_id, project_id, group</c>).</summary>
public static class ParticipantsDataFrame
{
    /// <summary>Reads participants; validated as <see cref="ParticipantsCsv"/> does (source <c>DataFrame</c>,
    /// line = row index + 1).</summary>
    /// <param name="df">Text columns (<c>firm_id</c> and <c>project_id</c> may be whole numbers); optional text
    /// columns <c>activity</c>, <c>start</c>, <c>end</c> as in <see cref="ParticipantsCsv"/> (start and end checked for
    /// kind and order, not against a register: use <see cref="FromDataFrame(DataFrame, RegisterLoadOptions?, Register?)"/>).</param>
    /// <param name="options">Error cap; null for the defaults.</param>
    /// <exception cref="InputDataException">A column is missing or a value is null or empty.</exception>
    public static IReadOnlyList<Participant> FromDataFrame(DataFrame df, RegisterLoadOptions? options = null) =>
        FromDataFrame(df, options, null);

    /// <summary>Reads participants as <see cref="FromDataFrame(DataFrame, RegisterLoadOptions?)"/>; optional
    /// <c>start</c> and <c>end</c> must also be periods of <paramref name="register"/> (its kind and range).</summary>
    /// <param name="df">The columns of participants.csv.</param>
    /// <param name="options">Error cap; null for the defaults.</param>
    /// <param name="register">The register the periods must lie in; null for no such check.</param>
    /// <exception cref="InputDataException">A column is missing or a value is null, empty or invalid.</exception>
    public static IReadOnlyList<Participant> FromDataFrame(DataFrame df, RegisterLoadOptions? options, Register? register)
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

        var optionalNames = ParticipantsCsv.OptionalColumnNames;
        var optional = new DataFrameColumns.Text?[3];
        for (int c = 0; c < 3; c++)
        {
            var column = df.Columns.FirstOrDefault(x => string.Equals(x.Name.Trim(), optionalNames[c], StringComparison.OrdinalIgnoreCase));
            optional[c] = column is null ? null : new DataFrameColumns.Text(column, optionalNames[c], allowWholeNumbers: false);
        }

        if ((optional[1] is null) != (optional[2] is null))
        {
            string given = optional[1] is null ? "end" : "start";
            string missing = optional[1] is null ? "start" : "end";
            throw new InputDataException(new DataError(DataFrameColumns.Source, 0, missing, null, null,
                $"missing column '{missing}': '{given}' is given, so '{missing}' is needed too (a project period is start and end)"));
        }

        var periods = new ParticipantPeriodCheck(register);
        var errors = new DataErrorCollector(options.MaxErrors);
        var result = new List<Participant>();
        int rows = (int)df.Rows.Count;
        for (int i = 0; i < rows; i++)
        {
            long line = i + 1L;
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

            string? firm = values[0];
            void Error(string? column, string? firmId, string? value, string message) =>
                errors.Add(new DataError(DataFrameColumns.Source, line, column, firmId, value, message));
            bool ok = true;
            string? activity = null;
            if (optional[0] is { } activityColumn)
            {
                activity = activityColumn.IsNull(i) ? null : activityColumn.String(i).Trim();
                if (string.IsNullOrEmpty(activity))
                {
                    Error(optionalNames[0], firm, activity, activity is null ? "null value: expected an activity (e.g. Export mentor)" : "empty: expected an activity (e.g. Export mentor)");
                    ok = false;
                }
                else if (activity.Any(char.IsControl))
                {
                    Error(optionalNames[0], firm, activity, "contains a control character: expected text without control characters");
                    ok = false;
                }
            }

            Period? start = null;
            Period? end = null;
            if (optional[1] is { } startColumn && optional[2] is { } endColumn)
            {
                start = periods.Parse(Error, line, 4, startColumn.IsNull(i) ? default : FieldText.Trim(startColumn.Utf8(i)), firm);
                end = periods.Parse(Error, line, 5, endColumn.IsNull(i) ? default : FieldText.Trim(endColumn.Utf8(i)), firm);
                ok &= start is not null && end is not null && ParticipantPeriodCheck.CheckRange(Error, start.Value, end.Value, firm);
            }

            if (ok && !string.IsNullOrEmpty(values[0]) && !string.IsNullOrEmpty(values[1]) && !string.IsNullOrEmpty(values[2]))
            {
                result.Add(new Participant(values[0]!, values[1]!, values[2]!) { Activity = activity, Start = start, End = end });
            }
        }

        if (result.Count == 0 && !errors.HasErrors)
        {
            errors.Add(new DataError(DataFrameColumns.Source, 0, null, null, null, "no rows: the DataFrame is empty"));
        }

        errors.ThrowIfAny();
        return result;
    }

    /// <summary>Participants as a DataFrame of three string columns, in list order, plus <c>activity</c> and
    /// <c>start</c>, <c>end</c> (period labels) when any participant has them.</summary>
    public static DataFrame ToDataFrame(IReadOnlyList<Participant> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var names = ParticipantsCsv.ColumnNames;
        var df = new DataFrame(
            new StringDataFrameColumn(names[0], participants.Select(p => p.FirmId)),
            new StringDataFrameColumn(names[1], participants.Select(p => p.ProjectId)),
            new StringDataFrameColumn(names[2], participants.Select(p => p.Group)));
        var optional = ParticipantsCsv.OptionalColumnNames;
        if (participants.Any(p => p.Activity is not null))
        {
            df.Columns.Add(new StringDataFrameColumn(optional[0], participants.Select(p => p.Activity)));
        }

        if (participants.Any(p => p.Start is not null))
        {
            df.Columns.Add(new StringDataFrameColumn(optional[1], participants.Select(p => p.Start?.ToString())));
            df.Columns.Add(new StringDataFrameColumn(optional[2], participants.Select(p => p.End?.ToString())));
        }

        return df;
    }
}
