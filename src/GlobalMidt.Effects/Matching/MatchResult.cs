namespace GlobalMidt.Effects.Matching;

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

    /// <summary>Per row, true for a treated unit (the data's <see cref="MatchingData.IsTreated"/>), for <see cref="Weights"/>.</summary>
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
