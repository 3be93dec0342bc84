using System.Globalization;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>validate</c> command: loads an extract with every check and prints what it holds, or every
/// error found (exit code 3).</summary>
internal sealed class ValidateCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "validate";

    /// <inheritdoc />
    public string Summary => "Check a register extract and print a summary or every error";

    /// <inheritdoc />
    public string Help => """
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
    public int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        string firmsPath = args.Required("firms");
        string? participantsPath = args.String("participants");
        string? budgetsPath = args.String("budgets");
        var options = ReadOptions(args);
        var progress = CliProgress.For(args, stderr);
        args.ThrowIfUnused();
        CliInput.AtMostOneStdin(("firms", firmsPath), ("participants", participantsPath), ("budgets", budgetsPath));

        progress.Report($"loading {firmsPath}");
        var register = CliInput.Register(firmsPath, options, args.Host, progress);
        IReadOnlyList<Participant>? participants = participantsPath is null ? null : CliInput.Participants(participantsPath, options, args.Host, register);
        IReadOnlyList<GroupBudget>? budgets = budgetsPath is null ? null : CliInput.Budgets(budgetsPath, options, args.Host);
        progress.Report("loaded");

        var w = stdout;
        var r = RegisterSummary.Of(register);
        w.WriteLine($"Register {Display(firmsPath)}: valid");
        w.WriteLine($"  rows                {r.Rows.ToString("N0", CultureInfo.InvariantCulture)}");
        w.WriteLine($"  firms               {r.Firms.ToString("N0", CultureInfo.InvariantCulture)}");
        w.WriteLine($"  periods             {r.Periods.Count} ({string.Join(", ", r.Periods)})");
        w.WriteLine($"  regions             {r.Regions.Count} ({string.Join(", ", r.Regions)})");
        w.WriteLine($"  industries          {r.Industries.ToString("N0", CultureInfo.InvariantCulture)} DB07 codes");
        w.WriteLine($"  municipalities      {r.Municipalities.ToString("N0", CultureInfo.InvariantCulture)}");
        w.WriteLine($"  public firms        {r.PublicFirms.ToString("N0", CultureInfo.InvariantCulture)}");
        WriteChainColumns(w, register);
        if (options.AttributeChangeRule == AttributeChangeRule.UseLatest)
        {
            w.WriteLine($"  firms with attribute changes (latest value used) {r.FirmsWithAttributeChanges.ToString("N0", CultureInfo.InvariantCulture)}");
        }

        if (participants is not null)
        {
            var p = ParticipantsSummary.Of(participants, register);
            w.WriteLine($"Participants {Display(participantsPath)}: valid");
            w.WriteLine($"  rows                {p.Rows.ToString("N0", CultureInfo.InvariantCulture)}");
            w.WriteLine($"  unique firms        {p.UniqueFirms.ToString("N0", CultureInfo.InvariantCulture)}");
            w.WriteLine($"  groups              {p.Groups.Count} ({string.Join(", ", p.Groups)})");
            w.WriteLine($"  found in register   {p.FirmsInRegister.ToString("N0", CultureInfo.InvariantCulture)}");
            w.WriteLine($"  not in register     {p.FirmsNotInRegister.ToString("N0", CultureInfo.InvariantCulture)}"
                + (p.FirmsNotInRegister > 0 ? $" (e.g. {string.Join(", ", p.NotFoundExamples)})" : ""));
            w.WriteLine($"  duplicate rows      {p.DuplicateRows.ToString("N0", CultureInfo.InvariantCulture)}");
            WriteActivities(w, participants);
        }

        if (budgets is not null)
        {
            var b = BudgetsSummary.Of(budgets, participants);
            w.WriteLine($"Budgets {Display(budgetsPath)}: valid");
            foreach (var g in b.Budgets)
            {
                w.WriteLine($"  {g.Group,-20} {g.BudgetMdkk.ToString("0.###", CultureInfo.InvariantCulture)} mio. DKK");
            }

            w.WriteLine($"  total                {b.TotalMdkk.ToString("0.###", CultureInfo.InvariantCulture)} mio. DKK");
            if (participants is not null)
            {
                w.WriteLine($"  groups without budget {(b.GroupsWithoutBudget.Count == 0 ? "none" : string.Join(", ", b.GroupsWithoutBudget))}");
                if (b.BudgetsWithoutParticipants.Count > 0)
                {
                    w.WriteLine($"  budgets without participants {string.Join(", ", b.BudgetsWithoutParticipants)}");
                }
            }
        }

        return ExitCodes.Success;
    }

    private static string Display(string? path) => CliInput.IsDash(path) ? "stdin" : Path.GetFileName(path)!;

    private static RegisterLoadOptions ReadOptions(ParsedArgs args) =>
        CommonOptions.LoadOptions(args, args.Int("max-errors", 50, 1, 100_000));

    /// <summary>The optional export and value added columns (effect chain), only when present.</summary>
    private static void WriteChainColumns(TextWriter w, Register register)
    {
        var inv = CultureInfo.InvariantCulture;
        if (register.HasExport)
        {
            int rows = 0;
            int exporting = 0;
            foreach (double v in register.ExportValues)
            {
                rows += double.IsNaN(v) ? 0 : 1;
                exporting += v > 0 ? 1 : 0;
            }

            w.WriteLine(string.Create(inv, $"  export              {exporting:N0} rows with export > 0 ({(rows == 0 ? 0 : 100.0 * exporting / rows):0.0}%)"));
        }

        if (register.HasValueAdded)
        {
            int negative = 0;
            foreach (double v in register.ValueAddedValues)
            {
                negative += v < 0 ? 1 : 0;
            }

            w.WriteLine(string.Create(inv, $"  value added         {negative:N0} rows with negative value added"));
        }
    }

    /// <summary>The optional activity and period columns (effect chain), only when present.</summary>
    private static void WriteActivities(TextWriter w, IReadOnlyList<Participant> participants)
    {
        var activities = participants.Where(p => p.Activity is not null).Select(p => p.Activity!).Distinct().Order(StringComparer.Ordinal).ToList();
        if (activities.Count > 0)
        {
            w.WriteLine($"  activities          {activities.Count} ({string.Join(", ", activities)})");
        }

        var starts = participants.Where(p => p.Start is not null).ToList();
        if (starts.Count > 0)
        {
            w.WriteLine($"  activity periods    {starts.Min(p => p.Start!.Value)}..{starts.Max(p => p.End!.Value)}");
        }
    }
}
