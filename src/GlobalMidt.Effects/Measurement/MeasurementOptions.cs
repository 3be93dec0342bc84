using System.Globalization;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;
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
    private readonly double? trajectoryWeight;
    private readonly IReadOnlyList<MatchingLevel>? levels;
    private readonly IReadOnlyList<FirmCovariate>? covariates;
    private readonly EffectEstimator? estimator;
    private readonly BootstrapScheme? bootstrapScheme;

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
    /// Its <see cref="MatchingOptions.Seed"/> and <see cref="MatchingOptions.MaxDegreeOfParallelism"/> stay at their
    /// defaults (<see cref="Validate"/> rejects others): <see cref="Seed"/> and <see cref="MaxDegreeOfParallelism"/> of
    /// the measurement are the run-wide settings the matching and the bootstrap share. No other setting of the
    /// matching is repeated here.</summary>
    public MatchingOptions Matching { get; init; } = DefaultMatching;

    /// <summary>The default <see cref="Matching"/>: Mahalanobis, 5 controls, with replacement; change one setting
    /// with <c>MeasurementOptions.DefaultMatching with { Ratio = 3 }</c>.</summary>
    public static MatchingOptions DefaultMatching { get; } = new() { Distance = DistanceMetric.Mahalanobis, Ratio = 5, Replace = true };

    /// <summary>Exact-matching levels, finest first. Default: the <see cref="Method"/>'s,
    /// <see cref="MatchingLevel.National"/> for <see cref="MeasurementMethod.Robust"/>, <see cref="MatchingLevel.Defaults"/>
    /// (region first, as published) for the others.</summary>
    public IReadOnlyList<MatchingLevel> Levels
    {
        get => levels ?? (Method == MeasurementMethod.Robust ? MatchingLevel.National : MatchingLevel.Defaults);
        init => levels = value;
    }

    /// <summary>
    /// The default of <see cref="Covariates"/>: FTE, turnover and employment growth (the published method's). Left at
    /// this default (this very list, not an equal one), a measurement of a register with an <c>export</c> column also
    /// matches on <see cref="FirmCovariate.Export"/>: participants of an export programme select on export, and
    /// without it the added export comes out 17-37 % low (docs/effect-chain.md, "Known truth").
    /// </summary>
    public static IReadOnlyList<FirmCovariate> DefaultCovariates { get; } = Array.AsReadOnly([FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth]);

    /// <summary>The default of <see cref="Covariates"/> for <see cref="MeasurementMethod.Robust"/>: FTE, turnover,
    /// employment growth and log(1+turnover) averaged over the history window (<see cref="FirmCovariate.TurnoverMean"/>).
    /// Left at the default, a register with an <c>export</c> column adds <see cref="FirmCovariate.Export"/> as for
    /// <see cref="DefaultCovariates"/>, and the effect chain is matched apart on FTE, growth and export (jobs and
    /// turnover on these four).</summary>
    public static IReadOnlyList<FirmCovariate> RobustCovariates { get; } = Array.AsReadOnly([FirmCovariate.Fte, FirmCovariate.Turnover, FirmCovariate.Growth, FirmCovariate.TurnoverMean]);

    /// <summary>The covariates <see cref="MeasurementMethod.Robust"/> matches the effect chain (export, new exporters,
    /// value added) on when the register has an export column and <see cref="Covariates"/> is left at its default:
    /// FTE, employment growth and export at baseline, in a matching of its own; jobs and turnover keep
    /// <see cref="RobustCovariates"/> without export (docs/accuracy.md).</summary>
    internal static IReadOnlyList<FirmCovariate> RobustChainCovariates { get; } = Array.AsReadOnly([FirmCovariate.Fte, FirmCovariate.Growth, FirmCovariate.Export]);

    /// <summary>Covariates of the nearest-neighbour distance. Default: the <see cref="Method"/>'s,
    /// <see cref="RobustCovariates"/> for <see cref="MeasurementMethod.Robust"/>, <see cref="DefaultCovariates"/> (FTE,
    /// turnover and employment growth, as published) for the others; left at the default, export at baseline is added
    /// when the register has an export column.</summary>
    public IReadOnlyList<FirmCovariate> Covariates
    {
        get => covariates ?? (Method == MeasurementMethod.Robust ? RobustCovariates : DefaultCovariates);
        init => covariates = value;
    }

    /// <summary>True when <see cref="Covariates"/> is the method's default (not set).</summary>
    internal bool CovariatesAreDefault => covariates is null;

    /// <summary>Which defaults apply (issue 12, docs/accuracy.md). Default <see cref="MeasurementMethod.Robust"/>, chosen
    /// by the known-truth study; <see cref="MeasurementMethod.Dst2016"/> is the published method (one baseline period,
    /// regional strata, the aggregate estimator) and reproduces the published tables.</summary>
    public MeasurementMethod Method { get; init; } = MeasurementMethod.Robust;

    /// <summary>Periods averaged into the baseline value of every firm (the last ones up to the baseline), in the growth
    /// definition and the effect formula; null for 1 (the published single baseline period).</summary>
    public int? BaselinePeriods { get; init; }

    /// <summary>The bias adjustment's regression weighted by the firms' baseline values (<see cref="RobustEffects"/>);
    /// internal, for the accuracy study.</summary>
    internal bool BiasAdjustWeighted { get; init; }

    /// <summary>
    /// Propensity-score subclassification instead of nearest-neighbour matching (docs/accuracy.md, "Propensity
    /// subclassification"): per group a logistic model of participation on the covariates, a history indicator, region
    /// and 2-digit industry, and subclasses of its log odds at least this wide (and of at least 10 controls); each
    /// participant's controls are its subclass's non-participants. Null (default) for the nearest-neighbour matching
    /// of <see cref="Matching"/> and <see cref="Levels"/>.
    /// </summary>
    public double? PropensitySubclassWidth { get; init; }

    /// <summary>The fewest controls of a propensity subclass (<see cref="PropensitySubclassWidth"/>); internal, for the
    /// accuracy study. Default 10.</summary>
    internal int PropensityMinControls { get; init; } = PropensitySubclasses.MinControls;

    /// <summary>Form the propensity subclasses within FTE size classes; internal, for the accuracy study.</summary>
    internal bool PropensityWithinSize { get; init; }

    /// <summary>Nearest-neighbour matching within propensity subclasses of this width in log odds, the subclasses
    /// taking the place of <see cref="Levels"/> (<see cref="PropensityBandMatcher"/>); internal, for the accuracy
    /// study. Null (default) for none.</summary>
    internal double? PropensityMatchWidth { get; init; }

    /// <summary>With <see cref="PropensityMatchWidth"/>, match in one stratum with the fitted log odds as a further
    /// covariate instead of within the subclasses; internal, for the accuracy study.</summary>
    internal bool PropensityMatchOnLogOdds { get; init; }

    /// <summary>With <see cref="PropensitySubclassWidth"/>, bootstrap the controls within their subclass as well
    /// (<see cref="SubclassBootstrap"/>, the default); internal, for the accuracy study (false keeps them fixed, the
    /// matched-set bootstrap, whose intervals covered only 70-75 % in the study).</summary>
    internal bool PropensityControlBootstrap { get; init; } = true;

    /// <summary>Keep exporters and non-exporters at baseline apart in every exact-matching level (the exporter flag
    /// as an exact stratum part) when the register has an export column; internal, for the accuracy study
    /// (docs/accuracy.md, "Export in the robust default").</summary>
    internal bool ExporterStrata { get; init; }

    /// <summary>Added export by the pairwise formula (each participant's export grows like its own controls') when
    /// <see cref="Estimator"/> is <see cref="EffectEstimator.Pairwise"/>, instead of the effect chain's aggregate
    /// formula; internal, for the accuracy study.</summary>
    internal bool ChainPairwise { get; init; }

    /// <summary>Match twice when the register has an export column and the matching uses export (an export covariate or
    /// <see cref="ExporterStrata"/>): jobs and turnover on the covariates without export and without exporter strata,
    /// the effect chain (export, new exporters, value added) with them; internal, for the accuracy study.</summary>
    internal bool ChainMatchSeparately { get; init; }

    /// <summary>With <see cref="ChainMatchSeparately"/>, the covariates of the effect chain's own matching instead of
    /// <see cref="Covariates"/> (e.g. FTE, growth and export: docs/accuracy.md, "Where robust's remaining bias comes
    /// from"); null for <see cref="Covariates"/>. Internal, for the accuracy study (modifier <c>xcov.</c>).</summary>
    internal IReadOnlyList<FirmCovariate>? ChainCovariatesOverride { get; init; }

    /// <summary>The covariates the effect chain is matched on when <see cref="ChainMatchedApart"/>:
    /// <see cref="ChainCovariatesOverride"/> when given, else <see cref="Covariates"/>.</summary>
    internal IReadOnlyList<FirmCovariate> ChainCovariates => ChainCovariatesOverride ?? Covariates;

    /// <summary>True when jobs and turnover are matched apart from the effect chain (<see cref="ChainMatchSeparately"/>
    /// with nearest neighbours and an export covariate or exporter strata to leave out).</summary>
    internal bool ChainMatchedApart => ChainMatchSeparately && PropensitySubclassWidth is null && PropensityMatchWidth is null
        && (ExporterStrata || ChainCovariates.Any(c => c is FirmCovariate.Export or FirmCovariate.Exporter));

    /// <summary>The covariates jobs and turnover are matched on: <see cref="Covariates"/> without export and exporter
    /// when <see cref="ChainMatchedApart"/>, else <see cref="Covariates"/>.</summary>
    internal IReadOnlyList<FirmCovariate> MainCovariates => ChainMatchedApart
        ? [.. Covariates.Where(c => c is not FirmCovariate.Export and not FirmCovariate.Exporter)]
        : Covariates;

    /// <summary>The default of <see cref="TrajectoryWeight"/> for <see cref="MeasurementMethod.Robust"/>, chosen by the
    /// known-truth study (docs/accuracy.md, "The pre-period trajectory in the distance").</summary>
    public const double RobustTrajectoryWeight = 2;

    /// <summary>
    /// Weight of the pre-period trajectory in the Mahalanobis distance: the squared distance between two firms gets
    /// <c>w (d_growth / SD)^2</c> for their difference in employment growth over the history window and <c>w (d_dev /
    /// SD)^2</c> for their difference in log(1+turnover) minus its history mean (the baseline's deviation from the
    /// firm's own history), each SD over the rows of the matching as Mahalanobis standardizes; each term only when its
    /// covariates are matched on (growth; turnover and turnover_mean). 0 is the plain Mahalanobis distance. Default:
    /// the <see cref="Method"/>'s, <see cref="RobustTrajectoryWeight"/> for <see cref="MeasurementMethod.Robust"/>, 0
    /// for the others; with another distance than Mahalanobis or with <see cref="PropensitySubclassWidth"/> the default
    /// is 0 and a positive weight is an error.
    /// </summary>
    public double TrajectoryWeight
    {
        get => trajectoryWeight ?? (Method == MeasurementMethod.Robust && Matching.Distance == DistanceMetric.Mahalanobis && PropensitySubclassWidth is null ? RobustTrajectoryWeight : 0);
        init => trajectoryWeight = value;
    }

    /// <summary>With a positive <see cref="TrajectoryWeight"/>, whether the effect chain's own matching (export, new
    /// exporters, value added; <see cref="ChainMatchedApart"/>) weights the trajectory too; internal, for the study.</summary>
    internal bool ChainTrajectoryWeight { get; init; } = true;

    /// <summary>Test of the share difference. Default <see cref="ShareTestMethod.KnownShare"/> (reproduces the published p-values).</summary>
    public ShareTestMethod Test { get; init; } = ShareTestMethod.KnownShare;

    /// <summary>The effect estimator. Default: the <see cref="Method"/>'s, <see cref="EffectEstimator.Pairwise"/> for
    /// <see cref="MeasurementMethod.Robust"/>, <see cref="EffectEstimator.Aggregate"/> (docs/method.md step 8, as
    /// published) for the others.</summary>
    public EffectEstimator Estimator
    {
        get => estimator ?? (Method == MeasurementMethod.Robust ? EffectEstimator.Pairwise : EffectEstimator.Aggregate);
        init => estimator = value;
    }

    /// <summary>
    /// Regression bias adjustment of the controls' growth for the effects (Abadie and Imbens 2011; Stata
    /// <c>teffects nnmatch, biasadj()</c>). Default false (the published method); the growth shares are never adjusted.
    /// </summary>
    public bool BiasAdjust { get; init; }

    /// <summary>Level of every interval. Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>What a bootstrap replicate resamples: the matched sets (participants with their controls) or also every
    /// distinct control with one weight shared by all its participants (<see cref="BootstrapScheme.Controls"/>,
    /// docs/accuracy.md "Bootstrap of the controls"). Default: the <see cref="Method"/>'s,
    /// <see cref="BootstrapScheme.Controls"/> for <see cref="MeasurementMethod.Robust"/>,
    /// <see cref="BootstrapScheme.MatchedSets"/> (as published) for the others. With
    /// <see cref="PropensitySubclassWidth"/> and no bias adjustment the subclass bootstrap applies whatever the scheme.</summary>
    public BootstrapScheme BootstrapScheme
    {
        get => bootstrapScheme ?? (Method == MeasurementMethod.Robust ? BootstrapScheme.Controls : BootstrapScheme.MatchedSets);
        init => bootstrapScheme = value;
    }

    /// <summary>With <see cref="BootstrapScheme.Controls"/>, every control weight Exp(1) instead of the weights whose
    /// variance leaves out the part the matched sets already carry (<see cref="ControlBootstrap.VarianceCorrectedScales"/>);
    /// internal, for the accuracy study (its intervals were wider, jobs over-covered in the groups).</summary>
    internal bool ControlWeightsExponential { get; init; }

    /// <summary>Bootstrap replicates for the effect intervals; 0 for none. Default 999.</summary>
    public int BootstrapReplicates { get; init; } = 999;

    /// <summary>Seed of every random step (bootstrap, random matching order). Default 2016.</summary>
    public ulong Seed { get; init; } = 2016;

    /// <summary>The rows: groups (default, the published tables) or activities (participants need an
    /// <c>activity</c>; a firm in two activities counts in both, the cross-cutting row counts each firm once).</summary>
    public ParticipantGrouping By { get; init; }

    /// <summary>Also compute the output indicators (<see cref="MeasurementResult.Indicators"/>, docs/effect-chain.md).
    /// Default false.</summary>
    public bool Indicators { get; init; }

    /// <summary>Threads; 0 for all cores. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Where the groups' participants get their controls: from the cross-cutting set's matching (default,
    /// <see cref="Measurement.GroupMatching.Shared"/>: a firm has the same controls in every row) or from a matching of
    /// each group on its own (<see cref="Measurement.GroupMatching.PerGroup"/>). The cross-cutting row is the same
    /// either way.</summary>
    public GroupMatching GroupMatching { get; init; }

    /// <summary>Whether the groups take their controls from the cross-cutting set's matching: <see cref="GroupMatching"/>
    /// is <see cref="Measurement.GroupMatching.Shared"/> and the matching is a covariate distance with replacement
    /// (<see cref="Measurement.GroupMatching.Shared"/>'s conditions).</summary>
    internal bool SharesGroupMatching =>
        GroupMatching == GroupMatching.Shared
        && PropensitySubclassWidth is null
        && PropensityMatchWidth is null
        && Matching.Replace
        && Matching.Distance != DistanceMetric.Glm;

    /// <summary>
    /// Measure every period after <see cref="ProjectEnd"/> up to <see cref="Measurement"/> (default the register's
    /// last period), each a full measurement with the same <see cref="History"/> and <see cref="Baseline"/>
    /// (<see cref="MeasurementResult.Series"/>; docs/effect-chain.md). Default false.
    /// </summary>
    public bool Series { get; init; }

    /// <summary>The project end of <see cref="Series"/>; null for the latest <see cref="Participant.End"/>.</summary>
    public Period? ProjectEnd { get; init; }

    /// <summary>
    /// Throws an <see cref="OptionsException"/> naming the setting when an option is out of range or inconsistent
    /// (the matching options included); its message is one sentence fit to show a user as it is.
    /// <c>EffectMeasurement.Run</c> calls it once; call it earlier to fail before loading a register.
    /// </summary>
    /// <exception cref="OptionsException">An option is out of range or inconsistent with another.</exception>
    public void Validate()
    {
        if (!(Alpha > 0 && Alpha < 1))
        {
            throw new OptionsException(Invariant($"Alpha must lie strictly between 0 and 1 (got {Alpha})."), nameof(Alpha));
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new OptionsException(Invariant($"The confidence level must lie strictly between 0 and 1 (got {ConfidenceLevel})."), nameof(ConfidenceLevel));
        }

        if (BootstrapReplicates is < 0 or 1 or > 1_000_000)
        {
            throw new OptionsException(Invariant($"The bootstrap replicates must be 0 (none) or 2-1000000 (got {BootstrapReplicates})."), nameof(BootstrapReplicates));
        }

        if (Measurement is Period m && Baseline is null && m.Year - 6 < 1900)
        {
            throw new OptionsException($"Measurement {m}: the default baseline, six years earlier, would be before 1900; give the baseline.", nameof(Baseline));
        }

        if (Levels is null || Levels.Count == 0)
        {
            throw new OptionsException("The matching needs at least one exact-matching level.", nameof(Levels));
        }

        if (Covariates is null || Covariates.Count == 0 || Covariates.Distinct().Count() != Covariates.Count)
        {
            throw new OptionsException("The matching needs at least one covariate, each given once.", nameof(Covariates));
        }

        if (!Enum.IsDefined(BootstrapScheme))
        {
            throw new OptionsException($"Bootstrap scheme {BootstrapScheme} is not a bootstrap scheme (matched-sets or controls).", nameof(BootstrapScheme));
        }

        if (!Enum.IsDefined(Estimator))
        {
            throw new OptionsException($"Estimator {Estimator} is not an effect estimator (aggregate or pairwise).", nameof(Estimator));
        }

        if (!Enum.IsDefined(By))
        {
            throw new ArgumentException($"By {By} is not a row grouping.", nameof(By));
        }

        if (!Enum.IsDefined(GroupMatching))
        {
            throw new OptionsException($"GroupMatching {GroupMatching} is not a group matching (shared or per group).", nameof(GroupMatching));
        }

        if (!Enum.IsDefined(Method))
        {
            throw new ArgumentException($"Method {Method} is not a measurement method.", nameof(Method));
        }

        if (BaselinePeriods is < 1 or > 20)
        {
            throw new ArgumentException(Invariant($"BaselinePeriods must be 1-20 (got {BaselinePeriods})."), nameof(BaselinePeriods));
        }

        if (PropensitySubclassWidth is double w && !(w > 0 && w <= 10))
        {
            throw new OptionsException(Invariant($"The propensity subclass width must lie in (0, 10] log odds (got {w})."), nameof(PropensitySubclassWidth));
        }

        if (!Enum.IsDefined(Test))
        {
            throw new OptionsException($"Test {Test} is not a share test (known-share or two-sample).", nameof(Test));
        }

        if (Matching is null)
        {
            throw new OptionsException("Matching needs matching options (MeasurementOptions.DefaultMatching by default).", nameof(Matching));
        }

        if (Matching.Seed != DefaultMatching.Seed || Matching.MaxDegreeOfParallelism != DefaultMatching.MaxDegreeOfParallelism)
        {
            throw new OptionsException(
                "Matching.Seed and Matching.MaxDegreeOfParallelism are not used by the measurement: set MeasurementOptions.Seed and MeasurementOptions.MaxDegreeOfParallelism, which the bootstrap and the matching share.",
                nameof(Matching));
        }

        Matching.Validate();
        if (!(TrajectoryWeight >= 0 && TrajectoryWeight <= 1000))
        {
            throw new OptionsException(Invariant($"The trajectory weight must lie in [0, 1000] (got {TrajectoryWeight})."), nameof(TrajectoryWeight));
        }

        if (TrajectoryWeight > 0 && Matching.Distance != DistanceMetric.Mahalanobis)
        {
            throw new OptionsException($"A trajectory weight adds to the Mahalanobis distance: it cannot be used with the {MatchingOptions.Name(Matching.Distance)} distance (give 0, or the Mahalanobis distance).", nameof(TrajectoryWeight));
        }

        if (TrajectoryWeight > 0 && PropensitySubclassWidth is not null)
        {
            throw new OptionsException("A trajectory weight adds to the Mahalanobis distance of nearest-neighbour matching: it cannot be used with propensity subclasses (give 0).", nameof(TrajectoryWeight));
        }

        if (MaxDegreeOfParallelism < 0)
        {
            throw new OptionsException(Invariant($"The number of threads must be 0 (all cores) or positive (got {MaxDegreeOfParallelism})."), nameof(MaxDegreeOfParallelism));
        }
    }

    /// <summary>The options handed to the matching engine: <see cref="Matching"/> with the measurement's seed and threads
    /// (run-wide settings shared with the bootstrap; <see cref="Validate"/> rejects others in <see cref="Matching"/>).</summary>
    internal MatchingOptions EngineOptions() => Matching with { Seed = Seed, MaxDegreeOfParallelism = MaxDegreeOfParallelism };

    /// <summary>The engine options of a nearest-neighbour matching on <paramref name="covariates"/>: <see cref="EngineOptions()"/>
    /// with the <see cref="TrajectoryWeight"/>'s distance terms (growth; log turnover minus its history mean) on the
    /// covariates present (<paramref name="weighted"/> false: none).</summary>
    internal MatchingOptions EngineOptions(IReadOnlyList<FirmCovariate> covariates, bool weighted = true)
    {
        var engine = EngineOptions();
        double w = TrajectoryWeight;
        if (!weighted || !(w > 0) || engine.Distance != DistanceMetric.Mahalanobis)
        {
            return engine;
        }

        var terms = new List<GlobalMidt.Effects.Matching.DistanceTerm>(2);
        int growth = IndexOf(covariates, FirmCovariate.Growth);
        if (growth >= 0)
        {
            terms.Add(new(growth, -1, w));
        }

        int turnover = IndexOf(covariates, FirmCovariate.Turnover);
        int mean = IndexOf(covariates, FirmCovariate.TurnoverMean);
        if (turnover >= 0 && mean >= 0)
        {
            terms.Add(new(turnover, mean, w));
        }

        return terms.Count == 0 ? engine : engine with { DistanceTerms = terms };
    }

    private static int IndexOf(IReadOnlyList<FirmCovariate> list, FirmCovariate c)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
