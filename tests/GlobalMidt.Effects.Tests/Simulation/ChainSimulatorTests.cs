using System.Text.Json;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Simulation;

/// <summary>The effect-chain generator (issue 8; the <c>generate --chain</c> command is tested in
/// <c>Cli/GenerateCommandTests</c>).</summary>
public sealed class ChainSimulatorTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "gm-chain-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public void Chain_FilesLoadWithTheNewColumns_AndTruthCountsEqualTheEligibilityRules()
    {
        var files = ChainSimulator.Write(new ChainSimulationOptions { Firms = 3000, Seed = 7 }, _out, gzip: false);

        var register = RegisterCsv.Load(files.FirmsPath);
        var participants = ParticipantsCsv.Load(files.ParticipantsPath, null, register);
        var budgets = BudgetsCsv.Load(files.BudgetsPath);
        Assert.True(register.HasExport && register.HasValueAdded);
        Assert.Equal(30, register.PeriodCount);
        Assert.Equal((ChainSimulator.FirstPeriod, ChainSimulator.LastPeriod), (register.Periods[0], register.Periods[^1]));
        Assert.All(participants, p => Assert.True(p.Start >= ChainSimulator.ProjectStart && p.End <= ChainSimulator.ProjectEnd && p.Start <= p.End));
        Assert.Equal(ChainSimulator.Activities.Count, participants.Select(p => p.Activity).Distinct().Count());
        Assert.All(budgets, b => Assert.NotNull(b.PrivateMdkk));

        // Realism: some negative value added, exporters and non-exporters, firms starting to export on their own.
        var va = register.ValueAddedValues.ToArray().Where(v => !double.IsNaN(v)).ToArray();
        Assert.InRange(va.Count(v => v < 0) / (double)va.Length, 0.01, 0.2);

        using var truth = JsonDocument.Parse(File.ReadAllText(files.TruthPath));
        var series = truth.RootElement.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(14 * (6 + ChainSimulator.Activities.Count + 1), series.Count);

        // Table 1 per period: the truth's counts are what the library's eligibility rules give on the written files.
        foreach (string label in new[] { "2020H1", "2021H2", "2024H2", "2026H2" })
        {
            var window = MeasurementWindow.Resolve(register, ChainSimulator.FirstPeriod, ChainSimulator.Baseline, Period.Parse(label));
            foreach (var row in series.Where(r => r.GetProperty("period").GetString() == label))
            {
                string name = row.GetProperty("name").GetString()!;
                bool byActivity = row.GetProperty("by").GetString() == "activity";
                bool cross = row.GetProperty("cross_cutting").GetBoolean();
                var firms = participants
                    .Where(p => cross || (byActivity ? p.Activity == name : p.Group == name))
                    .Select(p => p.FirmId).Distinct().ToList();
                var reasons = firms.Select(f => EligibilityRules.Classify(register, register.FindFirm(f), window)).ToList();
                var excluded = row.GetProperty("excluded");
                Assert.Equal(row.GetProperty("reported").GetInt32(), firms.Count);
                Assert.Equal(row.GetProperty("measured").GetInt32(), reasons.Count(r => r == ExclusionReason.None));
                Assert.Equal(excluded.GetProperty("unknown").GetInt32(), reasons.Count(r => r == ExclusionReason.Unknown));
                Assert.Equal(excluded.GetProperty("public").GetInt32(), reasons.Count(r => r == ExclusionReason.Public));
                Assert.Equal(excluded.GetProperty("ceased").GetInt32(), reasons.Count(r => r == ExclusionReason.Ceased));
                Assert.Equal(excluded.GetProperty("inactive").GetInt32(), reasons.Count(r => r == ExclusionReason.Inactive));

                // Non-exporters at baseline among the measured: from the register too.
                int b = register.FindPeriod(ChainSimulator.Baseline);
                int nonExporters = firms.Select(register.FindFirm)
                    .Count(f => f >= 0 && EligibilityRules.Classify(register, f, window) == ExclusionReason.None && register.Export(f, b) == 0);
                Assert.Equal(row.GetProperty("non_exporters_at_baseline").GetInt32(), nonExporters);
            }
        }

        // Sjælland has no effect; the cross-cutting row has positive true jobs and additional exporters at 5 years.
        var at5 = series.Where(r => r.GetProperty("period").GetString() == "2024H2").ToList();
        var sjaelland = at5.Single(r => r.GetProperty("name").GetString() == "VF Sjælland");
        Assert.Equal(0, sjaelland.GetProperty("true_jobs").GetDouble());
        Assert.Equal(0, sjaelland.GetProperty("true_added_export_mdkk").GetDouble());
        var crossRow = at5.Single(r => r.GetProperty("cross_cutting").GetBoolean());
        Assert.True(crossRow.GetProperty("true_jobs").GetDouble() > 0);
        Assert.True(crossRow.GetProperty("true_additional_exporters").GetDouble() > 0);
        Assert.Equal(5, crossRow.GetProperty("years_after").GetDouble());
        Assert.Equal("2-5", crossRow.GetProperty("band").GetString());
    }

    [Fact]
    public void ClassicMeasurementOfOnePeriod_Table1EqualsTheTruth_AndTheChainOutcomesUseItsMatches()
    {
        var files = ChainSimulator.Write(new ChainSimulationOptions { Firms = 6000, Seed = 11 }, _out, gzip: false);
        var measurement = Period.FromHalfYear(2024, 2);
        var result = EffectMeasurement.Run(files.FirmsPath, files.ParticipantsPath, files.BudgetsPath, new MeasurementOptions
        {
            History = ChainSimulator.FirstPeriod,
            Baseline = ChainSimulator.Baseline,
            Measurement = measurement,
            BootstrapReplicates = 0,
        });
        var register = RegisterCsv.Load(files.FirmsPath);
        using var truth = JsonDocument.Parse(File.ReadAllText(files.TruthPath));
        var rows = truth.RootElement.GetProperty("series").EnumerateArray()
            .Where(r => r.GetProperty("period").GetString() == "2024H2" && r.GetProperty("by").GetString() == "group").ToList();

        Assert.Equal(rows.Count, result.Groups.Count);
        foreach (var g in result.Groups)
        {
            var row = rows.Single(r => r.GetProperty("name").GetString() == g.Group);
            var x = row.GetProperty("excluded");
            var e = g.Eligibility;
            Assert.Equal(
                (row.GetProperty("reported").GetInt32(), row.GetProperty("measured").GetInt32(), x.GetProperty("unknown").GetInt32(),
                 x.GetProperty("public").GetInt32(), x.GetProperty("ceased").GetInt32(), x.GetProperty("inactive").GetInt32()),
                (e.Reported, e.Measured, e.Unknown, e.Public, e.Ceased, e.Inactive));

            // New exporters: every measured participant without export at baseline counts (with its own controls or
            // imputed with the others' control share).
            var chain = ChainOutcomes.FromMatches(register, g.Matches, ChainSimulator.Baseline, measurement);
            Assert.Equal(g.Matched, e.Measured);
            Assert.Equal(row.GetProperty("non_exporters_at_baseline").GetInt32(), chain.NewExporters!.Participants);
            Assert.InRange(chain.NewExporters.ImputedParticipants, 0, chain.NewExporters.Participants - 1);
            Assert.Equal(g.Matched, chain.Export!.Statistics.N);
            Assert.Equal(g.Matched, chain.ValueAdded!.Statistics.N);
            Assert.True(double.IsFinite(chain.Export.Effect.Value) && double.IsFinite(chain.ValueAdded.Effect.Value));
        }
    }
}
