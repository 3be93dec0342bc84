using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects;

/// <summary>
/// Nearest-neighbour matching within exact strata, with MatchIt's semantics.
/// </summary>
/// <remarks>
/// <para>Same as R MatchIt 4.5 <c>matchit(treat ~ covariates, method = "nearest", distance = ..., exact = ...,
/// ratio = ..., replace = ..., caliper = ..., m.order = ..., discard = ...)</c>, estimand ATT:</para>
/// <list type="bullet">
/// <item><c>Glm</c>: propensity score from a logistic regression (<see cref="LogisticRegression"/>) on all rows taking
/// part; distance |score difference|; default order largest score first; caliper in SDs of the score (not the logit)
/// over the non-discarded units; discarding by the score ranges (MatchIt <c>discard()</c>).</item>
/// <item><c>Mahalanobis</c>: pooled within-group covariance (centred within treated and within controls, divisor
/// n - 2) of the standardized covariates over all rows taking part (all strata together, as MatchIt); generalized
/// inverse when its determinant is at most 1e-8. <c>ScaledEuclidean</c>: covariates over MatchIt's pooled SD.
/// Categorical covariates enter the distances as one column per level.</item>
/// <item>Without replacement and ratio k: k passes over the treated units in matching order, each taking its
/// nearest unused control. With replacement: each treated unit takes its k nearest at once.</item>
/// <item>Ties at equal distance go to the smaller <see cref="MatchingData.TieRanks"/> (row order by default), which is
/// MatchIt's choice (first in data order) when matching without replacement.</item>
/// </list>
/// <para>Where we differ, on purpose: strata without treated units are skipped (MatchIt 4.5.1 stops); a treated unit
/// without a control is reported with its <see cref="UnmatchedReason"/>; with replacement, the slots of a treated
/// unit are ordered by distance (MatchIt lists them in data order when a unit has at most k eligible controls, and
/// its partial sort may order exactly tied controls differently); order <see cref="MatchOrder.Random"/> uses our
/// own seeded generator.</para>
/// </remarks>
public static class NearestNeighbourMatcher
{
    /// <summary>Matches every treated row to its nearest controls.</summary>
    /// <exception cref="OptionsException">Options invalid (the message names the setting).</exception>
    /// <exception cref="AnalysisException">The propensity model or the covariance cannot be estimated.</exception>
    public static MatchResult Match(MatchingData data, MatchingOptions options) => Prepare(data, options).Match();

    /// <summary>
    /// The first half of <see cref="Match"/>: fits the propensity model or the covariate transform, discards, sets
    /// the caliper and the order. Call <see cref="MatchingPlan.Match"/> on the result.
    /// </summary>
    /// <exception cref="OptionsException">Options invalid (validated here, once).</exception>
    internal static MatchingPlan Prepare(MatchingData data, MatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (data.Covariates.Length == 0 && data.Categorical.Count == 0 && data.RowCount > 0)
        {
            throw new ArgumentException("Matching needs at least one covariate.", nameof(data));
        }

        return MatchingPlan.Create(data, options);
    }
}
