namespace GlobalMidt.Effects.Cli;

/// <summary>Input paths of the commands: <c>-</c> is standard input (read once; gzip recognised by its magic bytes).</summary>
internal static class CliInput
{
    /// <summary>The path that means standard input (or, for an output, standard output).</summary>
    public const string Dash = "-";

    /// <summary>True for <c>-</c>.</summary>
    public static bool IsDash(string? path) => path == Dash;

    /// <summary>The input's name in messages: <c>stdin</c> for <c>-</c>, else the path.</summary>
    public static string Name(string path) => IsDash(path) ? "stdin" : path;

    /// <summary>Throws a usage error when more than one of <paramref name="paths"/> is <c>-</c>.</summary>
    public static void AtMostOneStdin(params (string Option, string? Path)[] paths)
    {
        var dashes = paths.Where(p => IsDash(p.Path)).Select(p => "--" + p.Option).ToList();
        UsageException.ThrowIf(dashes.Count > 1, $"only one input can come from standard input ('-'); got {string.Join(" and ", dashes)}.");
    }

    /// <summary>The register from a file or, for <c>-</c>, standard input; with <paramref name="progress"/> on, a
    /// regular file reports the share of its bytes read.</summary>
    public static Register Register(string path, RegisterLoadOptions options, CliHost host, CliProgress? progress = null)
    {
        if (IsDash(path))
        {
            return RegisterCsv.Load(host.OpenStdin(), "stdin", options);
        }

        string name = Path.GetFileName(path);
        return progress is { Enabled: true }
            ? RegisterCsv.Load(path, options, percent => progress.Report($"loading {name}: {percent}%"))
            : RegisterCsv.Load(path, options);
    }

    /// <summary>The participants from a file or, for <c>-</c>, standard input.</summary>
    /// <param name="path">The file, or <c>-</c>.</param>
    /// <param name="options">Load options.</param>
    /// <param name="host">The console host.</param>
    /// <param name="register">When given, optional start/end periods must lie in it.</param>
    public static IReadOnlyList<Participant> Participants(string path, RegisterLoadOptions options, CliHost host, Register? register = null) =>
        IsDash(path) ? ParticipantsCsv.Load(host.OpenStdin(), "stdin", options, register) : ParticipantsCsv.Load(path, options, register);

    /// <summary>As <see cref="Participants(string, RegisterLoadOptions, CliHost, Register?)"/>, the register asked for
    /// only when a start or end period is read (see <see cref="ParticipantsCsv"/>).</summary>
    public static IReadOnlyList<Participant> Participants(string path, RegisterLoadOptions options, CliHost host, Func<Register?> register) =>
        IsDash(path) ? ParticipantsCsv.Load(host.OpenStdin(), "stdin", options, register) : ParticipantsCsv.Load(path, options, register);

    /// <summary>The budgets from a file or, for <c>-</c>, standard input.</summary>
    public static IReadOnlyList<GroupBudget> Budgets(string path, RegisterLoadOptions options, CliHost host) =>
        IsDash(path) ? BudgetsCsv.Load(host.OpenStdin(), "stdin", options) : BudgetsCsv.Load(path, options);

    /// <summary>All of standard input as text (UTF-8, BOM allowed), through gzip when it starts with 1F 8B.</summary>
    public static TextReader StdinText(CliHost host) => TextInput.ReadAll(host.OpenStdin());

    /// <summary>Standard input for <c>-</c> (see <see cref="StdinText"/>), else the file as strict UTF-8 (BOM allowed).</summary>
    public static TextReader Text(string path, CliHost host) => IsDash(path) ? StdinText(host) : TextInput.OpenFile(path);
}
