namespace GlobalMidt.Effects.Matching;

/// <summary>When the requested covariate distance could not be used as such (degenerate data), what was used.</summary>
public enum DistanceFallback
{
    /// <summary>The requested distance was used.</summary>
    None,

    /// <summary>
    /// No pooled within-group covariance (or SD) could be estimated, because the rows taking part are one treated and
    /// one control row (no degrees of freedom) or no covariate varies within the treated or within the control rows
    /// (a zero covariance): the Euclidean distance on covariates standardized over all rows taking part (R's
    /// <c>scale()</c>) was used. The pairs are those of any distance (one control, or every control alike).
    /// </summary>
    StandardizedEuclidean,

    /// <summary>No covariate varies over the rows taking part: every distance is 0 and ties go by rank.</summary>
    ConstantCovariates,
}
