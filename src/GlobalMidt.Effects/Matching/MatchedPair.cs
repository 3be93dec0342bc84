namespace GlobalMidt.Effects.Matching;

/// <summary>One match: treated row, control row (indices into <see cref="MatchingData"/>), slot 1..ratio, distance.</summary>
/// <param name="Treated">Row of the treated unit.</param>
/// <param name="Control">Row of the control.</param>
/// <param name="Slot">1-based position among the treated unit's controls (MatchIt's match.matrix column).</param>
/// <param name="Distance">Distance between the two.</param>
public readonly record struct MatchedPair(int Treated, int Control, int Slot, double Distance);
