using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// New exporters (issue 8): among matched participants without export at baseline, the share exporting at the
/// measurement against the weighted share of their controls that also had no export at baseline.
/// </summary>
/// <param name="Participants">Matched participants without export at baseline with a value at the measurement (n),
/// including the <see cref="ImputedParticipants"/>; 0 when none of them has a control without export at
/// baseline.</param>
/// <param name="Exporting">Of these, participants with export &gt; 0 at the measurement.</param>
/// <param name="ControlShare">Weighted share of their controls exporting at the measurement (each participant's
/// non-exporting controls weigh 1 in all, 1/k' each), averaged over the participants that have such controls.</param>
/// <param name="ControlEffectiveN">Kish effective size of the controls (weights summed per distinct control).</param>
/// <param name="ImputedParticipants">Of <see cref="Participants"/>, those all of whose controls exported at baseline:
/// they count in n with <see cref="ControlShare"/> (the share of the others' controls) as their counterfactual.</param>
/// <param name="Test">The share test of the participants' share against <see cref="ControlShare"/>; null when
/// <see cref="Participants"/> is 0.</param>
public sealed record NewExportersResult(
    int Participants,
    int Exporting,
    double ControlShare,
    double ControlEffectiveN,
    int ImputedParticipants,
    ShareTest? Test)
{
    /// <summary>Share of the participants exporting at the measurement; NaN when there are none.</summary>
    public double ParticipantShare => Participants == 0 ? double.NaN : (double)Exporting / Participants;

    /// <summary>Additional exporting firms: n x (participant share - control share); NaN when there are no
    /// participants.</summary>
    public double AdditionalExportersEstimate => Participants == 0 ? double.NaN : Participants * (ParticipantShare - ControlShare);

    /// <summary>The reported figure: <see cref="AdditionalExportersEstimate"/> where the test's p-value is below
    /// <paramref name="alpha"/>, else 0; null when there are no participants.</summary>
    /// <param name="alpha">Significance level, e.g. 0.05.</param>
    public double? AdditionalExporters(double alpha) =>
        Test is null ? null : ChainEffects.Reported(AdditionalExportersEstimate, Test.PValue, alpha);
}
