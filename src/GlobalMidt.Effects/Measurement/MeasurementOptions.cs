using System.Globalization;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects;

/// <summary>
/// Every choice of the measurement, with the defaults of docs/method.md; validated in one place (<see cref="Validate"/>).
/// </summary>
public sealed record MeasurementOptions
{
    /// <summary>Start of the employment history; null for the register's first period.</summary>
    public Period? History { get; init; }

    /// <summary>Baseline period; null for six years before the measurement (the seed's 2008H2..2014H2).</summary>
    public Period? Baseline { get; init; }

    /// <summary>Measurement period; null for the register's last period.</summary>
    public Period? Measurement { get; init; }

    /// <summary>Significance level: an effect whose share difference has p &gt;= Alpha is published as 0. Default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>The measurement's matching, <see cref="DefaultMatching"/> unless set: 5 nearest controls per
    /// participant with replacement (each control weighted 1/k per use), Mahalanobis distance (pooled within-group
    /// covariance, as MatchIt). Each exact-matching level is one call of the engine with these options (see
    /// docs/matching.md, "Coarsening levels"); a <see cref="MatchingOptions.Caliper"/> needs
    /// <see cref="DistanceMetric.Glm"/>, and a participant with no control within it moves to the next level.
    /// Its <see cref="MatchingOptions.Seed"/> and <see cref="MatchingOptions.MaxDegreeOfParallelism"/> are not used:
    /// <see cref="Seed"/> and <see cref="MaxDegreeOfParallelism"/> of the measurement are.</summary>
    public MatchingOptions Matching { get; init; } = DefaultMatching;

    /// <summary>The default <see cref="Matching"/>: Mahalanobis, 5 controls, with replacement; change one setting
    /// with <c>MeasurementOptions.DefaultMatching with { Ratio = 3 }</c>.</summary>
    public static MatchingOptions DefaultMatching { get; } = new() { Distance = DistanceMetric.Mahalanobis, Ratio = 5, Replace = true };

    /// <summary>Exact-matching levels, finest first. Default <see cref="MatchingLevel.Defaults"/>.</summary>
    public IReadOnlyList<MatchingLevel> Levels { get; init; } = MatchingLevel.Defaults;

    /// <summary>Covariates of the nearest-neighbour distance. Default FTE, turnover and employment growth.</summary>
    public IReadOnlyList<FirmCovariate> Covariates { get; init; } = [FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth];

    /// <summary>Test of the share difference. Default <see cref="ShareTestMethod.KnownShare"/> (reproduces the published p-values).</summary>
    public ShareTestMethod Test { get; init; } = ShareTestMethod.KnownShare;

    /// <summary>The effect estimator. Default <see cref="EffectEstimator.Aggregate"/> (docs/method.md step 8, as published).</summary>
    public EffectEstimator Estimator { get; init; } = EffectEstimator.Aggregate;

    /// <summary>
    /// Regression bias adjustment of the controls' growth for the effects (Abadie and Imbens 2011; Stata
    /// <c>teffects nnmatch, biasadj()</c>). Default false (the published method); the growth shares are never adjusted.
    /// </summary>
    public bool BiasAdjust { get; init; }

    /// <summary>Level of every interval. Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Bootstrap replicates for the effect intervals; 0 for none. Default 999.</summary>
    public int BootstrapReplicates { get; init; } = 999;

    /// <summary>Seed of every random step (bootstrap, random matching order). Default 2016.</summary>
    public ulong Seed { get; init; } = 2016;

    /// <summary>Threads; 0 for all cores. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Measure every period after <see cref="ProjectEnd"/> up to <see cref="Measurement"/> (default the register's
    /// last period), each a full measurement with the same <see cref="History"/> and <see cref="Baseline"/>
    /// (<see cref="MeasurementResult.Series"/>; docs/effect-chain.md). Default false.
    /// </summary>
    public bool Series { get; init; }

    /// <summary>The project end of <see cref="Series"/>; null for the latest <see cref="Participant.End"/>.</summary>
    public Period? ProjectEnd { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when an option is out of range.</summary>
    public void Validate()
    {
        if (!(Alpha > 0 && Alpha < 1))
        {
            throw new ArgumentException(Invariant($"Alpha must lie strictly between 0 and 1 (got {Alpha})."), nameof(Alpha));
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentException(Invariant($"ConfidenceLevel must lie strictly between 0 and 1 (got {ConfidenceLevel})."), nameof(ConfidenceLevel));
        }

        if (BootstrapReplicates is < 0 or 1 or > 1_000_000)
        {
            throw new ArgumentException(Invariant($"BootstrapReplicates must be 0 (none) or 2-1000000 (got {BootstrapReplicates})."), nameof(BootstrapReplicates));
        }

        if (Levels is null || Levels.Count == 0)
        {
            throw new ArgumentException("Levels needs at least one matching level.", nameof(Levels));
        }

        if (Covariates is null || Covariates.Count == 0 || Covariates.Distinct().Count() != Covariates.Count)
        {
            throw new ArgumentException("Covariates needs at least one covariate, each once.", nameof(Covariates));
        }

        if (!Enum.IsDefined(Estimator))
        {
            throw new ArgumentException($"Estimator {Estimator} is not an effect estimator.", nameof(Estimator));
        }

        if (!Enum.IsDefined(Test))
        {
            throw new ArgumentException($"Test {Test} is not a share test.", nameof(Test));
        }

        if (Matching is null)
        {
            throw new ArgumentException("Matching needs matching options (MeasurementOptions.DefaultMatching by default).", nameof(Matching));
        }

        EngineOptions().Validate();
    }

    /// <summary>The options handed to the matching engine: <see cref="Matching"/> with the measurement's seed and threads.</summary>
    internal MatchingOptions EngineOptions() => Matching with { Seed = Seed, MaxDegreeOfParallelism = MaxDegreeOfParallelism };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
