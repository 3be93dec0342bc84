namespace GlobalMidt.Effects.Simulation;

/// <summary>Reported participants excluded from the measurement, by the first rule they fail (in this order).</summary>
/// <param name="Unknown">Ids not in the register.</param>
/// <param name="Public">Public-sector firms.</param>
/// <param name="Ceased">Firms missing in some period of the window baseline..measurement (inclusive).</param>
/// <param name="Inactive">Firms present but with 0 FTEs and 0 turnover in some period of the window.</param>
public sealed record ExclusionCounts(int Unknown, int Public, int Ceased, int Inactive)
{
    /// <summary>All exclusions.</summary>
    public int Total => Unknown + Public + Ceased + Inactive;
}
