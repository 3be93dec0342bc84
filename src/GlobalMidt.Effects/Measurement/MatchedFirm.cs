namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// One firm of a group's matched sample, as MatchIt's <c>match.data()</c> gives it: every matched participant once
/// with weight 1 and every distinct control once with its matching weight, together with the outcome values of the
/// measurement (so Table 2's shares and G_C can be recomputed from this view alone).
/// </summary>
/// <param name="FirmId">The firm id.</param>
/// <param name="IsParticipant">True for a matched participant (treated), false for a control.</param>
/// <param name="Weight">1 for a participant; for a control its <see cref="MatchedFirmPair.ControlWeight"/>
/// (sum of 1/k over its uses, rescaled so the group's control weights sum to the number of distinct controls).</param>
/// <param name="Uses">For a participant the number of its controls (k); for a control the number of participants it
/// serves.</param>
/// <param name="FteBaseline">FTEs at baseline.</param>
/// <param name="FteMeasurement">FTEs at measurement.</param>
/// <param name="TurnoverBaseline">Turnover at baseline (1,000 DKK).</param>
/// <param name="TurnoverMeasurement">Turnover at measurement (1,000 DKK).</param>
public sealed record MatchedFirm(
    string FirmId,
    bool IsParticipant,
    double Weight,
    int Uses,
    double FteBaseline,
    double FteMeasurement,
    double TurnoverBaseline,
    double TurnoverMeasurement);
