using System.Globalization;
using GlobalMidt.Effects.Cli.Commands;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Cli;

/// <summary>Exit codes of <c>globalmidt-effects</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>An unexpected internal error (a bug: please report it with the stack trace printed).</summary>
    public const int InternalError = 1;

    /// <summary>Bad command line: unknown command or option, missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>Bad input data: the errors name file, line, column, firm and value.</summary>
    public const int DataError = 3;

    /// <summary>The input is valid but the requested analysis cannot be done (e.g. no control firm at all).</summary>
    public const int AnalysisError = 4;
}

/// <summary>Thrown for a bad command line; printed in one line, exit code <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>One subcommand: its name, a one-line summary, its help text and its action.</summary>
public interface ICommand
{
    /// <summary>The name typed after <c>globalmidt-effects</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The full <c>--help</c> text.</summary>
    string Help { get; }

    /// <summary>Runs the command; returns the exit code.</summary>
    int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr);
}

/// <summary>The entry point: dispatches to a command, turns user errors into one-line messages and exit codes.</summary>
public static class CliApp
{
    /// <summary>All commands, in the order the help lists them.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } =
    [
        new MeasureCommand(),
        new TablesCommand(),
        new MatchCommand(),
        new BalanceCommand(),
        new ValidateCommand(),
        new GenerateCommand(),
    ];

    /// <summary>Runs the command line <paramref name="args"/> without a terminal (no progress); returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CliHost.Redirected);

    /// <summary>Runs the command line <paramref name="args"/> in <paramref name="host"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
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

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"error: unknown command '{args[0]}'. Commands: {string.Join(", ", Commands.Select(c => c.Name))}.");
            return ExitCodes.Usage;
        }

        try
        {
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
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine($"Run 'globalmidt-effects {command.Name} --help' for the options.");
            return ExitCodes.Usage;
        }
        catch (InputDataException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (AnalysisException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.AnalysisError;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.DataError;
        }
    }

    private static string? Version => typeof(CliApp).Assembly.GetName().Version?.ToString(3);

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
        w.WriteLine("Exit codes: 0 success, 1 internal error, 2 bad command line, 3 bad input data, 4 analysis not possible.");
        return w.ToString();
    }
}
