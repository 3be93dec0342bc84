namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// One row of <c>published_tables.csv</c>: the published Tables 1-3 of one group (seed section 5).
/// </summary>
/// <param name="Group">The group (growth forum), e.g. <c>VF Midtjylland</c>.</param>
/// <param name="Reported">Table 1: reported participants.</param>
/// <param name="Measured">Table 1: participants in the measurement (n of Table 2, D of Table 3).</param>
/// <param name="EmploymentShareParticipants">Table 2 A: participants' share with employment growth.</param>
/// <param name="EmploymentShareControl">Table 2 B: control group's share with employment growth.</param>
/// <param name="EmploymentPValue">Table 2 C: p-value of the employment difference.</param>
/// <param name="JobsCreated">Table 2 D = Table 3 A: jobs created (FTE years).</param>
/// <param name="TurnoverShareParticipants">Table 2 E: participants' share with turnover growth.</param>
/// <param name="TurnoverShareControl">Table 2 F: control group's share with turnover growth.</param>
/// <param name="TurnoverPValue">Table 2 G: p-value of the turnover difference.</param>
/// <param name="AddedTurnoverMdkk">Table 2 H: added turnover (mio. DKK).</param>
/// <param name="BudgetMdkk">Table 3 B: budget (mio. DKK); null when printed <c>-</c>.</param>
/// <param name="CostPerJobTdkk">Table 3 C: cost per job (1,000 DKK); null when printed <c>-</c>.</param>
/// <param name="SpendPerFirmTdkk">Table 3 E: spend per firm (1,000 DKK); null when printed <c>-</c>.</param>
/// <param name="JobsPerFirm">Table 3 F: jobs per firm; null when printed <c>-</c>.</param>
/// <param name="Line">The row's line in the file (1-based).</param>
public sealed record PublishedTableRow(
    string Group,
    int Reported,
    int Measured,
    PrintedNumber EmploymentShareParticipants,
    PrintedNumber EmploymentShareControl,
    PrintedNumber EmploymentPValue,
    PrintedNumber JobsCreated,
    PrintedNumber TurnoverShareParticipants,
    PrintedNumber TurnoverShareControl,
    PrintedNumber TurnoverPValue,
    PrintedNumber AddedTurnoverMdkk,
    PrintedNumber? BudgetMdkk,
    PrintedNumber? CostPerJobTdkk,
    PrintedNumber? SpendPerFirmTdkk,
    PrintedNumber? JobsPerFirm,
    long Line);
