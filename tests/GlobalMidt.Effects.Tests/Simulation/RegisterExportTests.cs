using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Simulation;

/// <summary>
/// The export column of <see cref="RegisterSimulator"/> (<see cref="SimulationOptions.Export"/>, docs/accuracy.md):
/// valid values, the FTE and turnover paths untouched, and the true added export recounted by hand from the written
/// files and the firms' counterfactual export.
/// </summary>
public sealed class RegisterExportTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gm-export-" + Guid.NewGuid().ToString("N"));

    private static readonly Lazy<SimulatedProgramme> Programme = new(() => RegisterSimulator.Simulate(WithExport(RegisterExport.Default)));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static SimulationOptions WithExport(RegisterExport? export, ulong seed = 3) =>
        new() { Firms = 6_000, Seed = seed, ParticipantsShare = 0.15, Dynamics = RegisterDynamics.Realistic, Export = export };

    [Fact]
    public void NoExportOption_NoExportAnywhere()
    {
        var programme = RegisterSimulator.Simulate(WithExport(null));
        Assert.False(programme.HasExport);
        Assert.False(programme.ToRegister().HasExport);
        Assert.Null(programme.Truth.CrossCutting.TrueAddedExportMdkk);
        Assert.Null(programme.Truth.Export);
        Assert.DoesNotContain("export", programme.Truth.ToJson(), StringComparison.Ordinal);
        Assert.All(programme.ParticipantEffects(), e => Assert.Null(e.Export));
        Assert.All(programme.FirmRows.Take(100), r => Assert.Null(r.Export));
    }

    [Fact]
    public void Export_LeavesTheFteAndTurnoverPathsAsWithout()
    {
        var without = RegisterSimulator.Simulate(WithExport(null));
        var with = Programme.Value;

        // The untreated paths are the same (export draws from a stream of its own) ...
        Assert.Equal(without.Panel.FteHundredths, with.Panel.FteHundredths);
        Assert.Equal(without.Panel.TurnoverTenths, with.Panel.TurnoverTenths);

        // ... and without selection on exporters so are the participants and the whole FTE and turnover register.
        var unselected = RegisterSimulator.Simulate(WithExport(RegisterExport.Default with { SelectionExporter = 0 }));
        Assert.Equal(without.Participants, unselected.Participants);
        var a = without.ToRegister();
        var b = unselected.ToRegister();
        Assert.Equal(a.FteValues.ToArray(), b.FteValues.ToArray());
        Assert.Equal(a.TurnoverValues.ToArray(), b.TurnoverValues.ToArray());
        Assert.Equal(without.Truth.CrossCutting, unselected.Truth.CrossCutting with { TrueAddedExportMdkk = null, ExportGrowthShare = null, CounterfactualExportGrowthShare = null });

        // With selection on exporters, exporters are over-represented among the participants.
        var register = with.ToRegister();
        int baseline = with.Grid.BaselineIndex;
        var participants = with.Participants.Select(p => register.FindFirm(p.FirmId)).Where(f => f >= 0 && register.IsPresent(f, baseline)).Distinct().ToArray();
        double participantShare = participants.Count(f => register.Export(f, baseline) > 0) / (double)participants.Length;
        var all = Enumerable.Range(0, register.FirmCount).Where(f => register.IsPresent(f, baseline)).ToArray();
        double allShare = all.Count(f => register.Export(f, baseline) > 0) / (double)all.Length;
        Assert.True(participantShare > allShare + 0.05, $"exporters: {participantShare:P1} of participants, {allShare:P1} of all firms");
    }

    [Fact]
    public void ExportColumn_IsValid_NonExportersZero_ExportersBySizeAndIndustry()
    {
        var programme = Programme.Value;
        var register = programme.ToRegister();
        Assert.True(register.HasExport);
        var participantIds = programme.Participants.Select(p => p.FirmId).ToHashSet(StringComparer.Ordinal);
        int small = 0, smallExporters = 0, large = 0, largeExporters = 0, manufacturing = 0, manufacturingExporters = 0, retail = 0, retailExporters = 0;
        for (int f = 0; f < register.FirmCount; f++)
        {
            bool participant = participantIds.Contains(register.FirmId(f));
            for (int p = 0; p < register.PeriodCount; p++)
            {
                double x = register.Export(f, p);
                if (!register.IsPresent(f, p))
                {
                    Assert.True(double.IsNaN(x));
                    continue;
                }

                double turnover = register.Turnover(f, p);
                Assert.True(x >= 0, $"{register.FirmId(f)} {register.Periods[p]}: export {x}");
                if (turnover == 0)
                {
                    Assert.Equal(0, x);
                }

                if (!participant)
                {
                    // The untreated export share is at most MaxShare (0.8), up to the rounding of the tenths.
                    Assert.True(x <= (RegisterExport.Default.MaxShare * turnover) + 0.1, $"{register.FirmId(f)}: export {x} of turnover {turnover}");
                }
            }

            int b = programme.Grid.BaselineIndex;
            if (!register.IsPresent(f, b) || participant)
            {
                continue;
            }

            bool exports = register.Export(f, b) > 0;
            double fte = register.Fte(f, b);
            (small, smallExporters) = fte < 5 ? (small + 1, smallExporters + (exports ? 1 : 0)) : (small, smallExporters);
            (large, largeExporters) = fte >= 50 ? (large + 1, largeExporters + (exports ? 1 : 0)) : (large, largeExporters);
            int division = int.Parse(register.Industry(f).AsSpan(0, 2), CultureInfo.InvariantCulture);
            (manufacturing, manufacturingExporters) = division is >= 10 and <= 33 ? (manufacturing + 1, manufacturingExporters + (exports ? 1 : 0)) : (manufacturing, manufacturingExporters);
            (retail, retailExporters) = division == 47 ? (retail + 1, retailExporters + (exports ? 1 : 0)) : (retail, retailExporters);
        }

        // Exporters are a minority, more frequent among large firms and in manufacturing than in retail.
        double total = Enumerable.Range(0, register.FirmCount).Count(f => register.IsPresent(f, 2) && register.Export(f, 2) > 0)
            / (double)Enumerable.Range(0, register.FirmCount).Count(f => register.IsPresent(f, 2));
        Assert.InRange(total, 0.08, 0.35);
        Assert.True(largeExporters / (double)large > 2 * smallExporters / (double)small, $"large {largeExporters}/{large}, small {smallExporters}/{small}");
        Assert.True(manufacturingExporters / (double)manufacturing > 2 * retailExporters / (double)retail, $"manufacturing {manufacturingExporters}/{manufacturing}, retail {retailExporters}/{retail}");

        // The programme raises exporters' export and makes no new exporters: a participant exports exactly when it
        // would have without the programme.
        var effects = programme.ParticipantEffects().Where(e => !double.IsNaN(e.Fte)).ToArray();
        Assert.Contains(effects, e => e.CounterfactualExport > 0 && e.ExportEffect > 0);
        Assert.All(effects, e => Assert.Equal(e.CounterfactualExport == 0, e.Export == 0));
    }

    /// <summary>
    /// The truth recounted by hand: the measured participants from the written files (in the register, private,
    /// present and not idle from baseline to measurement), their export at measurement from firms.csv, their
    /// counterfactual export and export effect from <see cref="SimulatedProgramme.ParticipantEffects"/>. The added
    /// export is the sum of actual minus counterfactual export and equals the designed effect, effect x counterfactual,
    /// summed, up to the rounding of each firm's export to a tenth of 1,000 DKK.
    /// </summary>
    [Fact]
    public void Truth_AddedExport_IsTheSumOfTheDesignedPerParticipantEffects()
    {
        var programme = Programme.Value;
        var files = programme.WriteTo(_root);
        var lines = File.ReadAllLines(files.FirmsPath, Encoding.UTF8);
        Assert.Equal("firm_id,period,municipality,region,industry,sector,fte,turnover,export", lines[0]);
        var rows = new Dictionary<(string Firm, string Period), (string Sector, double Fte, double Turnover, double Export)>();
        foreach (string line in lines.Skip(1))
        {
            var c = line.Split(',');
            Assert.Equal(9, c.Length);
            rows[(c[0], c[1])] = (c[5], Parse(c[6]), Parse(c[7]), Parse(c[8]));
        }

        string[] window = programme.Periods.Skip(programme.Grid.BaselineIndex).Take(programme.Grid.MeasurementIndex - programme.Grid.BaselineIndex + 1).Select(p => p.ToString()).ToArray();
        string measurement = window[^1];
        var effects = programme.ParticipantEffects().ToDictionary(e => e.FirmId, StringComparer.Ordinal);
        var truth = SimulationTruth.Load(files.TruthPath);
        foreach (var group in truth.GroupSettings.Select(g => g.Name).Append(SimulationTruth.CrossCuttingKey))
        {
            var ids = programme.Participants.Where(p => group == SimulationTruth.CrossCuttingKey || p.Group == group).Select(p => p.FirmId).Distinct(StringComparer.Ordinal);
            double added = 0, designed = 0;
            int measured = 0;
            foreach (string id in ids)
            {
                string firm = id.PadLeft(8, '0');
                bool inWindow = window.All(p => rows.TryGetValue((firm, p), out var r) && !(r.Fte == 0 && r.Turnover == 0));
                if (!rows.ContainsKey((firm, window[0])) || rows[(firm, window[0])].Sector != "private" || !inWindow)
                {
                    continue;
                }

                measured++;
                var e = effects[firm];
                double actual = rows[(firm, measurement)].Export;
                Assert.Equal(actual, e.Export!.Value);
                added += actual - e.CounterfactualExport!.Value;
                designed += e.ExportEffect!.Value * e.CounterfactualExport.Value;
            }

            var t = truth[group];
            Assert.Equal(t.Measured, measured);
            Assert.Equal(added / 1000, t.TrueAddedExportMdkk!.Value, 6);
            // Each firm's export is rounded to 0.1 (1,000 DKK): at most 0.05 apart per firm.
            Assert.True(Math.Abs((added - designed) / 1000) <= measured * 0.05 / 1000, $"{group}: added {added:F1}, designed {designed:F1}");
        }

        Assert.True(truth.CrossCutting.TrueAddedExportMdkk > 0);
        var sjaelland = truth.Groups.Single(g => g.Group == "VF Sjælland");
        Assert.NotNull(sjaelland.TrueAddedExportMdkk);
    }

    [Fact]
    public void TruthJson_RoundTrips_TheExportSettingsAndTruth()
    {
        var truth = Programme.Value.Truth;
        var back = SimulationTruth.Parse(truth.ToJson());
        Assert.Equal(RegisterExport.Default, back.Export);
        Assert.Equal(truth.GroupSettings.Select(g => g.ExportEffect), back.GroupSettings.Select(g => g.ExportEffect));
        Assert.Equal(truth.CrossCutting.TrueAddedExportMdkk!.Value, back.CrossCutting.TrueAddedExportMdkk!.Value, 6);
        Assert.Equal(truth.CrossCutting.ExportGrowthShare!.Value, back.CrossCutting.ExportGrowthShare!.Value, 6);
        Assert.Equal(truth.ToJson(), back.ToJson());
    }

    [Fact]
    public void WrittenFirms_LoadAsTheInMemoryRegister()
    {
        var programme = Programme.Value;
        var files = programme.WriteTo(_root, gzip: true);
        var loaded = RegisterCsv.Load(files.FirmsPath);
        var memory = programme.ToRegister();
        Assert.True(loaded.HasExport);
        Assert.Equal(memory.ExportValues.ToArray(), loaded.ExportValues.ToArray());
        Assert.Equal(memory.FteValues.ToArray(), loaded.FteValues.ToArray());
        var records = Register.FromRecords(programme.FirmRows);
        Assert.Equal(memory.ExportValues.ToArray(), records.ExportValues.ToArray());
    }

    [Fact]
    public void Validate_BadExportSettings_NameTheSetting()
    {
        var bad = Assert.Throws<ArgumentException>(() => WithExport(RegisterExport.Default with { MaxShare = 1.5 }).Validate());
        Assert.Contains("Export.MaxShare", bad.Message, StringComparison.Ordinal);
        var group = SimulatedGroup.Defaults[0] with { ExportEffect = -1 };
        var groupError = Assert.ThrowsAny<ArgumentException>(() => (WithExport(RegisterExport.Default) with { Groups = [group] }).Validate());
        Assert.Contains("export effect", groupError.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("25", 1.2)]
    [InlineData("46", 0.8)]
    [InlineData("62", 0.5)]
    [InlineData("72", 0.5)]
    [InlineData("49", 0.3)]
    [InlineData("01", 0.2)]
    [InlineData("45", -0.3)]
    [InlineData("47", -1.0)]
    [InlineData("68", -1.0)]
    public void IndustryShift_AsDocumented(string division, double shift) => Assert.Equal(shift, RegisterExport.IndustryShift(division));

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
