using System.Numerics;
using System.Globalization;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// A register period: a calendar year (<c>2014</c>) or a half year (<c>2014H1</c>, <c>2014H2</c>).
/// </summary>
/// <remarks>
/// Periods of one register are all annual or all half-yearly; <see cref="CompareTo"/> orders them in time.
/// </remarks>
public readonly record struct Period : IComparable<Period>
{
    private Period(int year, int half)
    {
        Year = year;
        Half = half;
    }

    /// <summary>The calendar year (1900-2999).</summary>
    public int Year { get; }

    /// <summary>0 for an annual period, 1 or 2 for the first or second half of <see cref="Year"/>.</summary>
    public int Half { get; }

    /// <summary>True for a half-year period (<c>YYYYH1</c> / <c>YYYYH2</c>).</summary>
    public bool IsHalfYear => Half != 0;

    /// <summary>A position on a time line: consecutive periods of one kind differ by 1.</summary>
    public int Ordinal => IsHalfYear ? (Year * 2) + Half - 1 : Year;

    /// <summary>An annual period.</summary>
    /// <param name="year">Calendar year, 1900-2999.</param>
    public static Period FromYear(int year)
    {
        ValidateYear(year);
        return new Period(year, 0);
    }

    /// <summary>A half-year period.</summary>
    /// <param name="year">Calendar year, 1900-2999.</param>
    /// <param name="half">1 or 2.</param>
    public static Period FromHalfYear(int year, int half)
    {
        ValidateYear(year);
        if (half is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(half), half, "A half year is 1 or 2.");
        }

        return new Period(year, half);
    }

    /// <summary>Parses <c>YYYY</c>, <c>YYYYH1</c> or <c>YYYYH2</c> (the <c>H</c> in either case).</summary>
    /// <exception cref="FormatException">The text is not a period label.</exception>
    public static Period Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var period))
        {
            throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{text}' is not a period: expected YYYY, YYYYH1 or YYYYH2 (e.g. 2008H2)."));
        }

        return period;
    }

    /// <summary>Tries to parse <c>YYYY</c>, <c>YYYYH1</c> or <c>YYYYH2</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Period period) => TryParseCore(text.Trim(), out period);

    /// <summary>Parses a label given as UTF-8 bytes (no surrounding whitespace), as <see cref="TryParse"/>.</summary>
    internal static bool TryParseUtf8(ReadOnlySpan<byte> text, out Period period) => TryParseCore(text, out period);

    /// <summary>The parser for both UTF-16 and UTF-8 text: the label is ASCII either way.</summary>
    private static bool TryParseCore<T>(ReadOnlySpan<T> text, out Period period)
        where T : IBinaryInteger<T>
    {
        period = default;
        if (text.Length != 4 && text.Length != 6)
        {
            return false;
        }

        int year = 0;
        for (int i = 0; i < 4; i++)
        {
            int d = int.CreateTruncating(text[i]) - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            year = (year * 10) + d;
        }

        if (year < 1900 || year > 2999)
        {
            return false;
        }

        if (text.Length == 4)
        {
            period = new Period(year, 0);
            return true;
        }

        int h = int.CreateTruncating(text[4]);
        int half = int.CreateTruncating(text[5]) - '0';
        if ((h != 'H' && h != 'h') || half is not (1 or 2))
        {
            return false;
        }

        period = new Period(year, half);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(Period other)
    {
        int byYear = Year.CompareTo(other.Year);
        return byYear != 0 ? byYear : Half.CompareTo(other.Half);
    }

    /// <summary>Orders periods in time.</summary>
    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    /// <summary>Orders periods in time.</summary>
    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    /// <summary>Orders periods in time.</summary>
    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    /// <summary>Orders periods in time.</summary>
    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    /// <summary>The label: <c>2014</c> or <c>2014H2</c>.</summary>
    public override string ToString() => IsHalfYear
        ? string.Create(CultureInfo.InvariantCulture, $"{Year}H{Half}")
        : Year.ToString(CultureInfo.InvariantCulture);

    private static void ValidateYear(int year)
    {
        if (year < 1900 || year > 2999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "A year is 1900-2999.");
        }
    }
}
