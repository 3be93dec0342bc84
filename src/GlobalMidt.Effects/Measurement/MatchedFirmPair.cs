namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// One matched pair of a group: a participant, one of its controls, the matching level that found it, the distance
/// and the two weights (MatchIt's <c>get_matches()</c> and <c>match.data()</c> conventions).
/// </summary>
/// <param name="ParticipantId">Firm id of the participant (the treated unit).</param>
/// <param name="ControlId">Firm id of the control.</param>
/// <param name="Slot">1-based rank of the control among the participant's controls, nearest first (MatchIt's
/// <c>match.matrix</c> column).</param>
/// <param name="Level">The exact-matching level at which the participant was matched (finest first).</param>
/// <param name="LevelIndex">0-based index of <paramref name="Level"/> in the options' levels.</param>
/// <param name="Distance">Distance of the control from the participant (in the metric of the options, computed on
/// the level's rows).</param>
/// <param name="PairWeight">The pair's weight 1/k, k = the number of controls of this participant: the control row's
/// weight in MatchIt's <c>get_matches()</c>. Summed over a group's pairs it gives the weighted control sample of
/// Table 2: <c>G_C = Σ PairWeight·Y1(control) / Σ PairWeight·Y0(control) - 1</c> and control share
/// <c>= Σ PairWeight·grew(control) / participants</c>.</param>
/// <param name="ControlWeight">The control firm's weight in the group's weighted control sample: the sum of its
/// <paramref name="PairWeight"/>s over every participant it serves, rescaled so a group's control weights sum to its
/// number of distinct controls (MatchIt's <c>match.data()</c> weight, the <c>weight</c> of <c>match</c>'s pairs file).
/// The same on every pair of the control: use it once per distinct control (<see cref="MatchedSample.Firms"/>), not per
/// pair.</param>
public sealed record MatchedFirmPair(
    string ParticipantId,
    string ControlId,
    int Slot,
    MatchingLevel Level,
    int LevelIndex,
    double Distance,
    double PairWeight,
    double ControlWeight);
