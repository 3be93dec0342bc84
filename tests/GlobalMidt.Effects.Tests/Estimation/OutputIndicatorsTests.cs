using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Tests.Estimation;

/// <summary>The output indicators (docs/effect-chain.md, "Output indicators"), worked out by hand.</summary>
public sealed class OutputIndicatorsTests
{
    private static Participant P(string firm, string group, string? activity, string? start, string? end) =>
        new(firm, "p-" + group, group)
        {
            Activity = activity,
            Start = start is null ? null : Period.Parse(start),
            End = end is null ? null : Period.Parse(end),
        };

    /// <summary>
    /// Five firms, two activities, 2017H1-2018H2:
    /// firm 1: Basecamp 2017H1, Export mentor 2017H2-2018H2 (group A);
    /// firm 2: Basecamp 2017H2 and again 2018H2 (group B);
    /// firm 3: Export mentor 2018H1-2018H2 (group B);
    /// firm 4: Basecamp 2018H2 (group A, id with spaces);
    /// firm 5: Basecamp 2018H1 (group C, no budget). Budgets: A 10 (2), B 5 (1), D 3 (0.5), D without participants.
    /// </summary>
    internal static ProgrammeIndicators Worked() => OutputIndicators.Compute(
        [
            P("1", "A", "Basecamp", "2017H1", "2017H1"),
            P("1", "A", "Export mentor", "2017H2", "2018H2"),
            P("2", "B", "Basecamp", "2017H2", "2017H2"),
            P("2", "B", "Basecamp", "2018H2", "2018H2"),
            P("3", "B", "Export mentor", "2018H1", "2018H2"),
            P(" 4 ", "A", "Basecamp", "2018H2", "2018H2"),
            P("5", "C", "Basecamp", "2018H1", "2018H1"),
        ],
        [new("A", 10) { PrivateMdkk = 2 }, new("B", 5) { PrivateMdkk = 1 }, new("D", 3) { PrivateMdkk = 0.5 }]);

    /// <summary>Starting, active and cumulative per period, e.g. "1 1 1 1 | 1 1 1 2 | 1 2 3 4".</summary>
    private static string Columns(ActivityIndicators a) =>
        $"{string.Join(' ', a.Periods.Select(p => p.Starting))} | {string.Join(' ', a.Periods.Select(p => p.Active))} | {string.Join(' ', a.Periods.Select(p => p.Cumulative))}";

    [Fact]
    public void Compute_PerActivityAndHalfYear_StartingActiveCumulative()
    {
        var ind = Worked();

        Assert.Equal(["2017H1", "2017H2", "2018H1", "2018H2"], ind.Periods.Select(p => p.ToString()));
        Assert.Equal([ParticipantGroups.CrossCuttingName, "Basecamp", "Export mentor"], ind.Activities.Select(a => a.Activity));
        Assert.All(ind.Activities, a => Assert.Equal(ind.Periods, a.Periods.Select(p => p.Period)));

        // Basecamp: first starts 1 -> 2017H1, 2 -> 2017H2 (its return in 2018H2 is not a new firm), 5 -> 2018H1,
        // 4 -> 2018H2; active: {1}, {2}, {5}, {2, 4}.
        var basecamp = ind.Activities[1];
        Assert.Equal(4, basecamp.SupportedFirms);
        Assert.Equal("1 1 1 1 | 1 1 1 2 | 1 2 3 4", Columns(basecamp));

        // Export mentor: 1 from 2017H2 to 2018H2, 3 from 2018H1.
        var mentor = ind.Activities[2];
        Assert.Equal(2, mentor.SupportedFirms);
        Assert.Equal("0 1 1 0 | 0 1 2 2 | 0 1 2 2", Columns(mentor));

        // All activities, each firm once: first starts 1 -> 2017H1, 2 -> 2017H2, 3 and 5 -> 2018H1, 4 -> 2018H2;
        // active {1}, {1, 2}, {1, 3, 5}, {1, 2, 3, 4}. Not the sum of the activities (firm 1 is in both).
        var cross = ind.Activities[0];
        Assert.True(cross.IsCrossCutting);
        Assert.Equal(5, cross.SupportedFirms);
        Assert.Equal("1 1 2 1 | 1 2 3 4 | 1 2 4 5", Columns(cross));
    }

    [Fact]
    public void Compute_PerGroup_SupportedFirmsBudgetAndPrivateCoFinancing()
    {
        var groups = Worked().Groups;

        Assert.Equal(
            [
                new GroupIndicators(ParticipantGroups.CrossCuttingName, true, 5, 18, 3.5),
                new GroupIndicators("A", false, 2, 10, 2),
                new GroupIndicators("B", false, 2, 5, 1),
                new GroupIndicators("C", false, 1, null, null),
                new GroupIndicators("D", false, 0, 3, 0.5),
            ],
            groups);
    }

    [Fact]
    public void Compute_AnnualPeriodsWithAGap_ListEveryYear()
    {
        var ind = OutputIndicators.Compute([P("1", "A", "Basecamp", "2017", "2017"), P("2", "A", "Basecamp", "2019", "2019")], []);

        Assert.Equal(["2017", "2018", "2019"], ind.Periods.Select(p => p.ToString()));
        Assert.Equal("1 0 1 | 1 0 1 | 1 1 2", Columns(ind.Activities[1]));
        Assert.Equal(new GroupIndicators(ParticipantGroups.CrossCuttingName, true, 2, null, null), ind.Groups[0]);
    }

    [Fact]
    public void Compute_WithoutActivityOrPeriods_SupportedFirmsOnly()
    {
        var ind = OutputIndicators.Compute([P("1", "A", null, null, null), P("1", "B", null, null, null), P("2", "B", null, null, null)], [new("A", 4)]);

        Assert.Empty(ind.Periods);
        var only = Assert.Single(ind.Activities);
        Assert.Equal((ParticipantGroups.CrossCuttingName, 2), (only.Activity, only.SupportedFirms));
        Assert.Empty(only.Periods);
        Assert.Equal([2, 1, 2], ind.Groups.Select(g => g.SupportedFirms));

        // A private co-financing missing for one budget: no total.
        Assert.Null(OutputIndicators.Compute([], [new("A", 4) { PrivateMdkk = 1 }, new("B", 1)]).Groups[0].PrivateMdkk);
        Assert.Equal(0, OutputIndicators.Compute([], []).Activities[0].SupportedFirms);
    }

    [Fact]
    public void Compute_BadPeriods_NameTheParticipant()
    {
        var mixed = Assert.Throws<ArgumentException>(() => OutputIndicators.Compute([P("1", "A", "x", "2017", "2017"), P("2", "A", "x", "2017H1", "2017H2")], []));
        Assert.Contains("years and half-years mixed", mixed.Message, StringComparison.Ordinal);
        var backwards = Assert.Throws<ArgumentException>(() => OutputIndicators.Compute([P("7", "A", "x", "2018H1", "2017H2")], []));
        Assert.StartsWith("Participant 7 (A): end 2017H2 is before start 2018H1", backwards.Message, StringComparison.Ordinal);
        var half = Assert.Throws<ArgumentException>(() => OutputIndicators.Compute([new Participant("8", "p", "A") { Start = Period.Parse("2018H1") }], []));
        Assert.Contains("a start needs an end", half.Message, StringComparison.Ordinal);
    }
}
