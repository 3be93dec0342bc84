namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>The <c>validate</c> command.</summary>
public sealed class ValidateCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "validate";

    /// <inheritdoc />
    public string Summary => "Check a register extract and print a summary or every error";

    /// <inheritdoc />
    public string Help => "Usage: globalmidt-effects validate [options]\n\n(not yet available)\n";

    /// <inheritdoc />
    public int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine("error: 'validate' is not available in this build yet.");
        return ExitCodes.InternalError;
    }
}
