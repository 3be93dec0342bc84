namespace GlobalMidt.Effects.Diagnostics;

/// <summary>Balance statistics of one covariate in one sample (before or after matching).</summary>
/// <param name="TreatedMean">(Weighted) mean of the treated.</param>
/// <param name="ControlMean">(Weighted) mean of the controls.</param>
/// <param name="Smd">
/// Treated minus control mean, divided by the SD of the treated in the unmatched sample (cobalt's <c>Diff</c> with
/// <c>s.d.denom = "treated"</c>); for binary covariates the raw difference in proportions unless
/// <see cref="BalanceOptions.Binary"/> says otherwise. NaN when the treated SD is undefined (one treated unit).
/// </param>
/// <param name="VarianceRatio">
/// Weighted treated variance over weighted control variance (cobalt's <c>V.Ratio</c>, <c>col_w_vr</c>); NaN for
/// binary covariates and when a group has fewer than two units with positive weight.
/// </param>
/// <param name="EcdfMean">Mean over the distinct values of the covariate of |F1 - F0|, the weighted eCDFs (MatchIt's
/// <c>eCDF Mean</c>); |difference in proportions| for binary covariates.</param>
/// <param name="EcdfMax">Maximum of |F1 - F0|: the Kolmogorov-Smirnov statistic (cobalt's <c>KS</c>, MatchIt's
/// <c>eCDF Max</c>); |difference in proportions| for binary covariates.</param>
public readonly record struct BalanceStatistics(double TreatedMean, double ControlMean, double Smd, double VarianceRatio, double EcdfMean, double EcdfMax);
