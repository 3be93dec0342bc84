using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Tests.Measurement;

public class EffectMeasurementTests
{
    private static readonly Period[] Years = [Period.FromYear(2012), Period.FromYear(2013), Period.FromYear(2014)];

    private static IEnumerable<FirmPeriodRecord> Firm(string id, string region, string industry, params (double Fte, double Turnover)?[] values)
    {
        for (int p = 0; p < values.Length; p++)
        {
            if (values[p] is { } v)
            {
                yield return new FirmPeriodRecord(id, Years[p], region == "R1" ? "751" : "851", region, industry, false, v.Fte, v.Turnover);
            }
        }
    }

    // G1 = {P1, P2} in cell R1 x 62 with exactly two controls C1, C2 there, so with ratio 2 each participant gets
    // both and every figure can be computed by hand. G2 = {P3 (R1 x 47: no control in 47, C3 in 46 shares the
    // first digit), P4 (R2: no control in the region: national level), P5 (no history: no control without one)}.
    internal static List<FirmPeriodRecord> Records() =>
    [
        .. Firm("1001", "R1", "620100", (8, 1000), (10, 1200), (12, 1500)),
        .. Firm("1002", "R1", "620100", (4, 400), (4, 500), (4, 450)),
        .. Firm("1003", "R1", "471100", (2, 200), (3, 300), (3, 310)),
        .. Firm("1004", "R2", "011100", (20, 2000), (22, 2500), (25, 2600)),
        .. Firm("1005", "R1", "620100", null, (1, 100), (2, 150)),
        .. Firm("2001", "R1", "620100", (5, 600), (5, 700), (6, 800)),
        .. Firm("2002", "R1", "620200", (11, 1100), (10, 1300), (9, 1300)),
        .. Firm("2003", "R1", "461000", (3, 300), (3, 350), (4, 390)),
        .. Firm("2004", "R1", "101000", (7, 800), (8, 900), (8, 950)),
    ];

    internal static List<Participant> Participants() =>
    [
        new("1001", "a", "G1"), new("1002", "a", "G1"),
        new("1003", "b", "G2"), new("1004", "b", "G2"), new("1005", "b", "G2"),
    ];

    private static MeasurementOptions Options(int threads = 0) => new()
    {
        Method = MeasurementMethod.Dst2016,
        History = Years[0],
        Baseline = Years[1],
        Measurement = Years[2],
        Matching = MeasurementOptions.DefaultMatching with { Ratio = 2 },
        BootstrapReplicates = 0,
        MaxDegreeOfParallelism = threads,
    };

    private static MeasurementResult Run(IEnumerable<FirmPeriodRecord>? records = null, int threads = 0) =>
        EffectMeasurement.Run(Register.FromRecords(records ?? Records()), Participants(), [new GroupBudget("G1", 1.5)], Options(threads));

    [Fact]
    public void Run_GroupWithAllControlsInItsCell_MatchesHandComputation()
    {
        var g1 = Run().Groups.Single(g => g.Group == "G1");

        Assert.Equal(2, g1.Matched);
        Assert.Equal([2, 0, 0, 0], g1.MatchedAtLevel);
        Assert.Equal(2, g1.DistinctControls);

        // FTE: participants 10 -> 12 and 4 -> 4 (one grows); controls 5 -> 6 and 10 -> 9, each weight 1 in all.
        Assert.Equal(0.5, g1.Employment.Test!.ParticipantShare, 15);
        Assert.Equal(0.5, g1.Employment.Test.ControlShare, 15);
        Assert.Equal(0.0, g1.Employment.ControlGrowthRate, 15);
        Assert.Equal(16 - 14, g1.Employment.Estimate!.Value, 12);

        // Known-share z with p1 = p0: z = 0, p = 1, so the published effect is 0 and cost per job undefined.
        Assert.Equal(1.0, g1.Employment.Test.PValue, 12);
        Assert.Equal(0.0, g1.Employment.Effect);
        Assert.Null(g1.Table3.CostPerJobTdkk);
        Assert.Null(g1.Table3.JobsPerFirm);
        Assert.Equal(1.5, g1.Table3.BudgetMdkk);
        Assert.Equal(1500.0 / 2, g1.Table3.SpendPerFirmTdkk!.Value, 12);

        // Turnover: G_C = (800 + 1300) / (700 + 1300) - 1 = 0.05; effect = 1950 - 1700 x 1.05 = 165 (1,000 DKK).
        Assert.Equal(0.05, g1.Turnover.ControlGrowthRate, 12);
        Assert.Equal(0.165, g1.Turnover.Estimate!.Value, 12);
    }

    [Fact]
    public void Run_CoarsensCellsWithoutControlsAndReportsTheUnmatched()
    {
        var result = Run();
        var g2 = result.Groups.Single(g => g.Group == "G2");
        Assert.Equal(4, result.ControlPoolSize);

        // P3 at region + 1-digit industry, P4 at national level, P5 (no history) nowhere.
        Assert.Equal([0, 1, 0, 1], g2.MatchedAtLevel);
        Assert.Equal(2, g2.Matched);
        var unmatched = Assert.Single(g2.Unmatched);
        Assert.Equal("1005", unmatched.FirmId);
        Assert.Equal(UnmatchedReason.NoControlInStratum, unmatched.Reason);

        var cross = result.Groups[0];
        Assert.True(cross.IsCrossCutting);
        Assert.Equal(5, cross.Eligibility.Reported);
        Assert.Equal(5, cross.Eligibility.Measured);
        Assert.Equal(4, cross.Matched);
        Assert.Single(cross.Unmatched);
    }

    [Fact]
    public void Run_IsIndependentOfRowOrderAndThreads()
    {
        string baseline = Run(threads: 1).ToJson();
        var shuffled = Records();
        var rng = new GlobalMidt.Effects.Randomness.Xoshiro256StarStar(5);
        for (int i = shuffled.Count - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        Assert.Equal(baseline, Run(shuffled, threads: 2).ToJson());
        Assert.Equal(baseline, Run(threads: 2).ToJson());
    }

    [Fact]
    public void Run_NotesGroupsWithoutBudget()
    {
        var result = Run();
        Assert.Contains(result.Notes, n => n.Contains("'G2'", StringComparison.Ordinal));
        Assert.Null(result.Groups.Single(g => g.Group == "G2").Table3.BudgetMdkk);
        Assert.Equal(1.5, result.Groups[0].Table3.BudgetMdkk);
    }

    [Fact]
    public void Run_WithNoParticipantsGivesAnEmptyCrossCuttingRow()
    {
        var result = EffectMeasurement.Run(Register.FromRecords(Records()), [], [], Options());
        var only = Assert.Single(result.Groups);
        Assert.Equal(0, only.Eligibility.Reported);
        Assert.Null(only.Employment.Test);
        Assert.Equal(0.0, only.Table3.Jobs);
    }

    [Fact]
    public void Options_RejectBadSettingsNamingThem()
    {
        var e = Assert.Throws<OptionsException>(() => new MeasurementOptions { Alpha = 1.5 }.Validate());
        Assert.Equal("Alpha", e.ParamName);
        e = Assert.Throws<OptionsException>(() => new MeasurementOptions { Levels = [] }.Validate());
        Assert.Equal("Levels", e.ParamName);
        e = Assert.Throws<OptionsException>(() => new MeasurementOptions { Matching = MeasurementOptions.DefaultMatching with { Ratio = 0 } }.Validate());
        Assert.Equal("Ratio", e.ParamName);

        // The run-wide seed and threads are the measurement's: a matching seed that would be ignored is an error.
        e = Assert.Throws<OptionsException>(() => new MeasurementOptions { Matching = MeasurementOptions.DefaultMatching with { Seed = 5 } }.Validate());
        Assert.Equal("Matching", e.ParamName);
        Assert.Contains("MeasurementOptions.Seed", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<OptionsException>(() => new MeasurementOptions { Measurement = Period.FromHalfYear(1903, 2) }.Validate());
        Assert.Equal("Baseline", e.ParamName);
        Assert.DoesNotContain("(Parameter", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("region+industry2+history", LocationLevel.Region, 2, true)]
    [InlineData("municipality+industry6", LocationLevel.Municipality, 6, false)]
    [InlineData("history", LocationLevel.National, 0, true)]
    [InlineData("national", LocationLevel.National, 0, false)]
    public void MatchingLevel_ParsesAndPrintsBack(string text, LocationLevel location, int digits, bool history)
    {
        var level = MatchingLevel.Parse(text);
        Assert.Equal(new MatchingLevel(location, digits, history), level);
        Assert.Equal(text, level.ToString());
    }

    [Fact]
    public void MatchingLevel_RejectsUnknownParts()
    {
        var e = Assert.Throws<FormatException>(() => MatchingLevel.Parse("region+industry7"));
        Assert.Contains("industry7", e.Message, StringComparison.Ordinal);
    }
}
