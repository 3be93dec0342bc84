using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>generate</c> command: writes a simulated register with known programme effects.</summary>
internal sealed class GenerateCommand() : Command("generate", "Write a simulated register with known programme effects", HelpText)
{
    private const string HelpText = """
        Usage: globalmidt-effects generate --out DIR [options]

        Simulates a firm register (2nd-half snapshots by default), participants of five regional growth forums and
        a national group, their budgets, and the true effects, and writes to DIR:
          firms.csv[.gz]    firm_id,period,municipality,region,industry,sector,fte,turnover[,export]
          participants.csv  firm_id,project_id,group
          budgets.csv       group,budget_mdkk
          truth.json        settings, Table 1 counts and true jobs / added turnover per group and cross-cutting
        Same options give byte-identical files. The model is described in data-samples/README.md.

        Options:
          --out DIR                  output directory (created when missing; files in it are replaced;
                                     an existing file there is an error, exit code 5)
          --firms N                  firms in the register (default 40000, at most 10000000)
          --seed S                   seed, a whole number 0..18446744073709551615 (default 1)
          --gzip                     write firms.csv.gz instead of firms.csv
          --participants-share X     participant reports as a share of firms (default 0.065)
          --participants N           number of participant reports (overrides --participants-share)
          --first P                  first period (default 2006H2)
          --last P                   last period (default 2014H2); yearly snapshots, same kind as --first
          --history P                history start (default: --first)
          --baseline P               baseline (default: two years after --first, i.e. 2008H2)
          --measurement P            measurement period (default: --last)
          --dynamics classic|realistic  classic: the model of data-samples/README.md (default);
                                     realistic: transitory shocks to FTE and turnover and selection
                                     after a good period (docs/accuracy.md)
          --export                   add an export column to firms.csv (docs/accuracy.md: exporters by size
                                     and industry, export share of turnover with persistent and transitory
                                     shocks, participants selected on exporting, designed export effects per
                                     group) and the true added export to truth.json
          --chain                    the 2017-2019 programme's effect chain instead: half-years 2012H1-2026H2
                                     with export and value_added, participants with activity,start,end
                                     (2017H1-2019H2), budgets with private_mdkk, and truth.json with the true
                                     effects of every half-year after 2019H2 per group, activity and
                                     cross-cutting (default --firms 20000, --participants-share 0.03; the
                                     period options and --participants do not apply)
          --quiet                    no progress on stderr (shown only when stderr is a terminal)
          --help                     this text

        Example: globalmidt-effects generate --firms 1000000 --seed 1 --out /tmp/big --gzip

        Exit codes: 0 success, 1 internal error (a bug), 2 bad command line, 5 output folder not writable
        (globalmidt-effects --help lists them all).

        """;

    /// <inheritdoc />
    public override int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        string output = args.Required("out");
        UsageException.ThrowIf(CliInput.IsDash(output), "option --out: generate writes four files; give a folder, not '-'.");

        bool chain = args.Flag("chain");
        UsageException.ThrowIf(chain && args.Has("export"), "option --export does not apply with --chain (the effect-chain register always has export).");
        string[] notWithChain = ["first", "last", "history", "baseline", "measurement", "participants", "dynamics"];
        foreach (string name in notWithChain.Where(n => chain && args.Has(n)))
        {
            throw new UsageException($"option --{name} does not apply with --chain (its periods are fixed: 2012H1-2026H2, project 2017H1-2019H2).");
        }

        var defaults = new SimulationOptions();
        var chainDefaults = new ChainSimulationOptions();
        var first = CommonOptions.Period(args, "first") ?? defaults.FirstPeriod;
        var last = CommonOptions.Period(args, "last") ?? defaults.LastPeriod;
        int firms = args.Int("firms", chain ? chainDefaults.Firms : defaults.Firms, 1, SimulationOptions.MaxFirms);
        ulong seed = args.ULong("seed", defaults.Seed, "a whole number 0..18446744073709551615");
        double share = args.Double("participants-share", chain ? chainDefaults.ParticipantsShare : defaults.ParticipantsShare, 0, 1);
        var options = chain ? null : new SimulationOptions
        {
            Firms = firms,
            Seed = seed,
            ParticipantsShare = share,
            ParticipantCount = args.Has("participants") ? args.Int("participants", 0, 0, SimulationOptions.MaxFirms) : null,
            FirstPeriod = first,
            LastPeriod = last,
            HistoryStart = CommonOptions.Period(args, "history"),
            Baseline = CommonOptions.Period(args, "baseline"),
            Measurement = CommonOptions.Period(args, "measurement"),
            Dynamics = args.Choice("dynamics", ("classic", RegisterDynamics.Classic), ("realistic", RegisterDynamics.Realistic)),
            Export = args.Flag("export") ? RegisterExport.Default : null,
        };
        bool gzip = args.Flag("gzip");
        var progress = CliProgress.For(args, stderr);
        args.ThrowIfUnused();
        options?.Validate(); // an OptionsException is exit code 2

        OutputFile.CheckFolder(output, "--out", create: true);
        var clock = Stopwatch.StartNew();
        if (options is null)
        {
            var chainOptions = new ChainSimulationOptions { Firms = firms, Seed = seed, ParticipantsShare = share };
            progress.Report(string.Create(CultureInfo.InvariantCulture, $"simulating {firms:N0} firms (effect chain)"));
            var written = OutputFile.IntoFolder(output, () => ChainSimulator.Write(chainOptions, output, gzip));
            stdout.Write(SimulationReport.ToConsole(chainOptions, written));
        }
        else
        {
            progress.Report(string.Create(CultureInfo.InvariantCulture, $"simulating {firms:N0} firms"));
            var programme = RegisterSimulator.Simulate(options);
            progress.Report($"writing {output}");
            var files = OutputFile.IntoFolder(output, () => programme.WriteTo(output, gzip));
            stdout.Write(SimulationReport.ToConsole(programme, files));
            stdout.WriteLine();
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done in {clock.Elapsed.TotalSeconds:0.0} s"));
        return ExitCodes.Success;
    }
}
