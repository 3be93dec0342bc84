namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// Sums over the matched participants of one outcome, and what follows from them (docs/method.md steps 7-8).
/// </summary>
/// <param name="N">Matched participants.</param>
/// <param name="Growing">Participants with strictly higher value at measurement than at baseline.</param>
/// <param name="ControlGrowingWeighted">Sum over participants of the share of their controls that grew (= the
/// 1/k-weighted count of growing controls).</param>
/// <param name="ParticipantsBaseline">Sum of the participants' baseline values.</param>
/// <param name="ParticipantsMeasurement">Sum of the participants' measurement values.</param>
/// <param name="ControlsBaseline">Weighted sum of the controls' baseline values (weight 1/k per use).</param>
/// <param name="ControlsMeasurement">Weighted sum of the controls' measurement values.</param>
/// <param name="PairwiseEffect">sum over participants of Y1 - Y0 x (growth factor of its own controls): each
/// participant's counterfactual grows like its own matched controls (<see cref="MatchedOutcomes.Counterfactual"/>).</param>
internal readonly record struct GrowthStatistics(
    int N,
    double Growing,
    double ControlGrowingWeighted,
    double ParticipantsBaseline,
    double ParticipantsMeasurement,
    double ControlsBaseline,
    double ControlsMeasurement,
    double PairwiseEffect)
{
    /// <summary>Share of participants that grew.</summary>
    public double ParticipantShare => N == 0 ? double.NaN : Growing / N;

    /// <summary>Weighted share of controls that grew (each participant's controls weigh 1 in all).</summary>
    public double ControlShare => N == 0 ? double.NaN : ControlGrowingWeighted / N;

    /// <summary>
    /// The controls' growth rate G_C = sum(w Y_t1) / sum(w Y_t0) - 1; NaN when the controls' baseline sum is 0.
    /// </summary>
    public double ControlGrowthRate => ControlsBaseline > 0 ? (ControlsMeasurement / ControlsBaseline) - 1.0 : double.NaN;

    /// <summary>
    /// The effect: sum(Y_t1) - sum(Y_t0) x (1 + G_C) over the participants (jobs created in FTE years, or added
    /// turnover in the outcome's unit). NaN when <see cref="ControlGrowthRate"/> is undefined.
    /// </summary>
    public double Effect => ParticipantsMeasurement - (ParticipantsBaseline * (1.0 + ControlGrowthRate));

    /// <summary>The effect by the chosen estimator.</summary>
    public double EffectBy(EffectEstimator estimator) => estimator == EffectEstimator.Pairwise ? PairwiseEffect : Effect;
}
