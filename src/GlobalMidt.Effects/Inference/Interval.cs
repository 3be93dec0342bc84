using System.Globalization;

namespace GlobalMidt.Effects.Inference;

/// <summary>A two-sided confidence interval [<see cref="Low"/>, <see cref="High"/>] at confidence <see cref="Level"/>.</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
/// <param name="Level">Confidence level in (0, 1), e.g. 0.95.</param>
public readonly record struct Interval(double Low, double High, double Level) : IFormattable
{
    /// <summary>The width <c>High - Low</c>.</summary>
    public double Width => High - Low;

    /// <summary>True when <paramref name="value"/> lies in the closed interval.</summary>
    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>
    /// Invariant text in the style of Table 2, such as <c>95% CI [1,334; 4,312]</c> (jobs) or
    /// <c>95% CI [0.412; 0.532]</c> (a share): bounds with thousands separators and about three significant digits of
    /// the larger bound (<see cref="DefaultFormat"/>).
    /// </summary>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    /// <summary>
    /// The interval with each bound formatted by <paramref name="format"/> (a .NET numeric format such as <c>#,##0</c>
    /// or <c>N1</c>; null for <see cref="DefaultFormat"/>) in <paramref name="formatProvider"/> (null for the invariant
    /// culture), e.g. <c>$"{ci:N0}"</c> gives <c>95% CI [1,334; 4,312]</c>. The bounds are separated by <c>"; "</c>, which
    /// stays unambiguous with decimal commas.
    /// </summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var provider = formatProvider ?? CultureInfo.InvariantCulture;
        format ??= DefaultFormat(Low, High);
        string level = (Level * 100).ToString("0.##", provider);
        return $"{level}% CI [{Low.ToString(format, provider)}; {High.ToString(format, provider)}]";
    }

    /// <summary>
    /// The numeric format <see cref="ToString()"/> uses for bounds up to <paramref name="low"/> and
    /// <paramref name="high"/>: <c>#,##0</c> from 100 on (as Table 2's jobs and turnover), <c>#,##0.0</c> from 10,
    /// <c>0.00</c> from 1 and <c>0.000</c> below (shares).
    /// </summary>
    public static string DefaultFormat(double low, double high)
    {
        double m = Math.Max(Math.Abs(low), Math.Abs(high));
        return double.IsNaN(m) || m >= 100 ? "#,##0" : m >= 10 ? "#,##0.0" : m >= 1 ? "0.00" : "0.000";
    }
}
