using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>
/// The <c>tables</c> command: recomputes Table 3 and the forecast from the published Tables 1-2 and budgets, and
/// checks the published p-values against the range the printed shares allow.
/// </summary>
internal sealed class TablesCommand() : Command("tables", "Recompute Table 3 and the forecast from published Tables 1-2 and budgets", HelpText)
{
    private const string DefaultPublished = "data-samples/published_tables.csv";

    private static readonly string HelpText =
        "Usage: globalmidt-effects tables [options]\n" +
        "\n" +
        "Recomputes Table 3 (C = B/A cost per job, E = B/D spend per firm, F = A/D jobs per firm) from the published\n" +
        "jobs (A), budgets (B) and firms measured (D), and says per figure whether the published value agrees within\n" +
        "the rounding of the printed inputs (and whether plain rounding alone reproduces it). Checks every published\n" +
        "p-value against the range of p-values the printed shares allow, for the known-share z test and for a 1:1\n" +
        "two-sample test. Recomputes the forecast: plan budget / cost per job.\n" +
        "\n" +
        "Options:\n" +
        $"  --published PATH        published tables CSV, - for standard input (default {DefaultPublished})\n" +
        "  --plan-budget MDKK      planned budget of the forecast in mio. DKK (default 37.4)\n" +
        $"  --forecast-group NAME   group whose cost per job the forecast uses (default {PublishedTables.DefaultForecastGroup})\n" +
        "  --format FORMAT         table | markdown | csv | json (default table)\n" +
        "  --out PATH              write to PATH (atomically) instead of standard output (- for stdout)\n" +
        "\n" +
        "Rows are reported in the order of the published file.\n";

    /// <inheritdoc />
    public override int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        string published = args.String("published", DefaultPublished)!;
        double planBudget = args.Double("plan-budget", PublishedTables.DefaultPlanBudgetMdkk, 0, 1e9);
        string forecastGroup = args.String("forecast-group", PublishedTables.DefaultForecastGroup)!;
        string format = CommonOptions.Format(args, html: false);
        string? outPath = args.String("out");
        args.ThrowIfUnused();

        OutputFile.Check(outPath);

        if (!CliInput.IsDash(published) && !File.Exists(published))
        {
            throw new InputDataException(new DataError(
                published, 0, null, null, null, "file not found; give the published tables with --published PATH."));
        }

        IReadOnlyList<PublishedTableRow> rows;
        using (var reader = CliInput.Text(published, args.Host))
        {
            rows = PublishedTables.Parse(reader, CliInput.IsDash(published) ? "stdin" : Path.GetFileName(published));
        }

        if (!rows.Any(r => r.Group == forecastGroup))
        {
            throw new UsageException(
                $"--forecast-group '{forecastGroup}' is not a group of {Path.GetFileName(published)}; groups: {string.Join(", ", rows.Select(r => r.Group))}.");
        }

        var result = PublishedTables.Recompute(rows, planBudget, forecastGroup);
        string text = format switch
        {
            "markdown" => result.ToMarkdown(),
            "csv" => result.ToCsv(),
            "json" => result.ToJson(),
            _ => result.ToConsole(),
        };

        OutputFile.Write(outPath, text, stdout);
        return ExitCodes.Success;
    }
}
