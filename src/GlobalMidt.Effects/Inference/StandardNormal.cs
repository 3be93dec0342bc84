using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace GlobalMidt.Effects.Inference;

/// <summary>Standard normal tail probabilities and quantiles, accurate far in the tails.</summary>
internal static class StandardNormal
{
    /// <summary>
    /// Two-sided p-value <c>2 (1 - Φ(|z|))</c>, computed as <c>erfc(|z| / √2)</c> so that tiny p-values keep their
    /// relative accuracy instead of cancelling to 0 (for |z| up to about 38; beyond that the p-value underflows).
    /// </summary>
    /// <remarks>R: <c>2 * pnorm(-abs(z))</c>. Returns 0 for infinite z; throws for NaN.</remarks>
    /// <param name="z">The z statistic.</param>
    public static double TwoSidedPValue(double z)
    {
        if (double.IsNaN(z))
        {
            throw new ArgumentException("The z statistic is NaN.", nameof(z));
        }

        return SpecialFunctions.Erfc(Math.Abs(z) / Constants.Sqrt2);
    }

    /// <summary>The two-sided critical value <c>Φ⁻¹((1 + level) / 2)</c>, e.g. 1.959964 for 0.95.</summary>
    /// <remarks>R: <c>qnorm((1 + level) / 2)</c>.</remarks>
    /// <param name="level">Confidence level in (0, 1).</param>
    public static double TwoSidedCriticalValue(double level)
    {
        if (double.IsNaN(level) || level <= 0 || level >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be in (0, 1), e.g. 0.95.");
        }

        return Normal.InvCDF(0, 1, (1 + level) / 2);
    }
}
