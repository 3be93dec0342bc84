using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Measurement;

/// <summary>Export or value added of one group (issue 8): growth shares and their test, the effect in mio. DKK and
/// its bootstrap interval, by the rules of docs/effect-chain.md.</summary>
/// <param name="Test">Growth shares of participants and controls and their test; null when no participant was matched.</param>
/// <param name="EffectMdkk">Added export (or value added) in mio. DKK as reported: the estimate where p &lt; alpha, else
/// 0; null when undefined.</param>
/// <param name="EstimateMdkk">The estimate in mio. DKK (<see cref="ChainEffects.Effect"/>); null when undefined.</param>
/// <param name="Interval">Bootstrap percentile interval of <see cref="EstimateMdkk"/> in mio. DKK; null when not computed.</param>
/// <param name="Rule">The rule that formed the counterfactual (ratio or difference).</param>
public sealed record ChainOutcomeEffect(ShareTest? Test, double? EffectMdkk, double? EstimateMdkk, Interval? Interval, ChainEffectRule Rule);
