namespace GlobalMidt.Effects.Diagnostics;

/// <summary>One covariate: statistics before and after matching and the threshold verdicts (after matching).</summary>
/// <param name="Covariate">Covariate name.</param>
/// <param name="Type">Binary or continuous.</param>
/// <param name="Before">All units, unit weights (cobalt's <c>.Un</c> columns).</param>
/// <param name="After">Matched sample, matching weights (cobalt's <c>.Adj</c> columns).</param>
/// <param name="SmdBalanced">|SMD after| &lt; <see cref="BalanceOptions.SmdThreshold"/> (cobalt's <c>M.Threshold</c>);
/// false when the SMD is NaN.</param>
/// <param name="VarianceRatioBalanced">max(VR, 1/VR) after &lt; <see cref="BalanceOptions.VarianceRatioThreshold"/>
/// (cobalt's <c>V.Threshold</c>); null for binary covariates or an undefined ratio.</param>
public sealed record BalanceRow(string Covariate, CovariateType Type, BalanceStatistics Before, BalanceStatistics After, bool SmdBalanced, bool? VarianceRatioBalanced);
