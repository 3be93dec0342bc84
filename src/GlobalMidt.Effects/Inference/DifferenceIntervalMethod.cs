namespace GlobalMidt.Effects.Inference;

/// <summary>How the confidence interval of the share difference is computed.</summary>
public enum DifferenceIntervalMethod
{
    /// <summary>
    /// Wald: <c>d ± z sqrt(p1 (1 - p1) / n1 + p0 (1 - p0) / n0)</c>, clipped to [-1, 1]
    /// (R: <c>prop.test(c(x1, x0), c(n1, n0), correct = FALSE)$conf.int</c>).
    /// </summary>
    Wald,

    /// <summary>
    /// Newcombe's hybrid score interval (Newcombe 1998, method 10) built from the two Wilson intervals
    /// (R: <c>DescTools::BinomDiffCI(method = "score")</c>).
    /// </summary>
    Newcombe,
}
