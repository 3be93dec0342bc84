namespace GlobalMidt.Effects.Simulation;

/// <summary>Computes <see cref="SimulationTruth"/> from the simulated panel, the actual and counterfactual paths.</summary>
internal static class TruthCalculator
{
    public static SimulationTruth Compute(SimulatedProgramme programme)
    {
        var panel = programme.Panel;
        var recruitment = programme.Recruitment;
        var options = programme.Options;
        var groups = new GroupTruth[options.Groups.Count];
        var all = new SortedSet<int>();
        for (int g = 0; g < groups.Length; g++)
        {
            groups[g] = ForIds(programme, options.Groups[g].Name, recruitment.GroupIds[g]);
            all.UnionWith(recruitment.GroupIds[g]);
        }

        var cross = ForIds(programme, SimulationTruth.CrossCuttingKey, all.ToArray());
        var grid = panel.Grid;
        return new SimulationTruth(
            options.Seed,
            panel.FirmCount,
            panel.Periods.Select(p => p.ToString()).ToArray(),
            panel.Periods[grid.HistoryIndex].ToString(),
            panel.Periods[grid.BaselineIndex].ToString(),
            panel.Periods[grid.MeasurementIndex].ToString(),
            groups,
            cross,
            options.Groups)
        {
            Export = options.Export,
        };
    }

    private static GroupTruth ForIds(SimulatedProgramme programme, string name, int[] ids)
    {
        var panel = programme.Panel;
        int t = panel.PeriodCount;
        int b = panel.Grid.BaselineIndex;
        int m = panel.Grid.MeasurementIndex;
        int unknown = 0, isPublic = 0, ceased = 0, inactive = 0, measured = 0;
        long fteActual = 0, fteCf = 0, fteBase = 0, turnoverActual = 0, turnoverCf = 0;
        int empGrowth = 0, empGrowthCf = 0, turnGrowth = 0, turnGrowthCf = 0;
        bool withExport = programme.HasExport;
        long exportActual = 0, exportCf = 0;
        int exportGrowth = 0, exportGrowthCf = 0;
        foreach (int id in ids)
        {
            int f = panel.IndexOf(id);
            if (f < 0)
            {
                unknown++;
                continue;
            }

            if (panel.IsPublic[f])
            {
                isPublic++;
                continue;
            }

            bool absent = false;
            bool idle = false;
            for (int p = b; p <= m; p++)
            {
                if (!programme.IsPresent(f, p))
                {
                    absent = true;
                }
                else if (programme.FteHundredths(f, p) == 0 && programme.TurnoverTenths(f, p) == 0)
                {
                    idle = true;
                }
            }

            if (absent)
            {
                ceased++;
                continue;
            }

            if (idle)
            {
                inactive++;
                continue;
            }

            measured++;
            long fb = panel.FteHundredths[(f * t) + b];
            long tb = panel.TurnoverTenths[(f * t) + b];
            long fm = programme.FteHundredths(f, m);
            long fmCf = panel.FteHundredths[(f * t) + m];
            long tm = programme.TurnoverTenths(f, m);
            long tmCf = panel.TurnoverTenths[(f * t) + m];
            fteBase += fb;
            fteActual += fm;
            fteCf += fmCf;
            turnoverActual += tm;
            turnoverCf += tmCf;
            empGrowth += fm > fb ? 1 : 0;
            empGrowthCf += fmCf > fb ? 1 : 0;
            turnGrowth += tm > tb ? 1 : 0;
            turnGrowthCf += tmCf > tb ? 1 : 0;
            if (withExport)
            {
                long xb = panel.ExportTenths![(f * t) + b];
                long xm = programme.ExportTenths(f, m);
                long xmCf = panel.ExportTenths[(f * t) + m];
                exportActual += xm;
                exportCf += xmCf;
                exportGrowth += xm > xb ? 1 : 0;
                exportGrowthCf += xmCf > xb ? 1 : 0;
            }
        }

        double Share(int k) => measured == 0 ? double.NaN : k / (double)measured;
        return new GroupTruth(
            name,
            ids.Length,
            measured,
            new ExclusionCounts(unknown, isPublic, ceased, inactive),
            (fteActual - fteCf) / 100.0,
            (turnoverActual - turnoverCf) / 10_000.0,
            fteActual / 100.0,
            fteCf / 100.0,
            fteBase / 100.0,
            Share(empGrowth),
            Share(empGrowthCf),
            Share(turnGrowth),
            Share(turnGrowthCf))
        {
            TrueAddedExportMdkk = withExport ? (exportActual - exportCf) / 10_000.0 : null,
            ExportGrowthShare = withExport ? Share(exportGrowth) : null,
            CounterfactualExportGrowthShare = withExport ? Share(exportGrowthCf) : null,
        };
    }
}
