namespace GlobalMidt.Effects.Data;

/// <summary>The budget of a group.</summary>
/// <param name="Group">Group name.</param>
/// <param name="BudgetMdkk">Budget in millions of DKK.</param>
public sealed record GroupBudget(string Group, double BudgetMdkk)
{
    /// <summary>Private co-financing in millions of DKK (optional column <c>private_mdkk</c>); null when the file
    /// has none.</summary>
    public double? PrivateMdkk { get; init; }
}
