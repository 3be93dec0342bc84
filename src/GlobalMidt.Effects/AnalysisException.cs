namespace GlobalMidt.Effects;

/// <summary>
/// Valid input that cannot be analysed as asked: no control firm at all, a period outside the register, a figure that
/// cannot be computed as a finite number. Bad input itself is <see cref="Data.InputDataException"/>.
/// </summary>
/// <remarks>The CLI prints <see cref="Exception.Message"/> in one line, without a stack trace, and exits with code 4.</remarks>
public sealed class AnalysisException : Exception
{
    /// <summary>Creates the exception with a message that says what cannot be analysed and why.</summary>
    public AnalysisException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public AnalysisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
