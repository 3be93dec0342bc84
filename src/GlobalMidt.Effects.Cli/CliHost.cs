namespace GlobalMidt.Effects.Cli;

/// <summary>
/// What a command may use of its process besides the stdout/stderr writers: standard input (for <c>-</c> as an input
/// path) and whether standard error is a terminal (progress is shown only then).
/// </summary>
internal sealed class CliHost
{
    /// <summary>No terminal (progress off); standard input is the process's.</summary>
    public static CliHost Redirected { get; } = new();

    /// <summary>The process's console: progress when standard error is not redirected.</summary>
    public static CliHost Console { get; } = new() { ErrorIsTerminal = !System.Console.IsErrorRedirected };

    /// <summary>Opens standard input (read once; <c>-</c> as an input path).</summary>
    public Func<Stream> OpenStdin { get; init; } = System.Console.OpenStandardInput;

    /// <summary>True when standard error is a terminal: then long work reports progress there.</summary>
    public bool ErrorIsTerminal { get; init; }
}

/// <summary>Progress lines on standard error for long work, only when it is a terminal and not <c>--quiet</c>.</summary>
internal sealed class CliProgress
{
    private readonly TextWriter _stderr;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Progress to <paramref name="stderr"/> when <paramref name="enabled"/>.</summary>
    public CliProgress(TextWriter stderr, bool enabled)
    {
        _stderr = stderr;
        Enabled = enabled;
    }

    /// <summary>True when lines are written.</summary>
    public bool Enabled { get; }

    /// <summary>For a command: on when standard error is a terminal and <c>--quiet</c> is not given.</summary>
    public static CliProgress For(ParsedArgs args, TextWriter stderr) =>
        new(stderr, !args.Flag("quiet") && args.Host.ErrorIsTerminal);

    /// <summary>Writes <c>[  1.2 s] message</c>.</summary>
    public void Report(string message)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {message}"));
        }
    }
}
