namespace GlobalMidt.Effects.Inference;

/// <summary>Options of the share tests, validated in one place (<see cref="Validate"/>).</summary>
public sealed record ShareTestOptions
{
    /// <summary>The default options: 95 % intervals, Wald interval for the difference.</summary>
    public static ShareTestOptions Default { get; } = new();

    /// <summary>Confidence level of the intervals, in (0, 1). Default 0.95.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>Interval for the share difference. Default <see cref="DifferenceIntervalMethod.Wald"/>.</summary>
    public DifferenceIntervalMethod DifferenceInterval { get; init; } = DifferenceIntervalMethod.Wald;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when an option is out of range.</summary>
    public void Validate()
    {
        if (double.IsNaN(Level) || Level <= 0 || Level >= 1)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"ShareTestOptions.Level must be in (0, 1), e.g. 0.95 (got {Level})."),
                nameof(Level));
        }

        if (!Enum.IsDefined(DifferenceInterval))
        {
            throw new ArgumentException(
                FormattableString.Invariant($"ShareTestOptions.DifferenceInterval has the undefined value {(int)DifferenceInterval}."),
                nameof(DifferenceInterval));
        }
    }
}
