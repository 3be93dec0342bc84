using System.Collections.ObjectModel;
using System.Globalization;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// The output indicators of the programme (docs/effect-chain.md, "Output indicators"): counts of reported firms per
/// activity and period and per group, with the budgets. Firm ids, groups and activities are trimmed; every count is
/// of distinct firm ids.
/// </summary>
public static class OutputIndicators
{
    /// <summary>Computes the indicators.</summary>
    /// <param name="participants">Reported participations; <see cref="Participant.Activity"/>, <see cref="Participant.Start"/>
    /// and <see cref="Participant.End"/> are used when given (a row without start and end counts in the supported
    /// firms only).</param>
    /// <param name="budgets">Budgets per group (may be empty); a group given twice counts with its last budget.</param>
    /// <exception cref="ArgumentException">Start and end of one kind mixed with the other (years and half-years),
    /// a start without an end, or an end before the start.</exception>
    public static ProgrammeIndicators Compute(IReadOnlyList<Participant> participants, IReadOnlyList<GroupBudget> budgets)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(budgets);
        var periods = PeriodRange(participants, out int first);

        // Rows: the cross-cutting row (key null), then each activity.
        var rows = new SortedDictionary<string, Dictionary<string, FirmSpan>>(StringComparer.Ordinal);
        var all = new Dictionary<string, FirmSpan>(StringComparer.Ordinal);
        foreach (var p in participants)
        {
            string id = p.FirmId.Trim();
            Add(all, id, p, first, periods.Length);
            if (p.Activity is string activity)
            {
                string name = activity.Trim();
                if (!rows.TryGetValue(name, out var firms))
                {
                    firms = new Dictionary<string, FirmSpan>(StringComparer.Ordinal);
                    rows[name] = firms;
                }

                Add(firms, id, p, first, periods.Length);
            }
        }

        var activities = new List<ActivityIndicators> { Row(ParticipantGroups.CrossCuttingName, true, all, periods) };
        activities.AddRange(rows.Select(r => Row(r.Key, false, r.Value, periods)));
        return new ProgrammeIndicators(Array.AsReadOnly(periods), activities.AsReadOnly(), Groups(participants, budgets));
    }

    private static ReadOnlyCollection<GroupIndicators> Groups(IReadOnlyList<Participant> participants, IReadOnlyList<GroupBudget> budgets)
    {
        var firms = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in participants)
        {
            string group = p.Group.Trim();
            if (!firms.TryGetValue(group, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                firms[group] = set;
            }

            string id = p.FirmId.Trim();
            set.Add(id);
            all.Add(id);
        }

        var budgetOf = new Dictionary<string, GroupBudget>(StringComparer.Ordinal);
        foreach (var b in budgets)
        {
            string group = b.Group.Trim();
            budgetOf[group] = b;
            if (!firms.ContainsKey(group))
            {
                firms[group] = [];
            }
        }

        double? budgetTotal = budgetOf.Count == 0 ? null : budgetOf.Values.Sum(b => b.BudgetMdkk);
        double? privateTotal = budgetOf.Count == 0 || budgetOf.Values.Any(b => b.PrivateMdkk is null) ? null : budgetOf.Values.Sum(b => b.PrivateMdkk!.Value);
        var result = new List<GroupIndicators>(firms.Count + 1) { new(ParticipantGroups.CrossCuttingName, true, all.Count, budgetTotal, privateTotal) };
        foreach (var (group, set) in firms)
        {
            var b = budgetOf.GetValueOrDefault(group);
            result.Add(new GroupIndicators(group, false, set.Count, b?.BudgetMdkk, b?.PrivateMdkk));
        }

        return result.AsReadOnly();
    }

    /// <summary>Every period from the earliest start to the latest end; <paramref name="first"/> is the first one's ordinal.</summary>
    private static Period[] PeriodRange(IReadOnlyList<Participant> participants, out int first)
    {
        first = 0;
        Period? lo = null;
        Period? hi = null;
        Participant? kindOf = null;
        foreach (var p in participants)
        {
            if (p.Start is null && p.End is null)
            {
                continue;
            }

            if (p.Start is not Period s || p.End is not Period e)
            {
                throw new ArgumentException(Invariant($"Participant {p.FirmId.Trim()} ({p.Group.Trim()}): a start needs an end and an end a start (got {p.Start?.ToString() ?? "none"} and {p.End?.ToString() ?? "none"})."), nameof(participants));
            }

            if (e < s || s.IsHalfYear != e.IsHalfYear)
            {
                throw new ArgumentException(Invariant($"Participant {p.FirmId.Trim()} ({p.Group.Trim()}): end {e} is before start {s} or of another kind; expected start <= end, both years or both half-years."), nameof(participants));
            }

            if (kindOf is not null && kindOf.Start!.Value.IsHalfYear != s.IsHalfYear)
            {
                throw new ArgumentException(Invariant($"Participants {kindOf.FirmId.Trim()} ({kindOf.Start}) and {p.FirmId.Trim()} ({s}): years and half-years mixed; expected periods of one kind."), nameof(participants));
            }

            kindOf ??= p;
            lo = lo is Period l && l <= s ? l : s;
            hi = hi is Period h && h >= e ? h : e;
        }

        if (lo is not Period from || hi is not Period to)
        {
            return [];
        }

        first = from.Ordinal;
        var periods = new Period[to.Ordinal - from.Ordinal + 1];
        for (int i = 0; i < periods.Length; i++)
        {
            int ordinal = from.Ordinal + i;
            periods[i] = from.IsHalfYear ? Period.FromHalfYear(ordinal / 2, (ordinal % 2) + 1) : Period.FromYear(ordinal);
        }

        return periods;
    }

    private static void Add(Dictionary<string, FirmSpan> firms, string id, Participant p, int first, int count)
    {
        if (!firms.TryGetValue(id, out var span))
        {
            span = new FirmSpan(count);
            firms[id] = span;
        }

        if (p.Start is Period s && p.End is Period e)
        {
            int a = s.Ordinal - first;
            int b = e.Ordinal - first;
            span.FirstStart = span.FirstStart < 0 ? a : Math.Min(span.FirstStart, a);
            for (int i = a; i <= b; i++)
            {
                span.Active[i] = true;
            }
        }
    }

    private static ActivityIndicators Row(string name, bool cross, Dictionary<string, FirmSpan> firms, Period[] periods)
    {
        var starting = new int[periods.Length];
        var active = new int[periods.Length];
        foreach (var span in firms.Values)
        {
            if (span.FirstStart >= 0)
            {
                starting[span.FirstStart]++;
            }

            for (int i = 0; i < periods.Length; i++)
            {
                active[i] += span.Active[i] ? 1 : 0;
            }
        }

        var counts = new PeriodFirms[periods.Length];
        int cumulative = 0;
        for (int i = 0; i < periods.Length; i++)
        {
            cumulative += starting[i];
            counts[i] = new PeriodFirms(periods[i], starting[i], active[i], cumulative);
        }

        return new ActivityIndicators(name, cross, firms.Count, Array.AsReadOnly(counts));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>One firm in one row: its first start (index into the periods, -1 for none) and the periods it is active.</summary>
    private sealed class FirmSpan(int periods)
    {
        public int FirstStart { get; set; } = -1;

        public bool[] Active { get; } = new bool[periods];
    }
}
