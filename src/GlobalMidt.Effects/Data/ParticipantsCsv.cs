using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects;

/// <summary>Loads reported participations (<c>participants.csv</c>: <c>firm_id, project_id, group</c>).</summary>
/// <remarks>
/// A firm may appear in several projects and groups. Exact duplicate rows are allowed and kept (in file order);
/// <see cref="ParticipantsSummary"/> counts them. Values are trimmed; group names keep their case and Danish letters.
/// Optional columns: <c>activity</c> (free text) and <c>start</c>, <c>end</c> (period labels, <c>start &lt;= end</c>,
/// all of one kind; given together): one row per firm x project x activity. With a register
/// (<see cref="Load(string, RegisterLoadOptions?, Register?)"/>) the periods must also be of the register's kind and
/// within its range.
/// </remarks>
public static class ParticipantsCsv
{
    /// <summary>The columns of the participants file.</summary>
    internal static readonly string[] ColumnNames = ["firm_id", "project_id", "group"];

    /// <summary>The optional columns of the participants file.</summary>
    internal static readonly string[] OptionalColumnNames = ["activity", "start", "end"];

    /// <summary>Reads and validates a participants file.</summary>
    /// <param name="path">The file; a name ending in <c>.gz</c> is read through gzip.</param>
    /// <param name="options">Error cap (the other settings do not apply); null for the defaults.</param>
    /// <exception cref="InputDataException">The file is missing or bad; every error found is listed.</exception>
    public static IReadOnlyList<Participant> Load(string path, RegisterLoadOptions? options = null)
    {
        options ??= RegisterLoadOptions.Default;
        return Read(CsvInput.Open(path, options, ColumnNames, OptionalColumnNames), (Register?)null);
    }

    /// <summary>Reads and validates a participants file; <c>start</c> and <c>end</c>, when given, must be periods of
    /// <paramref name="register"/> (same kind, within its first and last period).</summary>
    /// <param name="path">The file; a name ending in <c>.gz</c> is read through gzip.</param>
    /// <param name="options">Error cap (the other settings do not apply); null for the defaults.</param>
    /// <param name="register">The register the periods must lie in; null for no such check.</param>
    /// <exception cref="InputDataException">The file is missing or bad; every error found is listed.</exception>
    public static IReadOnlyList<Participant> Load(string path, RegisterLoadOptions? options, Register? register)
    {
        options ??= RegisterLoadOptions.Default;
        return Read(CsvInput.Open(path, options, ColumnNames, OptionalColumnNames), register);
    }

    /// <summary>As <see cref="Load(string, RegisterLoadOptions?, Register?)"/>, from a stream (disposed).</summary>
    /// <param name="stream">The data.</param>
    /// <param name="source">The name used in errors, e.g. <c>stdin</c>.</param>
    /// <param name="options">Error cap; null for the defaults.</param>
    /// <param name="register">The register the periods must lie in; null for no such check.</param>
    /// <exception cref="InputDataException">The data is bad; every error found (up to the cap) is listed.</exception>
    public static IReadOnlyList<Participant> Load(Stream stream, string source, RegisterLoadOptions? options, Register? register)
    {
        options ??= RegisterLoadOptions.Default;
        return Read(CsvInput.Open(stream, source, options, ColumnNames, optional: OptionalColumnNames), register);
    }

    /// <summary>As <see cref="Load(string, RegisterLoadOptions?, Register?)"/> with the register given when the first
    /// period needs it, not before: the file can be read while the register is still loading (a file without start
    /// and end never asks for it). <paramref name="register"/> may block; its failure is thrown from here.</summary>
    internal static IReadOnlyList<Participant> Load(string path, RegisterLoadOptions? options, Func<Register?> register)
    {
        options ??= RegisterLoadOptions.Default;
        return Read(CsvInput.Open(path, options, ColumnNames, OptionalColumnNames), register);
    }

    /// <summary>As <see cref="Load(string, RegisterLoadOptions?, Func{Register?})"/>, from a stream (disposed).</summary>
    internal static IReadOnlyList<Participant> Load(Stream stream, string source, RegisterLoadOptions? options, Func<Register?> register)
    {
        options ??= RegisterLoadOptions.Default;
        return Read(CsvInput.Open(stream, source, options, ColumnNames, optional: OptionalColumnNames), register);
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
        return Read(CsvInput.Open(stream, source, options, ColumnNames, optional: OptionalColumnNames), (Register?)null);
    }

    private static List<Participant> Read(CsvInput opened, Register? register) => Read(opened, () => register);

    private static List<Participant> Read(CsvInput opened, Func<Register?> register)
    {
        using var input = opened;
        var result = new List<Participant>();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        bool hasActivity = input.Has(3);
        bool hasPeriods = input.Has(4) || input.Has(5);
        if (input.Has(4) != input.Has(5))
        {
            string given = input.Has(4) ? "start" : "end";
            string missing = input.Has(4) ? "end" : "start";
            input.Dispose();
            throw new InputDataException(new DataError(input.Source, 1, missing, null, null,
                $"missing column '{missing}': '{given}' is given, so '{missing}' is needed too (a project period is start and end)"));
        }

        var periods = new ParticipantPeriodCheck(register);
        try
        {
            while (input.Read())
            {
                string? firm = Text(input, 0, strings, "a firm id (CVR number)", null);
                string? project = Text(input, 1, strings, "a project id", firm);
                string? group = Text(input, 2, strings, "a group name (e.g. VF Midtjylland)", firm);
                string? activity = hasActivity ? Text(input, 3, strings, "an activity (e.g. Export mentor)", firm) : null;
                bool ok = !hasActivity || activity is not null;
                Period? start = null;
                Period? end = null;
                if (hasPeriods)
                {
                    start = periods.Parse(input.Error, input.Line, 4, input.Field(4), firm);
                    end = periods.Parse(input.Error, input.Line, 5, input.Field(5), firm);
                    ok &= start is not null && end is not null && ParticipantPeriodCheck.CheckRange(input.Error, start.Value, end.Value, firm);
                }

                if (firm is not null && project is not null && group is not null && ok)
                {
                    result.Add(new Participant(firm, project, group) { Activity = activity, Start = start, End = end });
                }
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException)
        {
            throw CsvInput.Unreadable(input, e);
        }

        input.ThrowIfAny(result.Count, "one row per firm, project and group");
        return result;
    }

    private static string? Text(CsvInput input, int column, Dictionary<string, string> strings, string what, string? firm)
    {
        string name = column < ColumnNames.Length ? ColumnNames[column] : OptionalColumnNames[column - ColumnNames.Length];
        var span = input.Field(column);
        if (span.IsEmpty)
        {
            input.Error(name, firm, "", $"empty: expected {what}");
            return null;
        }

        if (FieldText.TextProblem(span) is string problem)
        {
            input.Error(name, firm, FieldText.Show(span), problem);
            return null;
        }

        string s = FieldText.Show(span);
        if (column == 2 && ProgrammeText.GroupProblem(s) is string reserved)
        {
            input.Error(name, firm, s, reserved);
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

/// <summary>The checks of the optional start and end periods of participants (CSV and DataFrame): parse, one kind in
/// the input (and the register's), start &lt;= end, within the register.</summary>
internal sealed class ParticipantPeriodCheck(Func<Register?> register)
{
    private Period? _first;
    private Period? _last;
    private bool _hasRegister;
    private int _kind = -1;
    private long _kindLine;
    private Period _kindExample;

    /// <summary>The checks against <paramref name="register"/> (null for none).</summary>
    public ParticipantPeriodCheck(Register? register)
        : this(() => register)
    {
    }

    public Period? Parse(ErrorSink error, long line, int column, ReadOnlySpan<byte> label, string? firm)
    {
        if (!_hasRegister)
        {
            // The register's periods at the first period label (the file may have been read while it loaded).
            var r = register();
            _first = r is { PeriodCount: > 0 } ? r.Periods[0] : null;
            _last = r is { PeriodCount: > 0 } ? r.Periods[^1] : null;
            _hasRegister = true;
        }

        string name = ParticipantsCsv.OptionalColumnNames[column - 3];
        if (label.IsEmpty)
        {
            error(name, firm, "", $"empty: expected the {name} period of the activity (YYYY, YYYYH1 or YYYYH2)");
            return null;
        }

        if (!Period.TryParseUtf8(label, out var period))
        {
            error(name, firm, FieldText.Show(label),
                "not a period: expected YYYY, YYYYH1 or YYYYH2 (e.g. 2017H1, years 1900-2999)");
            return null;
        }

        int kind = period.IsHalfYear ? 1 : 0;
        if (_first is Period first && first.IsHalfYear != period.IsHalfYear)
        {
            error(name, firm, period.ToString(), string.Create(CultureInfo.InvariantCulture,
                $"mixed annual and half-year periods: the register has {Kind(first.IsHalfYear ? 1 : 0)} periods ({first}-{_last}); expected {Kind(first.IsHalfYear ? 1 : 0)} periods here too"));
            return null;
        }

        if (_kind < 0)
        {
            _kind = kind;
            _kindLine = line;
            _kindExample = period;
        }
        else if (kind != _kind)
        {
            error(name, firm, period.ToString(), string.Create(CultureInfo.InvariantCulture,
                $"mixed annual and half-year periods: line {_kindLine} has {Kind(_kind)} period {_kindExample}; expected all start and end periods to be one kind"));
            return null;
        }

        if (_first is Period lo && _last is Period hi && (period < lo || period > hi))
        {
            error(name, firm, period.ToString(), string.Create(CultureInfo.InvariantCulture,
                $"outside the register: expected a period from {lo} to {hi} (the register's first and last period)"));
            return null;
        }

        return period;
    }

    public static bool CheckRange(ErrorSink error, Period start, Period end, string? firm)
    {
        if (end >= start)
        {
            return true;
        }

        error(ParticipantsCsv.OptionalColumnNames[2], firm, end.ToString(), string.Create(CultureInfo.InvariantCulture,
            $"end before start: start is {start}, end {end}; expected end on or after start"));
        return false;
    }

    /// <summary>Where an error goes: column, firm id, value, message (at the current line).</summary>
    public delegate void ErrorSink(string column, string? firmId, string? value, string message);

    private static string Kind(int kind) => kind == 0 ? "annual" : "half-year";
}
