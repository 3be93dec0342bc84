using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The effect on one outcome (employment or turnover) of one group: Table 2's columns and the effect.</summary>
/// <param name="Test">Growth shares of participants and controls and their test; null when no participant was matched.</param>
/// <param name="Effect">The effect as published: the estimate when the share difference is significant (p &lt; alpha), else 0; null when undefined.</param>
/// <param name="Estimate">The raw estimate sum(Y1) - sum(Y0)(1 + G_C); null when undefined.</param>
/// <param name="Interval">Bootstrap percentile interval of <see cref="Estimate"/>; null when not computed.</param>
/// <param name="ControlGrowthRate">G_C, the weighted controls' growth rate; NaN when undefined.</param>
/// <param name="ParticipantsBaseline">Sum of the participants' baseline values.</param>
/// <param name="ParticipantsMeasurement">Sum of the participants' measurement values.</param>
public sealed record OutcomeEffect(
    ShareTest? Test,
    double? Effect,
    double? Estimate,
    Interval? Interval,
    double ControlGrowthRate,
    double ParticipantsBaseline,
    double ParticipantsMeasurement)
{
    /// <summary>Share of all control-pool firms (unmatched, unweighted) that grew: the naive comparison.</summary>
    public double NaiveControlShare { get; init; } = double.NaN;

    /// <summary>The effect estimated against the whole control pool without matching (same formula, G_C of the pool); shows what matching corrects.</summary>
    public double? NaiveEstimate { get; init; }
}
