using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;

namespace GlobalMidt.Effects.Tests.Eligibility;

public class EligibilityRulesTests
{
    private static readonly Period[] Periods = new[] { "2006H2", "2007H2", "2008H2", "2009H2", "2010H2" }.Select(Period.Parse).ToArray();

    /// <summary>One firm: its FTE/turnover per period (null = absent).</summary>
    internal static IEnumerable<FirmPeriodRecord> Firm(string id, bool isPublic, params (double Fte, double Turnover)?[] values)
    {
        for (int p = 0; p < values.Length; p++)
        {
            if (values[p] is { } v)
            {
                yield return new FirmPeriodRecord(id, Periods[p], "751", "Region Midtjylland", "620100", isPublic, v.Fte, v.Turnover);
            }
        }
    }

    private static readonly (double, double)? On = (5, 1000);

    private static Register Sample() => Register.FromRecords(
        Firm("10000001", false, On, On, On, On, On)                  // active throughout
        .Concat(Firm("10000002", true, On, On, On, On, On))          // public
        .Concat(Firm("10000003", false, On, On, On, null, On))       // missing in 2009H2
        .Concat(Firm("10000004", false, null, null, null, On, On))   // born after baseline
        .Concat(Firm("10000005", false, On, On, On, (0, 0), On))     // inactive in 2009H2
        .Concat(Firm("10000006", false, On, On, (0, 250), On, On))   // no FTEs but turnover: active
        .Concat(Firm("10000007", true, On, On, On, null, On))        // public and ceased: public counts
        .Concat(Firm("10000008", false, null, null, On, On, On))     // no history, but eligible
        .Concat(Firm("10000009", false, (0, 0), On, On, On, On)));   // inactive before the window only

    private static MeasurementWindow Window(Register r) => MeasurementWindow.Resolve(r, Periods[0], Periods[2], Periods[4]);

    [Theory]
    [InlineData("10000001", nameof(ExclusionReason.None))]
    [InlineData("10000002", nameof(ExclusionReason.Public))]
    [InlineData("10000003", nameof(ExclusionReason.Ceased))]
    [InlineData("10000004", nameof(ExclusionReason.Ceased))]
    [InlineData("10000005", nameof(ExclusionReason.Inactive))]
    [InlineData("10000006", nameof(ExclusionReason.None))]
    [InlineData("10000007", nameof(ExclusionReason.Public))]
    [InlineData("10000008", nameof(ExclusionReason.None))]
    [InlineData("10000009", nameof(ExclusionReason.None))]
    [InlineData("99999999", nameof(ExclusionReason.Unknown))]
    public void Classify_GivesTheFirstFailingReason(string id, string expected)
    {
        // The reason by name: ExclusionReason is internal, so a public test method cannot take it.
        var r = Sample();
        Assert.Equal(Enum.Parse<ExclusionReason>(expected), EligibilityRules.Classify(r, r.FindFirm(id), Window(r)));
    }

    [Fact]
    public void Build_CountsEachFirmOncePerGroupAndAcrossGroups()
    {
        var r = Sample();
        var participants = new List<Participant>
        {
            new("10000001", "p1", "VF Sjælland"),
            new("10000001", "p2", "VF Sjælland"),   // same firm, second project
            new("10000002", "p1", "VF Sjælland"),
            new("99999999", "p1", "VF Sjælland"),
            new(" 10000001 ", "p9", "VF Midtjylland"), // padded id, other group
            new("10000005", "p9", "VF Midtjylland"),
            new("10000003", "p9", "VF Midtjylland"),
        };
        var groups = ParticipantGroups.Build(r, participants, EligibilityRules.ClassifyAll(r, Window(r)));

        Assert.Equal(["VF Midtjylland", "VF Sjælland", ParticipantGroups.CrossCuttingName], groups.Select(g => g.Group));
        Assert.Equal(new EligibilityCounts(3, 1, 0, 0, 1, 1), groups[0].Counts());
        Assert.Equal(new EligibilityCounts(3, 1, 1, 1, 0, 0), groups[1].Counts());
        Assert.Equal(new EligibilityCounts(5, 1, 1, 1, 1, 1), groups[2].Counts());
        Assert.True(groups[2].IsCrossCutting);
        Assert.Equal(groups[2].Counts().Reported, groups[2].Counts().Measured + groups[2].Counts().Excluded);
    }

    [Fact]
    public void ControlPool_HoldsEligibleNonParticipantsOnly()
    {
        var r = Sample();
        var reasons = EligibilityRules.ClassifyAll(r, Window(r));
        var groups = ParticipantGroups.Build(r, [new Participant("10000001", "p", "G")], reasons);
        var pool = ParticipantGroups.ControlPool(r, reasons, groups[^1]).Select(r.FirmId).ToArray();
        Assert.Equal(["10000006", "10000008", "10000009"], pool);
    }

    [Fact]
    public void Resolve_DefaultsToFirstLastAndSixYearsBefore()
    {
        var periods = Enumerable.Range(2006, 9).Select(y => Period.FromHalfYear(y, 2)).ToArray();
        var r = Register.FromRecords(periods.Select(p => new FirmPeriodRecord("1", p, "101", "Region Hovedstaden", "620100", false, 1, 1)));
        var w = MeasurementWindow.Resolve(r, null, null, null);
        Assert.Equal(Period.Parse("2006H2"), w.History);
        Assert.Equal(Period.Parse("2008H2"), w.Baseline);
        Assert.Equal(Period.Parse("2014H2"), w.Measurement);
    }

    [Fact]
    public void Resolve_NamesTheMissingPeriodAndTheRegistersPeriods()
    {
        var r = Sample();
        var e = Assert.Throws<AnalysisException>(() => MeasurementWindow.Resolve(r, null, Period.Parse("2003H2"), null));
        Assert.Contains("2003H2", e.Message, StringComparison.Ordinal);
        Assert.Contains("2006H2, 2007H2, 2008H2, 2009H2, 2010H2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RejectsBaselineAfterMeasurement()
    {
        var r = Sample();
        var e = Assert.Throws<AnalysisException>(() => MeasurementWindow.Resolve(r, Periods[0], Periods[4], Periods[2]));
        Assert.Contains("history <= baseline < measurement", e.Message, StringComparison.Ordinal);
    }
}
