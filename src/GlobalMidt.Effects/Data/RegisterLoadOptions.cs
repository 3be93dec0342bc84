using System.Globalization;

namespace GlobalMidt.Effects.Data;

/// <summary>Options of the register, participants and budgets loaders.</summary>
/// <remarks>
/// Decimal commas are never guessed: numbers are read with <see cref="Culture"/> (invariant by default, so
/// <c>12.5</c>); <c>new CultureInfo("da-DK")</c> reads <c>12,5</c> and then needs a semicolon-delimited file.
/// </remarks>
public sealed record RegisterLoadOptions
{
    /// <summary>The defaults: invariant culture, attribute changes are errors, at most 50 errors reported.</summary>
    public static RegisterLoadOptions Default { get; } = new();

    /// <summary>The culture whose decimal separator numbers use. Default: <see cref="CultureInfo.InvariantCulture"/>
    /// (<c>.</c>). Thousands separators are never accepted.</summary>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;

    /// <summary>What to do when a firm's municipality, region, industry or sector changes between periods.</summary>
    public AttributeChangeRule AttributeChangeRule { get; init; } = AttributeChangeRule.Error;

    /// <summary>How many errors are reported at most (all are counted). Default 50; at least 1.</summary>
    public int MaxErrors { get; init; } = 50;

    /// <summary>Checks the settings; throws naming the bad one.</summary>
    /// <exception cref="OptionsException">A setting is out of range.</exception>
    public void Validate()
    {
        if (Culture is null)
        {
            throw new OptionsException("RegisterLoadOptions.Culture must not be null (use CultureInfo.InvariantCulture).", nameof(Culture));
        }

        string sep = Culture.NumberFormat.NumberDecimalSeparator;
        if (sep is not ("." or ","))
        {
            throw new OptionsException(
                $"RegisterLoadOptions.Culture '{Culture.Name}' has decimal separator '{sep}': only '.' or ',' are supported.",
                nameof(Culture));
        }

        if (!Enum.IsDefined(AttributeChangeRule))
        {
            throw new OptionsException(
                $"RegisterLoadOptions.AttributeChangeRule {(int)AttributeChangeRule} is not a defined rule (Error or UseLatest).",
                nameof(AttributeChangeRule));
        }

        if (MaxErrors < 1)
        {
            throw new OptionsException(
                $"RegisterLoadOptions.MaxErrors must be at least 1 (got {MaxErrors.ToString(CultureInfo.InvariantCulture)}).",
                nameof(MaxErrors));
        }
    }

    /// <summary>True when the culture writes decimals with a comma.</summary>
    internal bool UsesDecimalComma => Culture.NumberFormat.NumberDecimalSeparator == ",";
}
