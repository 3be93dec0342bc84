using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// The range of two-sided p-values consistent with printed shares: the participants' share p1 = x/n for every
/// integer x with x/n within the printed share's rounding interval, the control share p0 anywhere in its rounding
/// interval (both intervals closed).
/// </summary>
/// <param name="Method">The test: <see cref="ShareTestMethod.KnownShare"/> or <see cref="ShareTestMethod.TwoSample"/>.</param>
/// <param name="N">Participants (the published "measured" count).</param>
/// <param name="ControlSize">The control size of the two-sample test (n for 1:1); null for the known-share test.</param>
/// <param name="ParticipantShare">The printed participants' share.</param>
/// <param name="ControlShare">The printed control share.</param>
/// <param name="MinSuccesses">Smallest x with x/n rounding to the printed share; null when there is none.</param>
/// <param name="MaxSuccesses">Largest such x; null when there is none.</param>
/// <param name="Low">Smallest p-value over the rounding box; null when no x fits.</param>
/// <param name="High">Largest p-value over the rounding box; null when no x fits.</param>
public sealed record PValueRange(
    ShareTestMethod Method,
    int N,
    double? ControlSize,
    PrintedNumber ParticipantShare,
    PrintedNumber ControlShare,
    int? MinSuccesses,
    int? MaxSuccesses,
    double? Low,
    double? High)
{
    /// <summary>
    /// True when some p-value in [<see cref="Low"/>, <see cref="High"/>] rounds to the printed p-value, i.e. the range
    /// meets [printed - half unit, printed + half unit].
    /// </summary>
    /// <param name="printed">The published p-value as printed (e.g. 0.28 with 2 decimals).</param>
    public bool IsConsistentWith(PrintedNumber printed) =>
        Low is double lo && High is double hi && hi >= printed.Low - 1e-12 && lo <= printed.High + 1e-12;
}
