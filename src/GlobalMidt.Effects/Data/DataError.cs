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

