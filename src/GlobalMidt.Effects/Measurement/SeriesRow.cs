using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Measurement;

/// <summary>One group's measurement of one period after the project end (a row of the event-time table).</summary>
/// <param name="Period">The measurement period.</param>
/// <param name="YearsAfter">Years from the project end to <paramref name="Period"/> (half-years / 2 for half-year
/// registers; 2020H1 after a project end of 2019H2 is 0.5).</param>
/// <param name="Band">The horizon band of <paramref name="YearsAfter"/> (<see cref="SeriesBands.Of"/>).</param>
/// <param name="Result">The group's full measurement of this period (Table 1, Table 2, effects, chain outcomes;
/// <see cref="GroupResult.Balance"/> only in the latest period).</param>
public sealed record SeriesRow(Period Period, double YearsAfter, string Band, GroupResult Result);
