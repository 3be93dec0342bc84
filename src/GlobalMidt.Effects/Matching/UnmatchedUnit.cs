namespace GlobalMidt.Effects.Matching;

/// <summary>A treated row without any control, and why.</summary>
/// <param name="Row">The treated row.</param>
/// <param name="Reason">Why no control was found.</param>
public readonly record struct UnmatchedUnit(int Row, UnmatchedReason Reason);
