using System.Globalization;

namespace GlobalMidt.Effects.Inference;

/// <summary>Confidence intervals for a share and for the difference of two shares.</summary>
public static class ShareIntervals
{
    /// <summary>Wilson score interval for <paramref name="successes"/> out of <paramref name="n"/>.</summary>
    /// <remarks>R: <c>prop.test(x, n, correct = FALSE)$conf.int</c> (the interval does not depend on <c>p</c>).</remarks>
    /// <param name="successes">Successes, 0..n.</param>
    /// <param name="n">Trials, at least 1.</param>
    /// <param name="level">Confidence level in (0, 1).</param>
    public static Interval Wilson(int successes, int n, double level = 0.95)
    {
        InferenceGuard.CountAndSuccesses(successes, n, nameof(successes), nameof(n));
        return WilsonCore((double)successes / n, n, StandardNormal.TwoSidedCriticalValue(level), level);
    }

    /// <summary>
    /// Wilson score interval for a (weighted) share with an effective sample size, e.g. a weighted control share
    /// with Kish's effective size (<see cref="WeightedShares.KishEffectiveSize(ReadOnlySpan{double})"/>).
    /// </summary>
    /// <remarks>
    /// The formula of R's <c>prop.test(x, n, correct = FALSE)$conf.int</c> with <c>x = share * effectiveN</c>,
    /// <c>n = effectiveN</c> (prop.test accepts non-integer counts). An infinite <paramref name="effectiveN"/> gives the
    /// single point [share, share].
    /// </remarks>
    /// <param name="share">The share in [0, 1].</param>
    /// <param name="effectiveN">Effective sample size, greater than 0 (may be +infinity).</param>
    /// <param name="level">Confidence level in (0, 1).</param>
    public static Interval WilsonForShare(double share, double effectiveN, double level = 0.95)
    {
        InferenceGuard.Share(share, nameof(share));
        InferenceGuard.EffectiveSize(effectiveN, nameof(effectiveN));
        return WilsonCore(share, effectiveN, StandardNormal.TwoSidedCriticalValue(level), level);
    }

    /// <summary>Wald interval for <c>share1 - share0</c>, clipped to [-1, 1].</summary>
    /// <remarks>
    /// R: <c>prop.test(c(x1, x0), c(n1, n0), correct = FALSE)$conf.int</c>. An infinite <paramref name="n0"/> treats
    /// the control share as known.
    /// </remarks>
    /// <param name="share1">Participants' share in [0, 1].</param>
    /// <param name="n1">Participants' (effective) size, greater than 0.</param>
    /// <param name="share0">Control share in [0, 1].</param>
    /// <param name="n0">Control (effective) size, greater than 0 (may be +infinity).</param>
    /// <param name="level">Confidence level in (0, 1).</param>
    public static Interval WaldDifference(double share1, double n1, double share0, double n0, double level = 0.95)
    {
        InferenceGuard.Share(share1, nameof(share1));
        InferenceGuard.EffectiveSize(n1, nameof(n1));
        InferenceGuard.Share(share0, nameof(share0));
        InferenceGuard.EffectiveSize(n0, nameof(n0));
        double z = StandardNormal.TwoSidedCriticalValue(level);
        return WaldCore(share1, n1, share0, n0, z, level);
    }

    /// <summary>Newcombe's hybrid score interval for <c>share1 - share0</c> (Newcombe 1998, method 10).</summary>
    /// <remarks>
    /// With Wilson intervals (l1, u1) and (l0, u0):
    /// <c>[d - sqrt((p1 - l1)² + (u0 - p0)²), d + sqrt((u1 - p1)² + (p0 - l0)²)]</c>.
    /// R: <c>DescTools::BinomDiffCI(x1, n1, x0, n0, method = "score")</c>.
    /// </remarks>
    /// <param name="share1">Participants' share in [0, 1].</param>
    /// <param name="n1">Participants' (effective) size, greater than 0.</param>
    /// <param name="share0">Control share in [0, 1].</param>
    /// <param name="n0">Control (effective) size, greater than 0 (may be +infinity).</param>
    /// <param name="level">Confidence level in (0, 1).</param>
    public static Interval NewcombeDifference(double share1, double n1, double share0, double n0, double level = 0.95)
    {
        InferenceGuard.Share(share1, nameof(share1));
        InferenceGuard.EffectiveSize(n1, nameof(n1));
        InferenceGuard.Share(share0, nameof(share0));
        InferenceGuard.EffectiveSize(n0, nameof(n0));
        double z = StandardNormal.TwoSidedCriticalValue(level);
        return NewcombeCore(
            share1, WilsonCore(share1, n1, z, level), share0, WilsonCore(share0, n0, z, level), level);
    }

    internal static Interval WilsonCore(double p, double n, double z, double level)
    {
        double z22n = z * z / (2 * n);
        double upper = p >= 1
            ? 1
            : (p + z22n + (z * Math.Sqrt((p * (1 - p) / n) + (z22n / (2 * n))))) / (1 + (2 * z22n));
        double lower = p <= 0
            ? 0
            : (p + z22n - (z * Math.Sqrt((p * (1 - p) / n) + (z22n / (2 * n))))) / (1 + (2 * z22n));
        return new Interval(Math.Max(lower, 0), Math.Min(upper, 1), level);
    }

    internal static Interval WaldCore(double p1, double n1, double p0, double n0, double z, double level)
    {
        double d = p1 - p0;
        double width = z * Math.Sqrt((p1 * (1 - p1) / n1) + (p0 * (1 - p0) / n0));
        return new Interval(Math.Max(d - width, -1), Math.Min(d + width, 1), level);
    }

    internal static Interval NewcombeCore(double p1, Interval w1, double p0, Interval w0, double level)
    {
        double d = p1 - p0;
        double a = p1 - w1.Low;
        double b = w0.High - p0;
        double c = w1.High - p1;
        double e = p0 - w0.Low;
        return new Interval(d - Math.Sqrt((a * a) + (b * b)), d + Math.Sqrt((c * c) + (e * e)), level);
    }
}

/// <summary>Argument checks shared by the inference functions (invariant messages stating the valid range).</summary>
internal static class InferenceGuard
{
    public static void CountAndSuccesses(int successes, int n, string successesName, string nName)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nName, n, "The number of firms must be at least 1.");
        }

        if (successes < 0 || successes > n)
        {
            throw new ArgumentOutOfRangeException(
                successesName,
                successes,
                string.Create(CultureInfo.InvariantCulture, $"The number of firms with growth must be between 0 and {nName} = {n}."));
        }
    }

    public static void Share(double share, string name)
    {
        if (double.IsNaN(share))
        {
            throw new ArgumentException("The share is NaN; expected a number in [0, 1].", name);
        }

        if (share < 0 || share > 1)
        {
            throw new ArgumentOutOfRangeException(name, share, "The share must be in [0, 1].");
        }
    }

    public static void EffectiveSize(double n, string name)
    {
        if (double.IsNaN(n))
        {
            throw new ArgumentException("The (effective) sample size is NaN; expected a number greater than 0.", name);
        }

        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(name, n, "The (effective) sample size must be greater than 0 (+infinity allowed).");
        }
    }
}
