namespace GlobalMidt.Effects.Estimation;

/// <summary>A published Table 3 figure (C, E or F) against its recomputation from the published inputs.</summary>
/// <param name="Figure">The column: <c>C</c>, <c>E</c> or <c>F</c>.</param>
/// <param name="Published">The printed figure; null when printed <c>-</c>.</param>
/// <param name="Recomputed">The figure computed from the printed inputs; null when undefined.</param>
/// <param name="RangeLow">
/// The smallest value of the figure when each input varies within its rounding interval (jobs and budget; the
/// firm count is exact); null when undefined.
/// </param>
/// <param name="RangeHigh">The largest such value; null when undefined.</param>
/// <param name="Agrees">
/// True when the figure could have been printed from inputs that round to the printed inputs: the range
/// [<see cref="RangeLow"/>, <see cref="RangeHigh"/>] meets the printed figure's rounding interval. Both undefined
/// (<c>-</c>) counts as agreement.
/// </param>
/// <param name="AgreesWithPlainRounding">
/// True when rounding <see cref="Recomputed"/> half away from zero gives the printed figure; null when either is
/// undefined.
/// </param>
public sealed record FigureCheck(
    string Figure,
    PrintedNumber? Published,
    double? Recomputed,
    double? RangeLow,
    double? RangeHigh,
    bool Agrees,
    bool? AgreesWithPlainRounding);
