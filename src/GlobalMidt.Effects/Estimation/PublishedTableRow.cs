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

/// <summary>
/// One row of <c>published_tables.csv</c>: the published Tables 1-3 of one group (seed section 5).
/// </summary>
/// <param name="Group">The group (growth forum), e.g. <c>VF Midtjylland</c>.</param>
/// <param name="Reported">Table 1: reported participants.</param>
/// <param name="Measured">Table 1: participants in the measurement (n of Table 2, D of Table 3).</param>
/// <param name="EmploymentShareParticipants">Table 2 A: participants' share with employment growth.</param>
/// <param name="EmploymentShareControl">Table 2 B: control group's share with employment growth.</param>
/// <param name="EmploymentPValue">Table 2 C: p-value of the employment difference.</param>
/// <param name="JobsCreated">Table 2 D = Table 3 A: jobs created (FTE years).</param>
/// <param name="TurnoverShareParticipants">Table 2 E: participants' share with turnover growth.</param>
/// <param name="TurnoverShareControl">Table 2 F: control group's share with turnover growth.</param>
/// <param name="TurnoverPValue">Table 2 G: p-value of the turnover difference.</param>
/// <param name="AddedTurnoverMdkk">Table 2 H: added turnover (mio. DKK).</param>
/// <param name="BudgetMdkk">Table 3 B: budget (mio. DKK); null when printed <c>-</c>.</param>
/// <param name="CostPerJobTdkk">Table 3 C: cost per job (1,000 DKK); null when printed <c>-</c>.</param>
/// <param name="SpendPerFirmTdkk">Table 3 E: spend per firm (1,000 DKK); null when printed <c>-</c>.</param>
/// <param name="JobsPerFirm">Table 3 F: jobs per firm; null when printed <c>-</c>.</param>
/// <param name="Line">The row's line in the file (1-based).</param>
public sealed record PublishedTableRow(
    string Group,
    int Reported,
    int Measured,
    PrintedNumber EmploymentShareParticipants,
    PrintedNumber EmploymentShareControl,
    PrintedNumber EmploymentPValue,
    PrintedNumber JobsCreated,
    PrintedNumber TurnoverShareParticipants,
    PrintedNumber TurnoverShareControl,
    PrintedNumber TurnoverPValue,
    PrintedNumber AddedTurnoverMdkk,
    PrintedNumber? BudgetMdkk,
    PrintedNumber? CostPerJobTdkk,
    PrintedNumber? SpendPerFirmTdkk,
    PrintedNumber? JobsPerFirm,
    long Line);
