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

/// <summary>Options of the share tests, validated in one place (<see cref="Validate"/>).</summary>
public sealed record ShareTestOptions
{
    /// <summary>The default options: 95 % intervals, Wald interval for the difference.</summary>
    public static ShareTestOptions Default { get; } = new();

    /// <summary>Confidence level of the intervals, in (0, 1). Default 0.95.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>Interval for the share difference. Default <see cref="DifferenceIntervalMethod.Wald"/>.</summary>
    public DifferenceIntervalMethod DifferenceInterval { get; init; } = DifferenceIntervalMethod.Wald;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when an option is out of range.</summary>
    public void Validate()
    {
        if (double.IsNaN(Level) || Level <= 0 || Level >= 1)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"ShareTestOptions.Level must be in (0, 1), e.g. 0.95 (got {Level})."),
                nameof(Level));
        }

        if (!Enum.IsDefined(DifferenceInterval))
        {
            throw new ArgumentException(
                FormattableString.Invariant($"ShareTestOptions.DifferenceInterval has the undefined value {(int)DifferenceInterval}."),
                nameof(DifferenceInterval));
        }
    }
}

/// <summary>
/// The comparison of the participants' share with growth against the control group's share (one cell of Table 2).
/// </summary>
/// <param name="ParticipantShare">p1 = successes / n.</param>
/// <param name="ControlShare">p0, the (weighted) control share.</param>
/// <param name="Difference">p1 - p0.</param>
/// <param name="Statistic">
/// The z statistic (signed like the difference). ±infinity when the null variance is 0 and the shares differ
/// (control share 0 or 1 in the known-share test).
/// </param>
/// <param name="PValue">Two-sided p-value <c>2 (1 - Φ(|z|))</c>, computed as <c>erfc(|z| / √2)</c>.</param>
/// <param name="ParticipantInterval">Wilson score interval of p1.</param>
/// <param name="ControlInterval">
/// Wilson score interval of p0 with the control group's effective size; the single point [p0, p0] when that size is
/// not given (the share treated as known).
/// </param>
/// <param name="DifferenceInterval">Interval of p1 - p0 (<see cref="DifferenceMethod"/>).</param>
/// <param name="Successes">Participants with growth.</param>
/// <param name="N">Participants.</param>
/// <param name="ControlEffectiveN">
/// The control group's effective size (Kish), or null when the control share is treated as known without a size.
/// </param>
/// <param name="Method">The test.</param>
/// <param name="DifferenceMethod">The interval method of <see cref="DifferenceInterval"/>.</param>
public sealed record ShareTest(
    double ParticipantShare,
    double ControlShare,
    double Difference,
    double Statistic,
    double PValue,
    Interval ParticipantInterval,
    Interval ControlInterval,
    Interval DifferenceInterval,
    int Successes,
    int N,
    double? ControlEffectiveN,
    ShareTestMethod Method,
    DifferenceIntervalMethod DifferenceMethod)
{
    /// <summary>True when <see cref="PValue"/> is below <paramref name="alpha"/> (default 0.05).</summary>
    public bool IsSignificant(double alpha = 0.05) => PValue < alpha;
}
