namespace GlobalMidt.Effects.Matching;

/// <summary>One match: treated row, control row (indices into <see cref="MatchingData"/>), slot 1..ratio, distance.</summary>
/// <param name="Treated">Row of the treated unit.</param>
/// <param name="Control">Row of the control.</param>
/// <param name="Slot">1-based position among the treated unit's controls (MatchIt's match.matrix column).</param>
/// <param name="Distance">Distance between the two.</param>
public readonly record struct MatchedPair(int Treated, int Control, int Slot, double Distance);

/// <summary>Why a treated unit got no control.</summary>
public enum UnmatchedReason
{
    /// <summary>Its exact stratum holds no control (none at all, or none left after discarding).</summary>
    NoControlInStratum,

    /// <summary>Every control still available lies outside the caliper.</summary>
    Caliper,

    /// <summary>Discarded as outside the common support.</summary>
    Discarded,

    /// <summary>Matching without replacement: every control of the stratum was taken by treated units matched earlier.</summary>
    ControlsExhausted,
}

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

/// <summary>A treated row without any control, and why.</summary>
/// <param name="Row">The treated row.</param>
/// <param name="Reason">Why no control was found.</param>
public readonly record struct UnmatchedUnit(int Row, UnmatchedReason Reason);

/// <summary>
/// The matched sample: pairs ordered by treated row then slot, weights per row, the unmatched treated with reasons.
/// </summary>
public sealed record MatchResult
{
    /// <summary>Pairs ordered by treated row, then slot.</summary>
    public required IReadOnlyList<MatchedPair> Pairs { get; init; }

    /// <summary>
    /// Per row, the ATT matching weight as MatchIt computes it (<see cref="MatchWeights.Compute"/>): 1 for a matched
    /// treated unit; for a control the sum over its uses of 1/(controls of that treated unit), rescaled so control
    /// weights sum to the number of distinct matched controls; 0 for unmatched rows. Computed from
    /// <see cref="Pairs"/> when first read (the measurement, which matches level by level, never reads it: its
    /// matched sample weighs the pairs of all levels together).
    /// </summary>
    public IReadOnlyList<double> Weights
    {
        get => WeightArray;
        init => WeightArray = value as double[] ?? [.. value];
    }

    /// <summary>The array behind <see cref="Weights"/> (for the library's own loops; not copied).</summary>
    internal double[] WeightArray
    {
        get => field ??= MatchWeights.Compute(Treated.Length, Treated, Pairs);
        private set;
    }

    /// <summary>Per row, true for a treated unit (the data's <see cref="MatchingData.Treated"/>), for <see cref="Weights"/>.</summary>
    internal bool[] Treated { get; init; } = [];

    /// <summary>Treated rows without any control, with the reason.</summary>
    public required IReadOnlyList<UnmatchedUnit> Unmatched { get; init; }

    /// <summary>Propensity scores per row when the distance is <see cref="DistanceMetric.Glm"/>; otherwise null.</summary>
    public IReadOnlyList<double>? PropensityScores { get; init; }

    /// <summary>Per row, true when discarded for lack of common support.</summary>
    public IReadOnlyList<bool>? Discarded { get; init; }

    /// <summary>The propensity-score model when the distance is <see cref="DistanceMetric.Glm"/>; otherwise null.</summary>
    public LogisticRegressionFit? PropensityModel { get; init; }

    /// <summary>The caliper on the propensity score in score units (the SDs times the SD); null for none.</summary>
    public double? CaliperWidth { get; init; }

    /// <summary>Rows that took no part because their exact stratum holds no treated unit.</summary>
    public int RowsInStrataWithoutTreated { get; init; }

    /// <summary>What was used when the requested covariate distance could not be (degenerate data); see
    /// <see cref="DistanceFallback"/>.</summary>
    public DistanceFallback DistanceFallback { get; init; }
}
