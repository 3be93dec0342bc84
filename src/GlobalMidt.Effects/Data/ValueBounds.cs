using System.Globalization;

namespace GlobalMidt.Effects.Data;

/// <summary>The values a number column may take: finite, from <see cref="Min"/> to <see cref="Max"/>.</summary>
/// <param name="What">What the number is, for messages (e.g. <c>a number of FTE years</c>).</param>
/// <param name="Name">The quantity with its unit, for messages (e.g. <c>turnover in 1,000 DKK</c>).</param>
/// <param name="Min">The smallest value accepted.</param>
/// <param name="Max">The largest value accepted.</param>
/// <remarks>The bounds keep every sum and ratio the measurement forms finite (1,000,000 firms at the maximum FTE
/// sum to 1e13) while leaving a wide margin above any real firm or programme; a value beyond them is a data error
/// (a unit mistake, a sentinel such as 9.99e307, a corrupted field), reported with file, line, column and firm.</remarks>
internal sealed record ValueRange(string What, string Name, double Min, double Max)
{
    /// <summary>True when <paramref name="value"/> is within the range (NaN never is).</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    /// <summary>The message for a value outside the range, or null when it is inside.</summary>
    public string? Problem(double value)
    {
        if (Contains(value))
        {
            return null;
        }

        if (!double.IsFinite(value))
        {
            return $"not a finite number: expected {What} (NaN and Infinity are not allowed)";
        }

        if (value < 0 && Min >= 0)
        {
            return $"negative: expected {What} (0 or more)";
        }

        return string.Create(CultureInfo.InvariantCulture, $"out of range: expected {Name} from {Min:#,##0} to {Max:#,##0}");
    }
}

/// <summary>The sane bounds of the numbers in the register and programme files (docs/data-contract.md,
/// "Number bounds"). Later number columns (export, value added) take theirs from here too.</summary>
internal static class ValueBounds
{
    /// <summary>FTE years of a firm in a period: 0 to 10,000,000 (the largest employers in the world have about
    /// 2.3 million).</summary>
    public static ValueRange Fte { get; } = new("a non-negative number of FTE years", "FTE years", 0, 1e7);

    /// <summary>Turnover of a firm in a period: 0 to 10,000,000,000 thousand DKK (10,000 bn DKK, more than twice
    /// the largest company revenue in the world).</summary>
    public static ValueRange TurnoverTdkk { get; } = new("a non-negative turnover in 1,000 DKK", "turnover in 1,000 DKK", 0, 1e10);

    /// <summary>Export of a firm in a period, as turnover: 0 to 10,000,000,000 thousand DKK.</summary>
    public static ValueRange ExportTdkk { get; } = new("a non-negative export in 1,000 DKK", "export in 1,000 DKK", 0, 1e10);

    /// <summary>Value added of a firm in a period (may be negative): -10,000,000,000 to 10,000,000,000 thousand DKK.</summary>
    public static ValueRange ValueAddedTdkk { get; } = new("a value added in 1,000 DKK", "value added in 1,000 DKK", -1e10, 1e10);

    /// <summary>The budget of a group: 0 to 1,000,000 mio. DKK (1,000 bn DKK, about the Danish state's yearly
    /// spending).</summary>
    public static ValueRange BudgetMdkk { get; } = new("a non-negative budget in millions of DKK", "a budget in mio. DKK", 0, 1e6);

    /// <summary>The private co-financing of a group, as the budget: 0 to 1,000,000 mio. DKK.</summary>
    public static ValueRange PrivateMdkk { get; } = new("a non-negative private co-financing in millions of DKK", "private co-financing in mio. DKK", 0, 1e6);
}
