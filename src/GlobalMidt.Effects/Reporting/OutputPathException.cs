namespace GlobalMidt.Effects.Reporting;

/// <summary>Thrown when an output file or folder cannot be written (<see cref="OutputFile"/>); its message names the
/// path given, never a temporary file (the CLI prints it in one line, exit code 5).</summary>
internal sealed class OutputPathException(string message) : Exception(message);
