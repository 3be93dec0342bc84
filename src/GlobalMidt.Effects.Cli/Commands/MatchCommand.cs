namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>match</c> command.</summary>
public sealed class MatchCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "match";

    /// <inheritdoc />
    public string Summary => "Nearest-neighbour matching on any CSV (MatchIt-compatible)";

    /// <inheritdoc />
    public string Help => "Usage: globalmidt-effects match [options]\n\n(not yet available)\n";

    /// <inheritdoc />
    public int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine("error: 'match' is not available in this build yet.");
        return ExitCodes.InternalError;
    }
}
