namespace GlobalMidt.Effects;

/// <summary>
/// An option out of range or inconsistent with another (<see cref="MeasurementOptions.Validate"/>,
/// <see cref="MatchingOptions.Validate"/>, <see cref="Data.RegisterLoadOptions.Validate"/>,
/// <see cref="Simulation.SimulationOptions.Validate"/>). An <see cref="ArgumentException"/> whose
/// <see cref="ArgumentException.ParamName"/> names the setting (e.g. <c>Caliper</c>) and whose
/// <see cref="Message"/> is one complete sentence without .NET's " (Parameter '...')" suffix, fit to show a user as it
/// is.
/// </summary>
/// <remarks>
/// Options are validated once, by the library's entry points (<c>EffectMeasurement.Run</c>,
/// <see cref="NearestNeighbourMatcher.Prepare"/>) or by calling <c>Validate()</c> early. The CLI prints the message in
/// one line and exits with code 2 (bad command line); bad input data is <see cref="Data.InputDataException"/> (code 3)
/// and valid input that cannot be analysed <see cref="AnalysisException"/> (code 4).
/// </remarks>
public sealed class OptionsException : ArgumentException
{
    private readonly string _message;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what is accepted, in one sentence.</param>
    /// <param name="setting">The option's property name, e.g. <c>nameof(MatchingOptions.Caliper)</c>.</param>
    public OptionsException(string message, string setting)
        : base(message, setting)
    {
        _message = message;
    }

    /// <summary>What is wrong and what is accepted, without the parameter-name suffix of <see cref="ArgumentException"/>.</summary>
    public override string Message => _message;

    /// <summary>The option's property name (the same as <see cref="ArgumentException.ParamName"/>).</summary>
    public string Setting => ParamName ?? string.Empty;
}
