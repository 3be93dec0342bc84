using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The measurement of every period after the project end (<see cref="MeasurementOptions.Series"/>).</summary>
/// <param name="ProjectEnd">The project end (<see cref="MeasurementOptions.ProjectEnd"/>, or the latest participant
/// end).</param>
/// <param name="Periods">The measured periods, first after the project end to the last.</param>
/// <param name="Rows">Per period (in order), one row per group, the cross-cutting row first.</param>
public sealed record SeriesResult(Period ProjectEnd, IReadOnlyList<Period> Periods, IReadOnlyList<SeriesRow> Rows)
{
    /// <summary>The band summary: per group, the last period of each band present ("0-2": 2 years after, "2-5":
    /// 5 years after, "5+": the latest), in the order of <see cref="Rows"/>.</summary>
    public IReadOnlyList<SeriesRow> BandEnds() =>
        Rows.GroupBy(r => (r.Result.Group, r.Band)).Select(g => g.Last()).ToList();
}
