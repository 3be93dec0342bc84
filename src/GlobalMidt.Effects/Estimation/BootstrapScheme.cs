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
    /// (exponential with mean 1, the Bayesian bootstrap's) shared by every participant that uses it; a participant's
    /// counterfactual is the weighted mean of its controls. The controls' variance then enters with the square of
    /// the number of times each is used, as in Abadie and Imbens's variance of matching with replacement.
    /// </summary>
    Controls,
}
