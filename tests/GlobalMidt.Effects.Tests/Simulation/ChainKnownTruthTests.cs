using System.Text.Json;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Reporting;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Simulation;

/// <summary>
/// Known truth of the effect chain (issue 8): on generated chain registers, the measurement's Table 1 per group and
/// per activity (<c>measure --by activity</c>) equals the counts the generator wrote into truth.json, for measurement
/// periods 0.5, 2 and 7 years after the project period.
/// </summary>
public sealed class ChainKnownTruthTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "gm-chain-truth-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Theory]
    [InlineData(2UL, 10_000)]
    [InlineData(5UL, 12_000)]
    [InlineData(9UL, 15_000)]
    public void Table1_PerGroupAndPerActivity_EqualsTheTruth(ulong seed, int firms)
    {
        var files = ChainSimulator.Write(new ChainSimulationOptions { Firms = firms, Seed = seed }, Path.Combine(_out, seed.ToString(System.Globalization.CultureInfo.InvariantCulture)), gzip: false);
        var register = RegisterCsv.Load(files.FirmsPath);
        var participants = ParticipantsCsv.Load(files.ParticipantsPath, null, register);
        var budgets = BudgetsCsv.Load(files.BudgetsPath);
        using var truth = JsonDocument.Parse(File.ReadAllText(files.TruthPath));
        var series = truth.RootElement.GetProperty("series").EnumerateArray().ToList();

        // The output indicators of participants.csv and budgets.csv are the generator's, key for key.
        using var indicators = JsonDocument.Parse(OutputIndicators.Compute(participants, budgets).ToJson());
        Assert.True(JsonElement.DeepEquals(truth.RootElement.GetProperty("indicators"), indicators.RootElement), indicators.RootElement.GetRawText());
        Assert.True(participants.Count > participants.Select(p => (p.FirmId, p.Activity)).Distinct().Count(), "some firm takes an activity twice");

        int compared = 0;
        foreach (string label in new[] { "2020H1", "2021H2", "2026H2" })
        {
            foreach (var by in new[] { ParticipantGrouping.Group, ParticipantGrouping.Activity })
            {
                var result = EffectMeasurement.Run(register, participants, budgets, new MeasurementOptions
                {
                    History = ChainSimulator.FirstPeriod,
                    Baseline = ChainSimulator.Baseline,
                    Measurement = Period.Parse(label),
                    BootstrapReplicates = 0,
                    By = by,
                });
                string kind = by == ParticipantGrouping.Activity ? "activity" : "group";
                var rows = series
                    .Where(r => r.GetProperty("period").GetString() == label && (r.GetProperty("by").GetString() == kind || r.GetProperty("cross_cutting").GetBoolean()))
                    .ToList();

                // Every activity (or group) of the truth is a row of the measurement, and nothing else.
                Assert.Equal(rows.Select(r => r.GetProperty("name").GetString()!).Order(StringComparer.Ordinal), result.Groups.Select(g => g.Group).Order(StringComparer.Ordinal));
                Assert.Equal(by == ParticipantGrouping.Activity ? ChainSimulator.Activities.Count + 1 : 7, result.Groups.Count);
                foreach (var g in result.Groups)
                {
                    var row = rows.Single(r => r.GetProperty("name").GetString() == g.Group);
                    var x = row.GetProperty("excluded");
                    var e = g.Eligibility;
                    Assert.Equal(row.GetProperty("cross_cutting").GetBoolean(), g.IsCrossCutting);
                    Assert.Equal(
                        (row.GetProperty("reported").GetInt32(), row.GetProperty("measured").GetInt32(), x.GetProperty("unknown").GetInt32(),
                         x.GetProperty("public").GetInt32(), x.GetProperty("ceased").GetInt32(), x.GetProperty("inactive").GetInt32()),
                        (e.Reported, e.Measured, e.Unknown, e.Public, e.Ceased, e.Inactive));
                    compared++;
                }
            }
        }

        Assert.Equal(3 * (7 + ChainSimulator.Activities.Count + 1), compared);
    }
}
