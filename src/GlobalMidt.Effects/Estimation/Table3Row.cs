namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// One row of Table 3 ("Estimeret jobskabelse i forhold til projektbudget og deltagervirksomheder"): jobs created
/// against budget and firms measured.
/// </summary>
/// <param name="Group">The group (growth forum / programme).</param>
/// <param name="Jobs">A: jobs created (FTE years).</param>
/// <param name="BudgetMdkk">B: budget in mio. DKK; null when unknown.</param>
/// <param name="CostPerJobTdkk">
/// C = B / A: cost per job in 1,000 DKK (<c>B * 1000 / A</c>); null (printed <c>-</c>) when A ≤ 0 or B is unknown.
/// </param>
/// <param name="FirmsMeasured">D: participants in the measurement.</param>
/// <param name="SpendPerFirmTdkk">E = B / D: spend per firm in 1,000 DKK; null when D = 0 or B is unknown.</param>
/// <param name="JobsPerFirm">F = A / D: jobs per firm (FTE years); null (printed <c>-</c>) when A = 0 or D = 0.</param>
public sealed record Table3Row(
    string Group,
    double Jobs,
    double? BudgetMdkk,
    double? CostPerJobTdkk,
    int FirmsMeasured,
    double? SpendPerFirmTdkk,
    double? JobsPerFirm);
