using System.Globalization;

namespace GlobalMidt.Effects;

/// <summary>Options of <see cref="Balance.Compute(IReadOnlyList{string}, double[][], bool[], ReadOnlySpan{double}, BalanceOptions?)"/>.</summary>
/// <remarks>The defaults are cobalt's conventions: <c>bal.tab(..., binary = "raw", thresholds = c(m = .1, v = 2))</c>.</remarks>
public sealed record BalanceOptions
{
    /// <summary>The default options.</summary>
    public static BalanceOptions Default { get; } = new();

    /// <summary>
    /// A covariate is balanced on means when |SMD| is strictly below this (cobalt's <c>thresholds = c(m = .1)</c>).
    /// Default 0.1; must be positive.
    /// </summary>
    public double SmdThreshold { get; init; } = 0.1;

    /// <summary>
    /// A continuous covariate is balanced on variances when max(VR, 1/VR) is strictly below this, i.e. the variance
    /// ratio lies in (1/threshold, threshold) (cobalt's <c>thresholds = c(v = 2)</c>). Default 2; must exceed 1.
    /// </summary>
    public double VarianceRatioThreshold { get; init; } = 2.0;

    /// <summary>How binary covariates' mean differences are reported. Default <see cref="BinaryDifference.Raw"/>.</summary>
    public BinaryDifference Binary { get; init; } = BinaryDifference.Raw;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!double.IsFinite(SmdThreshold) || SmdThreshold <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SmdThreshold), SmdThreshold, string.Create(CultureInfo.InvariantCulture, $"{nameof(BalanceOptions)}.{nameof(SmdThreshold)} must be a positive number such as 0.1 (got {SmdThreshold})."));
        }

        if (!double.IsFinite(VarianceRatioThreshold) || VarianceRatioThreshold <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(VarianceRatioThreshold), VarianceRatioThreshold, string.Create(CultureInfo.InvariantCulture, $"{nameof(BalanceOptions)}.{nameof(VarianceRatioThreshold)} must be a number above 1 such as 2 (got {VarianceRatioThreshold})."));
        }

        if (!Enum.IsDefined(Binary))
        {
            throw new ArgumentOutOfRangeException(nameof(Binary), Binary, $"{nameof(BalanceOptions)}.{nameof(Binary)} must be Raw or Standardized.");
        }
    }
}
