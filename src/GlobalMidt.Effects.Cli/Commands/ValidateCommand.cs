namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>validate</c> command: loads an extract with every check and prints what it holds, or every
/// error found (exit code 3).</summary>
internal sealed class ValidateCommand() : Command("validate", "Check a register extract and print a summary or every error", HelpText)
{
    private const string HelpText = """
        Usage: globalmidt-effects validate --firms FILE [options]

        Checks a register extract (and optionally participants and budgets) against the data contract
        (docs/data-contract.md) and prints a summary, or every error with file, line, column, firm and value.

        Options:
          --firms FILE               firms.csv or firms.csv.gz: firm_id, period, municipality, region, industry,
                                     sector, fte, turnover (required); - for any input reads standard input
          --participants FILE        participants.csv: firm_id, project_id, group
          --budgets FILE             budgets.csv: group, budget_mdkk
          --culture NAME             culture of the numbers, e.g. da-DK for decimal commas (needs ';' delimiter);
                                     default: invariant ('.' decimals)
          --attribute-changes RULE   error (default): a firm whose municipality, region, industry or sector changes
                                     between periods is an error; latest: use the value of its latest period
          --max-errors N             errors listed at most (default 50; all are counted)
          --quiet                    no progress on stderr (shown only when stderr is a terminal)

        Exit codes: 0 valid, 1 internal error (a bug), 2 bad command line, 3 bad input data
        (globalmidt-effects --help lists them all).

        """;

    /// <inheritdoc />
    public override int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        string firmsPath = args.Required("firms");
        string? participantsPath = args.String("participants");
        string? budgetsPath = args.String("budgets");
        var options = CommonOptions.LoadOptions(args, args.Int("max-errors", 50, 1, 100_000));
        var progress = CliProgress.For(args, stderr);
        args.ThrowIfUnused();
        CliInput.AtMostOneStdin(("firms", firmsPath), ("participants", participantsPath), ("budgets", budgetsPath));

        progress.Report($"loading {firmsPath}");
        var register = CliInput.Register(firmsPath, options, args.Host, progress);
        IReadOnlyList<Participant>? participants = participantsPath is null ? null : CliInput.Participants(participantsPath, options, args.Host, register);
        IReadOnlyList<GroupBudget>? budgets = budgetsPath is null ? null : CliInput.Budgets(budgetsPath, options, args.Host);
        progress.Report("loaded");

        stdout.Write(ExtractReport.ToConsole(RegisterSummary.Of(register), Display(firmsPath), options.AttributeChangeRule == AttributeChangeRule.UseLatest));
        if (participants is not null)
        {
            stdout.Write(ExtractReport.ToConsole(ParticipantsSummary.Of(participants, register), Display(participantsPath)));
        }

        if (budgets is not null)
        {
            stdout.Write(ExtractReport.ToConsole(BudgetsSummary.Of(budgets, participants), Display(budgetsPath), participants is not null));
        }

        return ExitCodes.Success;
    }

    private static string Display(string? path) => CliInput.IsDash(path) ? "stdin" : Path.GetFileName(path)!;
}
