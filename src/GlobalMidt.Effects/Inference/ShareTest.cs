namespace GlobalMidt.Effects.Inference;

/// <summary>
/// The comparison of the participants' share with growth against the control group's share (one cell of Table 2),
/// made by the named tests <see cref="KnownShare(int, int, double, ShareTestOptions?)"/> (the default for Table 2)
/// and <see cref="TwoSample"/>.
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

    /// <summary>
    /// The known-share z test, the default for Table 2: <c>z = (p1 - p0) / sqrt(p0 (1 - p0) / n)</c> with
    /// <c>p1 = successes / n</c>, two-sided <c>p = 2 (1 - Φ(|z|))</c>. The control share is treated as known (a large,
    /// weighted control group), which is what reproduces the published p-values.
    /// </summary>
    /// <remarks>
    /// <para>R: <c>2 * pnorm(-abs(z))</c>; equally <c>prop.test(x, n, p = p0, correct = FALSE)$p.value</c>, whose
    /// chi-square statistic equals z². Stata: <c>prtesti n p1 p0</c> (one-sample form).</para>
    /// <para>The p-value is computed as <c>erfc(|z| / √2)</c>, so tiny p-values do not cancel to 0.</para>
    /// <para>Edge cases: a control share of exactly 0 or 1 has no null variance; the result is then defined as
    /// p = 1 (z = 0) when p1 equals p0, else p = 0 (z = ±infinity): the limit for a share that is truly known.
    /// (R's prop.test refuses such p.) The overload with <c>controlEffectiveN</c> uses the two-sample test instead
    /// in that case.</para>
    /// <para>The control interval is the single point [p0, p0] and the difference interval uses only the
    /// participants' variance; use the overload with <c>controlEffectiveN</c> for intervals that include the control
    /// group's sampling error (the test itself is unchanged).</para>
    /// </remarks>
    /// <param name="successes">Participants with growth, 0..n.</param>
    /// <param name="n">Participants, at least 1.</param>
    /// <param name="controlShare">The control group's (weighted) share p0 in [0, 1].</param>
    /// <param name="options">Interval level and method; null for <see cref="ShareTestOptions.Default"/>.</param>
    public static ShareTest KnownShare(int successes, int n, double controlShare, ShareTestOptions? options = null) =>
        KnownShareCore(successes, n, controlShare, null, options);

    /// <summary>
    /// The known-share z test (see <see cref="KnownShare(int, int, double, ShareTestOptions?)"/>), with the control
    /// group's effective size used for the control and difference intervals only.
    /// </summary>
    /// <remarks>
    /// <para>R: as the other overload; the intervals are <c>prop.test</c>'s with <c>n0 = controlEffectiveN</c>.</para>
    /// <para>When the control share is exactly 0 or 1 and the participants' share differs, the known-share test has
    /// no null variance and would give p = 0 however small the control group (one participant against one control
    /// that did not grow): the result is then <see cref="TwoSample"/> with <c>n0 = controlEffectiveN</c>
    /// (<see cref="ShareTest.Method"/> says so), which accounts for the control share's sampling error.</para>
    /// </remarks>
    /// <param name="successes">Participants with growth, 0..n.</param>
    /// <param name="n">Participants, at least 1.</param>
    /// <param name="controlShare">The control group's (weighted) share p0 in [0, 1].</param>
    /// <param name="controlEffectiveN">The control group's Kish effective size, greater than 0.</param>
    /// <param name="options">Interval level and method; null for <see cref="ShareTestOptions.Default"/>.</param>
    public static ShareTest KnownShare(
        int successes, int n, double controlShare, double controlEffectiveN, ShareTestOptions? options = null)
    {
        InferenceGuard.EffectiveSize(controlEffectiveN, nameof(controlEffectiveN));
        return KnownShareCore(successes, n, controlShare, controlEffectiveN, options);
    }

    /// <summary>
    /// Pooled two-sample z test: <c>z = (p1 - p0) / sqrt(p̄ (1 - p̄) (1/n1 + 1/n0))</c> with
    /// <c>p̄ = (x1 + p0 n0) / (n1 + n0)</c> and <c>n0</c> the control group's effective size (Kish
    /// <c>n_eff = (Σw)² / Σw²</c>).
    /// </summary>
    /// <remarks>
    /// <para>R: <c>prop.test(c(x1, x0), c(n1, n0), correct = FALSE)</c> with <c>x0 = p0 n0</c> (its chi-square equals
    /// z²; prop.test accepts non-integer counts). Stata: <c>prtesti n1 p1 n0 p0</c>.</para>
    /// <para>With a 1:1 control group (n0 = n1) this test does NOT reproduce the published p-values; with
    /// n0 = +infinity it equals <see cref="KnownShare(int, int, double, ShareTestOptions?)"/>.</para>
    /// <para>Edge case: when the pooled share is 0 or 1 (both shares 0, or both 1) the result is z = 0, p = 1
    /// (R returns NaN).</para>
    /// </remarks>
    /// <param name="successes1">Participants with growth, 0..n1.</param>
    /// <param name="n1">Participants, at least 1.</param>
    /// <param name="share0">The control group's (weighted) share in [0, 1].</param>
    /// <param name="effectiveN0">The control group's effective size, greater than 0 (may be +infinity).</param>
    /// <param name="options">Interval level and method; null for <see cref="ShareTestOptions.Default"/>.</param>
    public static ShareTest TwoSample(
        int successes1, int n1, double share0, double effectiveN0, ShareTestOptions? options = null)
    {
        InferenceGuard.CountAndSuccesses(successes1, n1, nameof(successes1), nameof(n1));
        InferenceGuard.Share(share0, nameof(share0));
        InferenceGuard.EffectiveSize(effectiveN0, nameof(effectiveN0));
        options ??= ShareTestOptions.Default;
        options.Validate();

        double p1 = (double)successes1 / n1;
        double d = p1 - share0;

        // p̄ = (n1 p1 + n0 p0) / (n1 + n0), written so that n0 = +infinity gives p̄ = p0.
        double pooled = share0 + (d * (n1 / (n1 + effectiveN0)));
        double variance = pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / effectiveN0));
        double z = variance > 0 ? d / Math.Sqrt(variance) : 0;
        double p = variance > 0 ? StandardNormal.TwoSidedPValue(z) : 1;
        return Build(successes1, n1, share0, effectiveN0, z, p, ShareTestMethod.TwoSample, options);
    }

    private static ShareTest KnownShareCore(
        int successes, int n, double controlShare, double? controlEffectiveN, ShareTestOptions? options)
    {
        InferenceGuard.CountAndSuccesses(successes, n, nameof(successes), nameof(n));
        InferenceGuard.Share(controlShare, nameof(controlShare));
        options ??= ShareTestOptions.Default;
        options.Validate();

        double p1 = (double)successes / n;
        double d = p1 - controlShare;
        double variance = controlShare * (1 - controlShare) / n;
        double z, p;
        if (variance > 0)
        {
            z = d / Math.Sqrt(variance);
            p = StandardNormal.TwoSidedPValue(z);
        }
        else if (d == 0)
        {
            (z, p) = (0, 1);
        }
        else if (controlEffectiveN is double n0)
        {
            // A control share of 0 or 1 from a finite control group: treating it as known would make any difference
            // "certain" (p = 0, e.g. one participant that grew against one control that did not). The share's own
            // sampling error is then all there is, so the test is the pooled two-sample test with the control
            // group's effective size (R: prop.test(c(x1, p0 n0), c(n1, n0), correct = FALSE)).
            return TwoSample(successes, n, controlShare, n0, options);
        }
        else
        {
            (z, p) = (d > 0 ? double.PositiveInfinity : double.NegativeInfinity, 0);
        }

        return Build(successes, n, controlShare, controlEffectiveN, z, p, ShareTestMethod.KnownShare, options);
    }

    private static ShareTest Build(
        int successes,
        int n,
        double share0,
        double? n0,
        double z,
        double p,
        ShareTestMethod method,
        ShareTestOptions options)
    {
        double level = options.Level;
        double crit = StandardNormal.TwoSidedCriticalValue(level);
        double p1 = (double)successes / n;
        double n0Value = n0 ?? double.PositiveInfinity;
        var participant = ShareIntervals.WilsonCore(p1, n, crit, level);
        var control = ShareIntervals.WilsonCore(share0, n0Value, crit, level);
        var difference = options.DifferenceInterval == DifferenceIntervalMethod.Newcombe
            ? ShareIntervals.NewcombeCore(p1, participant, share0, control, level)
            : ShareIntervals.WaldCore(p1, n, share0, n0Value, crit, level);
        return new ShareTest(
            p1, share0, p1 - share0, z, p, participant, control, difference, successes, n, n0, method,
            options.DifferenceInterval);
    }
}
