namespace GlobalMidt.Effects.Simulation;

/// <summary>Options of the effect-chain generator (<c>generate --chain</c>, data-samples/README.md, "The effect-chain
/// generator").</summary>
public sealed record ChainSimulationOptions
{
    /// <summary>Firms in the register (default 20,000).</summary>
    public int Firms { get; init; } = 20_000;

    /// <summary>The seed; the same options give byte-identical files.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Probability that a firm active at the baseline joins the programme, before the size and export
    /// tilt (default 0.03).</summary>
    public double ParticipantsShare { get; init; } = 0.03;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (Firms < 1 || Firms > SimulationOptions.MaxFirms)
        {
            throw new ArgumentException($"Firms must be 1..{SimulationOptions.MaxFirms}.", nameof(Firms));
        }

        if (!(ParticipantsShare >= 0 && ParticipantsShare <= 1))
        {
            throw new ArgumentException("ParticipantsShare must be in [0, 1].", nameof(ParticipantsShare));
        }
    }
}
