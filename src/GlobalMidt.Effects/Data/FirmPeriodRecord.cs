namespace GlobalMidt.Effects.Data;

/// <summary>One row of the firm panel, for handing a register over in code.</summary>
/// <param name="FirmId">Firm id (CVR number).</param>
/// <param name="Period">The period of the row.</param>
/// <param name="Municipality">Municipality code (e.g. <c>751</c>).</param>
/// <param name="Region">Region name (e.g. <c>Region Midtjylland</c>).</param>
/// <param name="Industry">DB07 industry code, digits (e.g. <c>620100</c>).</param>
/// <param name="IsPublic">True for the public sector.</param>
/// <param name="Fte">Full-time equivalents (FTE years), non-negative.</param>
/// <param name="Turnover">Turnover in 1,000 DKK, non-negative.</param>
public sealed record FirmPeriodRecord(
    string FirmId,
    Period Period,
    string Municipality,
    string Region,
    string Industry,
    bool IsPublic,
    double Fte,
    double Turnover)
{
    /// <summary>Export in 1,000 DKK (non-negative), or null when the register has no export column: give it in every
    /// record or in none.</summary>
    public double? Export { get; init; }

    /// <summary>Value added in 1,000 DKK (may be negative), or null when the register has no value added column: give
    /// it in every record or in none.</summary>
    public double? ValueAdded { get; init; }
}
