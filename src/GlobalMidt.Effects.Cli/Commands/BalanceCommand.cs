using GlobalMidt.Effects.Diagnostics;

namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>
/// The <c>balance</c> command: covariate balance (cobalt's conventions) of a dataset whose weights came from any
/// matching, or whose pairs came from the <c>match</c> command; optional Love plot.
/// </summary>
internal sealed class BalanceCommand() : Command("balance", "Covariate balance before and after matching (cobalt conventions)", HelpText)
{
    private const string HelpText = """
        Usage: globalmidt-effects balance --data FILE --treat COL --covariates a,b,c
                                         (--weights COL | --pairs FILE --id COL) [options]

        Covariate balance before and after matching, for the ATT, as R's cobalt::bal.tab reports it:
        standardized mean differences (denominator: SD of the treated before matching; binary 0/1
        covariates as raw differences in proportions), variance ratios, eCDF mean/max differences,
        effective sample sizes.

        Input:
          --data FILE          CSV (comma, semicolon or tab, detected; UTF-8, BOM allowed). With ';' a
                               decimal comma is accepted (12,5). - reads standard input (gzip recognised).
          --treat COL          Treatment column: 1/0 or true/false.
          --covariates LIST    Comma-separated covariate columns. Numeric; a column without any number is
                               taken as categorical and split into 0/1 dummies named COL_level (two levels:
                               one dummy for the second level, as cobalt's splitfactor(drop.first = "if2")).
          --factors LIST       Covariates split into dummies although written as numbers (category codes
                               such as DB07 industry), levels ordered by value, as 'match --factors'.
          --weights COL        Matching weights (e.g. MatchIt's m$weights): >= 0, 0 = not matched.
          --pairs FILE         Instead of --weights: the pairs written by 'match' (columns treated,control;
                               optional slot and weight). The weights are MatchIt's, computed from the
                               pairs: a treated unit in a pair 1; a control the sum over its pairs of
                               1/(controls of that treated unit), rescaled so control weights sum to the
                               number of distinct matched controls. A weight column, when present, is the
                               control's MatchIt weight (as 'match' writes it) and must agree.
          --id COL             With --pairs: the id column of --data that the pairs refer to.

        Options:
          --threshold X        |SMD| threshold (default 0.1).
          --vr-threshold X     Variance-ratio threshold: balanced when VR is within (1/X, X) (default 2).
          --binary raw|std     Binary covariates as raw differences (default) or standardized.
          --format F           table (default), markdown, csv, json or html.
          --out PATH           Write the table to PATH instead of standard output (- for stdout).
          --plot PATH          Also draw the Love plot (.png or .svg).

        Example:
          globalmidt-effects balance --data lalonde.csv --treat treat --covariates age,educ,re74 --weights w --plot love.png

        """;

    /// <inheritdoc />
    public override int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        string dataPath = args.Required("data");
        string treatCol = args.Required("treat");
        var covariateCols = args.List("covariates");
        UsageException.ThrowIf(covariateCols.Count == 0, "option --covariates is required: give a comma-separated list of columns.");
        var factors = args.List("factors");
        foreach (string f in factors)
        {
            UsageException.ThrowIf(!covariateCols.Contains(f, StringComparer.Ordinal), $"option --factors: '{f}' is not one of --covariates ({string.Join(",", covariateCols)}); list it there too.");
        }

        string? weightsCol = args.String("weights");
        string? pairsPath = args.String("pairs");
        string? idCol = args.String("id");
        double threshold = args.Double("threshold", 0.1, 0, 100);
        double vrThreshold = args.Double("vr-threshold", 2, 1, 1000);
        var binary = args.Choice("binary", ("raw", BinaryDifference.Raw), ("std", BinaryDifference.Standardized));
        string format = CommonOptions.Format(args);
        string? outPath = args.String("out");
        string? plotPath = args.String("plot");
        args.ThrowIfUnused();

        UsageException.ThrowIf(
            (weightsCol is null) == (pairsPath is null),
            "give either --weights COL or --pairs FILE (with --id COL), not both and not neither.");
        UsageException.ThrowIf(
            pairsPath is not null && idCol is null,
            "option --pairs needs --id COL: the id column of --data that the pairs refer to.");
        UsageException.ThrowIf(pairsPath is null && idCol is not null, "option --id is only used with --pairs.");
        UsageException.ThrowIf(threshold <= 0, "option --threshold must be above 0 (got 0).");
        UsageException.ThrowIf(vrThreshold <= 1, "option --vr-threshold must be above 1 (got 1).");

        if (plotPath is not null)
        {
            string ext = Path.GetExtension(plotPath).ToUpperInvariant();
            UsageException.ThrowIf(ext is not ".PNG" and not ".SVG", $"option --plot needs a .png or .svg file name (got '{plotPath}').");
        }

        OutputFile.Check(outPath);
        OutputFile.Check(plotPath, "--plot");

        var options = new BalanceOptions
        {
            SmdThreshold = threshold,
            VarianceRatioThreshold = vrThreshold,
            Binary = binary,
        };

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in covariateCols.Where(c => !seen.Add(c)))
        {
            throw new UsageException($"option --covariates lists '{name}' twice.");
        }

        CliInput.AtMostOneStdin(("data", dataPath), ("pairs", pairsPath));
        var inputOptions = new BalanceInputOptions { Treat = treatCol, Covariates = covariateCols, Factors = factors, Weights = weightsCol, Id = idCol };
        BalanceInputData input;
        using (var dataReader = CliInput.Text(dataPath, args.Host))
        using (var pairsReader = pairsPath is null ? null : CliInput.Text(pairsPath, args.Host))
        {
            input = BalanceInput.Read(dataReader, dataPath, inputOptions, pairsReader, pairsPath);
        }

        var table = Balance.Compute(input.Names, input.Columns, input.Treated, input.Weights, options);
        string text = format switch
        {
            "markdown" => table.ToMarkdown(),
            "csv" => table.ToCsv(),
            "json" => table.ToJson(),
            "html" => table.ToHtml(),
            _ => table.ToConsole(),
        };

        OutputFile.Write(outPath, text, stdout);
        if (outPath is not null && !CliInput.IsDash(outPath))
        {
            stdout.WriteLine($"Balance table written to {outPath}.");
        }

        if (plotPath is not null)
        {
            OutputFile.Write(plotPath, "--plot", temp => LovePlot.Render(table, temp, new LovePlotOptions()));
            stdout.WriteLine($"Love plot written to {plotPath}.");
        }

        return ExitCodes.Success;
    }
}
