using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// The size-weighted regression bias adjustment of <see cref="MeasurementMethod.Trajectory"/> (issue 12): as
/// <see cref="BiasAdjustment"/> (the controls' log growth regressed on the matching covariates over the pool, a
/// control's measurement value scaled by exp(b'(x_participant − x_control))), but the regression is weighted by
/// each pool firm's baseline value of the outcome. The effect formula sums levels, so its bias is that of the
/// baseline-weighted growth, which the large firms decide; an unweighted fit is dominated by the many small firms.
/// </summary>
internal static class RobustEffects
{
    /// <summary>Per control entry of <paramref name="matches"/>, the factor on its measurement value.</summary>
    public static double[] WeightedAdjustment(double[] baseline, double[] measurement, int[] pool, FirmCovariates cov, IReadOnlyList<FirmCovariate> covariates, MatchedSample matches) =>
        BiasAdjustment.Factors(baseline, measurement, pool, cov, covariates, matches, weighted: true);
}
