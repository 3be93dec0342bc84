using System.Globalization;
using System.Text;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// The one rule for typing a column of a user's table whose type is not fixed by a schema (the covariates of
/// <c>match</c> and <c>balance</c>): missing values (empty, <c>NA</c>, <c>na</c>, <c>NaN</c>, <c>.</c>) are left out;
/// a column whose other values are all numbers is numeric; a column whose other values are all text is categorical
/// (one level per value, as R's <c>factor</c>); a column mixing numbers and text is a located error at its first text
/// value (<see cref="MixedColumnMessage"/>): a stray value never turns a numeric column into categories, and is never
/// dropped with only a warning. Numbers are invariant (<c>.</c> as decimal point); with a <c>;</c> delimiter a
/// decimal comma too. See docs/data-contract.md ("One table reader").
/// </summary>
internal static class ColumnTyping
{
    /// <summary>A missing value: empty, <c>NA</c>, <c>na</c>, <c>NaN</c> or <c>.</c>.</summary>
    public static bool IsMissing(ReadOnlySpan<byte> v) =>
        v.IsEmpty || v.SequenceEqual("NA"u8) || v.SequenceEqual("NaN"u8) || v.SequenceEqual("."u8) || v.SequenceEqual("na"u8);

    /// <summary>A missing value (see the span overload).</summary>
    public static bool IsMissing(string v) => v is "" or "NA" or "na" or "NaN" or ".";

    /// <summary>A treatment value: <c>1</c>/<c>0</c>, or <c>true</c>/<c>false</c> in any case (as R's
    /// <c>as.logical</c> reads <c>TRUE</c>, <c>True</c>, <c>true</c>).</summary>
    public static bool TryParseTreatment(ReadOnlySpan<byte> v, out bool treated)
    {
        treated = v.SequenceEqual("1"u8) || Ascii.EqualsIgnoreCase(v, "true"u8);
        return treated || v.SequenceEqual("0"u8) || Ascii.EqualsIgnoreCase(v, "false"u8);
    }

    /// <summary>A treatment value (see the span overload).</summary>
    public static bool TryParseTreatment(string v, out bool treated) =>
        TryParseTreatment(Encoding.UTF8.GetBytes(v), out treated);

    /// <summary>True when the numbers of a table read with <paramref name="delimiter"/> may use a decimal comma (a
    /// <c>;</c>-delimited table, as Excel writes it in Danish).</summary>
    public static bool DecimalComma(char delimiter) => delimiter == ';';

    /// <summary>A finite number with '.' (or, with <paramref name="decimalComma"/>, also ',') as decimal point; the
    /// same result as <c>double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture)</c>.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> s, bool decimalComma, out double v)
    {
        if (decimalComma && s.IndexOf((byte)',') >= 0)
        {
            Span<byte> copy = s.Length <= 128 ? stackalloc byte[s.Length] : new byte[s.Length];
            s.CopyTo(copy);
            copy.Replace((byte)',', (byte)'.');
            return FieldText.TryParseNumber(copy, (byte)'.', CultureInfo.InvariantCulture, out v) && double.IsFinite(v);
        }

        return FieldText.TryParseNumber(s, (byte)'.', CultureInfo.InvariantCulture, out v) && double.IsFinite(v);
    }

    /// <summary>As the span overload, for a value already read as text.</summary>
    public static bool TryParseNumber(string s, bool decimalComma, out double v) =>
        TryParseNumber(Encoding.UTF8.GetBytes(s), decimalComma, out v);

    /// <summary>The one message for a column that mixes numbers and text: <paramref name="bad"/> text values of
    /// <paramref name="values"/> non-missing values.</summary>
    public static string MixedColumnMessage(int bad, int values) =>
        string.Create(CultureInfo.InvariantCulture, $"expected a number: this column mixes numbers and text ({bad} of {values} values are not numbers, {values - bad} are); a covariate is numeric (every value a number) or categorical (every value text, one dummy per value as R's factor).");

    /// <summary>The column's type from its counts of non-missing values: numeric (no text), categorical (no numbers,
    /// some text) or mixed (an error, <see cref="MixedColumnMessage"/>).</summary>
    public static ColumnKind Classify(int numbers, int texts) =>
        texts == 0 ? ColumnKind.Numeric : numbers == 0 ? ColumnKind.Categorical : ColumnKind.Mixed;
}
