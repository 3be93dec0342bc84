using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Measurement;

/// <summary>A measured participant that found no control at any level.</summary>
/// <param name="FirmId">The firm id.</param>
/// <param name="Reason">Why the last level found none.</param>
public sealed record UnmatchedParticipant(string FirmId, UnmatchedReason Reason);
