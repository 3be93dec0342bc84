namespace GlobalMidt.Effects;

/// <summary>How mean differences of binary (0/1) covariates are reported.</summary>
public enum BinaryDifference
{
    /// <summary>Raw difference in proportions (cobalt's default <c>binary = "raw"</c>).</summary>
    Raw,

    /// <summary>
    /// Standardised by the SD of the unmatched treated group, computed as sqrt(p (1 - p)) (cobalt
    /// <c>binary = "std"</c>; MatchIt's <c>summary(standardize = TRUE)</c> does this for binary covariates).
    /// </summary>
    Standardized,
}
