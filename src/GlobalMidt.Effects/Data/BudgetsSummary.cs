namespace GlobalMidt.Effects.Data;

/// <summary>The budgets per group, and the groups with participants but no budget.</summary>
/// <param name="Budgets">Budgets in ordinal order of group name.</param>
/// <param name="TotalMdkk">Sum of the budgets, millions of DKK.</param>
/// <param name="GroupsWithoutBudget">Groups of the participants that have no budget, in ordinal order.</param>
/// <param name="BudgetsWithoutParticipants">Budget groups no participant belongs to, in ordinal order.</param>
public sealed record BudgetsSummary(
    IReadOnlyList<GroupBudget> Budgets,
    double TotalMdkk,
    IReadOnlyList<string> GroupsWithoutBudget,
    IReadOnlyList<string> BudgetsWithoutParticipants)
{
    /// <summary>Summarises budgets against the groups of <paramref name="participants"/> when given.</summary>
    public static BudgetsSummary Of(IReadOnlyList<GroupBudget> budgets, IReadOnlyList<Participant>? participants)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var sorted = budgets.OrderBy(b => b.Group, StringComparer.Ordinal).ToArray();
        var budgetGroups = new HashSet<string>(budgets.Select(b => b.Group), StringComparer.Ordinal);
        var participantGroups = new SortedSet<string>(StringComparer.Ordinal);
        if (participants is not null)
        {
            foreach (var p in participants)
            {
                participantGroups.Add(p.Group);
            }
        }

        double total = 0;
        foreach (var b in sorted)
        {
            total += b.BudgetMdkk;
        }

        return new BudgetsSummary(
            sorted,
            total,
            participantGroups.Where(g => !budgetGroups.Contains(g)).ToArray(),
            participants is null ? [] : sorted.Select(b => b.Group).Where(g => !participantGroups.Contains(g)).ToArray());
    }
}
