using GlobalMidt.Effects.Cli.Commands;

namespace GlobalMidt.Effects.Cli;

/// <summary>Exit codes of <c>globalmidt-effects</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>An unexpected internal error (a bug: please report it with the stack trace <c>--debug</c> prints).</summary>
    public const int InternalError = 1;

    /// <summary>Bad command line: unknown command or option, missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>Bad input data: the errors name file, line, column, firm and value.</summary>
    public const int DataError = 3;

    /// <summary>The input is valid but the requested analysis cannot be done (e.g. no control firm at all).</summary>
    public const int AnalysisError = 4;

    /// <summary>The output cannot be written: <c>--out</c> (or <c>--plot</c>) is a folder, its folder is missing or
    /// not writable, the name is too long, the disk is full.</summary>
    public const int OutputError = 5;

    /// <summary>The exit-code table, as printed by <c>--help</c> (and in the README's "Commands").</summary>
    public const string Table = """
        Exit codes:
          0  success
          1  internal error: a bug (rerun with --debug for the stack trace and report it)
          2  bad command line: unknown command or option, missing or malformed value
          3  bad input data: every error with file, line, column, firm id and value
          4  valid input that cannot be analysed as asked (e.g. a period not in the register)
          5  the output cannot be written: --out/--plot is a folder, its folder is missing or not writable,
             the name is too long, the disk is full (nothing half-written is left behind)
        """;
}

/// <summary>Thrown for a bad command line; printed in one line, exit code <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message)
{
    /// <summary>Throws a usage error with <paramref name="message"/> when <paramref name="condition"/> holds.</summary>
    public static void ThrowIf(bool condition, string message)
    {
        if (condition)
        {
            throw new UsageException(message);
        }
    }
}

/// <summary>One subcommand: its name, a one-line summary and its help text, given once, and its action.</summary>
internal abstract class Command(string name, string summary, string help)
{
    /// <summary>The name typed after <c>globalmidt-effects</c>.</summary>
    public string Name => name;

    /// <summary>One line for the command list.</summary>
    public string Summary => summary;

    /// <summary>The full <c>--help</c> text.</summary>
    public string Help => help;

    /// <summary>Runs the command; returns the exit code.</summary>
    public abstract int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr);
}

/// <summary>The entry point: dispatches to a command, turns user errors into one-line messages and exit codes.</summary>
internal static class CliApp
{
    /// <summary>All commands, in the order the help lists them.</summary>
    public static IReadOnlyList<Command> Commands { get; } =
    [
        new MeasureCommand(),
        new TablesCommand(),
        new MatchCommand(),
        new BalanceCommand(),
        new ValidateCommand(),
        new GenerateCommand(),
        new SimulateStudyCommand(),
    ];

    /// <summary>Runs the command line <paramref name="args"/>; returns the process exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="host">The process around it; null: no terminal (no progress), the process's standard input.</param>
    /// <param name="commands">The commands; null: <see cref="Commands"/> (tests of the guard give a command that fails
    /// on purpose).</param>
    /// <remarks>One guard covers everything: user errors become one-line messages with their exit code; any other
    /// exception (an <see cref="AggregateException"/> unwrapped first) is reported as an internal error (exit 1)
    /// with a hint, never as a raw stack trace; <c>--debug</c> anywhere on the line prints the stack trace.</remarks>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliHost? host = null, IReadOnlyList<Command>? commands = null)
    {
        host ??= CliHost.Redirected;
        commands ??= Commands;
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        bool debug = args.Contains("--debug", StringComparer.Ordinal);
        if (debug)
        {
            args = [.. args.Where(a => a != "--debug")];
        }

        Command? command = null;
        try
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                stdout.Write(MainHelp());
                return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
            }

            if (args[0] == "--version")
            {
                stdout.WriteLine(Version);
                return ExitCodes.Success;
            }

            command = commands.FirstOrDefault(c => c.Name == args[0]);
            if (command is null)
            {
                stderr.WriteLine($"error: unknown command '{args[0]}'. Commands: {string.Join(", ", commands.Select(c => c.Name))}.");
                return ExitCodes.Usage;
            }

            var parsed = ParsedArgs.Parse(args.AsSpan(1));
            parsed.Host = host;
            if (parsed.Has("help") || parsed.Has("h"))
            {
                stdout.Write(command.Help.EndsWith('\n') ? command.Help : command.Help + "\n");
                return ExitCodes.Success;
            }

            if (parsed.Has("version"))
            {
                stdout.WriteLine(Version);
                return ExitCodes.Success;
            }

            return command.Run(parsed, stdout, stderr);
        }
        catch (Exception thrown)
        {
            return Report(Unwrap(thrown), command, debug, stderr);
        }
    }

    private static string? Version => typeof(CliApp).Assembly.GetName().Version?.ToString(3);

    /// <summary>The exception to report: the single inner exception of (nested) <see cref="AggregateException"/>s,
    /// or the first one when there are several.</summary>
    internal static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a)
        {
            e = a.InnerExceptions[0];
        }

        return e;
    }

    /// <summary>Prints <paramref name="e"/> and returns its exit code: the one place that maps exceptions to codes.</summary>
    private static int Report(Exception e, Command? command, bool debug, TextWriter stderr)
    {
        int code = e switch
        {
            // A bad option: the parser's message, or the library's (OptionsException, one sentence naming the
            // setting, never cut).
            UsageException or OptionsException => ExitCodes.Usage,

            // Bad input data, or an input file that vanished or cannot be read (outputs are OutputPathException).
            InputDataException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
                or PathTooLongException => ExitCodes.DataError,
            AnalysisException => ExitCodes.AnalysisError,
            OutputPathException => ExitCodes.OutputError,
            _ => ExitCodes.InternalError,
        };
        if (code == ExitCodes.InternalError)
        {
            stderr.WriteLine($"error: internal error (a bug): {e.GetType().Name}: {OneLine(e.Message)}");
            stderr.WriteLine(debug
                ? "Please report it with the command line and the stack trace below."
                : "Please report it: run the same command again with --debug and send the stack trace it prints.");
        }
        else
        {
            stderr.WriteLine($"error: {e.Message}");
        }

        if (code == ExitCodes.Usage)
        {
            stderr.WriteLine(command is null
                ? "Run 'globalmidt-effects --help' for the commands."
                : $"Run 'globalmidt-effects {command.Name} --help' for the options.");
        }

        if (debug)
        {
            stderr.WriteLine(e.ToString());
        }

        return code;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string MainHelp()
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("globalmidt-effects: effect measurement of business-support programmes with matched control groups.");
        w.WriteLine();
        w.WriteLine("Usage: globalmidt-effects <command> [options]    (globalmidt-effects <command> --help for its options)");
        w.WriteLine();
        w.WriteLine("Commands:");
        foreach (var c in Commands)
        {
            w.WriteLine($"  {c.Name,-10} {c.Summary}");
        }

        w.WriteLine();
        w.WriteLine("Global options: --debug (print the stack trace of an error), --version, --help.");
        w.WriteLine();
        w.WriteLine(ExitCodes.Table);
        return w.ToString();
    }
}
