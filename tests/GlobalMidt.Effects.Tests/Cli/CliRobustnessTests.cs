using System.Globalization;
using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Tests.Estimation;

namespace GlobalMidt.Effects.Tests.Cli;

/// <summary>The command-line reproducers of issue 9: options, paths and the top-level guard. Each ends in a one-line
/// error with its documented exit code, never a stack trace.</summary>
public sealed class CliRobustnessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gme-cli-robust-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Published => PublishedTablesTests.PublishedPath;

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void AssertOneCleanError(string err)
    {
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value was", err, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", err, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltFirmsOption_IsReportedAsUnknown_BeforeTheSampleIsLookedFor()
    {
        // Outside a checkout (no data-samples/ above the folder) this said "no firms given" (checked by hand from
        // /tmp); the unknown option is now named wherever the command runs.
        var (code, _, err) = Run("measure", "--register", "x.csv", "--participants", "p.csv");
        Assert.Equal(2, code);
        AssertOneCleanError(err);
        Assert.Contains("unknown option --register", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("measure", "--culture", "fa-IR", "'٫'")]
    [InlineData("validate", "--culture", "fa-IR", "'٫'")]
    [InlineData("measure", "--culture", "foo", "unknown culture 'foo'")]
    [InlineData("validate", "--culture", "foo", "unknown culture 'foo'")]
    [InlineData("measure", "--levels", "region+region", "'region' is given twice")]
    [InlineData("measure", "--levels", "region+municipality", "two locations")]
    [InlineData("measure", "--levels", "history,history", "same level")]
    [InlineData("measure", "--baseline", "1898", "a year 1900-2999")]
    [InlineData("measure", "--measure", "1903", "before 1900")]
    [InlineData("measure", "--caliper", "0.2", "A caliper needs the glm distance")]
    [InlineData("measure", "--bootstrap", "1", "0 (none) or 2-1000000 (got 1)")]
    [InlineData("measure", "--bootstrap-scheme", "sets", "matched-sets")]
    [InlineData("measure", "--firms", "", "needs a value")]
    [InlineData("validate", "--firms", "", "needs a value")]
    [InlineData("match", "--data", "", "needs a value")]
    [InlineData("measure", "--out", " ", "needs a value")]
    public void BadOptionValues_AreUsageErrorsInEveryCommand(string command, string option, string value, string expected)
    {
        string[] args = command switch
        {
            "validate" => ["validate", "--firms", "x.csv", option, value],
            "match" => ["match", "--treat", "t", "--id", "i", "--covariates", "a", "--out", "p.csv", option, value],
            _ => ["measure", "--firms", "x.csv", "--participants", "p.csv", option, value],
        };
        if (option == "--firms")
        {
            args = [command, option, value, .. command == "measure" ? new[] { "--participants", "p.csv" } : []];
        }

        var (code, _, err) = Run(args);

        Assert.Equal(ExitCodes.Usage, code);
        AssertOneCleanError(err);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public void OutAnExistingDirectory_IsAnOutputError()
    {
        var (code, _, err) = Run("tables", "--published", Published, "--out", _dir);

        Assert.Equal(ExitCodes.OutputError, code);
        AssertOneCleanError(err);
        Assert.Contains("it is a folder", err, StringComparison.Ordinal);
    }

    [Fact]
    public void OutANameOver255Bytes_IsAnOutputError()
    {
        var (code, _, err) = Run("tables", "--published", Published, "--out", Path.Combine(_dir, new string('x', 300) + ".txt"));

        Assert.Equal(ExitCodes.OutputError, code);
        AssertOneCleanError(err);
        Assert.Contains("too long (304 bytes; at most 255)", err, StringComparison.Ordinal);
    }

    [Fact]
    public void OutANameOf255Bytes_IsWritten_AndItsTempFileFits()
    {
        string path = Path.Combine(_dir, new string('ø', 125) + ".txt");

        var (code, _, _) = Run("tables", "--published", Published, "--out", path);

        Assert.Equal(ExitCodes.Success, code);
        Assert.True(File.Exists(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void OutInAPlaceThatCannotBeWritten_IsAnOutputErrorWithoutTheTempPath()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // /proc takes no new files, for root too.
        var (code, _, err) = Run("tables", "--published", Published, "--out", "/proc/gme-out.txt");

        Assert.Equal(ExitCodes.OutputError, code);
        AssertOneCleanError(err);
        Assert.Contains("cannot write '/proc/gme-out.txt'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void OutInAMissingFolder_IsAnOutputError()
    {
        var (code, _, err) = Run("tables", "--published", Published, "--out", Path.Combine(_dir, "missing", "x.txt"));

        Assert.Equal(ExitCodes.OutputError, code);
        AssertOneCleanError(err);
        Assert.Contains("does not exist", err, StringComparison.Ordinal);
    }

    [Fact]
    public void MeasurePlotUnderAFile_IsAnOutputError_BeforeAnyWork()
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");

        var (code, _, err) = Run("measure", "--firms", "missing.csv", "--participants", "p.csv", "--plot", Path.Combine(file, "plots"));

        Assert.Equal(ExitCodes.OutputError, code);
        AssertOneCleanError(err);
        Assert.Contains("cannot create the folder", err, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void GenerateOutAnExistingFile_IsAnOutputError()
    {
        string file = Path.Combine(_dir, "firms.csv");
        File.WriteAllText(file, "x");

        var (code, _, err) = Run("generate", "--firms", "50", "--out", file);

        Assert.Equal(ExitCodes.OutputError, code);
        AssertOneCleanError(err);
        Assert.Contains("it is a file", err, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void StaleTempFilesOfADeadProcess_AreRemoved_OthersKept()
    {
        string output = Path.Combine(_dir, "out.txt");
        string dead = Path.Combine(_dir, ".out.txt.2147483646.tmp");
        string alive = Path.Combine(_dir, ".out.txt.1.tmp");
        string otherName = Path.Combine(_dir, ".other.txt.2147483646.tmp");
        foreach (var f in new[] { dead, alive, otherName })
        {
            File.WriteAllText(f, "partial");
        }

        var (code, _, _) = Run("tables", "--published", Published, "--out", output);

        Assert.Equal(ExitCodes.Success, code);
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(alive));
        Assert.True(File.Exists(otherName));
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void FailedRuns_LeaveNoTempFiles()
    {
        string output = Path.Combine(_dir, "out.txt");
        Run("tables", "--published", Published, "--out", output, "--format", "xml");
        Run("tables", "--published", Path.Combine(_dir, "missing.csv"), "--out", output);

        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void UnexpectedException_IsAnInternalErrorWithAHint_AndDebugShowsTheStack()
    {
        Command[] commands = [new Throwing()];

        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(["boom"], TextWriter.Null, stderr, commands: commands);
        var debug = new StringWriter(CultureInfo.InvariantCulture);
        int debugCode = CliApp.Run(["boom", "--debug"], TextWriter.Null, debug, commands: commands);

        Assert.Equal(ExitCodes.InternalError, code);
        string[] lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("error: internal error (a bug): InvalidOperationException: inner failure", lines[0]);
        Assert.Contains("--debug", lines[1], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InternalError, debugCode);
        Assert.Contains("   at ", debug.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentedErrorsInsideAggregateException_KeepTheirExitCode()
    {
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(["boom", "analysis"], TextWriter.Null, stderr, commands: [new Throwing()]);

        Assert.Equal(ExitCodes.AnalysisError, code);
        Assert.Equal("error: no control firm\n", stderr.ToString().Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void MainHelp_ListsEveryExitCode()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(ExitCodes.Success, code);
        foreach (string line in new[] { "0  success", "1  internal error", "2  bad command line", "3  bad input data", "4  valid input", "5  the output cannot be written" })
        {
            Assert.Contains(line, output, StringComparison.Ordinal);
        }
    }

    /// <summary>A command that throws what it is told: an unexpected exception inside an AggregateException
    /// (as <c>Parallel.For</c> gives), or an AnalysisException inside one.</summary>
    private sealed class Throwing() : Command("boom", "fails", "fails")
    {
        public override int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
        {
            bool analysis = args.Positional.Contains("analysis");
            Exception inner = analysis ? new AnalysisException("no control firm") : new InvalidOperationException("inner\nfailure");
            try
            {
                throw inner;
            }
            catch (Exception e)
            {
                throw new AggregateException(e);
            }
        }
    }
}
