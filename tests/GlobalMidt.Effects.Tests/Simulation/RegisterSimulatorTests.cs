using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Simulation;

public sealed class RegisterSimulatorTests : IDisposable
{
    private static readonly string[] Window = ["2008H2", "2009H2", "2010H2", "2011H2", "2012H2", "2013H2", "2014H2"];

    private static readonly string[] Regions =
        ["Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland", "Region Nordjylland"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "gm-sim-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string Dir(string name) => Path.Combine(_root, name);

    private static SimulationOptions Small(ulong seed = 3) => new() { Firms = 4_000, Seed = seed, ParticipantsShare = 0.15 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteTo_SameOptions_ByteIdenticalFiles(bool gzip)
    {
        RegisterSimulator.Simulate(Small()).WriteTo(Dir("a"), gzip);
        RegisterSimulator.Simulate(Small()).WriteTo(Dir("b"), gzip);
        string[] names = [gzip ? "firms.csv.gz" : "firms.csv", "participants.csv", "budgets.csv", "truth.json"];
        foreach (string name in names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Dir("a"), name)), File.ReadAllBytes(Path.Combine(Dir("b"), name)));
        }
    }

    [Fact]
    public void WriteTo_UnderDecimalCommaCulture_SameBytes()
    {
        RegisterSimulator.Simulate(Small()).WriteTo(Dir("inv"));
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("da-DK");
            RegisterSimulator.Simulate(Small()).WriteTo(Dir("da"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        foreach (string name in new[] { "firms.csv", "participants.csv", "budgets.csv", "truth.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Dir("inv"), name)), File.ReadAllBytes(Path.Combine(Dir("da"), name)));
        }
    }

    [Fact]
    public void Simulate_DifferentSeeds_Differ()
    {
        RegisterSimulator.Simulate(Small(1)).WriteTo(Dir("s1"));
        RegisterSimulator.Simulate(Small(2)).WriteTo(Dir("s2"));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(Dir("s1"), "firms.csv")), File.ReadAllBytes(Path.Combine(Dir("s2"), "firms.csv")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(Dir("s1"), "participants.csv")), File.ReadAllBytes(Path.Combine(Dir("s2"), "participants.csv")));
    }

    [Fact]
    public void WriteTo_FilesFollowTheDataContract()
    {
        var files = RegisterSimulator.Simulate(Small()).WriteTo(Dir("c"));
        byte[] raw = File.ReadAllBytes(files.FirmsPath);
        Assert.False(raw.Length >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF, "no BOM");
        Assert.DoesNotContain((byte)'\r', raw);
        var written = WrittenFiles.Read(Dir("c"));
        Assert.Equal(files.FirmRows, written.FirmLines.Count);

        var periodLabel = new Regex("^20(0[6-9]|1[0-4])H2$");
        var fte = new Regex(@"^\d+(\.\d{1,2})?$");
        var turnover = new Regex(@"^\d+(\.\d)?$");
        string? previousId = null;
        string? previousPeriod = null;
        foreach (string line in written.FirmLines)
        {
            var c = line.Split(',');
            Assert.Matches("^[1-9][0-9]{7}$", c[0]);
            Assert.Matches(periodLabel, c[1]);
            Assert.Matches("^[0-9]{3}$", c[2]);
            Assert.Contains(c[3], Regions);
            Assert.Matches("^[0-9]{6}$", c[4]);
            Assert.True(c[5] is "private" or "public", c[5]);
            Assert.Matches(fte, c[6]);
            Assert.Matches(turnover, c[7]);
            if (previousId is not null)
            {
                int byId = FirmIdComparer.Instance.Compare(previousId, c[0]);
                Assert.True(byId < 0 || (byId == 0 && string.CompareOrdinal(previousPeriod, c[1]) < 0), $"rows out of order at {line}");
            }

            previousId = c[0];
            previousPeriod = c[1];
        }

        // Known municipality codes sit in their real regions.
        var expectedRegion = new Dictionary<string, string>
        {
            ["101"] = "Region Hovedstaden", ["400"] = "Region Hovedstaden", ["265"] = "Region Sjælland",
            ["461"] = "Region Syddanmark", ["751"] = "Region Midtjylland", ["851"] = "Region Nordjylland",
        };
        foreach (var firm in written.Firms.Values)
        {
            if (expectedRegion.TryGetValue(firm.Municipality, out string? region))
            {
                Assert.Equal(region, firm.Region);
            }

            // A firm exists in one unbroken run of periods (born once, closed once).
            var years = firm.Values.Keys.Select(k => int.Parse(k[..4], CultureInfo.InvariantCulture)).Order().ToArray();
            Assert.Equal(years[^1] - years[0] + 1, years.Length);
        }

        Assert.Equal(
            "group,budget_mdkk\nVF Hovedstaden,74.5\nVF Sjælland,15.7\nVF Syddanmark,50.2\nVF Midtjylland,130.9\nVF Nordjylland,339.9\nNationale projekter,12.6\n",
            File.ReadAllText(files.BudgetsPath, Encoding.UTF8));
        Assert.Equal(
            ["Nationale projekter", "VF Hovedstaden", "VF Midtjylland", "VF Nordjylland", "VF Sjælland", "VF Syddanmark"],
            written.GroupIds.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>Table 1 recounted from the written rows, with the eligibility rules written out again here.</summary>
    [Fact]
    public void Truth_ExclusionCounts_MatchIndependentRecount()
    {
        RegisterSimulator.Simulate(Small()).WriteTo(Dir("t"));
        var written = WrittenFiles.Read(Dir("t"));
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir("t"), "truth.json")));

        var all = new HashSet<string>(written.GroupIds.Values.SelectMany(s => s), StringComparer.Ordinal);
        foreach (var (group, ids) in written.GroupIds.Append(new KeyValuePair<string, HashSet<string>>("cross_cutting", all)))
        {
            int unknown = 0, pub = 0, ceased = 0, inactive = 0, measured = 0;
            double fteM = 0, fteB = 0;
            foreach (string id in ids)
            {
                if (!written.Firms.TryGetValue(id, out var firm))
                {
                    unknown++;
                }
                else if (firm.Sector == "public")
                {
                    pub++;
                }
                else if (Window.Any(p => !firm.Values.ContainsKey(p)))
                {
                    ceased++;
                }
                else if (Window.Any(p => firm.Values[p] is (0, 0)))
                {
                    inactive++;
                }
                else
                {
                    measured++;
                    fteM += firm.Values["2014H2"].Fte;
                    fteB += firm.Values["2008H2"].Fte;
                }
            }

            var t = group == "cross_cutting"
                ? truth.RootElement.GetProperty("cross_cutting")
                : truth.RootElement.GetProperty("groups").GetProperty(group);
            var x = t.GetProperty("excluded");
            Assert.Equal(ids.Count, t.GetProperty("reported").GetInt32());
            Assert.Equal(measured, t.GetProperty("measured").GetInt32());
            Assert.Equal(unknown, x.GetProperty("unknown").GetInt32());
            Assert.Equal(pub, x.GetProperty("public").GetInt32());
            Assert.Equal(ceased, x.GetProperty("ceased").GetInt32());
            Assert.Equal(inactive, x.GetProperty("inactive").GetInt32());
            Assert.Equal(fteM, t.GetProperty("actual_fte_measurement").GetDouble(), 1e-6);
            Assert.Equal(fteB, t.GetProperty("fte_baseline").GetDouble(), 1e-6);
        }

        // The reporting noise the contract promises is all there.
        var cross = truth.RootElement.GetProperty("cross_cutting").GetProperty("excluded");
        Assert.All(new[] { "unknown", "public", "ceased", "inactive" }, k => Assert.True(cross.GetProperty(k).GetInt32() > 0, k));
        int reportsOverGroups = written.GroupIds.Values.Sum(s => s.Count);
        Assert.True(reportsOverGroups > all.Count, "some firms are reported by several groups");
        Assert.True(
            written.ParticipantRows.GroupBy(r => (r.Firm, r.Group)).Any(g => g.Count() > 1),
            "some firms are in several projects of one group");
        Assert.All(written.GroupIds.Keys, g => Assert.True(written.ParticipantRows.Where(r => r.Group == g).Select(r => r.Project).Distinct().Count() >= 2, g));
    }

    /// <summary>
    /// The true effect recounted from a second run with every effect set to 0: the register is the same except the
    /// participants' values after baseline, and the difference at measurement over measured firms is the truth.
    /// </summary>
    [Fact]
    public void Truth_TrueEffects_EqualDifferenceToARunWithoutEffects()
    {
        var options = Small();
        var withEffect = RegisterSimulator.Simulate(options);
        var without = RegisterSimulator.Simulate(options with
        {
            Groups = options.Groups.Select(g => g with { FteEffect = 0, TurnoverEffect = 0 }).ToArray(),
        });
        Assert.Equal(withEffect.Participants, without.Participants);

        var a = withEffect.FirmRows.ToArray();
        var b = without.FirmRows.ToArray();
        Assert.Equal(a.Length, b.Length);
        var participants = new HashSet<string>(withEffect.Participants.Select(p => p.FirmId), StringComparer.Ordinal);
        var baseline = Period.Parse("2008H2");
        var measurement = Period.Parse("2014H2");
        var actual = new Dictionary<string, (double Fte, double Turnover)>(StringComparer.Ordinal);
        var counterfactual = new Dictionary<string, (double Fte, double Turnover)>(StringComparer.Ordinal);
        int changed = 0;
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal((a[i].FirmId, a[i].Period, a[i].Industry, a[i].IsPublic), (b[i].FirmId, b[i].Period, b[i].Industry, b[i].IsPublic));
            if (a[i].Fte != b[i].Fte || a[i].Turnover != b[i].Turnover)
            {
                changed++;
                Assert.Contains(a[i].FirmId, participants);
                Assert.True(a[i].Period > baseline, $"{a[i].FirmId} changed at {a[i].Period}");
            }

            if (a[i].Period == measurement)
            {
                actual[a[i].FirmId] = (a[i].Fte, a[i].Turnover);
                counterfactual[b[i].FirmId] = (b[i].Fte, b[i].Turnover);
            }
        }

        Assert.True(changed > 0);
        Assert.Equal(0, without.Truth.CrossCutting.TrueJobsCreated);
        Assert.Equal(withEffect.Truth.CrossCutting.Measured, without.Truth.CrossCutting.Measured);

        var truth = withEffect.Truth;
        var register = withEffect.ToRegister();
        foreach (var g in truth.Groups.Append(truth.CrossCutting))
        {
            var ids = g.Group == SimulationTruth.CrossCuttingKey
                ? participants
                : withEffect.Participants.Where(p => p.Group == g.Group).Select(p => p.FirmId).ToHashSet(StringComparer.Ordinal);
            var measured = ids.Where(id => IsMeasured(register, id)).ToArray();
            Assert.Equal(g.Measured, measured.Length);
            double jobs = measured.Sum(id => actual[id].Fte - counterfactual[id].Fte);
            double turnover = measured.Sum(id => actual[id].Turnover - counterfactual[id].Turnover) / 1000;
            Assert.Equal(jobs, g.TrueJobsCreated, 1e-6);
            Assert.Equal(turnover, g.TrueAddedTurnoverMdkk, 1e-6);
        }

        Assert.True(truth["VF Midtjylland"].TrueJobsCreated > 0);
    }

    private static bool IsMeasured(Register register, string id)
    {
        int f = register.FindFirm(id);
        if (f < 0 || register.IsPublic(f))
        {
            return false;
        }

        for (int p = register.FindPeriod(Period.Parse("2008H2")); p <= register.FindPeriod(Period.Parse("2014H2")); p++)
        {
            if (!register.IsPresent(f, p) || (register.Fte(f, p) == 0 && register.Turnover(f, p) == 0))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void ParticipantEffects_AreTheFactorTimesTheCounterfactual()
    {
        var programme = RegisterSimulator.Simulate(Small());
        var effects = programme.ParticipantEffects();
        Assert.NotEmpty(effects);
        foreach (var e in effects.Where(e => !double.IsNaN(e.Fte)))
        {
            Assert.InRange(e.Fte - (e.CounterfactualFte * (1 + e.FteEffect)), -0.005 - 1e-9, 0.005 + 1e-9);
            Assert.InRange(e.Turnover - (e.CounterfactualTurnover * (1 + e.TurnoverEffect)), -0.05 - 1e-9, 0.05 + 1e-9);
        }
    }

    [Fact]
    public void ToRegister_HoldsTheSameRowsAsFirmRows()
    {
        var programme = RegisterSimulator.Simulate(Small());
        var register = programme.ToRegister();
        Assert.Equal(programme.FirmCount, register.FirmCount);
        Assert.Equal(9, register.PeriodCount);
        long present = 0;
        foreach (var row in programme.FirmRows)
        {
            int f = register.FindFirm(row.FirmId);
            int p = register.FindPeriod(row.Period);
            Assert.Equal(row.Fte, register.Fte(f, p));
            Assert.Equal(row.Turnover, register.Turnover(f, p));
            Assert.Equal(row.Region, register.Region(f));
            Assert.Equal(row.Industry, register.Industry(f));
            Assert.Equal(row.Municipality, register.Municipality(f));
            present++;
        }

        Assert.Equal(programme.RowCount, present);
        int presentCells = 0;
        for (int f = 0; f < register.FirmCount; f++)
        {
            for (int p = 0; p < register.PeriodCount; p++)
            {
                presentCells += register.IsPresent(f, p) ? 1 : 0;
            }
        }

        Assert.Equal(present, presentCells);
    }

    /// <summary>The model's promised shape on a register of 100,000 firms.</summary>
    [Fact]
    public void Simulate_LargeRegister_HasTheModelShape()
    {
        var programme = RegisterSimulator.Simulate(new SimulationOptions { Firms = 100_000, Seed = 42 });
        var register = programme.ToRegister();
        int b = register.FindPeriod(Period.Parse("2008H2"));
        int m = register.FindPeriod(Period.Parse("2014H2"));
        int h = register.FindPeriod(Period.Parse("2006H2"));
        int atBaseline = 0, small = 0, large = 0, publicFirms = 0, bornLate = 0, noHistory = 0;
        for (int f = 0; f < register.FirmCount; f++)
        {
            publicFirms += register.IsPublic(f) ? 1 : 0;
            if (!register.IsPresent(f, b))
            {
                bornLate += register.IsPresent(f, m) && !register.IsPresent(f, b) && !register.IsPresent(f, h) ? 1 : 0;
                continue;
            }

            atBaseline++;
            noHistory += register.IsPresent(f, h) ? 0 : 1;
            double fte = register.Fte(f, b);
            small += fte <= 5 ? 1 : 0;
            large += fte >= 1000 ? 1 : 0;
        }

        Assert.InRange(publicFirms / (double)register.FirmCount, 0.02, 0.04);
        Assert.InRange(small / (double)atBaseline, 0.6, 0.85);
        Assert.InRange(large, 5, 200);
        Assert.True(bornLate > 1000, "firms born after baseline");
        Assert.True(noHistory > 1000, "firms born between history start and baseline");
        var divisions = register.IndustryNames.Select(c => c[..2]).Distinct().Count();
        Assert.True(divisions >= 40, $"{divisions} divisions");
        Assert.True(register.IndustryNames.Count >= 100, $"{register.IndustryNames.Count} codes");

        // Selection on growth: participants would have grown more often than the average eligible non-participant
        // even without the programme, so a naive comparison is biased upward.
        var participants = new HashSet<string>(programme.Participants.Select(p => p.FirmId), StringComparer.Ordinal);
        int controls = 0, controlsGrowing = 0;
        for (int f = 0; f < register.FirmCount; f++)
        {
            if (participants.Contains(register.FirmId(f)) || register.IsPublic(f) || !ActiveThroughout(register, f, b, m))
            {
                continue;
            }

            controls++;
            controlsGrowing += register.Fte(f, m) > register.Fte(f, b) ? 1 : 0;
        }

        var cross = programme.Truth.CrossCutting;
        double naiveControlShare = controlsGrowing / (double)controls;
        Assert.True(
            cross.CounterfactualEmploymentGrowthShare > naiveControlShare + 0.05,
            $"counterfactual share {cross.CounterfactualEmploymentGrowthShare} vs all controls {naiveControlShare}");
        Assert.True(cross.EmploymentGrowthShare > cross.CounterfactualEmploymentGrowthShare);
        Assert.Equal(0, programme.Truth.GroupSettings.Single(g => g.Name == "VF Sjælland").FteEffect);
    }

    private static bool ActiveThroughout(Register r, int f, int b, int m)
    {
        for (int p = b; p <= m; p++)
        {
            if (!r.IsPresent(f, p) || (r.Fte(f, p) == 0 && r.Turnover(f, p) == 0))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Truth_JsonRoundTrips_WithFixedDecimals()
    {
        var truth = RegisterSimulator.Simulate(Small()).Truth;
        string json = truth.ToJson();
        Assert.Matches("\"true_jobs_created\": -?[0-9]+\\.[0-9]{6},", json);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.Contains("\"VF Sjælland\"", json, StringComparison.Ordinal);
        var back = SimulationTruth.Parse(json);
        Assert.Equal(truth.Seed, back.Seed);
        Assert.Equal(truth.Periods, back.Periods);
        Assert.Equal(truth.Groups.Count, back.Groups.Count);
        for (int i = 0; i < truth.Groups.Count; i++)
        {
            Assert.Equal(truth.Groups[i].Group, back.Groups[i].Group);
            Assert.Equal(truth.Groups[i].Excluded, back.Groups[i].Excluded);
            Assert.Equal(truth.Groups[i].TrueJobsCreated, back.Groups[i].TrueJobsCreated, 1e-6);
        }

        Assert.Equal(truth.CrossCutting.Measured, back.CrossCutting.Measured);
        Assert.Equal(json, back.ToJson());
    }

    [Fact]
    public void Simulate_AnnualPeriods_DefaultBaselineTwoYearsIn()
    {
        var programme = RegisterSimulator.Simulate(new SimulationOptions
        {
            Firms = 500,
            FirstPeriod = Period.FromYear(2010),
            LastPeriod = Period.FromYear(2015),
        });
        Assert.Equal(["2010", "2011", "2012", "2013", "2014", "2015"], programme.Truth.Periods);
        Assert.Equal("2012", programme.Truth.Baseline);
        Assert.Equal("2010", programme.Truth.HistoryStart);
        Assert.Equal("2015", programme.Truth.Measurement);
    }

    [Fact]
    public void Simulate_OneFirm_Works()
    {
        var programme = RegisterSimulator.Simulate(new SimulationOptions { Firms = 1, ParticipantCount = 1 });
        Assert.Equal(1, programme.FirmCount);
        Assert.Equal(programme.Truth.CrossCutting.Reported, programme.Truth.Groups.Sum(g => g.Reported));
    }

    [Fact]
    public void Simulate_NoParticipants_GivesEmptyTruth()
    {
        var programme = RegisterSimulator.Simulate(new SimulationOptions { Firms = 300, ParticipantCount = 0 });
        Assert.Empty(programme.Participants);
        Assert.Equal(0, programme.Truth.CrossCutting.Reported);
        Assert.True(double.IsNaN(programme.Truth.CrossCutting.EmploymentGrowthShare));
        Assert.Contains("\"emp_share_actual\": null", programme.Truth.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Firms")]
    [InlineData("LastPeriod")]
    [InlineData("Baseline")]
    [InlineData("HistoryStart")]
    [InlineData("ParticipantsShare")]
    [InlineData("Groups")]
    public void Validate_NamesTheBadSetting(string setting)
    {
        var bad = setting switch
        {
            "Firms" => new SimulationOptions { Firms = 0 },
            "LastPeriod" => new SimulationOptions { LastPeriod = Period.FromHalfYear(2014, 1) },
            "Baseline" => new SimulationOptions { Baseline = Period.FromHalfYear(2014, 2) },
            "HistoryStart" => new SimulationOptions { HistoryStart = Period.FromHalfYear(2009, 2), Baseline = Period.FromHalfYear(2008, 2) },
            "ParticipantsShare" => new SimulationOptions { ParticipantsShare = double.NaN },
            _ => new SimulationOptions { Groups = [SimulatedGroup.Defaults[0], SimulatedGroup.Defaults[0]] },
        };
        var e = Assert.Throws<OptionsException>(() => bad.Validate());
        Assert.Equal(setting, e.ParamName);
        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apportion_UsesLargestRemainders()
    {
        // 10 by weights 1:1:1 gives 3.33 each; the remainder goes to the first group.
        Assert.Equal([4, 3, 3], ParticipantRecruiter.Apportion(10, [1, 1, 1]));
        Assert.Equal([1, 2], ParticipantRecruiter.Apportion(3, [1, 2]));
    }
}
