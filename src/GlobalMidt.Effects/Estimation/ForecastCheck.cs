namespace GlobalMidt.Effects.Estimation;

/// <summary>The forecast recomputed from a published row (seed: 37.4 mio. DKK at the Central Denmark cost per job).</summary>
/// <param name="Group">The group whose cost per job is used.</param>
/// <param name="PlanBudgetMdkk">The planned budget (mio. DKK).</param>
/// <param name="CostPerJobTdkk">The unrounded cost per job B·1000/A from the printed inputs; null when undefined.</param>
/// <param name="PublishedCostPerJobTdkk">The printed cost per job (C); null when printed <c>-</c>.</param>
/// <param name="ExpectedJobs">Plan budget / unrounded cost per job; null when undefined.</param>
/// <param name="ExpectedJobsAtPublishedCost">Plan budget / printed cost per job; null when undefined.</param>
public sealed record ForecastCheck(
    string Group,
    double PlanBudgetMdkk,
    double? CostPerJobTdkk,
    PrintedNumber? PublishedCostPerJobTdkk,
    double? ExpectedJobs,
    double? ExpectedJobsAtPublishedCost);
