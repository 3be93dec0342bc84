namespace GlobalMidt.Effects.Simulation;

/// <summary>A participant's actual and counterfactual outcomes at measurement.</summary>
/// <param name="FirmId">Firm id.</param>
/// <param name="FteEffect">The firm's effect factor on FTEs (sum over the groups that reported it).</param>
/// <param name="TurnoverEffect">The firm's effect factor on turnover.</param>
/// <param name="Fte">Actual FTEs at measurement (NaN when absent).</param>
/// <param name="CounterfactualFte">FTEs it would have had without the programme.</param>
/// <param name="Turnover">Actual turnover at measurement (1,000 DKK).</param>
/// <param name="CounterfactualTurnover">Turnover without the programme.</param>
public sealed record ParticipantEffect(
    string FirmId,
    double FteEffect,
    double TurnoverEffect,
    double Fte,
    double CounterfactualFte,
    double Turnover,
    double CounterfactualTurnover)
{
    /// <summary>The firm's effect factor on export (sum over its groups); null when the register has no export.</summary>
    public double? ExportEffect { get; init; }

    /// <summary>Actual export at measurement (1,000 DKK; NaN when absent); null when the register has no export.</summary>
    public double? Export { get; init; }

    /// <summary>Export without the programme; null when the register has no export.</summary>
    public double? CounterfactualExport { get; init; }
}
