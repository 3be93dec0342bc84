using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;

namespace GlobalMidt.Effects.Tests.Eligibility;

/// <summary>Rows by activity (<c>measure --by activity</c>): Table 1 per activity from the same eligibility.</summary>
public sealed class ActivityGroupsTests
{
    private static readonly (double, double)? On = (5, 1000);

    private static Register Sample() => Register.FromRecords(
        EligibilityRulesTests.Firm("10000001", false, On, On, On, On, On)                 // measured
        .Concat(EligibilityRulesTests.Firm("10000002", true, On, On, On, On, On))         // public
        .Concat(EligibilityRulesTests.Firm("10000003", false, On, On, On, null, On))      // ceased
        .Concat(EligibilityRulesTests.Firm("10000005", false, On, On, On, (0, 0), On))    // inactive
        .Concat(EligibilityRulesTests.Firm("10000006", false, On, On, On, On, On)));      // control

    private static Participant P(string firm, string project, string group, string? activity) => new(firm, project, group) { Activity = activity };

    [Fact]
    public void Build_OneRowPerActivityInNameOrder_AFirmInTwoActivitiesCountsInBoth_CrossCuttingOnce()
    {
        var r = Sample();
        var window = MeasurementWindow.Resolve(r, Period.Parse("2006H2"), Period.Parse("2008H2"), Period.Parse("2010H2"));
        var reasons = EligibilityRules.ClassifyAll(r, window);
        var participants = new List<Participant>
        {
            P("10000001", "p1", "VF Sjælland", "Export mentor"),
            P("10000001", "p2", "VF Sjælland", "Basecamp"),
            P(" 10000001", "p3", "VF Midtjylland", "Basecamp "), // the same firm and activity again: once
            P("10000002", "p1", "VF Sjælland", "Basecamp"),
            P("10000003", "p1", "VF Sjælland", "Export mentor"),
            P("10000005", "p2", "VF Midtjylland", "Export mentor"),
            P("99999999", "p2", "VF Midtjylland", "Workshop course"),
        };

        var rows = ActivityGroups.Build(r, participants, reasons);

        Assert.Equal(["Basecamp", "Export mentor", "Workshop course", ParticipantGroups.CrossCuttingName], rows.Select(g => g.Group));
        Assert.Equal(new EligibilityCounts(2, 1, 0, 1, 0, 0), rows[0].Counts());
        Assert.Equal(new EligibilityCounts(3, 1, 0, 0, 1, 1), rows[1].Counts());
        Assert.Equal(new EligibilityCounts(1, 0, 1, 0, 0, 0), rows[2].Counts());
        Assert.Equal(new EligibilityCounts(5, 1, 1, 1, 1, 1), rows[3].Counts());
        Assert.Equal([r.FindFirm("10000001")], rows[0].MeasuredFirms());
        Assert.True(rows[3].IsCrossCutting);
        Assert.All(rows.Take(3), g => Assert.False(g.IsCrossCutting));

        // The cross-cutting row (and so the control pool) is the one of the rows by group.
        var byGroup = ParticipantGroups.Build(r, participants, reasons);
        Assert.Equal(byGroup[^1].FirmIds, rows[^1].FirmIds);
        Assert.Equal(ActivityGroups.For(ParticipantGrouping.Group, r, participants, reasons).Select(g => g.Group), byGroup.Select(g => g.Group));
    }

    [Fact]
    public void Build_WithoutActivities_IsAClearDataError()
    {
        var r = Sample();
        var reasons = new ExclusionReason[r.FirmCount];
        var none = new List<Participant> { new("10000001", "p1", "VF Sjælland"), new("10000002", "p1", "VF Sjælland") };

        var e = Assert.Throws<InputDataException>(() => ActivityGroups.Build(r, none, reasons));
        Assert.Equal("participants:1: column 'activity': missing column 'activity': rows by activity (--by activity) need the activity of every participation (columns firm_id,project_id,group,activity[,start,end]); give the column or measure by group", e.Errors[0].ToString());

        var some = new List<Participant> { P("10000001", "p1", "VF Sjælland", "Basecamp"), new("10000002", "p1", "VF Sjælland") };
        e = Assert.Throws<InputDataException>(() => ActivityGroups.RequireActivities(some, "participants.csv"));
        Assert.Equal("participants.csv: column 'activity', firm 10000002: no activity: 1 of 2 participations have none; rows by activity (--by activity) need the activity of every participation", e.Errors[0].ToString());

        var reserved = new List<Participant> { P("10000001", "p1", "VF Sjælland", ParticipantGroups.CrossCuttingName) };
        e = Assert.Throws<InputDataException>(() => ActivityGroups.Build(r, reserved, reasons));
        Assert.Contains("reserved name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BudgetLookup_ActivitiesHaveNone_CrossCuttingHasTheSum()
    {
        var budgets = new List<GroupBudget> { new("VF Sjælland", 10), new("VF Midtjylland", 2.5), new("VF Sjælland", 12) };
        var lookup = ActivityGroups.BudgetLookup(budgets, out var notes);
        var cross = new GroupParticipants(ParticipantGroups.CrossCuttingName, true, [], [], []);
        var activity = new GroupParticipants("Basecamp", false, [], [], []);

        Assert.Equal(14.5, lookup(cross)); // the last budget of a group counts, as by group
        Assert.Null(lookup(activity));
        Assert.Single(notes);
        Assert.Null(ActivityGroups.BudgetLookup([], out var none)(cross));
        Assert.Empty(none);
    }
}
