namespace GlobalMidt.Effects.Diagnostics;

/// <summary>Whether a covariate is binary (all values 0 or 1) or continuous; cobalt's <c>Type</c> column.</summary>
public enum CovariateType
{
    /// <summary>Any other numeric covariate.</summary>
    Continuous,

    /// <summary>Every value is 0 or 1 (MatchIt's rule; cobalt calls any two-valued variable binary).</summary>
    Binary,
}
