using GlobalMidt.Effects.Simulation;
using GlobalMidt.Effects.Study;

namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>simulate-study</c> command: the known-truth study of docs/accuracy.md.</summary>
internal sealed class SimulateStudyCommand()
    : Command("simulate-study", "Measure simulated registers with a known effect: bias and interval coverage per estimator", HelpText)
{
    private const string HelpText = """
        Usage: globalmidt-effects simulate-study [options]

        Simulates registers with a known programme effect (seeds 1..N), measures each with every estimator and
        prints per estimator and outcome (jobs, added turnover), for the cross-cutting row and for the groups with
        a designed nonzero effect (pooled), the relative error's mean, median, RMSE and SD over the registers, the
        coverage of the 95 % bootstrap interval and its mean width (relative to the truth); with --export on also
        added export. Same options, same
        output, whatever --threads. See docs/accuracy.md.

        Options:
          --seeds N            registers (seeds --first-seed..; default 20)
          --first-seed S       first seed (default 1)
          --firms M            firms per register (default 100000)
          --estimator LIST     estimators, each a method (robust, dst2016 or trajectory, as measure
                               --method) with optional modifiers joined by '+': pairwise (--estimator pairwise),
                               biasadj (--bias-adjust), kN (--baseline-periods N), glm (--distance
                               glm), national (--levels national+industry2+history,
                               national+industry1+history,history), wbiasadj (bias adjustment
                               weighted by baseline size), rN (N controls), tmean (+ --covariates
                               turnover_mean), psub / psubN (--propensity-subclass 0.1 / N/100),
                               cboot / msets (--bootstrap-scheme controls / matched-sets),
                               export treatments xexact (exporter strata), xbin / xlog (exporter or
                               log(1+export) covariate), xpair (pairwise export formula), xsep (the
                               effect chain matched apart; docs/accuracy.md), cov.A.B...
                               (--covariates A,B,... of fte, turnover, growth, tmean, fprev,
                               tprev, export, exporter; fprev / tprev: the period before baseline),
                               xcov.A.B... (xsep with the effect chain matched on that list),
                               twN (--trajectory-weight N/10; tw0 = the plain Mahalanobis distance),
                               twx0 (the effect chain's own matching without it), scaled / euclid
                               (--distance scaled_euclidean / euclidean);
                               e.g. dst2016+national+pairwise+tmean, trajectory+psub+pairwise
                                                                         [dst2016,trajectory]
          --dynamics NAME      realistic (transitory shocks, selection after a good period) or classic
                               (the model of data-samples/README.md)     [realistic]
          --export on|off      registers with an export column, so added export is reported too (on),
                               or without (off: the study before 2026-11-30) [on]
          --export-selection X added to an exporter's log participation propensity [0.5]
          --export-covariate   match every estimator also on export at baseline (measure --covariates
                               ...,export; named +export); the default covariates do so anyway
          --bootstrap B        bootstrap replicates per measurement      [199]
          --csv FILE           also write every estimate (seed, estimator, outcome, group, truth, interval)
          --threads N          threads of each measurement; 0 = all cores [0]
          --quiet              no progress on stderr (shown only when stderr is a terminal)
          --help               this text

        Example: globalmidt-effects simulate-study --seeds 20 --firms 100000

        Exit codes: 0 success, 1 internal error (a bug), 2 bad command line, 5 output file not writable.

        """;

    /// <inheritdoc />
    public override int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        int bootstrap = args.Int("bootstrap", 199, 0, 100_000);
        UsageException.ThrowIf(bootstrap == 1, "option --bootstrap: 1 replicate gives no interval; give 0 (none) or 2 or more.");

        IReadOnlyList<string> names = args.Has("estimator") ? args.List("estimator") : ["dst2016", "trajectory"];
        var estimators = names.Distinct(StringComparer.Ordinal).Select(n => StudyEstimator.ByName(n, bootstrap)
            ?? throw new UsageException($"option --estimator: '{n}' is not a method ({string.Join(", ", StudyEstimator.Names)}) with optional modifiers joined by '+' (pairwise, biasadj, kN, glm, national, twN, ...: see simulate-study --help).")).ToList();
        var dynamics = args.Choice("dynamics", ("realistic", RegisterDynamics.Realistic), ("classic", RegisterDynamics.Classic));
        bool export = args.Choice("export", ("on", true), ("off", false));
        UsageException.ThrowIf(!export && args.Has("export-selection"), "option --export-selection needs --export on.");
        bool exportCovariate = args.Flag("export-covariate");
        UsageException.ThrowIf(!export && exportCovariate, "option --export-covariate needs --export on.");
        double exportSelection = args.Double("export-selection", RegisterExport.Default.SelectionExporter, -10, 10);
        ulong firstSeed = args.ULong("first-seed", 1, "a whole number");
        var options = new StudyOptions
        {
            Seeds = args.Int("seeds", 20, 1, 10_000),
            FirstSeed = firstSeed,
            Firms = args.Int("firms", 100_000, 1_000, SimulationOptions.MaxFirms),
            Dynamics = dynamics,
            Export = export ? RegisterExport.Default with { SelectionExporter = exportSelection } : null,
            MatchOnExport = exportCovariate,
            Estimators = estimators,
            MaxDegreeOfParallelism = args.Int("threads", 0, 0, 1024),
        };
        string? csv = args.String("csv");
        var progress = CliProgress.For(args, stderr);
        args.ThrowIfUnused();
        OutputFile.Check(csv, "--csv");

        var estimates = KnownTruthStudy.Run(options, progress.Enabled ? progress.Report : null);
        if (csv is not null)
        {
            string table = KnownTruthStudy.FormatCsv(estimates);
            OutputFile.Write(csv, "--csv", temp => File.WriteAllText(temp, table, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));
        }

        stdout.Write(KnownTruthStudy.FormatReport(options, bootstrap, estimates));
        return ExitCodes.Success;
    }
}
