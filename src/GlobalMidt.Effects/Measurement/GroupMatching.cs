namespace GlobalMidt.Effects.Measurement;

/// <summary>Where the groups' participants get their controls (<see cref="MeasurementOptions.GroupMatching"/>,
/// docs/method.md, "One matching for every row").</summary>
public enum GroupMatching
{
    /// <summary>
    /// The default: every group takes its participants' controls from the cross-cutting set's matching, so a firm has
    /// the same controls in every row it is counted in, and each level's covariance (Mahalanobis) or pooled SDs
    /// (scaled Euclidean) and the trajectory terms' SDs are estimated once, over all participants and their candidate
    /// controls. It applies to the covariate distances with replacement, where one participant's controls do not
    /// depend on the others' except through those estimates. Without replacement (participants compete for controls)
    /// and with the propensity score (a model fitted on the group's rows) every group is matched on its own, as
    /// <see cref="PerGroup"/>; the report's settings say which was used.
    /// </summary>
    Shared,

    /// <summary>
    /// Each group matched on its own, as one MatchIt call per group: the covariance estimated over the group's
    /// participants and their candidate controls. The only behaviour before 2026-11-30.
    /// </summary>
    PerGroup,
}
