namespace GlobalMidt.Effects.Estimation;

/// <summary>What a bootstrap replicate of the effect intervals resamples (docs/accuracy.md, "Bootstrap of the
/// controls").</summary>
public enum BootstrapScheme
{
    /// <summary>
    /// The matched participants with replacement, each with its own controls (the block bootstrap of matched sets,
    /// Austin and Small 2014; the default). A control used by several participants is drawn with each of them as if
    /// it were a different firm, so with matching with replacement the intervals leave out part of the controls'
    /// variance (Abadie and Imbens 2008).
    /// </summary>
    MatchedSets,

    /// <summary>
    /// The matched participants with replacement and, in the same replicate, every distinct control a random weight
    /// of mean 1, shared by every participant that uses it; a participant's counterfactual is the weighted mean of its
    /// controls. The weight's variance is what the matched sets leave out of the control's variance (none for a
    /// control used once, nearly 1 for one used by many), so that each control's variance enters with the square of
    /// the number of times it is used, as in Abadie and Imbens's variance of matching with replacement.
    /// </summary>
    Controls,
}
