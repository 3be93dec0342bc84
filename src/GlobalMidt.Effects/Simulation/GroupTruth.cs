namespace GlobalMidt.Effects.Simulation;

/// <summary>
/// The known truth of one group (or of the cross-cutting set, each firm once): counts of Table 1 and the true
/// effects of Table 2/3 computed from the actual and the counterfactual (untreated) paths.
/// </summary>
/// <param name="Group">Group name, or <see cref="SimulationTruth.CrossCuttingKey"/>.</param>
/// <param name="Reported">Unique firm ids reported.</param>
/// <param name="Measured">Reported firms that pass every eligibility rule.</param>
/// <param name="Excluded">The others, by reason.</param>
/// <param name="TrueJobsCreated">Sum over measured firms of FTEs at measurement minus their counterfactual FTEs.</param>
/// <param name="TrueAddedTurnoverMdkk">The same for turnover, in millions of DKK.</param>
/// <param name="ActualFteMeasurement">Sum of measured firms' FTEs at measurement.</param>
/// <param name="CounterfactualFteMeasurement">Sum of their counterfactual FTEs at measurement.</param>
/// <param name="FteBaseline">Sum of their FTEs at baseline (unaffected by the programme).</param>
/// <param name="EmploymentGrowthShare">Share of measured firms with FTEs at measurement strictly above baseline.</param>
/// <param name="CounterfactualEmploymentGrowthShare">The same share on the counterfactual path (what a perfect control group shows).</param>
/// <param name="TurnoverGrowthShare">Share with turnover at measurement strictly above baseline.</param>
/// <param name="CounterfactualTurnoverGrowthShare">The same on the counterfactual path.</param>
public sealed record GroupTruth(
    string Group,
    int Reported,
    int Measured,
    ExclusionCounts Excluded,
    double TrueJobsCreated,
    double TrueAddedTurnoverMdkk,
    double ActualFteMeasurement,
    double CounterfactualFteMeasurement,
    double FteBaseline,
    double EmploymentGrowthShare,
    double CounterfactualEmploymentGrowthShare,
    double TurnoverGrowthShare,
    double CounterfactualTurnoverGrowthShare)
{
    /// <summary>Sum over measured firms of export at measurement minus their counterfactual export, in millions of
    /// DKK; null when the register has no export (<see cref="SimulationOptions.Export"/>).</summary>
    public double? TrueAddedExportMdkk { get; init; }

    /// <summary>Share of measured firms with export at measurement strictly above baseline; null without export.</summary>
    public double? ExportGrowthShare { get; init; }

    /// <summary>The same share on the counterfactual path; null without export.</summary>
    public double? CounterfactualExportGrowthShare { get; init; }
}
