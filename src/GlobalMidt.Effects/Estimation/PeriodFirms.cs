using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Estimation;

/// <summary>One activity's firm counts in one period (half-year or year) of the project.</summary>
/// <param name="Period">The period.</param>
/// <param name="Starting">Firms whose first start in the activity is this period (a firm that comes back for a
/// second course counts once, in its first period).</param>
/// <param name="Active">Firms with a participation in the activity running in this period (start &lt;= period &lt;=
/// end).</param>
/// <param name="Cumulative">Distinct firms started in the activity up to and including this period (the running sum
/// of <paramref name="Starting"/>).</param>
public readonly record struct PeriodFirms(Period Period, int Starting, int Active, int Cumulative);
