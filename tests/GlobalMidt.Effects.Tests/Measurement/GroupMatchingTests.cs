using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>
/// <see cref="MeasurementOptions.GroupMatching"/>: shared (the default), every group takes its participants' controls
/// from the cross-cutting set's matching; per group, each group is matched on its own (the behaviour before).
/// </summary>
public sealed class GroupMatchingTests
{
    private static readonly Lazy<(Register Register, SimulatedProgramme Programme)> Data = new(() =>
    {
        var programme = RegisterSimulator.Simulate(new SimulationOptions { Firms = 20_000, Seed = 11 });
        return (Register.FromRecords(programme.FirmRows), programme);
    });

    private static MeasurementResult Run(MeasurementOptions options)
    {
        var (register, programme) = Data.Value;
        return EffectMeasurement.Run(register, programme.Participants, programme.Budgets, options);
    }

    private static MeasurementOptions Options(GroupMatching matching) => new() { GroupMatching = matching, BootstrapReplicates = 49 };

    [Fact]
    public void Shared_EachGroupHasItsParticipantsControlsFromTheCrossCuttingMatching()
    {
        var result = Run(Options(GroupMatching.Shared));
        var cross = result.Groups[0].Matches;
        Assert.True(result.Groups[0].IsCrossCutting);
        var row = new Dictionary<int, int>();
        for (int t = 0; t < cross.ParticipantFirms.Length; t++)
        {
            row[cross.ParticipantFirms[t]] = t;
        }

        int compared = 0;
        foreach (var g in result.Groups.Skip(1))
        {
            var m = g.Matches;
            Assert.True(m.ParticipantCount > 0, g.Group);
            for (int t = 0; t < m.ParticipantCount; t++)
            {
                int c = row[m.ParticipantFirms[t]];
                Assert.Equal(cross.ParticipantLevels[c], m.ParticipantLevels[t]);
                Assert.Equal(cross.ControlFirms[cross.Offsets[c]..cross.Offsets[c + 1]], m.ControlFirms[m.Offsets[t]..m.Offsets[t + 1]]);
                Assert.Equal(cross.Distances[cross.Offsets[c]..cross.Offsets[c + 1]], m.Distances[m.Offsets[t]..m.Offsets[t + 1]]);
                compared++;
            }

            // The weights are the group's own: those of its pairs alone.
            var own = MatchedSample.OfPairs(m.ParticipantFirms, m.Offsets, m.ControlFirms, Data.Value.Register.FirmCount);
            Assert.Equal(own.Distinct.Firms, m.Distinct.Firms);
            Assert.Equal(own.Distinct.Weight, m.Distinct.Weight);
            Assert.Equal(own.PairShares, m.PairShares);
        }

        Assert.True(compared > 500, $"{compared} participants compared");
    }

    [Fact]
    public void Shared_TheSameParticipantsMatchedAndUnmatched_AndTheSameCrossCuttingRowAsPerGroup()
    {
        var shared = Run(Options(GroupMatching.Shared));
        var perGroup = Run(Options(GroupMatching.PerGroup));
        Assert.Equal(perGroup.Groups.Count, shared.Groups.Count);
        for (int g = 0; g < shared.Groups.Count; g++)
        {
            Assert.Equal(perGroup.Groups[g].Group, shared.Groups[g].Group);
            Assert.Equal(perGroup.Groups[g].Matches.ParticipantFirms, shared.Groups[g].Matches.ParticipantFirms);
            Assert.Equal(perGroup.Groups[g].Unmatched.Select(u => u.FirmId), shared.Groups[g].Unmatched.Select(u => u.FirmId));
            Assert.Equal(perGroup.Groups[g].Eligibility, shared.Groups[g].Eligibility);
        }

        // The cross-cutting matching is the same either way, and so is its row.
        var a = shared.Groups[0].Matches;
        var b = perGroup.Groups[0].Matches;
        Assert.Equal(b.ControlFirms, a.ControlFirms);
        Assert.Equal(b.Distances, a.Distances);
        Assert.Equal(perGroup.Groups[0].Employment, shared.Groups[0].Employment);
        Assert.Equal(perGroup.Groups[0].Turnover, shared.Groups[0].Turnover);

        // The groups' covariances differ from the cross-cutting one, so some group has another control somewhere.
        Assert.Contains(Enumerable.Range(1, shared.Groups.Count - 1), g => !shared.Groups[g].Matches.ControlFirms.SequenceEqual(perGroup.Groups[g].Matches.ControlFirms));
    }

    [Fact]
    public void PerGroup_IsEachGroupsOwnMatching()
    {
        // The firm matcher called with one group's measured participants, as the measurement did before shared
        // matching: the same pairs as the group's row with GroupMatching.PerGroup.
        var (register, programme) = Data.Value;
        var perGroup = Run(Options(GroupMatching.PerGroup));
        var options = MeasurementMethods.Resolve(Options(GroupMatching.PerGroup));
        var window = MeasurementWindow.Resolve(register, options.History, options.Baseline, options.Measurement);
        var reasons = EligibilityRules.ClassifyAll(register, window);
        var groups = ActivityGroups.For(options.By, register, programme.Participants, reasons);
        var pool = ParticipantGroups.ControlPool(register, reasons, groups[^1]);
        var covariates = FirmCovariates.ForWindow(register, window, options.BaselinePeriods ?? 1);
        var cells = new MatchingCells(register, covariates, options.Levels, options.ExporterStrata);
        Assert.True(groups.Count >= 3);
        foreach (var group in groups.Take(groups.Count - 1))
        {
            var own = FirmMatcher.Match(register, covariates, group.MeasuredFirms(), pool, options.Levels, options.MainCovariates, options.EngineOptions(options.MainCovariates), cells);
            var m = perGroup.Groups.Single(r => r.Group == group.Group).Matches;
            Assert.Equal(own.ParticipantFirms, m.ParticipantFirms);
            Assert.Equal(own.ControlFirms, m.ControlFirms);
            Assert.Equal(own.Distances, m.Distances);
        }
    }

    [Theory]
    [InlineData(false, DistanceMetric.Mahalanobis)]
    [InlineData(true, DistanceMetric.Glm)]
    public void WhereParticipantsDependOnEachOther_EveryGroupIsMatchedOnItsOwn(bool replace, DistanceMetric distance)
    {
        // Without replacement participants compete for controls; the propensity model is fitted on the group's rows.
        var matching = MeasurementOptions.DefaultMatching with { Replace = replace, Distance = distance };
        var shared = Run(Options(GroupMatching.Shared) with { Matching = matching, TrajectoryWeight = 0 });
        var perGroup = Run(Options(GroupMatching.PerGroup) with { Matching = matching, TrajectoryWeight = 0 });
        Assert.False((shared.Options with { GroupMatching = GroupMatching.Shared }).SharesGroupMatching);
        Assert.Equal(perGroup.ToJson(), shared.ToJson());
        Assert.Contains(", each group matched on its own;", shared.ToConsole().ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_DoesNotDependOnTheThreads()
    {
        var one = Run(Options(GroupMatching.Shared) with { MaxDegreeOfParallelism = 1 });
        var four = Run(Options(GroupMatching.Shared) with { MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.ToJson(), four.ToJson());
        Assert.Equal(one.MatchesToCsv(), four.MatchesToCsv());
    }

    [Fact]
    public void Cli_GroupMatching_InTheSettings_AndABadValueIsAUsageError()
    {
        foreach (var (args, expected) in new[] { (Array.Empty<string>(), "shared"), (["--group-matching", "per-group"], "per_group"), (["--group-matching", "shared"], "shared") })
        {
            var output = new StringWriter();
            Assert.Equal(ExitCodes.Success, CliApp.Run(["measure", "--bootstrap", "0", "--quiet", "--format", "json", .. args], output, new StringWriter()));
            Assert.Contains($"\"group_matching\": \"{expected}\"", output.ToString(), StringComparison.Ordinal);
        }

        var error = new StringWriter();
        Assert.Equal(ExitCodes.Usage, CliApp.Run(["measure", "--group-matching", "pooled"], new StringWriter(), error));
        Assert.Contains("--group-matching", error.ToString(), StringComparison.Ordinal);
        Assert.Throws<OptionsException>(() => new MeasurementOptions { GroupMatching = (GroupMatching)7 }.Validate());
    }
}
