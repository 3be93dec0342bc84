namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>generate</c> command.</summary>
public sealed class GenerateCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "generate";

    /// <inheritdoc />
    public string Summary => "Write a simulated register with known programme effects";

    /// <inheritdoc />
    public string Help => "Usage: globalmidt-effects generate [options]\n\n(not yet available)\n";

    /// <inheritdoc />
    public int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine("error: 'generate' is not available in this build yet.");
        return ExitCodes.InternalError;
    }
}
