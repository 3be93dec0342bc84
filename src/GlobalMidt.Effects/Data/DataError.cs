using System.Globalization;
using System.Text;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// One problem in the input: where it is (file, line, column), which firm, the value seen and what was expected.
/// </summary>
/// <param name="Source">File name, or a description such as <c>DataFrame</c> or <c>records</c>.</param>
/// <param name="Line">1-based line in the file (the header is line 1); 0 when not applicable.</param>
/// <param name="Column">Column name; null when the error concerns a whole row or file.</param>
/// <param name="FirmId">Firm id of the row, when known.</param>
/// <param name="Value">The offending value as read, when there is one.</param>
/// <param name="Message">What was expected, in plain words.</param>
public sealed record DataError(string Source, long Line, string? Column, string? FirmId, string? Value, string Message)
{
    /// <summary>One line: <c>firms.csv:12: column 'fte', firm 1234: value '-3': expected ...</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Source);
        if (Line > 0)
        {
            sb.Append(':').Append(Line.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append(':');
        if (Column is not null)
        {
            sb.Append(" column '").Append(Column).Append('\'');
        }

        if (FirmId is not null)
        {
            sb.Append(Column is null ? " firm " : ", firm ").Append(FirmId);
        }

        if (Value is not null)
        {
            sb.Append(Column is null && FirmId is null ? " value '" : ": value '").Append(Value).Append('\'');
        }

        sb.Append(Column is null && FirmId is null && Value is null ? " " : ": ").Append(Message);
        return sb.ToString();
    }
}

/// <summary>
/// Bad input: carries every <see cref="DataError"/> found (up to a cap) so users fix them in one pass.
/// </summary>
/// <remarks>The CLI prints <see cref="Exception.Message"/> without a stack trace and exits with code 3.</remarks>
public sealed class InputDataException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="errors">At least one error.</param>
    /// <param name="totalErrors">How many errors there were in all (more than <paramref name="errors"/> when capped).</param>
    public InputDataException(IReadOnlyList<DataError> errors, int totalErrors)
        : base(Format(errors, totalErrors))
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors;
        TotalErrors = totalErrors;
    }

    /// <summary>Creates the exception from one error.</summary>
    public InputDataException(DataError error)
        : this([error ?? throw new ArgumentNullException(nameof(error))], 1)
    {
    }

    /// <summary>The errors reported (at most the collector's cap).</summary>
    public IReadOnlyList<DataError> Errors { get; }

    /// <summary>How many errors were found in all.</summary>
    public int TotalErrors { get; }

    private static string Format(IReadOnlyList<DataError> errors, int total)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var sb = new StringBuilder();
        if (errors.Count == 1 && total == 1)
        {
            return errors[0].ToString();
        }

        sb.Append(total.ToString(CultureInfo.InvariantCulture)).Append(" errors in the input");
        if (total > errors.Count)
        {
            sb.Append(" (first ").Append(errors.Count.ToString(CultureInfo.InvariantCulture)).Append(" shown)");
        }

        sb.Append(':');
        foreach (var e in errors)
        {
            sb.Append('\n').Append("  ").Append(e.ToString());
        }

        return sb.ToString();
    }
}

/// <summary>Collects <see cref="DataError"/>s up to a cap, counting the rest.</summary>
internal sealed class DataErrorCollector
{
    private readonly List<DataError> _errors = [];

    /// <summary>Creates a collector keeping at most <paramref name="cap"/> errors (default 50).</summary>
    public DataErrorCollector(int cap = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        Cap = cap;
    }

    /// <summary>How many errors are kept for the report.</summary>
    public int Cap { get; }

    /// <summary>How many errors were added in all.</summary>
    public int Count { get; private set; }

    /// <summary>True when any error was added.</summary>
    public bool HasErrors => Count > 0;

    /// <summary>The kept errors.</summary>
    public IReadOnlyList<DataError> Errors => _errors;

    /// <summary>Adds an error (kept when under the cap, counted always).</summary>
    public void Add(DataError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Count++;
        if (_errors.Count < Cap)
        {
            _errors.Add(error);
        }
    }

    /// <summary>Throws <see cref="InputDataException"/> when any error was added.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new InputDataException(_errors.ToArray(), Count);
        }
    }
}
