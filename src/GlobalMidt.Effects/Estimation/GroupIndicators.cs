namespace GlobalMidt.Effects.Estimation;

/// <summary>The programme indicators of one group: firms receiving support, budget and private co-financing.</summary>
/// <param name="Group">The group; the cross-cutting row has <see cref="Eligibility.ParticipantGroups.CrossCuttingName"/>.</param>
/// <param name="IsCrossCutting">True for the row of all groups: each firm once, every budget summed.</param>
/// <param name="SupportedFirms">Distinct reported firm ids of the group (whether in the register or not).</param>
/// <param name="BudgetMdkk">The group's budget (budgets.csv <c>budget_mdkk</c>), mio. DKK; null when not given.</param>
/// <param name="PrivateMdkk">Private co-financing (budgets.csv <c>private_mdkk</c>), mio. DKK; null when not given.</param>
public sealed record GroupIndicators(string Group, bool IsCrossCutting, int SupportedFirms, double? BudgetMdkk, double? PrivateMdkk);
