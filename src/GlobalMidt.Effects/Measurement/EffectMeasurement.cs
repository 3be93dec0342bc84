using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects;

/// <summary>
/// The effect measurement of docs/method.md in one call: eligibility (Table 1), control pool, matching, growth shares and
/// tests (Table 2), jobs created and added turnover, Table 3.
/// </summary>
/// <example>
/// <code>
/// var register = RegisterCsv.Load("firms.csv.gz");
/// var result = EffectMeasurement.Run(register, ParticipantsCsv.Load("participants.csv"), BudgetsCsv.Load("budgets.csv"));
/// Console.WriteLine(result.ToConsole());
/// </code>
/// </example>
public static partial class EffectMeasurement
{
    /// <summary>Runs the whole measurement.</summary>
    /// <param name="register">The firm register.</param>
    /// <param name="participants">Reported participants (firm, project, group).</param>
    /// <param name="budgets">Budgets per group (may be empty).</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="progress">Receives one line per stage (for a progress display); may be null.</param>
    /// <exception cref="OptionsException">Options invalid (validated here, once: <see cref="MeasurementOptions.Validate"/>).</exception>
    /// <exception cref="AnalysisException">Periods not in the register, no control firm, a model that cannot be estimated, a figure that is not finite.</exception>
    public static MeasurementResult Run(
        Register register,
        IReadOnlyList<Participant> participants,
        IReadOnlyList<GroupBudget> budgets,
        MeasurementOptions? options = null,
        Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(budgets);
        options ??= new MeasurementOptions();
        options.Validate();
        FirmCovariates.RequireExport(register, options.Covariates, "firms");
        if (register.HasExport && options.CovariatesAreDefault)
        {
            options = options with { Covariates = [.. options.Covariates, FirmCovariate.Export] };
            if (options.Method == MeasurementMethod.Robust && !options.ChainMatchSeparately)
            {
                // Robust: jobs and turnover matched on its covariates without export, the effect chain apart on FTE,
                // growth and export (docs/accuracy.md, "Where robust's remaining bias comes from": added export
                // +15.1 % -> -4.5 %, jobs +6.6 % -> +4.5 % on 320 fresh registers with export).
                options = options with { ChainMatchSeparately = true, ChainCovariatesOverride = MeasurementOptions.RobustChainCovariates };
            }
        }

        options = MeasurementMethods.Resolve(options);
        return options.Series
            ? SeriesMeasurement.Run(register, participants, budgets, options, progress)
            : RunWindow(register, participants, budgets, options, progress, null);
    }

    /// <summary>One measurement window; <paramref name="hooks"/> (from the series) give the eligibility and may skip
    /// the balance tables.</summary>
    internal static MeasurementResult RunWindow(
        Register register,
        IReadOnlyList<Participant> participants,
        IReadOnlyList<GroupBudget> budgets,
        MeasurementOptions options,
        Action<string>? progress,
        WindowHooks? hooks)
    {
        var window = MeasurementWindow.Resolve(register, options.History, options.Baseline, options.Measurement);

        // 1-2. Eligibility (Table 1) and the control pool.
        var clock = Stopwatch.StartNew();
        var share = hooks?.Share;
        // The covariates need no eligibility: built on a core of their own while the firms are classified and the
        // participants' firms looked up.
        var ownCovariates = share?.Covariates is null ? Task.Run(() => FirmCovariates.ForWindow(register, window, options.BaselinePeriods ?? 1)) : null;
        ExclusionReason[] firmReasons;
        IReadOnlyList<GroupParticipants> groups;
        if (hooks is null && share is null)
        {
            // The firms classified on another core while this one finds the participants' firms; their reasons
            // are then put in (the groups depend on the reasons only through them).
            var classified = Task.Run(() => EligibilityRules.ClassifyAll(register, window));
            try
            {
                groups = ActivityGroups.For(options.By, register, participants, new ExclusionReason[register.FirmCount]);
            }
            catch
            {
                ((IAsyncResult)classified).AsyncWaitHandle.WaitOne();
                throw;
            }

            firmReasons = classified.GetAwaiter().GetResult();
            groups = WithReasons(groups, firmReasons);
        }
        else
        {
            firmReasons = hooks?.Reasons(window) ?? EligibilityRules.ClassifyAll(register, window);
            groups = share?.Groups is { } shared ? WithReasons(shared, firmReasons) : ActivityGroups.For(options.By, register, participants, firmReasons);
        }
        var pool = ParticipantGroups.ControlPool(register, firmReasons, groups[^1]);
        if (pool.Length == 0)
        {
            throw new AnalysisException(string.Create(
                CultureInfo.InvariantCulture,
                $"No control firm at all: none of the {register.FirmCount:N0} firms in the register is both eligible in {window.Baseline}..{window.Measurement} (private, present in every period, active) and reported in no project, so no participant can be matched."));
        }

        FirmCovariates covariates;
        if (share?.Covariates is { } sharedCovariates)
        {
            covariates = new FirmCovariates(sharedCovariates, register, window);
        }
        else
        {
            covariates = ownCovariates!.GetAwaiter().GetResult();
        }

        var chainColumns = ChainColumns.For(register, window, share?.Chain);
        var cells = share?.Cells ?? new MatchingCells(register, covariates, options.Levels, options.ExporterStrata);
        if (share is not null && share.Groups is null)
        {
            share.Groups = groups;
            share.Covariates = covariates;
            share.Chain = chainColumns;
            share.Cells = cells;
        }

        var naive = new NaiveComparison(covariates, pool);
        List<string> notes;
        var budgetOf = options.By == ParticipantGrouping.Activity ? ActivityGroups.BudgetLookup(budgets, out notes) : BudgetLookup(budgets, groups, out notes);
        double eligibilitySeconds = clock.Elapsed.TotalSeconds;
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"eligibility: {groups[^1].FirmIds.Length:N0} reported firms, control pool {pool.Length:N0} firms"));

        // 3. Matching, per group (the cross-cutting set included), then 4-7. Table 2, effects with bootstrap intervals,
        // balance, Table 3. Groups are independent: a group's effects start as soon as its own matching is done (on
        // the thread that is free, largest groups first). Each group's bootstrap has its own seed, so results do not
        // depend on the number of threads or the order.
        clock.Restart();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 };
        int threads = GroupLoop.Threads(options.MaxDegreeOfParallelism);
        long reportedTotal = groups.Sum(g => (long)g.FirmIds.Length);
        var matchingOptions = options.EngineOptions();
        var matches = new MatchedSample[groups.Count];
        var measuredOf = groups.Select(g => g.MeasuredFirms()).ToArray();
        long measuredTotal = measuredOf.Sum(m => (long)m.Length);

        // The effect chain matched on its own (ChainMatchSeparately, study only): jobs and turnover without the export
        // covariates and exporter strata, export and value added with them.
        bool separateChain = options.ChainMatchedApart && chainColumns is not null;
        var chainMatches = separateChain ? new MatchedSample[groups.Count] : null;
        var mainCovariates = separateChain ? options.MainCovariates : options.Covariates;
        var mainCells = separateChain && options.ExporterStrata ? new MatchingCells(register, covariates, options.Levels, false) : cells;
        var mainEngine = options.EngineOptions(mainCovariates);
        var chainEngine = options.EngineOptions(options.ChainCovariates, options.ChainTrajectoryWeight);
        var results = new GroupResult[groups.Count];
        var work = new GroupWork();
        long largest = groups.Max(g => (long)g.FirmIds.Length);
        // The pool's sorted columns for the balance tables, early, on the thread the largest group leaves free.
        PoolBalance? poolBalance = null;
        int poolBalanceItem = hooks?.Balance ?? true
            ? work.Add((2 * largest) - 1, () => poolBalance = PoolBalance.For(covariates, pool, options.Covariates, threads <= 2 ? new ParallelOptions { MaxDegreeOfParallelism = 1 } : parallel))
            : -1;
        int matched = 0;
        double matchSeconds = 0;
        int groupsDone = 0;
        var matchItems = new int[groups.Count];
        var effectItems = new int[groups.Count];

        // Shared matching (GroupMatching.Shared, where it applies): the cross-cutting set is matched once, on every
        // thread, and each group whose measured firms are all among its participants takes their controls from it.
        int cross = groups.Count - 1;
        var fromCross = SharedGroups(options, measuredOf);
        bool anyFromCross = Array.IndexOf(fromCross, true) >= 0;
        void MatchedOne(int g)
        {
            progress?.Invoke($"matched: {groups[g].Group}");
            if (Interlocked.Increment(ref matched) == groups.Count)
            {
                matchSeconds = clock.Elapsed.TotalSeconds;
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"effects: {groups.Count} groups, {options.BootstrapReplicates:N0} bootstrap replicates each"));
            }
        }

        foreach (int g in (int[])[cross, .. Enumerable.Range(0, cross)])
        {
            long size = groups[g].FirmIds.Length;
            if (fromCross[g])
            {
                matchItems[g] = work.Add(2 * size, () =>
                {
                    matches[g] = matches[cross].Subset(measuredOf[g]);
                    if (chainMatches is not null)
                    {
                        chainMatches[g] = chainMatches[cross].Subset(measuredOf[g]);
                    }

                    MatchedOne(g);
                }, matchItems[cross]);
                continue;
            }

            matchItems[g] = work.Add(2 * size, () =>
            {
                var measured = measuredOf[g];
                int inner = anyFromCross && g == cross ? threads : GroupLoop.InnerThreads(threads, groups[g].FirmIds.Length, reportedTotal);
                matches[g] = measured.Length == 0
                    ? MatchedSample.Empty
                    : options.PropensitySubclassWidth is double width
                        ? PropensitySubclasses.Match(register, covariates, measured, pool, options.Covariates, options.Levels, width, inner, options.PropensityMinControls, options.PropensityWithinSize)
                        : options.PropensityMatchWidth is double band
                            ? PropensityBandMatcher.Match(register, covariates, measured, pool, options.Covariates, options.Levels, band, matchingOptions with { MaxDegreeOfParallelism = inner }, inner, options.PropensityMatchOnLogOdds)
                            : FirmMatcher.Match(register, covariates, measured, pool, options.Levels, mainCovariates, mainEngine with { MaxDegreeOfParallelism = inner }, mainCells);
                if (chainMatches is not null)
                {
                    chainMatches[g] = measured.Length == 0 ? MatchedSample.Empty : FirmMatcher.Match(register, covariates, measured, pool, options.Levels, options.ChainCovariates, chainEngine with { MaxDegreeOfParallelism = inner }, cells);
                }

                MatchedOne(g);
            });
        }

        for (int i = 0; i < groups.Count; i++)
        {
            int g = i;
            long size = groups[g].FirmIds.Length;
            effectItems[g] = work.Add(size, () =>
            {
                var groupOptions = options with { MaxDegreeOfParallelism = GroupLoop.InnerThreads(threads, measuredOf[g].Length, measuredTotal) };
                results[g] = MeasureGroup(register, covariates, naive, groups[g], measuredOf[g], matches[g], pool, poolBalance, budgetOf(groups[g]), groupOptions, chainColumns, hooks?.Balance ?? true, chainMatches?[g]);
                int done = Interlocked.Increment(ref groupsDone);
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"effects: {done}/{groups.Count} groups ({100 * done / groups.Count}%), {groups[g].Group}"));
            }, poolBalanceItem >= 0 ? [matchItems[g], poolBalanceItem] : [matchItems[g]]);
        }

        work.Run(threads);
        // Failures as before: the first failing group's matching (by index), then the pool's balance columns, then the
        // first failing group's effects.
        foreach (int[] items in (int[][])[matchItems, poolBalanceItem >= 0 ? [poolBalanceItem] : [], effectItems])
        {
            foreach (int item in items)
            {
                if (work.Error(item) is { } e)
                {
                    ExceptionDispatchInfo.Capture(e).Throw();
                }
            }
        }

        double effectsSeconds = clock.Elapsed.TotalSeconds - matchSeconds;
        foreach (var r in results)
        {
            if (r.Eligibility.Reported > 0 && r.Eligibility.Measured == 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"No reported firm of '{r.Group}' is measured ({r.Eligibility.Unknown} of {r.Eligibility.Reported} not in the register): check the firm ids and the window."));
            }
        }

        // Degenerate matching and undefined known-share tests, cross-cutting row first as printed.
        foreach (int g in (int[])[groups.Count - 1, .. Enumerable.Range(0, groups.Count - 1)])
        {
            foreach (var (level, fallback) in matches[g].Fallbacks)
            {
                string note = FallbackNote(groups[g].Group, options.Levels[level], options.Matching.Distance, fallback);
                notes.Add(g == cross && anyFromCross ? note[..^1] + "; the groups take their controls from this matching." : note);
            }

            foreach (var (name, outcome) in new[] { ("employment", results[g].Employment), ("turnover", results[g].Turnover) })
            {
                if (options.Test == ShareTestMethod.KnownShare && outcome.Test is { Method: ShareTestMethod.TwoSample } t)
                {
                    notes.Add(string.Create(CultureInfo.InvariantCulture, $"'{groups[g].Group}', {name}: the matched controls' share with growth is {t.ControlShare:0.##}, where the known-share z test has no variance; its p-value is the two-sample z test's with the control group's effective size ({t.ControlEffectiveN:0.#}), as --test two-sample."));
                }
            }
        }

        notes.AddRange(Study.StudyCoverage.Notes(options));
        if (window.HistoryIndex == window.BaselineIndex)
        {
            notes.Add("History start equals the baseline: no firm has an employment history, so employment growth is 0 for all and history cells coincide.");
        }

        progress?.Invoke("effects, intervals and balance done");

        // Cross-cutting row first, as published.
        var ordered = new List<GroupResult>(results.Length) { results[^1] };
        ordered.AddRange(results[..^1]);
        return new MeasurementResult
        {
            Window = window,
            Options = options,
            RegisterFirms = register.FirmCount,
            ControlPoolSize = pool.Length,
            Groups = ordered,
            Notes = notes,
            Timings = new MeasurementTimings(eligibilitySeconds, matchSeconds, effectsSeconds),
            Indicators = options.Indicators ? OutputIndicators.Compute(participants, budgets) : null,
        };
    }

    /// <summary>The groups of another window of the series with this window's exclusion reasons.</summary>
    private static List<GroupParticipants> WithReasons(IReadOnlyList<GroupParticipants> groups, ExclusionReason[] firmReasons)
    {
        var result = new List<GroupParticipants>(groups.Count);
        foreach (var g in groups)
        {
            var reasons = new ExclusionReason[g.RegisterIndex.Length];
            for (int i = 0; i < reasons.Length; i++)
            {
                int f = g.RegisterIndex[i];
                reasons[i] = f < 0 ? ExclusionReason.Unknown : firmReasons[f];
            }

            result.Add(g with { Reasons = reasons });
        }

        return result;
    }

    private static GroupResult MeasureGroup(Register register, FirmCovariates cov, NaiveComparison naive, GroupParticipants group, int[] measured, MatchedSample matches, int[] pool, PoolBalance? poolBalance, double? budget, MeasurementOptions options, ChainColumns? chainColumns, bool withBalance, MatchedSample? chainMatches = null)
    {
        var counts = group.Counts();

        double[]? fteAdjust = null;
        double[]? turnoverAdjust = null;
        if (options.BiasAdjustWeighted && matches.ParticipantCount > 0)
        {
            fteAdjust = RobustEffects.WeightedAdjustment(cov.EffectFteBaseline, cov.FteMeasurement, pool, cov, options.Covariates, matches);
            turnoverAdjust = RobustEffects.WeightedAdjustment(cov.EffectTurnoverBaseline, cov.TurnoverMeasurement, pool, cov, options.Covariates, matches);
        }
        else if (options.BiasAdjust && matches.ParticipantCount > 0)
        {
            fteAdjust = BiasAdjustment.Factors(cov.EffectFteBaseline, cov.FteMeasurement, pool, cov, options.Covariates, matches);
            turnoverAdjust = BiasAdjustment.Factors(cov.EffectTurnoverBaseline, cov.TurnoverMeasurement, pool, cov, options.Covariates, matches);
        }

        var employment = new MatchedOutcomes(matches, cov.EffectFteBaseline, cov.FteMeasurement, fteAdjust);
        var turnover = new MatchedOutcomes(matches, cov.EffectTurnoverBaseline, cov.TurnoverMeasurement, turnoverAdjust);
        var controlWeights = matches.Distinct.RawWeight;
        int distinct = controlWeights.Length;
        double effectiveN = WeightedShares.KishEffectiveSize(controlWeights);

        // One set of bootstrap draws for every outcome (the chain's too, with the aggregate estimator): each
        // outcome's interval is the one of its own call with the same seed.
        var chain = ChainMeasurement.Prepare(chainColumns, chainMatches ?? matches, options);
        double chainEffectiveN = chainMatches is null ? effectiveN : WeightedShares.KishEffectiveSize(chainMatches.Distinct.RawWeight);
        (double Low, double High)[]? intervals = null;
        (double Low, double High)[]? chainIntervals = null;
        ulong seed = GroupSeed(options.Seed, group.Group);
        if (options.BootstrapReplicates > 0 && matches.ParticipantCount > 1)
        {
            bool subclassBootstrap = options.PropensitySubclassWidth is not null && options.PropensityControlBootstrap && fteAdjust is null;
            if (options.BootstrapScheme == BootstrapScheme.Controls && !subclassBootstrap && chainMatches is null)
            {
                // Participants and distinct controls resampled together (ControlBootstrap), the chain's outcomes too.
                (intervals, chainIntervals) = ControlBootstrapGroup.Intervals(matches, cov, fteAdjust, turnoverAdjust, chainColumns, chain, options, seed);
            }
            else if (options.BootstrapScheme == BootstrapScheme.Controls && !subclassBootstrap)
            {
                // The chain matched apart (ChainMatchSeparately): each matching's own bootstrap of the controls.
                intervals = ControlBootstrapGroup.Intervals(matches, cov, fteAdjust, turnoverAdjust, null, null, options, seed).Intervals;
                chainIntervals = chainMatches!.ParticipantCount > 1 ? ControlBootstrapGroup.Intervals(chainMatches, cov, null, null, chainColumns, chain, options, seed).ChainIntervals : null;
            }
            else if (chain is not null && options.Estimator == EffectEstimator.Aggregate && !subclassBootstrap && chainMatches is null)
            {
                Func<GrowthStatistics, double> sums = ChainMeasurement.SumsEffect;
                var all = EffectBootstrap.PercentileIntervals([employment, turnover, .. chain.Bootstrapped], options.BootstrapReplicates, options.ConfidenceLevel, seed, options.Estimator, options.MaxDegreeOfParallelism, [null, null, .. chain.Bootstrapped.Select(_ => sums)]);
                intervals = all[..2];
                chainIntervals = all[2..];
            }
            else if (subclassBootstrap)
            {
                // Propensity subclasses: controls resampled within their subclass too (SubclassBootstrap); the effect
                // chain's outcomes keep the matched-set bootstrap.
                intervals = SubclassBootstrap.PercentileIntervals(matches, [(cov.EffectFteBaseline, cov.FteMeasurement), (cov.EffectTurnoverBaseline, cov.TurnoverMeasurement)], options.BootstrapReplicates, options.ConfidenceLevel, seed, options.Estimator);
                if (chain is not null)
                {
                    chainIntervals = EffectBootstrap.PercentileIntervals(chain.Bootstrapped, options.BootstrapReplicates, options.ConfidenceLevel, seed, EffectEstimator.Aggregate, options.MaxDegreeOfParallelism, ChainMeasurement.SumsEffect);
                }
            }
            else
            {
                intervals = EffectBootstrap.PercentileIntervals([employment, turnover], options.BootstrapReplicates, options.ConfidenceLevel, seed, options.Estimator, options.MaxDegreeOfParallelism);
                if (chain is not null && (chainMatches ?? matches).ParticipantCount > 1)
                {
                    chainIntervals = EffectBootstrap.PercentileIntervals(chain.Bootstrapped, options.BootstrapReplicates, options.ConfidenceLevel, seed, EffectEstimator.Aggregate, options.MaxDegreeOfParallelism, ChainMeasurement.SumsEffect);
                    if (chain.HasExport && ChainMeasurement.ExportPairwise(options))
                    {
                        // Added export by the pairwise formula: its interval from the same draws (same seed).
                        chainIntervals[0] = EffectBootstrap.PercentileIntervals([chain.Bootstrapped[0]], options.BootstrapReplicates, options.ConfidenceLevel, seed, EffectEstimator.Pairwise, options.MaxDegreeOfParallelism)[0];
                    }
                }
            }
        }

        var balance = matches.ParticipantCount == 0 || !withBalance || poolBalance is null ? null : poolBalance.Compute(measured, matches);
        var emp = Outcome(group.Group, FiniteFigures.Jobs, employment, effectiveN, intervals?[0], 1.0, options, naive.Employment);
        var turn = Outcome(group.Group, FiniteFigures.AddedTurnover, turnover, effectiveN, intervals?[1], 1.0 / 1000.0, options, naive.Turnover);
        var levels = new int[options.Levels.Count];
        foreach (int l in matches.ParticipantLevels)
        {
            levels[l]++;
        }

        return new GroupResult
        {
            Group = group.Group,
            IsCrossCutting = group.IsCrossCutting,
            Eligibility = counts,
            Matched = matches.ParticipantCount,
            Unmatched = matches.Unmatched.Select(u => new UnmatchedParticipant(register.FirmId(u.Firm), u.Reason)).ToList(),
            MatchedAtLevel = levels,
            DistinctControls = distinct,
            ControlEffectiveN = effectiveN,
            Employment = emp,
            Turnover = turn,
            BudgetMdkk = budget,
            Balance = balance,
            Table3 = FiniteFigures.Table3(Table3.Compute(group.Group, emp.Effect ?? 0.0, budget, counts.Measured)),
            Matches = matches.ParticipantCount == 0 ? MatchedSample.Empty : matches,
            Chain = chain?.Finish(chainIntervals, chainEffectiveN, options),
        };
    }

    /// <summary>Per group, whether it takes its participants' controls from the cross-cutting set's matching (the
    /// last group's): <see cref="MeasurementOptions.SharesGroupMatching"/>, and the group has measured firms, all among
    /// the cross-cutting set's (as <see cref="ParticipantGroups.Build"/> and <see cref="ActivityGroups.For"/> make
    /// them). The cross-cutting set itself is matched.</summary>
    private static bool[] SharedGroups(MeasurementOptions options, int[][] measuredOf)
    {
        int cross = measuredOf.Length - 1;
        var shared = new bool[measuredOf.Length];
        if (!options.SharesGroupMatching || cross <= 0)
        {
            return shared;
        }

        var inCross = new HashSet<int>(measuredOf[cross]);
        for (int g = 0; g < cross; g++)
        {
            shared[g] = measuredOf[g].Length > 0 && Array.TrueForAll(measuredOf[g], inCross.Contains);
        }

        return shared;
    }

    private static string FallbackNote(string group, MatchingLevel level, DistanceMetric distance, DistanceFallback fallback) => fallback switch
    {
        DistanceFallback.ConstantCovariates => $"'{group}', level {level}: no matching covariate varies among the firms in the matched cells; every distance is 0 and controls were taken in firm id order.",
        _ => $"'{group}', level {level}: the pooled within-group {(distance == DistanceMetric.ScaledEuclidean ? "SD" : "covariance")} of the {distance} distance cannot be estimated (one participant and one control, or no covariate varies among participants or among controls); matched on the Euclidean distance of the standardized covariates instead, which picks the same controls here.",
    };

    private static OutcomeEffect Outcome(string group, string outcome, MatchedOutcomes outcomes, double controlEffectiveN, (double Low, double High)? interval, double scale, MeasurementOptions options, (double Share, double GrowthRate) naive)
    {
        var s = outcomes.Statistics();
        if (s.N == 0)
        {
            return new OutcomeEffect(null, null, null, null, double.NaN, 0, 0) { NaiveControlShare = naive.Share };
        }

        FiniteFigures.Sums(group, outcome, s);

        var testOptions = new ShareTestOptions { Level = options.ConfidenceLevel };
        int successes = (int)Math.Round(s.Growing);
        double controlShare = Math.Clamp(s.ControlShare, 0.0, 1.0);
        var test = options.Test == ShareTestMethod.TwoSample
            ? ShareTest.TwoSample(successes, s.N, controlShare, controlEffectiveN, testOptions)
            : ShareTest.KnownShare(successes, s.N, controlShare, controlEffectiveN, testOptions);
        double effect = s.EffectBy(options.Estimator);
        double? estimate = double.IsNaN(effect) ? null : effect * scale;
        double? published = estimate is null ? null : test.PValue < options.Alpha ? estimate : 0.0;
        Interval? ci = interval is { } iv && !double.IsNaN(iv.Low)
            ? new Interval(iv.Low * scale, iv.High * scale, options.ConfidenceLevel)
            : null;
        double naiveEffect = s.ParticipantsMeasurement - (s.ParticipantsBaseline * (1.0 + naive.GrowthRate));
        var result = new OutcomeEffect(test, published, estimate, ci, s.ControlGrowthRate, s.ParticipantsBaseline, s.ParticipantsMeasurement)
        {
            NaiveControlShare = naive.Share,
            NaiveEstimate = double.IsFinite(naiveEffect) ? naiveEffect * scale : null,
        };
        FiniteFigures.Outcome(group, outcome, result, interval);
        return result;
    }

    /// <summary>The whole control pool, unmatched and unweighted: the naive comparison matching should improve on.</summary>
    private sealed class NaiveComparison
    {
        public NaiveComparison(FirmCovariates cov, int[] pool)
        {
            Employment = Aggregate(cov.EffectFteBaseline, cov.FteMeasurement, pool);
            Turnover = Aggregate(cov.EffectTurnoverBaseline, cov.TurnoverMeasurement, pool);
        }

        public (double Share, double GrowthRate) Employment { get; }

        public (double Share, double GrowthRate) Turnover { get; }

        private static (double, double) Aggregate(double[] y0, double[] y1, int[] pool)
        {
            double s0 = 0;
            double s1 = 0;
            int growing = 0;
            foreach (int f in pool)
            {
                s0 += y0[f];
                s1 += y1[f];
                growing += y1[f] > y0[f] ? 1 : 0;
            }

            return pool.Length == 0 ? (double.NaN, double.NaN) : ((double)growing / pool.Length, s0 > 0 ? (s1 / s0) - 1 : double.NaN);
        }
    }

    /// <summary>Budgets by group; the cross-cutting budget is the sum of every budget given.</summary>
    private static Func<GroupParticipants, double?> BudgetLookup(IReadOnlyList<GroupBudget> budgets, IReadOnlyList<GroupParticipants> groups, out List<string> notes)
    {
        notes = [];
        var byGroup = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var b in budgets)
        {
            byGroup[b.Group.Trim()] = b.BudgetMdkk;
        }

        var names = groups.Where(g => !g.IsCrossCutting).Select(g => g.Group).ToHashSet(StringComparer.Ordinal);
        foreach (var g in names.Order(StringComparer.Ordinal))
        {
            if (!byGroup.ContainsKey(g))
            {
                notes.Add($"No budget for group '{g}': its cost per job and spend per firm are not computed.");
            }
        }

        foreach (var b in byGroup.Keys.Order(StringComparer.Ordinal))
        {
            if (!names.Contains(b))
            {
                notes.Add($"Budget of '{b}' has no participants; it counts in the cross-cutting budget only.");
            }
        }

        double? total = byGroup.Count == 0 ? null : byGroup.Values.Sum();
        if (total is double t && !double.IsFinite(t))
        {
            throw new AnalysisException(string.Create(CultureInfo.InvariantCulture, $"Cross-cutting row: its budget (Table 3 column B), the sum of every group's budget, is not a finite number (the {byGroup.Count} budgets add up beyond {double.MaxValue:G3} mio. DKK); check the budgets."));
        }

        return g => g.IsCrossCutting ? total : byGroup.TryGetValue(g.Group, out double v) ? v : null;
    }

    /// <summary>A per-group seed from the run's seed and the group name (FNV-1a), so results do not depend on group order.</summary>
    private static ulong GroupSeed(ulong seed, string group)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(group))
        {
            h = (h ^ b) * 1099511628211UL;
        }

        return seed ^ h;
    }
}
