namespace GlobalMidt.Effects.Estimation;

/// <summary>How the participants' counterfactual level at measurement is estimated from their controls.</summary>
public enum EffectEstimator
{
    /// <summary>
    /// docs/method.md step 8 (the published method): all participants grow like the weighted control group as a whole,
    /// effect = sum(Y1) - sum(Y0)(1 + G_C).
    /// </summary>
    Aggregate,

    /// <summary>
    /// Each participant grows like its own matched controls: effect = sum over participants of Y1 - Y0 x sum(Y1 of its
    /// controls) / sum(Y0 of its controls) (additive growth when the controls' baseline sum is 0).
    /// </summary>
    Pairwise,
}
