namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>measure</c> command.</summary>
public sealed class MeasureCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "measure";

    /// <inheritdoc />
    public string Summary => "Measure programme effects: Tables 1-3 with matched control groups";

    /// <inheritdoc />
    public string Help => "Usage: globalmidt-effects measure [options]\n\n(not yet available)\n";

    /// <inheritdoc />
    public int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine("error: 'measure' is not available in this build yet.");
        return ExitCodes.InternalError;
    }
}
