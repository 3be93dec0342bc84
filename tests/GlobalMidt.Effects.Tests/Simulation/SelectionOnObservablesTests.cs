using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Simulation;
using Xunit.Abstractions;

namespace GlobalMidt.Effects.Tests.Simulation;

/// <summary>
/// The simulator's design promise (data-samples/README.md, "Participants (selection on observables only)"): who takes
/// part depends only on what the register shows at baseline, so given those observables participants and
/// non-participants have the same untreated growth. Two checks: the recruitment weights are the documented formula
/// of the written register's values; and, stratified on that propensity (the balancing score), participants grow like
/// non-participants without the programme, while leaving the history term out of the strata shows a clear gap (so the
/// check has the power to see selection on something the strata miss).
/// </summary>
public class SelectionOnObservablesTests(ITestOutputHelper output)
{
    private static readonly Lazy<SimulatedProgramme> Large =
        new(() => RegisterSimulator.Simulate(new SimulationOptions { Firms = 200_000, Seed = 11 }));

    /// <summary>The documented log propensity, from the register alone (region is not in it; it enters through the groups).</summary>
    private static double[] LogPropensity(Register register, int history, int baseline, bool withHistory)
    {
        var divisions = Db07Industries.Divisions.ToDictionary(d => d.Code, StringComparer.Ordinal);
        int t = register.PeriodCount;
        var fte = register.FteValues;
        var turnover = register.TurnoverValues;
        var lin = new double[register.FirmCount];
        for (int f = 0; f < register.FirmCount; f++)
        {
            double fb = fte[(f * t) + baseline];
            if (double.IsNaN(fb))
            {
                lin[f] = double.NaN;
                continue;
            }

            double fh = fte[(f * t) + history];
            double logFte = Math.Log(1 + fb);
            double historyTerm = double.IsNaN(fh) || history >= baseline
                ? RegisterSimulator.PropensityNoHistory
                : RegisterSimulator.PropensityHistory * Math.Clamp(logFte - Math.Log(1 + fh), -1.5, 1.5);
            lin[f] = divisions[register.IndustryNames[register.IndustryCodes[f]][..2]].LogPropensity
                + (RegisterSimulator.PropensityFte * logFte)
                + (RegisterSimulator.PropensityTurnover * Math.Log(1 + turnover[(f * t) + baseline]))
                + (withHistory ? historyTerm : 0)
                + (register.IsPublic(f) ? RegisterSimulator.PropensityPublic : 0)
                + (fb >= RegisterSimulator.LargeFirmFte ? RegisterSimulator.PropensityLargeFirm : 0);
        }

        return lin;
    }

    [Fact]
    public void RecruitmentWeights_AreTheDocumentedFunctionOfTheWrittenBaselineValues()
    {
        var programme = RegisterSimulator.Simulate(new SimulationOptions { Firms = 20_000, Seed = 5 });
        var register = programme.ToRegister();
        var grid = programme.Grid;
        var expected = LogPropensity(register, grid.HistoryIndex, grid.BaselineIndex, withHistory: true);
        var (firms, weights) = ParticipantRecruiter.PropensityWeights(programme.Panel, RegisterSimulator.Tables.Instance);

        int present = expected.Count(v => !double.IsNaN(v));
        Assert.Equal(present, firms.Length);
        for (int i = 0; i < firms.Length; i++)
        {
            Assert.Equal(expected[firms[i]], Math.Log(weights[i]), 10);
        }
    }

    [Fact]
    public void GivenThePropensity_ParticipantsGrowLikeNonParticipantsWithoutTheProgramme()
    {
        var programme = Large.Value;
        var register = programme.ToRegister();
        var grid = programme.Grid;
        var sample = EligibleSample(programme, register);

        var full = StratifiedDifference(sample, LogPropensity(register, grid.HistoryIndex, grid.BaselineIndex, withHistory: true), register);
        var noHistory = StratifiedDifference(sample, LogPropensity(register, grid.HistoryIndex, grid.BaselineIndex, withHistory: false), register);
        var naive = StratifiedDifference(sample, new double[register.FirmCount], register);

        foreach (var (name, d) in new[] { ("propensity strata", full), ("without history", noHistory), ("naive", naive) })
        {
            output.WriteLine(FormattableString.Invariant($"{name}: share {d.Share:F4} (SE {d.ShareSe:F4}), log growth {d.LogGrowth:F4} (SE {d.LogGrowthSe:F4})"));
        }

        // Untreated growth share and log growth: no difference beyond noise within propensity strata...
        Assert.True(Math.Abs(full.Share) < 3.5 * full.ShareSe, $"share difference {full.Share:F4} (SE {full.ShareSe:F4})");
        Assert.True(Math.Abs(full.LogGrowth) < 3.5 * full.LogGrowthSe, $"log growth difference {full.LogGrowth:F4} (SE {full.LogGrowthSe:F4})");

        // ...while strata that miss the history term (a confounder the selection uses) leave a clear gap, and no
        // strata at all (the naive comparison) a large one.
        Assert.True(noHistory.Share > 4 * noHistory.ShareSe, $"without history: {noHistory.Share:F4} (SE {noHistory.ShareSe:F4})");
        Assert.True(noHistory.LogGrowth > 4 * noHistory.LogGrowthSe, $"without history: {noHistory.LogGrowth:F4} (SE {noHistory.LogGrowthSe:F4})");
        Assert.True(naive.Share > 10 * naive.ShareSe, $"naive: {naive.Share:F4} (SE {naive.ShareSe:F4})");
    }

    private sealed record Sample(int[] Firms, bool[] Treated, double[] Grew, double[] LogGrowth);

    /// <summary>Eligible private firms (the measured participants and the control pool) and their untreated outcomes.</summary>
    private static Sample EligibleSample(SimulatedProgramme programme, Register register)
    {
        var window = MeasurementWindow.Resolve(register, null, null, null);
        var reasons = EligibilityRules.ClassifyAll(register, window);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int f = 0; f < register.FirmCount; f++)
        {
            index[register.FirmId(f)] = f;
        }

        var untreated = new Dictionary<int, double>();
        foreach (var e in programme.ParticipantEffects())
        {
            untreated[index[e.FirmId]] = e.CounterfactualFte;
        }

        var participants = new HashSet<int>();
        foreach (var p in programme.Participants)
        {
            if (index.TryGetValue(p.FirmId, out int f))
            {
                participants.Add(f);
            }
        }

        int t = register.PeriodCount;
        var fte = register.FteValues;
        var firms = new List<int>();
        var treated = new List<bool>();
        var grew = new List<double>();
        var logGrowth = new List<double>();
        for (int f = 0; f < register.FirmCount; f++)
        {
            if (reasons[f] != ExclusionReason.None)
            {
                continue;
            }

            bool isParticipant = participants.Contains(f);
            double baseline = fte[(f * t) + window.BaselineIndex];
            double measurement = isParticipant ? untreated[f] : fte[(f * t) + window.MeasurementIndex];
            firms.Add(f);
            treated.Add(isParticipant);
            grew.Add(measurement > baseline ? 1 : 0);
            logGrowth.Add(Math.Log(1 + measurement) - Math.Log(1 + baseline));
        }

        return new Sample(firms.ToArray(), treated.ToArray(), grew.ToArray(), logGrowth.ToArray());
    }

    /// <summary>
    /// Participants minus non-participants, averaged over strata of region x log propensity (bins of 0.05) with the
    /// participants' weights (the effect on the treated), and its standard error from the within-stratum variances.
    /// Strata without both kinds of firm are left out.
    /// </summary>
    private static (double Share, double ShareSe, double LogGrowth, double LogGrowthSe) StratifiedDifference(Sample s, double[] lin, Register register)
    {
        var strata = new Dictionary<(int Region, long Bin), List<int>>();
        for (int i = 0; i < s.Firms.Length; i++)
        {
            int f = s.Firms[i];
            var key = (register.RegionCodes[f], (long)Math.Floor(lin[f] / 0.05));
            if (!strata.TryGetValue(key, out var rows))
            {
                strata[key] = rows = [];
            }

            rows.Add(i);
        }

        double total = 0;
        double share = 0, shareVar = 0, growth = 0, growthVar = 0;
        foreach (var rows in strata.Values)
        {
            var (nT, mT1, vT1, mT2, vT2) = Moments(rows, s, treated: true);
            var (nC, mC1, vC1, mC2, vC2) = Moments(rows, s, treated: false);
            if (nT == 0 || nC == 0)
            {
                continue;
            }

            total += nT;
            share += nT * (mT1 - mC1);
            growth += nT * (mT2 - mC2);
            shareVar += nT * nT * ((vT1 / nT) + (vC1 / nC));
            growthVar += nT * nT * ((vT2 / nT) + (vC2 / nC));
        }

        return (share / total, Math.Sqrt(shareVar) / total, growth / total, Math.Sqrt(growthVar) / total);
    }

    private static (int N, double Mean1, double Var1, double Mean2, double Var2) Moments(List<int> rows, Sample s, bool treated)
    {
        int n = 0;
        double s1 = 0, q1 = 0, s2 = 0, q2 = 0;
        foreach (int i in rows)
        {
            if (s.Treated[i] != treated)
            {
                continue;
            }

            n++;
            s1 += s.Grew[i];
            q1 += s.Grew[i] * s.Grew[i];
            s2 += s.LogGrowth[i];
            q2 += s.LogGrowth[i] * s.LogGrowth[i];
        }

        if (n == 0)
        {
            return (0, 0, 0, 0, 0);
        }

        double m1 = s1 / n, m2 = s2 / n;

        // Population variance, at least that of a single Bernoulli draw for the share, so a stratum of identical
        // values does not claim zero noise.
        return (n, m1, Math.Max((q1 / n) - (m1 * m1), 0.25 / n), m2, Math.Max((q2 / n) - (m2 * m2), 0));
    }
}
