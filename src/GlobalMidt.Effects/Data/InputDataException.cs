using System.Globalization;
using System.Text;

namespace GlobalMidt.Effects.Data;

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
