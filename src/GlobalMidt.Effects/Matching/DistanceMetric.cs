namespace GlobalMidt.Effects;

/// <summary>The distance between units.</summary>
public enum DistanceMetric
{
    /// <summary>Absolute difference in propensity score from a logistic regression (MatchIt <c>distance = "glm"</c>).</summary>
    Glm,

    /// <summary>Mahalanobis distance with the pooled within-group covariance (MatchIt <c>"mahalanobis"</c>).</summary>
    Mahalanobis,

    /// <summary>Euclidean distance on covariates divided by their pooled within-group SD (MatchIt <c>"scaled_euclidean"</c>).</summary>
    ScaledEuclidean,

    /// <summary>Plain Euclidean distance on the covariates (MatchIt <c>"euclidean"</c>).</summary>
    Euclidean,
}
