using System.Globalization;
using GlobalMidt.Effects.Data;

using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Simulation;

/// <summary>Who took part: per group the reported ids, projects, and per firm the true effect factors.</summary>
internal sealed record Recruitment(
    int[][] GroupIds,
    Participant[] Rows,
    double[] FteEffect,
    double[] TurnoverEffect,
    double[] ExportEffect);

/// <summary>
/// Recruits each group's participants: most by propensity on baseline observables (Efraimidis-Spirakis weighted
/// sampling without replacement), some from other regions, some already reported by an earlier group, some born
/// after baseline, and some ids that are not in the register at all.
/// </summary>
internal static class ParticipantRecruiter
{
    private const ulong KeySalt = 0x5EED_0F_9A27_1CE5UL;
    private const ulong LateSalt = 0x1A7E_E27A_0C0F_FEE1UL;
    private const ulong GroupSalt = 0x6A09_E667_F3BC_C909UL;

    public static Recruitment Recruit(SimulationOptions options, SimulatedPanel panel, RegisterSimulator.Tables tables)
    {
        var groups = options.Groups;
        int n = panel.FirmCount;
        int total = options.ParticipantCount ?? (int)Math.Round(options.ParticipantsShare * n);
        int[] perGroup = Apportion(total, groups.Select(g => g.ReportWeight).ToArray());
        var (present, weights) = PropensityWeights(panel, tables, options.Dynamics, options.Export);
        var lateBorn = new List<int>();
        for (int f = 0; f < n; f++)
        {
            if (panel.Birth[f] > panel.Grid.BaselineIndex)
            {
                lateBorn.Add(f);
            }
        }

        var fteEffect = new double[n];
        var turnoverEffect = new double[n];
        var exportEffect = new double[n];
        var earlier = new SortedSet<int>();
        var groupIds = new int[groups.Count][];
        var rows = new List<Participant>();
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var rng = Xoshiro256StarStar.ForStream(options.Seed ^ GroupSalt, (ulong)g);
            int reports = perGroup[g];
            int unknown = Share(reports, group.UnknownShare);
            int late = Math.Min(Share(reports, options.LateEntrantShare), lateBorn.Count);
            int duplicates = Math.Min(Share(reports, options.DuplicateShare), earlier.Count);
            int outOfRegion = group.Region is null ? 0 : Share(reports, options.OutOfRegionShare);
            int main = Math.Max(0, reports - unknown - late - duplicates - outOfRegion);
            int region = group.Region is null ? -1 : Array.IndexOf(DanishGeography.Regions, group.Region);

            var members = new HashSet<int>();
            PickDuplicates(rng, earlier, duplicates, members);
            int[] order = KeyOrder(options.Seed, g, present, weights);
            PickByPropensity(panel, order, region, main, outOfRegion, members);
            PickLate(options.Seed, g, lateBorn, late, members);

            var ids = new List<int>(members.Count + unknown);
            foreach (int f in members)
            {
                ids.Add(panel.Ids[f]);
                fteEffect[f] += group.FteEffect;
                turnoverEffect[f] += group.TurnoverEffect;
                exportEffect[f] += options.Export is null ? 0 : group.ExportEffect;
            }

            AddUnknownIds(rng, panel.Ids, n, unknown, ids);
            ids.Sort();
            groupIds[g] = ids.ToArray();
            foreach (int f in members)
            {
                earlier.Add(f);
            }

            AddProjectRows(rng, group, reports, options.SecondProjectShare, groupIds[g], rows);
        }

        rows.Sort(CompareRows);
        return new Recruitment(groupIds, rows.ToArray(), fteEffect, turnoverEffect, exportEffect);
    }

    /// <summary>
    /// The firms present at baseline and their sampling weights <c>w = exp(lin)</c>, where <c>lin</c> is the log
    /// propensity from the baseline observables (industry, log(1+FTE), log(1+turnover), employment history, sector, FTE of 250 or more,
    /// and with <paramref name="export"/> whether the firm exports at baseline).
    /// </summary>
    internal static (int[] Firms, double[] Weights) PropensityWeights(SimulatedPanel panel, RegisterSimulator.Tables tables, RegisterDynamics? dynamics = null, RegisterExport? export = null)
    {
        dynamics ??= RegisterDynamics.Classic;
        int t = panel.PeriodCount;
        int b = panel.Grid.BaselineIndex;
        int h = panel.Grid.HistoryIndex;
        var firms = new List<int>();
        var weights = new List<double>();
        for (int f = 0; f < panel.FirmCount; f++)
        {
            int fteB = panel.FteHundredths[(f * t) + b];
            if (fteB < 0)
            {
                continue;
            }

            double logFte = Math.Log(1 + (fteB / 100.0));
            double logTurnover = Math.Log(1 + (panel.TurnoverTenths[(f * t) + b] / 10.0));
            int fteH = panel.FteHundredths[(f * t) + h];
            double history = fteH >= 0 && h < b
                ? PropensityHistoryTerm(logFte - Math.Log(1 + (fteH / 100.0)))
                : RegisterSimulator.PropensityNoHistory;
            double recent = RecentGrowthTerm(panel, dynamics, f, b, logFte, logTurnover);
            double lin = Db07Industries.Divisions[tables.DivisionOfCode[panel.Industry[f]]].LogPropensity
                + (RegisterSimulator.PropensityFte * logFte)
                + (RegisterSimulator.PropensityTurnover * logTurnover)
                + history
                + (panel.IsPublic[f] ? RegisterSimulator.PropensityPublic : 0)
                + (fteB >= RegisterSimulator.LargeFirmFte * 100 ? RegisterSimulator.PropensityLargeFirm : 0)
                + recent
                + (export is not null && panel.ExportTenths![(f * t) + b] > 0 ? export.SelectionExporter : 0);
            firms.Add(f);
            weights.Add(Math.Exp(lin));
        }

        return (firms.ToArray(), weights.ToArray());
    }

    /// <summary>
    /// The firms in the order of their Efraimidis-Spirakis keys for group <paramref name="group"/>: key
    /// <c>-log(U) / w</c> ascending (i.e. <c>U^(1/w)</c> descending), so the first k firms are a weighted sample of
    /// size k without replacement. Each group draws its own uniforms.
    /// </summary>
    private static int[] KeyOrder(ulong seed, int group, int[] firms, double[] weights)
    {
        var keys = new double[firms.Length];
        var order = (int[])firms.Clone();
        for (int i = 0; i < firms.Length; i++)
        {
            double u = SplitMix64.Uniform(seed ^ KeySalt, (ulong)group, (ulong)firms[i]);
            keys[i] = -Math.Log(u) / weights[i];
        }

        Array.Sort(keys, order);
        return order;
    }

    /// <summary>
    /// The selection on the last period (issue 12, <see cref="RegisterDynamics"/>): the coefficients times the
    /// clamped log growth of FTE and turnover from b−1 to b; exactly 0 when both coefficients are 0 or the firm is
    /// not present at b−1.
    /// </summary>
    private static double RecentGrowthTerm(SimulatedPanel panel, RegisterDynamics dynamics, int f, int b, double logFte, double logTurnover)
    {
        if ((dynamics.SelectionRecentFteGrowth == 0 && dynamics.SelectionRecentTurnoverGrowth == 0) || b == 0)
        {
            return 0;
        }

        int t = panel.PeriodCount;
        int ftePrev = panel.FteHundredths[(f * t) + b - 1];
        if (ftePrev < 0)
        {
            return 0;
        }

        double fteGrowth = logFte - Math.Log(1 + (ftePrev / 100.0));
        double turnoverGrowth = logTurnover - Math.Log(1 + (panel.TurnoverTenths[(f * t) + b - 1] / 10.0));
        return (dynamics.SelectionRecentFteGrowth * Math.Clamp(fteGrowth, -1.5, 1.5))
            + (dynamics.SelectionRecentTurnoverGrowth * Math.Clamp(turnoverGrowth, -1.5, 1.5));
    }

    private static double PropensityHistoryTerm(double growth) =>
        RegisterSimulator.PropensityHistory * Math.Clamp(growth, -1.5, 1.5);

    private static void PickByPropensity(
        SimulatedPanel panel, int[] order, int region, int main, int outOfRegion, HashSet<int> members)
    {
        int inside = 0;
        int outside = 0;
        for (int i = 0; i < order.Length && (inside < main || outside < outOfRegion); i++)
        {
            int f = order[i];
            if (members.Contains(f))
            {
                continue;
            }

            bool own = region < 0 || panel.RegionOf(f) == region;
            if (own && inside < main)
            {
                members.Add(f);
                inside++;
            }
            else if (!own && outside < outOfRegion)
            {
                members.Add(f);
                outside++;
            }
        }
    }

    private static void PickDuplicates(Xoshiro256StarStar rng, SortedSet<int> earlier, int count, HashSet<int> members)
    {
        if (count == 0)
        {
            return;
        }

        var pool = earlier.ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = i + rng.NextInt(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            members.Add(pool[i]);
        }
    }

    private static void PickLate(ulong seed, int group, List<int> lateBorn, int count, HashSet<int> members)
    {
        if (count == 0)
        {
            return;
        }

        var keys = new double[lateBorn.Count];
        var firms = lateBorn.ToArray();
        for (int i = 0; i < firms.Length; i++)
        {
            keys[i] = SplitMix64.Uniform(seed ^ LateSalt, (ulong)group, (ulong)firms[i]);
        }

        Array.Sort(keys, firms);
        int added = 0;
        for (int i = 0; i < firms.Length && added < count; i++)
        {
            if (members.Add(firms[i]))
            {
                added++;
            }
        }
    }

    /// <summary>Ids that no firm has: another number inside a firm's id slot.</summary>
    private static void AddUnknownIds(Xoshiro256StarStar rng, int[] ids, int n, int count, List<int> into)
    {
        var taken = new HashSet<int>();
        int attempts = 0;
        while (taken.Count < count && attempts++ < count * 20)
        {
            int f = rng.NextInt(n);
            long slotStart = 10_000_000 + (f * 90_000_000L / n);
            long slotEnd = 10_000_000 + ((f + 1L) * 90_000_000L / n);
            int width = (int)(slotEnd - slotStart);
            if (width < 2)
            {
                continue;
            }

            int offset = ids[f] - (int)slotStart;
            int id = (int)slotStart + ((offset + 1 + rng.NextInt(width - 1)) % width);
            if (taken.Add(id))
            {
                into.Add(id);
            }
        }
    }

    private static void AddProjectRows(
        Xoshiro256StarStar rng, SimulatedGroup group, int reports, double secondShare, int[] ids, List<Participant> rows)
    {
        int projects = Math.Clamp((int)Math.Round(reports / 60.0), Math.Min(2, Math.Max(1, ids.Length)), 99);
        foreach (int id in ids)
        {
            string firm = id.ToString(CultureInfo.InvariantCulture);
            int p = rng.NextInt(projects);
            rows.Add(new Participant(firm, ProjectId(group, p), group.Name));
            if (projects > 1 && rng.NextDouble() < secondShare)
            {
                int q = (p + 1 + rng.NextInt(projects - 1)) % projects;
                rows.Add(new Participant(firm, ProjectId(group, q), group.Name));
            }
        }
    }

    private static string ProjectId(SimulatedGroup group, int p) =>
        string.Create(CultureInfo.InvariantCulture, $"{group.ProjectPrefix}-{p + 1:00}");

    private static int CompareRows(Participant a, Participant b)
    {
        int c = FirmIdComparer.Instance.Compare(a.FirmId, b.FirmId);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.ProjectId, b.ProjectId);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Group, b.Group);
    }

    private static int Share(int reports, double share) => (int)Math.Round(reports * share);

    /// <summary>Largest-remainder apportionment of <paramref name="total"/> by weights (ties to the earlier group).</summary>
    internal static int[] Apportion(int total, double[] weights)
    {
        double sum = weights.Sum();
        var counts = new int[weights.Length];
        var remainders = new double[weights.Length];
        int given = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double exact = total * weights[i] / sum;
            counts[i] = (int)Math.Floor(exact);
            remainders[i] = exact - counts[i];
            given += counts[i];
        }

        while (given < total)
        {
            int best = 0;
            for (int i = 1; i < weights.Length; i++)
            {
                if (remainders[i] > remainders[best])
                {
                    best = i;
                }
            }

            counts[best]++;
            remainders[best] = -1;
            given++;
        }

        return counts;
    }
}
