namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>tables</c> command.</summary>
public sealed class TablesCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "tables";

    /// <inheritdoc />
    public string Summary => "Recompute Table 3 and the forecast from published Tables 1-2 and budgets";

    /// <inheritdoc />
    public string Help => "Usage: globalmidt-effects tables [options]\n\n(not yet available)\n";

    /// <inheritdoc />
    public int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine("error: 'tables' is not available in this build yet.");
        return ExitCodes.InternalError;
    }
}
