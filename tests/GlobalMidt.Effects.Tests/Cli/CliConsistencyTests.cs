using System.Globalization;
using System.IO.Compression;
using GlobalMidt.Effects.Cli;

namespace GlobalMidt.Effects.Tests.Cli;

/// <summary>Issue 10: one set of option names, --version and help everywhere, '-' for stdin/stdout, progress only on a
/// terminal, consistent errors and numbers, console tables within 120 columns.</summary>
public sealed class CliConsistencyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gm-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(CliHost host, params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr, host);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => Run(CliHost.Redirected, args);

    private static CliHost Stdin(byte[] bytes) => new() { OpenStdin = () => new MemoryStream(bytes, writable: false) };

    private static string Sample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data-samples", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

    private static string[] Measure(params string[] more) =>
    [
        "measure", "--firms", Sample("firms.csv.gz"), "--participants", Sample("participants.csv"),
        "--budgets", Sample("budgets.csv"), "--bootstrap", "0", .. more,
    ];

    private static int MaxLineLength(string text) => text.Split('\n').Max(l => l.Length);

    public static TheoryData<string> Commands() => [.. CliApp.Commands.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryCommand_HasVersionAndAHelpEndingInANewline(string command)
    {
        var (code, output, err) = Run(command, "--version");
        Assert.True(code == 0, err);
        Assert.Equal(Run("--version").Out, output);
        Assert.Matches(@"^\d+\.\d+\.\d+\n$", output);

        (code, output, _) = Run(command, "--help");
        Assert.Equal(0, code);
        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--no-replace", output, StringComparison.Ordinal);
        Assert.True(MaxLineLength(output) <= 120);
    }

    [Fact]
    public void Measure_OldOptionNames_AreHiddenAliases()
    {
        string help = Run("measure", "--help").Out;
        Assert.Contains("--measurement PERIOD", help, StringComparison.Ordinal);
        Assert.Contains("--replace true|false", help, StringComparison.Ordinal);
        Assert.DoesNotContain("--measure PERIOD", help, StringComparison.Ordinal);

        // --culture invariant is accepted as by validate (same as no --culture).
        var canonical = Run(Measure("--measurement", "2014H2", "--replace", "false", "--format", "json", "--culture", "invariant"));
        var old = Run(Measure("--measure", "2014H2", "--no-replace", "--format", "json"));
        Assert.True(canonical.Code == 0, canonical.Err);
        Assert.Equal(canonical.Out, old.Out);
        Assert.Contains("\"replace\": false", canonical.Out, StringComparison.Ordinal);
        Assert.NotEqual(canonical.Out, Run(Measure("--measurement", "2014H2", "--format", "json")).Out);

        var both = Run(Measure("--measure", "2014H2", "--measurement", "2014H2"));
        Assert.Equal(ExitCodes.Usage, both.Code);
        Assert.StartsWith("error: option --measurement is given twice", both.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_ReplaceTakesTrueFalseAndNoReplaceIsAnAlias()
    {
        string data = Path.Combine(AppContext.BaseDirectory, "References", "matchit", "lalonde.csv");
        string[] args = ["match", "--data", data, "--treat", "treat", "--id", "id", "--covariates", "age,educ,re74", "--distance", "mahalanobis", "--out", "-"];
        var plain = Run(args);
        Assert.True(plain.Code == 0, plain.Err);
        Assert.Equal(plain.Out, Run([.. args, "--replace", "false"]).Out);
        Assert.Equal(plain.Out, Run([.. args, "--no-replace"]).Out);
        Assert.Equal(Run([.. args, "--replace"]).Out, Run([.. args, "--replace", "true"]).Out);
        Assert.NotEqual(plain.Out, Run([.. args, "--replace"]).Out);
    }

    [Fact]
    public void Match_DashReadsStdinAndWritesPairsToStdoutWithTheSummaryOnStderr()
    {
        string data = Path.Combine(AppContext.BaseDirectory, "References", "matchit", "lalonde.csv");
        string pairs = Path.Combine(_dir, "pairs.csv");
        string[] common = ["match", "--treat", "treat", "--id", "id", "--covariates", "age,educ,re74", "--distance", "mahalanobis", "--ratio", "2"];
        var toFile = Run([.. common, "--data", data, "--out", pairs]);
        Assert.True(toFile.Code == 0, toFile.Err);

        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(File.ReadAllBytes(data));
        }

        var piped = Run(Stdin(gz.ToArray()), [.. common, "--data", "-", "--out", "-"]);
        Assert.True(piped.Code == 0, piped.Err);
        Assert.Equal(File.ReadAllText(pairs), piped.Out);
        Assert.Contains("pairs: 370 written to stdout", piped.Err, StringComparison.Ordinal);
        Assert.Contains("data: stdin: 614 rows read", piped.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_FirmsFromStdin_PlainOrGzip_ReadOnceAndSameAsTheFile()
    {
        string fromFile = Run(Measure("--format", "json")).Out;
        byte[] gz = File.ReadAllBytes(Sample("firms.csv.gz"));
        var plain = new MemoryStream();
        using (var z = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress))
        {
            z.CopyTo(plain);
        }

        foreach (byte[] input in new[] { gz, plain.ToArray() })
        {
            int opened = 0;
            var host = new CliHost { OpenStdin = () => { opened++; return new MemoryStream(input, writable: false); } };
            string[] args = [.. Measure("--format", "json", "--out", "-")];
            args[Array.IndexOf(args, "--firms") + 1] = "-";
            var (code, output, err) = Run(host, args);
            Assert.True(code == 0, err);
            Assert.Equal(1, opened);
            Assert.Equal(fromFile, output);
        }

        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void TwoInputsFromStdin_IsAUsageError()
    {
        var (code, _, err) = Run("measure", "--firms", "-", "--participants", "-");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error: only one input can come from standard input", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_Progress_OnlyOnATerminalAndNotWithQuiet()
    {
        var redirected = Run(Measure("--format", "csv"));
        Assert.Equal(0, redirected.Code);
        Assert.Equal(string.Empty, redirected.Err);

        var terminal = new CliHost { ErrorIsTerminal = true };
        var shown = Run(terminal, Measure("--format", "csv"));
        Assert.Contains("loading", shown.Err, StringComparison.Ordinal);
        Assert.Equal(redirected.Out, shown.Out);
        Assert.Equal(string.Empty, Run(terminal, Measure("--format", "csv", "--quiet")).Err);
    }

    [Fact]
    public void Generate_And_Validate_NoProgressWhenRedirected_ThousandsSeparators()
    {
        var (code, output, err) = Run("generate", "--firms", "2000", "--seed", "3", "--out", _dir);
        Assert.True(code == 0, err);
        Assert.Equal(string.Empty, err);
        Assert.Contains(": 2,000 firms, ", output, StringComparison.Ordinal);
        (code, _, err) = Run("validate", "--firms", Path.Combine(_dir, "firms.csv"));
        Assert.True(code == 0, err);
        Assert.Equal(string.Empty, err);
        Assert.Equal(ExitCodes.Usage, Run("generate", "--out", "-").Code);
    }

    [Fact]
    public void Measure_FormatHtml_AndPlotCreatesItsFolder()
    {
        string plots = Path.Combine(_dir, "new", "plots");
        var (code, output, err) = Run(Measure("--format", "html", "--plot", plots));
        Assert.True(code == 0, err);
        Assert.StartsWith("<div class=\"globalmidt-measurement\">", output, StringComparison.Ordinal);
        Assert.Equal(4, output.Split("<table>").Length - 1);
        Assert.NotEmpty(Directory.GetFiles(plots, "balance-*.png"));
    }

    [Fact]
    public void ConsoleTables_FitIn120Columns_WideFormStaysForMarkdown()
    {
        var measure = Run(Measure());
        Assert.True(measure.Code == 0, measure.Err);
        Assert.True(MaxLineLength(measure.Out) <= 120, "measure console output wider than 120 columns");
        Assert.Contains("Table 2. Share of firms with growth, participants vs matched control group: employment", measure.Out, StringComparison.Ordinal);
        Assert.Contains("Table 2 (continued): turnover", measure.Out, StringComparison.Ordinal);
        string markdown = Run(Measure("--format", "markdown")).Out;
        Assert.Contains(markdown.Split('\n'), l => l.Contains("Empl. part.", StringComparison.Ordinal) && l.Contains("Turn. part.", StringComparison.Ordinal));

        var tables = Run("tables", "--published", Sample("published_tables.csv"));
        Assert.True(tables.Code == 0, tables.Err);
        Assert.True(MaxLineLength(tables.Out) <= 120, "tables console output wider than 120 columns");
        Assert.Contains("2,849", tables.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("measure", "--ratio", "0")]
    [InlineData("measure", "--firms", "/nonexistent/firms.csv", "--participants", "p.csv")]
    [InlineData("match", "--data", "/nonexistent.csv", "--treat", "t", "--id", "i", "--covariates", "a", "--out", "-")]
    [InlineData("tables", "--published", "/nonexistent.csv")]
    [InlineData("nosuchcommand")]
    public void Errors_AllStartWithTheSamePrefix(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.NotEqual(0, code);
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void HalfTextColumn_IsTheSameLocatedErrorInMatchAndBalance()
    {
        // Issue 11: one typing rule. 'x' holds numbers and one stray text; 'w' and the pairs are valid.
        string data = Path.Combine(_dir, "half.csv");
        File.WriteAllText(data, "id,treat,x,w\na,1,1.5,1\nb,0,oops,1\nc,0,2.5,0\nd,1,3,1\ne,0,4,1\n");
        var match = Run("match", "--data", data, "--treat", "treat", "--id", "id", "--covariates", "x", "--out", "-");
        var balance = Run("balance", "--data", data, "--treat", "treat", "--covariates", "x", "--weights", "w");
        string pairs = Path.Combine(_dir, "pairs.csv");
        File.WriteAllText(pairs, "treated,control\na,b\nd,e\n");
        var viaPairs = Run("balance", "--data", data, "--treat", "treat", "--covariates", "x", "--id", "id", "--pairs", pairs);
        Assert.Equal(3, match.Code);
        Assert.Equal(3, balance.Code);
        Assert.Equal(3, viaPairs.Code);
        const string Expected = "half.csv:3: column 'x', firm b: value 'oops': expected a number: this column mixes numbers and text (1 of 5 values are not numbers, 4 are)";
        Assert.Contains(Expected, match.Err, StringComparison.Ordinal);
        Assert.Contains(Expected, viaPairs.Err, StringComparison.Ordinal);
        Assert.Contains(Expected.Replace(", firm b", "", StringComparison.Ordinal), balance.Err, StringComparison.Ordinal);
    }
}
