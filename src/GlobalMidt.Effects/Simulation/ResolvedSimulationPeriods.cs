using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Simulation;

/// <summary>The period grid of a simulation: the periods and the positions of history start, baseline, measurement.</summary>
/// <param name="Periods">The register periods, ascending (yearly snapshots).</param>
/// <param name="HistoryIndex">Index of the history start in <paramref name="Periods"/>.</param>
/// <param name="BaselineIndex">Index of the baseline.</param>
/// <param name="MeasurementIndex">Index of the measurement period.</param>
public sealed record ResolvedSimulationPeriods(
    IReadOnlyList<Period> Periods,
    int HistoryIndex,
    int BaselineIndex,
    int MeasurementIndex);
