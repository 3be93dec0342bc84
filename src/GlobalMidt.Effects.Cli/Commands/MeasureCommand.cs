using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>measure</c> command: Tables 1-3 from a register extract.</summary>
internal sealed class MeasureCommand() : Command("measure", "Measure programme effects: Tables 1-3 with matched control groups", HelpText)
{
    private const string HelpText = """
        Usage: globalmidt-effects measure [options]

        Measures the effect of a programme: eligibility (Table 1), matched control groups, growth shares with
        p-values (Table 2), jobs created, added turnover and cost per job (Table 3). With no options it runs on
        the shipped sample in data-samples/.

        Input
          --firms FILE           register extract (.csv or .csv.gz; - for standard input, gzip
                                 recognised by its first bytes)          [data-samples/firms.csv.gz]
          --participants FILE    firm_id,project_id,group                  [data-samples/participants.csv]
          --budgets FILE         group,budget_mdkk (optional)              [data-samples/budgets.csv]
          --culture NAME         culture of decimal numbers, e.g. da-DK for decimal commas [invariant]
          --attribute-changes error|latest   region/industry/sector changing between periods   [error]

        Periods
          --history PERIOD       start of the employment history           [first period]
          --baseline PERIOD      baseline                                  [measurement - 6 years]
          --measurement PERIOD   measurement period                        [last period]
          --series               measure every period after the project end up to the measurement
                                 period, each in full (event-time tables, horizon bands, JSON
                                 "series"; docs/effect-chain.md)
          --project-end PERIOD   the project end of --series     [latest end in participants.csv]

        Rows and indicators (the 2017-2019 effect chain, docs/effect-chain.md)
          --by group|activity    rows: the groups or the activities (participants.csv column
                                 activity; a firm in two activities counts in both, the
                                 cross-cutting row counts each firm once)  [group]
          --indicators           also the output indicators: per activity and half-year the firms
                                 starting, active and cumulated (participants.csv start, end), per
                                 group the supported firms, budget and private co-financing
                                 (budgets.csv private_mdkk); in JSON the object "indicators";
                                 with --format csv the output is the indicator table alone

        Matching
          --ratio K              controls per participant                  [5]
          --replace true|false   match with replacement                    [true]
          --distance mahalanobis|scaled_euclidean|euclidean|glm           [mahalanobis]
          --caliper SD           caliper in SDs of the propensity score, with
                                 --distance glm only (as MatchIt's)        [none]
          --trajectory-weight W  the pre-period trajectory in the Mahalanobis distance: adds
                                 W (d/SD)^2 for the difference d in FTE growth and for that in
                                 log(1+turnover) minus its history mean (docs/accuracy.md);
                                 0 = the plain Mahalanobis distance
                                 [2; --method dst2016|trajectory or another --distance: 0]
          --covariates LIST      of fte,turnover,growth,export,exporter,turnover_mean
                                 [fte,turnover,growth,turnover_mean; --method dst2016|trajectory:
                                 fte,turnover,growth]
                                 export: log(1+export) at baseline, exporter: export > 0 at
                                 baseline (firms.csv column export; docs/effect-chain.md);
                                 not given, a register with an export column adds export
                                 (robust: the effect chain matched apart on fte,growth,export);
                                 turnover_mean: log(1+turnover) averaged over the history
                                 window (docs/accuracy.md)
          --levels LIST          exact-matching levels, finest first, each parts joined by '+'
                                 (region|municipality|national, industry1..6, history)
                                 [national+industry2+history,national+industry1+history,history;
                                 --method dst2016|trajectory: region+industry2+history,
                                 region+industry1+history,region+history,history]
          --group-matching shared|per-group   shared: the groups take their participants' controls
                                 from the cross-cutting row's matching, so a firm has the same
                                 controls in every row (covariance estimated once per level;
                                 with replacement and a covariate distance); per-group: each
                                 group matched on its own, as one MatchIt call per group
                                 (docs/method.md, "One matching for every row")  [shared]

        Inference and effects
          --alpha A              effects are 0 where p >= A                [0.05]
          --test known-share|two-sample                                    [known-share]
          --estimator aggregate|pairwise   counterfactual growth of the participants: like the
                                 weighted control group as a whole (published method) or each
                                 like its own controls   [pairwise; --method dst2016|trajectory: aggregate]
          --method robust|dst2016|trajectory   the defaults of --covariates, --levels,
                                 --estimator and --bootstrap-scheme. robust: chosen by the
                                 known-truth study (docs/accuracy.md); dst2016: the published
                                 method (reproduces the published tables); trajectory: dst2016
                                 also matching on FTE and turnover of the period before the
                                 baseline and the history's mean turnover      [robust]
          --baseline-periods K   periods averaged into every firm's baseline value [1]
          --bias-adjust          regression bias adjustment of the controls' growth (Abadie-Imbens)
          --propensity-subclass W   instead of nearest neighbours: per group a logit of
                                 participation (covariates, history, region, 2-digit industry,
                                 size class) and subclasses of its log odds W wide (>= 10
                                 controls); controls = the subclass's firms (docs/accuracy.md)
          --level L              confidence level of the intervals         [0.95]
          --bootstrap B          bootstrap replicates, 0 for none          [999]
          --bootstrap-scheme matched-sets|controls   what a replicate resamples: the participants
                                 with their controls, or also every distinct control with one
                                 weight shared by all participants that use it (docs/accuracy.md)
                                 [controls; --method dst2016|trajectory: matched-sets]
          --seed S               seed of every random step                 [2016]
          --plan-budget MDKK     also print the expected jobs of a planned budget per group

        Output
          --format table|markdown|csv|json|html                            [table]
          --out PATH             write to PATH (atomically) instead of stdout (- for stdout)
          --plot DIR             write into DIR (created when missing) a Love plot per group
                                 (balance-<group>.png), the growth shares of participants and controls
                                 (shares-employment.png, shares-turnover.png) and the jobs / added turnover
                                 with their intervals (effects-jobs.png, effects-turnover.png); with
                                 --series also per group the jobs and the added export against the
                                 years after the project end (series-jobs-<group>.png,
                                 series-export-<group>.png)
          --threads N            threads, 0 for all cores (results do not depend on it) [0]
          --quiet                no progress on stderr (shown only when stderr is a terminal)
          --timings              print the time of each phase on stderr

        Matched data
          --matches PATH         also write every matched pair of every group as CSV ('-' for stdout
                                 when --out is given): group,participant,control,slot,level,distance,
                                 pair_weight,control_weight (see docs/api.md)

        Exit codes: 0 success, 1 internal error (a bug), 2 bad command line, 3 bad input data,
        4 analysis not possible, 5 output not writable (globalmidt-effects --help lists them).
        """;

    /// <inheritdoc />
    public override int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        args.Alias("measurement", "measure");
        args.NegatedAlias("replace", "no-replace");
        var load = CommonOptions.LoadOptions(args);
        var options = Options(args);
        bool sample = !args.Has("firms");
        string? firmsOption = args.String("firms");
        string? participantsOption = args.String("participants");
        string? budgetsOption = args.String("budgets");
        string format = CommonOptions.Format(args);
        string? output = args.String("out");
        double? plan = args.OptionalDouble("plan-budget", 0, 1e9);
        var progress = CliProgress.For(args, stderr);
        bool timings = args.Flag("timings");
        string? plotDir = args.String("plot");
        string? matchesPath = args.String("matches");
        UsageException.ThrowIf(
            matchesPath == "-" && (output is null || output == "-"),
            "option --matches -: stdout carries the report; give --out PATH for the report or a file for --matches.");

        args.ThrowIfUnused();

        // The shipped sample only once every option is known: a misspelt --firms is reported as such.
        string firms = firmsOption ?? SampleData.File("firms.csv.gz", "firms");
        string participants = participantsOption ?? (sample ? SampleData.File("participants.csv", "participants") : throw new UsageException("option --participants is required with --firms."));
        string? budgets = budgetsOption ?? (sample ? SampleData.File("budgets.csv", "budgets") : null);
        OutputFile.Check(output);
        OutputFile.Check(matchesPath, "--matches");
        OutputFile.CheckFolder(plotDir, "--plot", create: true);

        CliInput.AtMostOneStdin(("firms", firms), ("participants", participants), ("budgets", budgets));

        void Progress(string s) => progress.Report(s);

        var phase = Stopwatch.StartNew();
        Progress($"loading {firms}");
        // The participants and budgets are read on another thread while the register loads (they need it only to
        // check start and end periods, which wait for it); the register's errors come first, as when read in turn.
        var registerLoaded = new TaskCompletionSource<Register>(TaskCreationOptions.RunContinuationsAsynchronously);
        var others = Task.Run(() => (
            Participants: CliInput.Participants(participants, load, args.Host, () => registerLoaded.Task.GetAwaiter().GetResult()),
            Budgets: budgets is null ? [] : CliInput.Budgets(budgets, load, args.Host)));
        Register register;
        try
        {
            register = CliInput.Register(firms, load, args.Host, progress);
        }
        catch (Exception e)
        {
            registerLoaded.SetException(e);
            ((IAsyncResult)others).AsyncWaitHandle.WaitOne();
            throw;
        }

        registerLoaded.SetResult(register);
        var (reported, budgetRows) = others.GetAwaiter().GetResult();
        if (options.By == ParticipantGrouping.Activity)
        {
            ActivityGroups.RequireActivities(reported, CliInput.Name(participants));
        }

        FirmCovariates.RequireExport(register, options.Covariates, CliInput.Name(firms));

        double loadSeconds = phase.Elapsed.TotalSeconds;
        Progress(string.Create(CultureInfo.InvariantCulture, $"loaded {register.FirmCount:N0} firms x {register.PeriodCount} periods, {reported.Count:N0} participant rows"));

        phase.Restart();
        var result = EffectMeasurement.Run(register, reported, budgetRows, options, Progress);

        phase.Restart();
        string text = format switch
        {
            "json" => result.ToJson(),
            "csv" => result.Indicators is { } indicators ? indicators.ToCsv() : result.Series is null ? result.ToCsv() : SeriesReport.SeriesCsv(result),
            "markdown" => result.ToMarkdown(),
            "html" => result.ToHtml(),
            _ => result.ToConsole(),
        };
        // The forecast follows a table or markdown report; with the machine formats it goes to stderr.
        string? forecast = plan is double budget ? MeasurementReport.ForecastText(result, budget) : null;
        bool inline = format is "table" or "markdown";
        OutputFile.Write(output, inline ? text + forecast : text, stdout);
        if (!inline && forecast is not null)
        {
            stderr.Write(forecast);
        }

        if (matchesPath is not null)
        {
            OutputFile.Write(matchesPath == "-" ? null : matchesPath, result.MatchesToCsv(), stdout);
            Progress(string.Create(CultureInfo.InvariantCulture, $"wrote {result.Groups.Sum(g => g.Matches.PairCount):N0} matched pairs to {(matchesPath == "-" ? "stdout" : matchesPath)}"));
        }

        if (plotDir is not null)
        {
            foreach (var (name, chart) in MeasurementCharts.All(result))
            {
                string file = Path.Combine(plotDir, name);
                OutputFile.Write(file, "--plot", chart.Save);
                Progress($"wrote {file}");
            }
        }

        if (timings)
        {
            var t = result.Timings!;
            (string, double)[] phases = [("load", loadSeconds), ("eligibility", t.Eligibility), ("match", t.Matching), ("effects", t.Effects), ("write", phase.Elapsed.TotalSeconds)];
            Array.ForEach(phases, p => stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Item1}: {p.Item2:0.000} s")));
        }

        return ExitCodes.Success;
    }

    private static MeasurementOptions Options(ParsedArgs args)
    {
        var method = args.Choice("method", ("robust", MeasurementMethod.Robust), ("dst2016", MeasurementMethod.Dst2016), ("trajectory", MeasurementMethod.Trajectory));
        var defaults = new MeasurementOptions { Method = method };
        IReadOnlyList<MatchingLevel>? levels = CommonOptions.Levels(args);

        IReadOnlyList<FirmCovariate>? covariates = null;
        if (args.Has("covariates"))
        {
            covariates = args.List("covariates").Select(c => c switch
            {
                "fte" => FirmCovariate.Fte,
                "turnover" => FirmCovariate.Turnover,
                "growth" => FirmCovariate.Growth,
                "export" => FirmCovariate.Export,
                "exporter" => FirmCovariate.Exporter,
                "turnover_mean" => FirmCovariate.TurnoverMean,
                _ => throw new UsageException($"option --covariates: '{c}' is not one of fte, turnover, growth, export, exporter, turnover_mean."),
            }).ToList();
        }

        var options = new MeasurementOptions
        {
            History = CommonOptions.Period(args, "history"),
            Baseline = CommonOptions.Period(args, "baseline"),
            Measurement = CommonOptions.Period(args, "measurement"),
            Alpha = args.Double("alpha", defaults.Alpha, 1e-12, 0.999999),
            Matching = defaults.Matching with
            {
                Ratio = args.Int("ratio", defaults.Matching.Ratio, 1, 1000),
                Replace = !args.Has("replace") || args.Flag("replace"),
                Distance = CommonOptions.Distance(args, DistanceMetric.Mahalanobis),
                Caliper = args.OptionalDouble("caliper", 1e-12, 1e6),
            },
            Test = args.Choice("test", ("known-share", ShareTestMethod.KnownShare), ("two-sample", ShareTestMethod.TwoSample)),
            BiasAdjust = args.Flag("bias-adjust"),
            PropensitySubclassWidth = args.OptionalDouble("propensity-subclass", 1e-6, 10),
            Method = method,
            BaselinePeriods = args.Has("baseline-periods") ? args.Int("baseline-periods", 1, 1, 20) : null,
            ConfidenceLevel = args.Double("level", defaults.ConfidenceLevel, 0.5, 0.9999),
            BootstrapReplicates = args.Int("bootstrap", defaults.BootstrapReplicates, 0, 1_000_000),
            Seed = (ulong)args.Int("seed", (int)defaults.Seed, 0, int.MaxValue),
            MaxDegreeOfParallelism = args.Int("threads", 0, 0, 1024),
            By = args.Choice("by", ("group", ParticipantGrouping.Group), ("activity", ParticipantGrouping.Activity)),
            Indicators = args.Flag("indicators"),
            Series = args.Flag("series"),
            ProjectEnd = CommonOptions.Period(args, "project-end"),
        };
        UsageException.ThrowIf(options.ProjectEnd is not null && !options.Series, "option --project-end needs --series.");

        // Left unset, the method's defaults apply (MeasurementOptions: e.g. a register with an export column then adds it).
        options = levels is null ? options : options with { Levels = levels };
        options = covariates is null ? options : options with { Covariates = covariates };
        options = !args.Has("bootstrap-scheme") ? options : options with { BootstrapScheme = args.Choice("bootstrap-scheme", ("matched-sets", BootstrapScheme.MatchedSets), ("controls", BootstrapScheme.Controls)) };
        options = !args.Has("trajectory-weight") ? options : options with { TrajectoryWeight = args.Double("trajectory-weight", 0, 0, 1000) };
        options = !args.Has("group-matching") ? options : options with { GroupMatching = args.Choice("group-matching", ("shared", GroupMatching.Shared), ("per-group", GroupMatching.PerGroup)) };
        options = !args.Has("estimator") ? options : options with { Estimator = args.Choice("estimator", ("aggregate", EffectEstimator.Aggregate), ("pairwise", EffectEstimator.Pairwise)) };

        options.Validate(); // the library's rules, before the register is loaded (an OptionsException is exit code 2)

        return options;
    }
}
