using System.Globalization;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Eligibility;

/// <summary>
/// The rows of a measurement by activity (<see cref="ParticipantGrouping.Activity"/>): the reported participants per
/// activity, then the cross-cutting set, in the shape of <see cref="ParticipantGroups.Build"/> so the rest of the
/// measurement runs per row unchanged.
/// </summary>
internal static class ActivityGroups
{
    /// <summary>The rows for <paramref name="by"/>: <see cref="ParticipantGroups.Build"/> for groups, <see cref="Build"/> for activities.</summary>
    public static IReadOnlyList<GroupParticipants> For(ParticipantGrouping by, Register register, IReadOnlyList<Participant> participants, ExclusionReason[] firmReasons) =>
        by == ParticipantGrouping.Activity
            ? Build(register, participants, firmReasons)
            : ParticipantGroups.Build(register, participants, firmReasons);

    /// <summary>
    /// One entry per activity (ordinal name order), then the cross-cutting set (every reported firm once, as by
    /// group). Ids and activities are trimmed; a firm reported several times in an activity (several projects or
    /// groups) counts once in it, and a firm in two activities counts in both.
    /// </summary>
    /// <exception cref="InputDataException">A participant has no activity (participants.csv without the column
    /// <c>activity</c>), or an activity has the cross-cutting row's name.</exception>
    public static IReadOnlyList<GroupParticipants> Build(Register register, IReadOnlyList<Participant> participants, ExclusionReason[] firmReasons)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(firmReasons);
        RequireActivities(participants, "participants");

        // The cross-cutting row is the same as by group: reuse it.
        var byGroup = ParticipantGroups.Build(register, participants, firmReasons);
        var byActivity = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var p in participants)
        {
            string activity = p.Activity!.Trim();
            if (ProgrammeText.GroupProblem(activity) is not null)
            {
                throw new InputDataException(new DataError("participants", 0, "activity", p.FirmId.Trim(), activity,
                    $"reserved name: the cross-cutting row (all activities, each firm once) is called '{ParticipantGroups.CrossCuttingName}'; give the activity another name"));
            }

            if (!byActivity.TryGetValue(activity, out var set))
            {
                set = new SortedSet<string>(FirmIdComparer.Instance);
                byActivity[activity] = set;
            }

            set.Add(p.FirmId.Trim());
        }

        var cross = byGroup[^1];
        var rowOf = new Dictionary<string, int>(cross.FirmIds.Length, StringComparer.Ordinal);
        for (int i = 0; i < cross.FirmIds.Length; i++)
        {
            rowOf[cross.FirmIds[i]] = i;
        }

        var result = new List<GroupParticipants>(byActivity.Count + 1);
        foreach (var (activity, ids) in byActivity)
        {
            var idArray = ids.ToArray();
            var index = new int[idArray.Length];
            var reasons = new ExclusionReason[idArray.Length];
            for (int i = 0; i < idArray.Length; i++)
            {
                int row = rowOf[idArray[i]];
                index[i] = cross.RegisterIndex[row];
                reasons[i] = cross.Reasons[row];
            }

            result.Add(new GroupParticipants(activity, false, idArray, index, reasons));
        }

        result.Add(cross);
        return result;
    }

    /// <summary>
    /// Budgets for rows by activity: budgets.csv gives them per group, so an activity has none (no cost per job) and
    /// the cross-cutting row has the sum of every group's budget, as by group.
    /// </summary>
    public static Func<GroupParticipants, double?> BudgetLookup(IReadOnlyList<GroupBudget> budgets, out List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        notes = [];
        var byGroup = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var b in budgets)
        {
            byGroup[b.Group.Trim()] = b.BudgetMdkk;
        }

        double? total = byGroup.Count == 0 ? null : byGroup.Values.Sum();
        if (total is double t && !double.IsFinite(t))
        {
            throw new AnalysisException(string.Create(CultureInfo.InvariantCulture, $"Cross-cutting row: its budget (Table 3 column B), the sum of every group's budget, is not a finite number (the {byGroup.Count} budgets add up beyond {double.MaxValue:G3} mio. DKK); check the budgets."));
        }

        if (total is not null)
        {
            notes.Add("Rows are activities: the budgets are per group, so only the cross-cutting row has a budget (the sum of every group's budget) and a cost per job.");
        }

        return g => g.IsCrossCutting ? total : null;
    }

    /// <summary>Throws when a participant has no activity: the file has no <c>activity</c> column (or, from code, a
    /// record without <see cref="Participant.Activity"/>).</summary>
    /// <param name="participants">The reported participants.</param>
    /// <param name="source">The file name for the error (e.g. <c>participants.csv</c>).</param>
    /// <exception cref="InputDataException">A participant has no activity.</exception>
    public static void RequireActivities(IReadOnlyList<Participant> participants, string source)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(source);
        int missing = participants.Count(p => p.Activity is null);
        if (missing == 0)
        {
            return;
        }

        if (missing == participants.Count)
        {
            throw new InputDataException(new DataError(source, 1, "activity", null, null,
                "missing column 'activity': rows by activity (--by activity) need the activity of every participation (columns firm_id,project_id,group,activity[,start,end]); give the column or measure by group"));
        }

        var first = participants.First(p => p.Activity is null);
        throw new InputDataException(new DataError(source, 0, "activity", first.FirmId.Trim(), null, string.Create(CultureInfo.InvariantCulture,
            $"no activity: {missing:N0} of {participants.Count:N0} participations have none; rows by activity (--by activity) need the activity of every participation")));
    }
}
