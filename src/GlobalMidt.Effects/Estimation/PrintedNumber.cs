using System.Globalization;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// A number as printed in a publication: its value and how many decimals were printed, so that the interval of true
/// values that round to it is known (<see cref="Low"/>, <see cref="High"/>).
/// </summary>
/// <param name="Value">The printed value.</param>
/// <param name="Decimals">Decimals printed (0 for an integer such as <c>2849</c>, 2 for <c>0.40</c>).</param>
public readonly record struct PrintedNumber(double Value, int Decimals)
{
    /// <summary>Half a unit of the last printed digit (0.5 for integers, 0.005 for two decimals).</summary>
    public double HalfUnit => 0.5 * Math.Pow(10, -Decimals);

    /// <summary>The lowest true value that rounds to <see cref="Value"/>.</summary>
    public double Low => Value - HalfUnit;

    /// <summary>The highest true value that rounds to <see cref="Value"/> (inclusive: the rounding rule at exact halves is unknown).</summary>
    public double High => Value + HalfUnit;

    /// <summary>
    /// True when <paramref name="x"/> rounded half away from zero to <see cref="Decimals"/> decimals gives
    /// <see cref="Value"/> (plain rounding).
    /// </summary>
    public bool IsRoundingOf(double x) =>
        double.IsFinite(x) && Math.Abs(Math.Round(x, Math.Min(Decimals, 15), MidpointRounding.AwayFromZero) - Value) <= HalfUnit * 1e-6;

    /// <summary>The value with its printed decimals, invariant culture (e.g. <c>0.40</c>).</summary>
    public override string ToString() => Value.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
