using System.Runtime;

namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>match</c> command: nearest-neighbour matching on any CSV, as R MatchIt's <c>method = "nearest"</c>.</summary>
internal sealed class MatchCommand() : Command("match", "Nearest-neighbour matching on any CSV (MatchIt-compatible)", HelpText)
{
    private const string HelpText = """
        Usage: globalmidt-effects match --data FILE --treat COL --id COL --covariates a,b,c --out pairs.csv [options]

        Nearest-neighbour matching of treated rows to control rows, as R MatchIt's
        matchit(treat ~ a + b + c, method = "nearest", ...) with the estimand ATT.

          --data FILE          CSV table (comma, semicolon or tab; with semicolons a decimal comma is accepted);
                               - reads standard input (gzip recognised by its first bytes)
          --treat COL          treatment column: 0/1 or true/false
          --id COL             unique row id, written to the output
          --covariates A,B     columns to match on; numbers, or text (categories become dummy variables)
          --factors A,B        covariates that hold categories although written as numbers (codes such as DB07
                               industry or municipality numbers), as R's factor(): dummy variables, levels ordered
                               by value, the first the reference; without it such a column is one number
          --exact A,B          match only within equal values of these columns (any values, compared as text)
          --distance D         glm (propensity score, default) | mahalanobis | scaled_euclidean | euclidean
          --ratio K            controls per treated row (default 1)
          --replace [true|false]  a control may serve several treated rows (default false)
          --caliper X          maximum propensity-score distance in SDs of the score (glm only)
          --m-order O          largest (glm default) | smallest | data (default otherwise) | random
          --discard D          none (default) | treated | control | both: drop rows outside the common support (glm)
          --seed S             seed for --m-order random (default 1)
          --missing M          error (default) | drop: rows with a missing treatment, covariate or exact value
          --threads N          threads (default: all cores); the output does not depend on it
          --timings            print the time of each phase to stderr
          --quiet              no progress on stderr (shown only when stderr is a terminal)
          --out FILE           output: treated,control,slot,distance,weight (one row per match; weight = the
                               control's MatchIt weight). - writes the pairs to stdout and the summary to stderr

        Ties in distance go to the control that comes first in the file (MatchIt's rule).
        """;

    /// <inheritdoc />
    public override int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        args.NegatedAlias("replace", "no-replace");
        string dataPath = args.Required("data");
        string treat = args.Required("treat");
        string id = args.Required("id");
        var covariates = args.List("covariates");
        var exact = args.List("exact");
        var factors = args.List("factors");
        var options = new MatchingOptions
        {
            Distance = CommonOptions.Distance(args, DistanceMetric.Glm),
            Ratio = args.Int("ratio", 1, 1, 1000),
            Replace = args.Flag("replace"),
            Caliper = args.OptionalDouble("caliper", double.Epsilon),
            Order = args.Choice(
                "m-order", ("default", MatchOrder.Default), ("largest", MatchOrder.Largest), ("smallest", MatchOrder.Smallest), ("data", MatchOrder.Data), ("random", MatchOrder.Random)),
            Discard = args.Choice(
                "discard", ("none", CommonSupportDiscard.None), ("treated", CommonSupportDiscard.Treated), ("control", CommonSupportDiscard.Control), ("both", CommonSupportDiscard.Both)),
            Seed = (ulong)args.Int("seed", 1, 0),
        };
        var missing = args.Choice("missing", ("error", MissingValuePolicy.Error), ("drop", MissingValuePolicy.Drop));
        options = options with { MaxDegreeOfParallelism = args.Int("threads", 0, 0, 1024) };
        bool timings = args.Flag("timings");
        var progress = CliProgress.For(args, stderr);
        string outPath = args.Required("out");
        args.ThrowIfUnused();
        OutputFile.Check(outPath);
        UsageException.ThrowIf(covariates.Count == 0, "option --covariates needs at least one column.");
        foreach (string f in factors)
        {
            UsageException.ThrowIf(!covariates.Contains(f, StringComparer.Ordinal), $"option --factors: '{f}' is not one of --covariates ({string.Join(",", covariates)}); list it there too.");
        }

        options.Validate(); // the library's rules, before the table is read (an OptionsException is exit code 2)

        var clock = Stopwatch.StartNew();
        var tableOptions = new MatchingTableOptions { Treat = treat, Id = id, Covariates = covariates, Factors = factors, Exact = exact, Missing = missing };
        progress.Report($"loading {dataPath}");
        MatchingTable table;
        if (CliInput.IsDash(dataPath))
        {
            using var reader = CliInput.StdinText(args.Host);
            table = MatchingTable.Parse(reader, "stdin", tableOptions);
        }
        else
        {
            table = MatchingTable.Read(dataPath, tableOptions);
        }

        Phase(stderr, timings, "load", clock);
        var data = table.Data;
        int nTreated = MatchReport.RequireTreatedAndControls(data, dataPath);

        var plan = NearestNeighbourMatcher.Prepare(data, options);

        Phase(stderr, timings, "fit", clock);
        progress.Report(string.Create(CultureInfo.InvariantCulture, $"matching {nTreated:N0} treated rows to {data.RowCount - nTreated:N0} controls"));
        var result = plan.Match();
        Phase(stderr, timings, "match", clock);
        bool pairsToStdout = CliInput.IsDash(outPath);
        OutputFile.Write(outPath, w => MatchReport.WritePairs(w, table, result), stdout);
        Phase(stderr, timings, "write", clock);
        MatchReport.WriteSummary(pairsToStdout ? stderr : stdout, CliInput.Name(dataPath), pairsToStdout ? "stdout" : outPath, table, options, plan, result);
        return ExitCodes.Success;
    }

    private static void Phase(TextWriter stderr, bool on, string name, Stopwatch clock)
    {
        if (on)
        {
            // With the methods compiled at run time so far (a precompiled CLI should compile few; docs/performance.md).
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {clock.Elapsed.TotalSeconds:0.000} s (jit: {JitInfo.GetCompiledMethodCount()} methods, {JitInfo.GetCompilationTime().TotalSeconds:0.000} s)"));
        }

        clock.Restart();
    }
}
