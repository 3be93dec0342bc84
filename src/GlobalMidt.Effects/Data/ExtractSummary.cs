namespace GlobalMidt.Effects.Data;

/// <summary>What a register holds: the first check of an extract (<c>globalmidt-effects validate</c>).</summary>
/// <param name="Rows">Firm-period rows.</param>
/// <param name="Firms">Distinct firms.</param>
/// <param name="Periods">The periods, ascending.</param>
/// <param name="Regions">Distinct region names, in ordinal order.</param>
/// <param name="Industries">Number of distinct DB07 codes.</param>
/// <param name="Municipalities">Number of distinct municipality codes.</param>
/// <param name="PublicFirms">Firms in the public sector.</param>
/// <param name="FirmsWithAttributeChanges">Firms whose attributes changed and were given their latest value.</param>
public sealed record RegisterSummary(
    long Rows,
    int Firms,
    IReadOnlyList<Period> Periods,
    IReadOnlyList<string> Regions,
    int Industries,
    int Municipalities,
    int PublicFirms,
    int FirmsWithAttributeChanges)
{
    /// <summary>Summarises a register.</summary>
    public static RegisterSummary Of(Register register)
    {
        ArgumentNullException.ThrowIfNull(register);
        int publicFirms = 0;
        foreach (bool p in register.PublicFlags)
        {
            if (p)
            {
                publicFirms++;
            }
        }

        return new RegisterSummary(
            register.RowCount,
            register.FirmCount,
            register.Periods,
            register.RegionNames,
            register.IndustryNames.Count,
            register.MunicipalityNames.Count,
            publicFirms,
            register.FirmsWithAttributeChanges);
    }
}

/// <summary>What a participants list holds, and how much of it the register knows.</summary>
/// <param name="Rows">Rows as read (duplicates included).</param>
/// <param name="UniqueFirms">Distinct firm ids.</param>
/// <param name="Groups">Distinct group names, in ordinal order.</param>
/// <param name="FirmsInRegister">Distinct firms found in the register (0 without a register).</param>
/// <param name="FirmsNotInRegister">Distinct firms not found in the register (0 without a register).</param>
/// <param name="NotFoundExamples">Up to 10 of the firm ids not found, in canonical order.</param>
/// <param name="DuplicateRows">Rows that repeat an earlier row exactly.</param>
public sealed record ParticipantsSummary(
    int Rows,
    int UniqueFirms,
    IReadOnlyList<string> Groups,
    int FirmsInRegister,
    int FirmsNotInRegister,
    IReadOnlyList<string> NotFoundExamples,
    int DuplicateRows)
{
    /// <summary>Summarises participants, matching firm ids against <paramref name="register"/> when given.</summary>
    public static ParticipantsSummary Of(IReadOnlyList<Participant> participants, Register? register)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var rows = new HashSet<Participant>();
        var firms = new HashSet<string>(StringComparer.Ordinal);
        var groups = new SortedSet<string>(StringComparer.Ordinal);
        int duplicates = 0;
        foreach (var p in participants)
        {
            if (!rows.Add(p))
            {
                duplicates++;
            }

            firms.Add(p.FirmId);
            groups.Add(p.Group);
        }

        int found = 0;
        var notFound = new List<string>();
        if (register is not null)
        {
            foreach (string id in firms)
            {
                if (register.FindFirm(id) >= 0)
                {
                    found++;
                }
                else
                {
                    notFound.Add(id);
                }
            }
        }

        notFound.Sort(FirmIdComparer.Instance);
        return new ParticipantsSummary(
            participants.Count,
            firms.Count,
            [.. groups],
            found,
            notFound.Count,
            notFound.Count > 10 ? notFound.GetRange(0, 10) : notFound,
            duplicates);
    }
}

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
