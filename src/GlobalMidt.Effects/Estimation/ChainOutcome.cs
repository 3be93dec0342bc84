using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Estimation;

/// <summary>One chain outcome (export or value added) of a matched sample: the sums, the share test and the effect.</summary>
/// <param name="Statistics">The sums over the matched participants.</param>
/// <param name="Test">The project's share test of the growth shares; null without participants.</param>
/// <param name="Effect">The effect in 1,000 DKK and its rule (<see cref="ChainEffects.Effect"/>).</param>
internal sealed record ChainOutcome(GrowthStatistics Statistics, ShareTest? Test, ChainEffect Effect)
{
    /// <summary>The effect in mio. DKK where the test's p-value is below <paramref name="alpha"/>, else 0; null
    /// without participants.</summary>
    /// <param name="alpha">Significance level.</param>
    public double? ReportedMdkk(double alpha) => Test is null ? null : ChainEffects.Reported(Effect.Mdkk, Test.PValue, alpha);
}
