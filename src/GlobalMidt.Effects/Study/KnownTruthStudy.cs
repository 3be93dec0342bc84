using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Study;

/// <summary>One estimator of a known-truth study: a name and the measurement options it runs with.</summary>
/// <param name="Name">Name as printed (e.g. <c>dst2016</c>).</param>
/// <param name="Options">The measurement's options (seed and threads are the study's).</param>
internal sealed record StudyEstimator(string Name, MeasurementOptions Options)
{
    /// <summary>The methods an estimator name starts with; modifiers follow, joined by '+'.</summary>
    public static IReadOnlyList<string> Names { get; } = ["robust", "dst2016", "trajectory"];

    /// <summary>
    /// An estimator by name: a method (<c>robust</c>, <c>dst2016</c> or <c>trajectory</c>), then optional modifiers joined by
    /// '+': <c>pairwise</c> (<see cref="EffectEstimator.Pairwise"/>), <c>biasadj</c> (regression bias adjustment),
    /// <c>kN</c> (baseline averaged over N periods), <c>national</c> (<see cref="MatchingLevel.National"/>),
    /// <c>national1</c> (national x 1-digit industry x history, then history), <c>glm</c>, <c>wbiasadj</c>,
    /// <c>rN</c> (N controls per participant), <c>tmean</c> / <c>tprev</c> / <c>tboth</c> (the published covariates
    /// plus the turnover history mean / previous period's turnover / both), <c>psub</c> / <c>psubN</c> (propensity
    /// subclasses 0.1 / N/100 log odds wide), <c>pminN</c>, <c>psize</c>, <c>pboot</c> / <c>pfixed</c> (their
    /// settings, <see cref="PropensitySubclasses"/>), <c>pnn</c> / <c>pnnN</c> (nearest neighbours within propensity
    /// subclasses 0.1 / N/100 wide, <see cref="PropensityBandMatcher"/>), <c>plin</c> (one stratum, the log odds
    /// a matching covariate), <c>cboot</c> (<see cref="BootstrapScheme.Controls"/>), <c>msets</c> (<see cref="BootstrapScheme.MatchedSets"/>), <c>cbootexp</c> (the same with
    /// Exp(1) weights), and the export treatments <c>xexact</c> (<see cref="MeasurementOptions.ExporterStrata"/>,
    /// the method's covariates made explicit), <c>xbin</c> / <c>xlog</c> (the exporter flag / log(1+export) as one more
    /// covariate), <c>xpair</c> (<see cref="MeasurementOptions.ChainPairwise"/>), <c>xsep</c>
    /// (<see cref="MeasurementOptions.ChainMatchSeparately"/>), <c>cov.A.B...</c> (an explicit covariate list:
    /// fte, turnover, growth, tmean, fprev, tprev, export, exporter) and <c>xcov.A.B...</c> (<c>xsep</c> with the effect chain
    /// matched on that list, <see cref="MeasurementOptions.ChainCovariatesOverride"/>), <c>twN</c> (<see cref="MeasurementOptions.TrajectoryWeight"/>
    /// = N/10), <c>twx0</c> (the effect chain's own matching without it), <c>scaled</c> / <c>euclid</c> (the scaled / plain
    /// Euclidean distance). Null when the name is not of that form.
    /// </summary>
    public static StudyEstimator? ByName(string name, int bootstrap)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('+');
        var options = parts[0] switch
        {
            "robust" => new MeasurementOptions { Method = MeasurementMethod.Robust },
            "dst2016" => new MeasurementOptions { Method = MeasurementMethod.Dst2016 },
            "trajectory" => new MeasurementOptions { Method = MeasurementMethod.Trajectory },
            _ => null,
        };
        if (options is null)
        {
            return null;
        }

        foreach (string part in parts.Skip(1))
        {
            if (part == "pairwise")
            {
                options = options with { Estimator = EffectEstimator.Pairwise };
            }
            else if (part == "glm")
            {
                options = options with { Matching = options.Matching with { Distance = DistanceMetric.Glm } };
            }
            else if (part is "scaled" or "euclid")
            {
                // The distance without the covariance: covariates over their pooled SD (scaled) or raw (euclid).
                options = options with { Matching = options.Matching with { Distance = part == "scaled" ? DistanceMetric.ScaledEuclidean : DistanceMetric.Euclidean } };
            }
            else if (part.StartsWith("tw", StringComparison.Ordinal) && int.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int tenths) && tenths <= 10_000)
            {
                // The trajectory weight (MeasurementOptions.TrajectoryWeight) in tenths: tw0 = plain Mahalanobis, tw20 = 2.
                options = options with { TrajectoryWeight = tenths / 10.0 };
            }
            else if (part == "twx0")
            {
                // The effect chain's own matching without the trajectory weight.
                options = options with { ChainTrajectoryWeight = false };
            }
            else if (part == "national")
            {
                options = options with { Levels = MatchingLevel.National };
            }
            else if (part == "wbiasadj")
            {
                options = options with { BiasAdjustWeighted = true };
            }
            else if (part == "biasadj")
            {
                options = options with { BiasAdjust = true };
            }
            else if (part.Length >= 2 && part[0] == 'r' && int.TryParse(part.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int ratio) && ratio is >= 1 and <= 50)
            {
                options = options with { Matching = options.Matching with { Ratio = ratio } };
            }
            else if (part is "tprev" or "tmean" or "tboth")
            {
                FirmCovariate[] extra = part == "tprev" ? [FirmCovariate.TurnoverPrevious] : part == "tmean" ? [FirmCovariate.TurnoverMean] : [FirmCovariate.TurnoverPrevious, FirmCovariate.TurnoverMean];
                options = options with { Covariates = [.. MeasurementOptions.DefaultCovariates, .. extra] };
            }
            else if (part.StartsWith("psub", StringComparison.Ordinal) && (part.Length == 4 || (int.TryParse(part.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out int hundredths) && hundredths is >= 1 and <= 1000)))
            {
                // Propensity subclassification (PropensitySubclasses): psub = width 0.1 log odds, psubN = N/100.
                options = options with { PropensitySubclassWidth = part.Length == 4 ? 0.1 : int.Parse(part.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture) / 100.0 };
            }
            else if (part.StartsWith("pmin", StringComparison.Ordinal) && int.TryParse(part.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out int minControls) && minControls is >= 1 and <= 10_000)
            {
                options = options with { PropensityMinControls = minControls };
            }
            else if (part is "pboot" or "pfixed")
            {
                // pboot: controls resampled within their subclass (the default); pfixed: kept fixed.
                options = options with { PropensityControlBootstrap = part == "pboot" };
            }
            else if (part.StartsWith("pnn", StringComparison.Ordinal) && (part.Length == 3 || (int.TryParse(part.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out int bandHundredths) && bandHundredths is >= 1 and <= 1000)))
            {
                // Nearest neighbours within propensity subclasses (PropensityBandMatcher): pnn = 0.1 log odds, pnnN = N/100.
                options = options with { PropensityMatchWidth = part.Length == 3 ? 0.1 : int.Parse(part.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture) / 100.0 };
            }
            else if (part == "plin")
            {
                options = options with { PropensityMatchWidth = options.PropensityMatchWidth ?? 0.1, PropensityMatchOnLogOdds = true };
            }
            else if (part is "cboot" or "cbootexp")
            {
                // The bootstrap that resamples the distinct controls too (BootstrapScheme.Controls); cbootexp with every
                // control weight Exp(1) (the first variant tried, docs/accuracy.md).
                options = options with { BootstrapScheme = BootstrapScheme.Controls, ControlWeightsExponential = part == "cbootexp" };
            }
            else if (part == "msets")
            {
                // The matched-set bootstrap (robust's default is the bootstrap of the controls).
                options = options with { BootstrapScheme = BootstrapScheme.MatchedSets };
            }
            else if (part == "psize")
            {
                options = options with { PropensityWithinSize = true };
            }
            else if (part == "national1")
            {
                options = options with { Levels = [MatchingLevel.Parse("national+industry1+history"), MatchingLevel.Parse("history")] };
            }
            else if (part.Length >= 2 && part[0] == 'k' && int.TryParse(part.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k is >= 1 and <= 20)
            {
                options = options with { BaselinePeriods = k };
            }
            else if (part == "xexact")
            {
                // Export (acc8): exporters and non-exporters at baseline apart in every exact level; the method's
                // covariates made explicit, so the distance does not get log(1+export) by default.
                options = options with { ExporterStrata = true, Covariates = [.. options.Covariates] };
            }
            else if (part is "xbin" or "xlog")
            {
                // Export (acc8): the exporter flag (xbin) or log(1+export) (xlog) as one more distance covariate.
                options = options with { Covariates = [.. options.Covariates.Where(c => c is not FirmCovariate.Export and not FirmCovariate.Exporter), part == "xbin" ? FirmCovariate.Exporter : FirmCovariate.Export] };
            }
            else if (part == "xsep")
            {
                // Export (acc8): jobs and turnover matched without export, the effect chain with it.
                options = options with { ChainMatchSeparately = true };
            }
            else if (part.StartsWith("cov.", StringComparison.Ordinal) && CovariateList(part[4..]) is { } list)
            {
                // An explicit covariate list, names joined by '.' (acc9): fte, turnover, growth, tmean, fprev, tprev,
                // export, exporter.
                options = options with { Covariates = list };
            }
            else if (part.StartsWith("xcov.", StringComparison.Ordinal) && CovariateList(part[5..]) is { } chainList)
            {
                // The effect chain matched apart on its own covariate list (acc9), jobs and turnover without export.
                options = options with { ChainMatchSeparately = true, ChainCovariatesOverride = chainList };
            }
            else if (part == "xpair")
            {
                // Export (acc8): added export by the pairwise formula when the estimator is pairwise.
                options = options with { ChainPairwise = true };
            }
            else
            {
                return null;
            }
        }

        return new(name, options with { BootstrapReplicates = bootstrap });
    }

    /// <summary>The covariates of a <c>cov.</c> modifier (names joined by '.'), or null when a name is unknown or given twice.</summary>
    private static FirmCovariate[]? CovariateList(string names)
    {
        var list = new List<FirmCovariate>();
        foreach (string name in names.Split('.'))
        {
            FirmCovariate? c = name switch
            {
                "fte" => FirmCovariate.Fte,
                "turnover" => FirmCovariate.Turnover,
                "growth" => FirmCovariate.Growth,
                "tmean" => FirmCovariate.TurnoverMean,
                "fprev" => FirmCovariate.FtePrevious,
                "tprev" => FirmCovariate.TurnoverPrevious,
                "export" => FirmCovariate.Export,
                "exporter" => FirmCovariate.Exporter,
                _ => null,
            };
            if (c is not { } covariate || list.Contains(covariate))
            {
                return null;
            }

            list.Add(covariate);
        }

        return list.Count == 0 ? null : [.. list];
    }
}

/// <summary>Settings of <see cref="KnownTruthStudy.Run"/>.</summary>
internal sealed record StudyOptions
{
    /// <summary>Registers simulated (seeds 1..Seeds, or FirstSeed..).</summary>
    public int Seeds { get; init; } = 20;

    /// <summary>First seed.</summary>
    public ulong FirstSeed { get; init; } = 1;

    /// <summary>Firms per register.</summary>
    public int Firms { get; init; } = 100_000;

    /// <summary>The generator's dynamics. Default <see cref="RegisterDynamics.Realistic"/>.</summary>
    public RegisterDynamics Dynamics { get; init; } = RegisterDynamics.Realistic;

    /// <summary>The register's export column (<see cref="SimulationOptions.Export"/>): with it the study reports added
    /// export too; null for registers without export (as the study before 2026-11-30). Default
    /// <see cref="RegisterExport.Default"/>.</summary>
    public RegisterExport? Export { get; init; } = RegisterExport.Default;

    /// <summary>
    /// Match every estimator also on export at baseline (<see cref="FirmCovariate.Export"/>) when the registers have
    /// export, as <c>measure --covariates ...,export</c>; such estimators are named with <c>+export</c>. An estimator
    /// with the default covariates matches on export anyway (a measurement does on a register with export) and keeps
    /// its name. Default false: every estimator as its command gives it.
    /// </summary>
    public bool MatchOnExport { get; init; }

    /// <summary>The other generator settings (groups, effects, periods); its firms, seed, dynamics and export are the study's.</summary>
    public SimulationOptions Template { get; init; } = new();

    /// <summary>The estimators compared.</summary>
    public IReadOnlyList<StudyEstimator> Estimators { get; init; } = [StudyEstimator.ByName("dst2016", 199)!, StudyEstimator.ByName("trajectory", 199)!];

    /// <summary>Threads of each measurement (results do not depend on it); 0 for all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; }
}

/// <summary>One estimate of one outcome in one register against its truth.</summary>
/// <param name="Seed">Register seed.</param>
/// <param name="Estimator">Estimator name.</param>
/// <param name="Outcome"><c>jobs</c>, <c>turnover</c> or <c>export</c> (added export, mio. DKK).</param>
/// <param name="Group">Group, or <see cref="SimulationTruth.CrossCuttingKey"/>.</param>
/// <param name="Truth">True effect (FTE, or mio. DKK).</param>
/// <param name="Estimate">The estimate (before the significance rule).</param>
/// <param name="Low">Lower bound of the 95 % bootstrap interval (NaN when none).</param>
/// <param name="High">Upper bound.</param>
/// <param name="DesignedEffect">The group's designed (nonzero) effect for this outcome, so a relative error is meaningful.</param>
internal sealed record StudyEstimate(ulong Seed, string Estimator, string Outcome, string Group, double Truth, double Estimate, double Low, double High, bool DesignedEffect)
{
    /// <summary>Relative error estimate / truth − 1.</summary>
    public double RelativeError => (Estimate / Truth) - 1;

    /// <summary>True when the interval holds the truth.</summary>
    public bool Covers => Low <= Truth && Truth <= High;

    /// <summary>Interval width relative to the truth.</summary>
    public double RelativeWidth => (High - Low) / Math.Abs(Truth);
}

/// <summary>Summary of one estimator, outcome and row kind (cross-cutting or groups) over all seeds.</summary>
internal sealed record StudySummary(
    string Estimator,
    string Outcome,
    string Row,
    int Count,
    double MeanError,
    double MedianError,
    double RmseError,
    double SdError,
    double Coverage,
    double MeanRelativeWidth);

/// <summary>
/// The known-truth study of issue 12: simulates registers with a known effect (<see cref="RegisterSimulator"/>),
/// measures each with every estimator and summarises the relative errors and the bootstrap intervals' coverage.
/// Deterministic: same options, same output, whatever the threads.
/// </summary>
internal static class KnownTruthStudy
{
    /// <summary>The outcomes compared (<c>export</c> only on registers with export).</summary>
    public static readonly string[] Outcomes = ["jobs", "turnover", "export"];

    /// <summary>Runs the study; <paramref name="progress"/> gets one line per register and estimator.</summary>
    public static IReadOnlyList<StudyEstimate> Run(StudyOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var estimates = new List<StudyEstimate>();
        for (int s = 0; s < options.Seeds; s++)
        {
            ulong seed = options.FirstSeed + (ulong)s;
            var programme = RegisterSimulator.Simulate(options.Template with { Firms = options.Firms, Seed = seed, Dynamics = options.Dynamics, Export = options.Export });
            var register = programme.ToRegister();
            var truth = programme.Truth;
            foreach (var configured in options.Estimators)
            {
                var estimator = WithExportCovariate(configured, options);
                var result = EffectMeasurement.Run(register, programme.Participants, programme.Budgets, estimator.Options with { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism });
                foreach (var g in result.Groups)
                {
                    string key = g.IsCrossCutting ? SimulationTruth.CrossCuttingKey : g.Group;
                    var t = truth[key];
                    var settings = programme.Options.Groups.FirstOrDefault(x => x.Name == g.Group);
                    bool jobsDesigned = g.IsCrossCutting || settings is null || settings.FteEffect != 0;
                    bool turnoverDesigned = g.IsCrossCutting || settings is null || settings.TurnoverEffect != 0;
                    estimates.Add(Estimate(seed, estimator.Name, "jobs", key, t.TrueJobsCreated, g.Employment, jobsDesigned));
                    estimates.Add(Estimate(seed, estimator.Name, "turnover", key, t.TrueAddedTurnoverMdkk, g.Turnover, turnoverDesigned));
                    if (t.TrueAddedExportMdkk is { } exportTruth)
                    {
                        // Added export as measure reports it (the effect chain's rules, docs/effect-chain.md).
                        bool exportDesigned = g.IsCrossCutting || settings is null || settings.ExportEffect != 0;
                        var x = g.Chain?.Export;
                        estimates.Add(new StudyEstimate(seed, estimator.Name, "export", key, exportTruth, x?.EstimateMdkk ?? double.NaN, x?.Interval?.Low ?? double.NaN, x?.Interval?.High ?? double.NaN, exportDesigned));
                    }
                }

                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {estimator.Name} done"));
            }
        }

        return estimates;
    }

    /// <summary>The estimator with export at baseline among its covariates when <see cref="StudyOptions.MatchOnExport"/>
    /// asks for it (named <c>+export</c>), else itself.</summary>
    internal static StudyEstimator WithExportCovariate(StudyEstimator estimator, StudyOptions options)
    {
        var covariates = estimator.Options.Covariates;
        if (!options.MatchOnExport || options.Export is null || ReferenceEquals(covariates, MeasurementOptions.DefaultCovariates) || covariates.Contains(FirmCovariate.Export))
        {
            return estimator;
        }

        return new StudyEstimator(estimator.Name + "+export", estimator.Options with { Covariates = [.. covariates, FirmCovariate.Export] });
    }

    private static StudyEstimate Estimate(ulong seed, string estimator, string outcome, string group, double truth, OutcomeEffect effect, bool designed) =>
        new(seed, estimator, outcome, group, truth, effect.Estimate ?? double.NaN, effect.Interval?.Low ?? double.NaN, effect.Interval?.High ?? double.NaN, designed);

    /// <summary>Per estimator, outcome and row kind (<c>cross-cutting</c>; <c>groups</c>: every group with a designed
    /// nonzero effect for the outcome, pooled over seeds) the summary statistics.</summary>
    public static IReadOnlyList<StudySummary> Summarise(IReadOnlyList<StudyEstimate> estimates)
    {
        var rows = new List<StudySummary>();
        foreach (string estimator in estimates.Select(e => e.Estimator).Distinct())
        {
            foreach (string outcome in Outcomes.Where(o => estimates.Any(e => e.Outcome == o)))
            {
                foreach (bool cross in new[] { true, false })
                {
                    var set = estimates.Where(e => e.Estimator == estimator && e.Outcome == outcome
                        && (e.Group == SimulationTruth.CrossCuttingKey) == cross && e.DesignedEffect
                        && e.Truth != 0 && double.IsFinite(e.Estimate)).ToArray();
                    rows.Add(Summary(estimator, outcome, cross ? "cross-cutting" : "groups", set));
                }
            }
        }

        return rows;
    }

    private static StudySummary Summary(string estimator, string outcome, string row, StudyEstimate[] set)
    {
        if (set.Length == 0)
        {
            return new StudySummary(estimator, outcome, row, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var errors = set.Select(e => e.RelativeError).Order().ToArray();
        double mean = errors.Average();
        double median = errors.Length % 2 == 1 ? errors[errors.Length / 2] : (errors[(errors.Length / 2) - 1] + errors[errors.Length / 2]) / 2;
        double rmse = Math.Sqrt(errors.Sum(e => e * e) / errors.Length);
        double sd = errors.Length > 1 ? Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / (errors.Length - 1)) : double.NaN;
        var withInterval = set.Where(e => !double.IsNaN(e.Low)).ToArray();
        double coverage = withInterval.Length == 0 ? double.NaN : withInterval.Count(e => e.Covers) / (double)withInterval.Length;
        double width = withInterval.Length == 0 ? double.NaN : withInterval.Average(e => e.RelativeWidth);
        return new StudySummary(estimator, outcome, row, set.Length, mean, median, rmse, sd, coverage, width);
    }

    /// <summary>The report of <c>simulate-study</c>: what was simulated, how to read it, and the summary table of
    /// <paramref name="estimates"/>.</summary>
    public static string FormatReport(StudyOptions options, int bootstrap, IReadOnlyList<StudyEstimate> estimates)
    {
        string dynamics = options.Dynamics == RegisterDynamics.Classic ? "classic" : "realistic";
        string export = options.Export is null ? string.Empty : string.Create(
            CultureInfo.InvariantCulture,
            $"Registers with export (selection on exporters {options.Export.SelectionExporter:0.0##}); added export as measure reports it (the effect chain's formula, whatever the estimator's).\n");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Known-truth study: {options.Seeds} registers of {options.Firms:N0} firms (seeds {options.FirstSeed}..{options.FirstSeed + (ulong)options.Seeds - 1}), dynamics {dynamics}, {bootstrap} bootstrap replicates\n")
            + export
            + "Relative error = estimate / truth - 1 (estimate before the significance rule); coverage of the 95 % interval.\n\n"
            + FormatTable(Summarise(estimates));
    }

    /// <summary>The summary as a Markdown table (relative errors in %, coverage in %).</summary>
    public static string FormatTable(IReadOnlyList<StudySummary> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("| estimator | outcome | row | n | mean error | median error | RMSE | SD | 95% coverage | mean width |\n");
        sb.Append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in rows)
        {
            sb.Append(string.Create(inv, $"| {r.Estimator} | {OutcomeLabel(r.Outcome)} | {r.Row} | {r.Count} | {Pct(r.MeanError)} | {Pct(r.MedianError)} | {Pct(r.RmseError, false)} | {Pct(r.SdError, false)} | {Pct(r.Coverage, false)} | {Pct(r.MeanRelativeWidth, false)} |\n"));
        }

        return sb.ToString();
    }

    /// <summary>Every estimate, one CSV line each (seed, estimator, outcome, group, truth, estimate, low, high).</summary>
    public static string FormatCsv(IReadOnlyList<StudyEstimate> estimates)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("seed,estimator,outcome,group,truth,estimate,low,high,relative_error,covers\n");
        foreach (var e in estimates)
        {
            sb.Append(string.Create(inv, $"{e.Seed},{e.Estimator},{e.Outcome},\"{e.Group}\",{e.Truth:0.######},{e.Estimate:0.######},{e.Low:0.######},{e.High:0.######},{e.RelativeError:0.######},{(e.Covers ? 1 : 0)}\n"));
        }

        return sb.ToString();
    }

    /// <summary>The outcome as the tables name it: jobs, added turnover, added export.</summary>
    public static string OutcomeLabel(string outcome) => outcome switch
    {
        "jobs" => "jobs",
        "turnover" => "added turnover",
        "export" => "added export",
        _ => outcome,
    };

    private static string Pct(double v, bool sign = true) => double.IsNaN(v)
        ? "n/a"
        : (v * 100).ToString(sign ? "+0.0;-0.0;0.0" : "0.0", CultureInfo.InvariantCulture) + " %";
}
