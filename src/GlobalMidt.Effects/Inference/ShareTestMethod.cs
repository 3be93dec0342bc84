namespace GlobalMidt.Effects.Inference;

/// <summary>Which test produced a <see cref="ShareTest"/>.</summary>
public enum ShareTestMethod
{
    /// <summary>
    /// One-sample z test against a known control share: <c>z = (p1 - p0) / sqrt(p0 (1 - p0) / n)</c>
    /// (R: <c>prop.test(x, n, p = p0, correct = FALSE)</c>). The default for Table 2.
    /// </summary>
    KnownShare,

    /// <summary>
    /// Pooled two-sample z test with the control group's (effective) size
    /// (R: <c>prop.test(c(x1, x0), c(n1, n0), correct = FALSE)</c>).
    /// </summary>
    TwoSample,
}
