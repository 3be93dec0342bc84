namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>balance</c> command.</summary>
public sealed class BalanceCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "balance";

    /// <inheritdoc />
    public string Summary => "Covariate balance before and after matching (cobalt conventions)";

    /// <inheritdoc />
    public string Help => "Usage: globalmidt-effects balance [options]\n\n(not yet available)\n";

    /// <inheritdoc />
    public int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine("error: 'balance' is not available in this build yet.");
        return ExitCodes.InternalError;
    }
}
