using GlobalMidt.Effects.Data;

using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Simulation;

/// <summary>
/// Simulates a firm register with a business-support programme whose effect is known: firms are born and close,
/// grow with persistent firm-specific drift, have inactive spells; participants are recruited on what is observable
/// at baseline (region, industry, size, turnover, employment history), and their FTEs and turnover are raised by a
/// known factor after baseline while the untreated (counterfactual) path is kept, so the true effect is exact.
/// </summary>
/// <remarks>
/// The model and its parameters are documented in <c>data-samples/README.md</c>. Selection is on observables only:
/// given the baseline observables, participants and non-participants have the same distribution of untreated
/// growth, so matching on those observables recovers the effect. Every firm draws from its own random stream
/// (<see cref="Xoshiro256StarStar.ForStream"/>), so the register does not depend on the participant settings. With
/// <see cref="SimulationOptions.Export"/> the register also has export (<see cref="RegisterExport"/>, from a stream of
/// its own: FTE and turnover stay those of the register without export).
/// </remarks>
public static class RegisterSimulator
{
    // Firm dynamics (per year); see data-samples/README.md.
    internal const double EstablishedShare = 0.72;
    internal const double MeanLogSize = 0.6;
    internal const double SdLogSize = 1.25;
    internal const double TailProbability = 0.12;
    internal const double TailRate = 1.4;
    internal const double YoungSizeOffset = -0.8;
    internal const double SdYoungLogSize = 0.9;
    internal const double SdDrift = 0.04;
    internal const double GrowthPersistence = 0.4;
    internal const double YoungGrowth = 0.08;
    internal const int YoungYears = 3;
    internal const double SdGrowthShock = 0.12;
    internal const double SdProductivity = 0.45;
    internal const double NoisePersistence = 0.6;
    internal const double SdNoiseShock = 0.12;
    internal const double SdNoiseStart = 0.15;
    internal const double TurnoverFteOffset = 0.4;
    internal const double NominalTrend = 0.02;
    internal const double MaxLogSize = 10.3;
    internal const double InactiveEntryBase = 0.012;
    internal const double InactiveEntrySmall = 0.03;
    internal const double InactiveStay = 0.5;
    internal const double PublicBase = 0.01;
    internal const double ExitBase = 0.025;
    internal const double ExitSmall = 0.05;
    internal const double ExitYoung = 0.03;

    // Participation propensity (log-linear weights of Efraimidis-Spirakis sampling).
    internal const double PropensityFte = 0.35;
    internal const double PropensityTurnover = 0.12;
    internal const double PropensityHistory = 1.6;
    internal const double PropensityNoHistory = 0.3;
    internal const double PropensityPublic = -0.7;
    internal const double PropensityLargeFirm = -4.5;
    internal const int LargeFirmFte = 250;

    /// <summary>Growth of log FTEs common to all firms in the year ending in a period (the financial crisis).</summary>
    internal static double MacroGrowth(int year) => year switch
    {
        2009 => -0.09,
        2010 => -0.05,
        2011 => -0.01,
        2012 => -0.02,
        2013 => -0.01,
        2014 => 0.00,
        _ => -0.01,
    };

    private const ulong ShockSalt = 0x7A5E_11C0_0D15_9EEDUL;
    private const ulong ExportSalt = 0x3C6E_F372_FE94_F82BUL;
    private const long IdBase = 10_000_000;
    private const long IdSpan = 90_000_000;

    /// <summary>Simulates a register and programme from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static SimulatedProgramme Simulate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grid = options.Validate();
        var periods = grid.Periods.ToArray();
        int n = options.Firms;
        int t = periods.Length;

        var ids = new int[n];
        var municipality = new short[n];
        var industry = new short[n];
        var isPublic = new bool[n];
        var birth = new byte[n];
        var fte = new int[n * t];
        var turnover = new long[n * t];
        var export = options.Export is null ? null : new long[n * t];
        var tables = Tables.Instance;

        var macro = new double[t];
        for (int p = 0; p < t; p++)
        {
            macro[p] = MacroGrowth(periods[p].Year);
        }

        for (int f = 0; f < n; f++)
        {
            SimulateFirm(options.Seed, options.Dynamics, f, n, t, tables, macro, ids, municipality, industry, isPublic, birth, fte, turnover);
            if (options.Export is { } model)
            {
                SimulateExport(options.Seed, model, f, t, tables, industry, fte, turnover, export!);
            }
        }

        var panel = new SimulatedPanel(periods, grid, ids, municipality, industry, isPublic, birth, fte, turnover, export);
        var recruitment = ParticipantRecruiter.Recruit(options, panel, tables);
        return new SimulatedProgramme(options, panel, recruitment);
    }

    private static void SimulateFirm(
        ulong seed,
        RegisterDynamics dynamics,
        int f,
        int n,
        int t,
        Tables tables,
        double[] macro,
        int[] ids,
        short[] municipality,
        short[] industry,
        bool[] isPublic,
        byte[] birth,
        int[] fte,
        long[] turnover)
    {
        var rng = Xoshiro256StarStar.ForStream(seed, (ulong)f);

        // Transitory shocks from a stream of their own: without them the classic register is unchanged.
        Xoshiro256StarStar? shocks = dynamics.HasTransitoryShocks ? Xoshiro256StarStar.ForStream(seed ^ ShockSalt, (ulong)f) : null;

        // An 8-digit id in the firm's own slot of the id range: unique, ascending with f, with room for unknown ids.
        long slotStart = IdBase + (f * IdSpan / n);
        long slotEnd = IdBase + ((f + 1L) * IdSpan / n);
        ids[f] = (int)(slotStart + rng.NextInt((int)(slotEnd - slotStart)));

        int m = tables.DrawMunicipality(rng.NextDouble());
        municipality[f] = (short)m;
        int div = tables.DrawDivision(rng.NextDouble());
        var division = Db07Industries.Divisions[div];
        industry[f] = (short)(tables.FirstCodeOfDivision[div] + rng.NextInt(division.Codes.Length));
        isPublic[f] = rng.NextDouble() < PublicBase + division.PublicShare;

        int born = rng.NextDouble() < EstablishedShare ? 0 : 1 + rng.NextInt(t - 1);
        birth[f] = (byte)born;

        double target = MeanLogSize + division.SizeShift;
        double x = Math.Min(MaxLogSize, born == 0
            ? target + (SdLogSize * rng.NextNormal()) + (rng.NextDouble() < TailProbability ? rng.NextExponential(TailRate) : 0)
            : target + YoungSizeOffset + (SdYoungLogSize * rng.NextNormal()));
        double drift = division.Drift + (SdDrift * rng.NextNormal());
        double productivity = SdProductivity * rng.NextNormal();
        double noise = SdNoiseStart * rng.NextNormal();
        double growth = drift;
        bool inactive = false;
        double lastFte = 0;
        int row = f * t;
        bool alive = true;
        for (int p = 0; p < t; p++)
        {
            if (p < born || !alive)
            {
                fte[row + p] = -1;
                turnover[row + p] = -1;
                continue;
            }

            if (p > born)
            {
                growth = drift + (dynamics.FteGrowthPersistence * (growth - drift)) + (dynamics.SdFteGrowthShock * rng.NextNormal());
                x = Math.Min(x + growth + macro[p] + (p - born <= YoungYears ? YoungGrowth : 0), MaxLogSize);
                noise = (dynamics.TurnoverNoisePersistence * noise) + (dynamics.SdTurnoverNoiseShock * rng.NextNormal());
                double u = rng.NextDouble();
                inactive = inactive
                    ? u < InactiveStay
                    : u < InactiveEntryBase + (InactiveEntrySmall / (1 + lastFte));
            }

            double transitoryFte = 0;
            double transitoryTurnover = 0;
            if (shocks is not null)
            {
                transitoryFte = dynamics.SdTransitoryFte * shocks.NextNormal();
                transitoryTurnover = dynamics.SdTransitoryTurnover * shocks.NextNormal();
            }

            double level = shocks is null ? Math.Exp(x) : Math.Exp(Math.Min(x + transitoryFte, MaxLogSize));
            double fteValue = Math.Max(level - 1, 0);
            long fteHundredths = (long)Math.Round(fteValue * 100);
            double turnoverValue = division.TurnoverPerFte * Math.Exp(shocks is null ? productivity + noise : productivity + noise + transitoryTurnover)
                * ((fteHundredths / 100.0) + TurnoverFteOffset) * Math.Pow(1 + NominalTrend, p);
            long turnoverTenths = Math.Max(1, (long)Math.Round(turnoverValue * 10));
            if (inactive)
            {
                fteHundredths = 0;
                turnoverTenths = 0;
            }

            fte[row + p] = (int)fteHundredths;
            turnover[row + p] = turnoverTenths;
            lastFte = fteHundredths / 100.0;

            double hazard = ExitBase + (ExitSmall / (1 + lastFte)) + (p - born < 2 ? ExitYoung : 0);
            if (rng.NextDouble() < hazard)
            {
                alive = false;
            }
        }
    }

    /// <summary>
    /// The firm's counterfactual export path (<see cref="RegisterExport"/>), from its own random stream and its
    /// simulated FTE and turnover, so FTE and turnover are those of the register without export. Five draws per
    /// period the firm exists, whatever the branch.
    /// </summary>
    private static void SimulateExport(ulong seed, RegisterExport model, int f, int t, Tables tables, short[] industry, int[] fte, long[] turnover, long[] export)
    {
        var rng = Xoshiro256StarStar.ForStream(seed ^ ExportSalt, (ulong)f);
        double orientation = RegisterExport.IndustryShift(Db07Industries.Divisions[tables.DivisionOfCode[industry[f]]].Code);
        double level = model.ShareLogit + (orientation / 2) + (model.SdShareFirm * rng.NextNormal());
        double persistent = 0;
        bool exporting = false;
        bool started = false;
        double lastFte = 0;
        int row = f * t;
        for (int p = 0; p < t; p++)
        {
            int fteHundredths = fte[row + p];
            if (fteHundredths < 0)
            {
                export[row + p] = -1;
                continue;
            }

            double fteValue = fteHundredths / 100.0;
            double u = rng.NextDouble();
            double shareShock = rng.NextNormal();
            double transitory = model.SdTransitoryShare * rng.NextNormal();
            double logOdds = model.ExporterLogit + orientation + (model.ExporterSizeSlope * Math.Log(1 + fteValue));
            if (!started)
            {
                exporting = u < RegisterExport.Logistic(logOdds);
                persistent = model.SdShareShock / Math.Sqrt(1 - (model.SharePersistence * model.SharePersistence)) * shareShock;
                started = true;
            }
            else
            {
                exporting = exporting
                    ? u >= model.StopBase + (model.StopSmall / (1 + lastFte))
                    : u < RegisterExport.Logistic(logOdds + model.StartOffset);
                persistent = (model.SharePersistence * persistent) + (model.SdShareShock * shareShock);
            }

            double share = model.MaxShare * RegisterExport.Logistic(level + persistent + transitory);
            long turnoverTenths = turnover[row + p];
            export[row + p] = exporting && turnoverTenths > 0 ? Math.Min((long)Math.Round(share * turnoverTenths), turnoverTenths) : 0;
            lastFte = fteValue;
        }
    }

    /// <summary>Cumulative weights of the municipality and division tables and the flat list of industry codes.</summary>
    internal sealed class Tables
    {
        public static readonly Tables Instance = new();

        private readonly double[] _municipalityCumulative;
        private readonly double[] _divisionCumulative;

        private Tables()
        {
            _municipalityCumulative = Cumulative(DanishGeography.Municipalities.Select(m => m.Weight));
            _divisionCumulative = Cumulative(Db07Industries.Divisions.Select(d => d.Weight));
            var codes = new List<string>();
            var divisionOfCode = new List<int>();
            FirstCodeOfDivision = new int[Db07Industries.Divisions.Length];
            for (int d = 0; d < Db07Industries.Divisions.Length; d++)
            {
                FirstCodeOfDivision[d] = codes.Count;
                foreach (string c in Db07Industries.Divisions[d].Codes)
                {
                    codes.Add(c);
                    divisionOfCode.Add(d);
                }
            }

            IndustryCodes = codes.ToArray();
            DivisionOfCode = divisionOfCode.ToArray();
        }

        /// <summary>All six-digit codes, division by division.</summary>
        public string[] IndustryCodes { get; }

        /// <summary>The division index of each code in <see cref="IndustryCodes"/>.</summary>
        public int[] DivisionOfCode { get; }

        /// <summary>Index of a division's first code in <see cref="IndustryCodes"/>.</summary>
        public int[] FirstCodeOfDivision { get; }

        public int DrawMunicipality(double u) => Draw(_municipalityCumulative, u);

        public int DrawDivision(double u) => Draw(_divisionCumulative, u);

        private static int Draw(double[] cumulative, double u)
        {
            double target = u * cumulative[^1];
            int lo = 0;
            int hi = cumulative.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > target)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo;
        }

        private static double[] Cumulative(IEnumerable<double> weights)
        {
            var list = new List<double>();
            double sum = 0;
            foreach (double w in weights)
            {
                sum += w;
                list.Add(sum);
            }

            return list.ToArray();
        }
    }
}

/// <summary>The simulated panel in columns: static attributes per firm, counterfactual values firm-major.</summary>
internal sealed class SimulatedPanel(
    Period[] periods,
    ResolvedSimulationPeriods grid,
    int[] ids,
    short[] municipality,
    short[] industry,
    bool[] isPublic,
    byte[] birth,
    int[] fteHundredths,
    long[] turnoverTenths,
    long[]? exportTenths = null)
{
    public Period[] Periods { get; } = periods;

    public ResolvedSimulationPeriods Grid { get; } = grid;

    public int FirmCount => Ids.Length;

    public int PeriodCount => Periods.Length;

    public int[] Ids { get; } = ids;

    public short[] Municipality { get; } = municipality;

    public short[] Industry { get; } = industry;

    public bool[] IsPublic { get; } = isPublic;

    public byte[] Birth { get; } = birth;

    /// <summary>Counterfactual (untreated) FTEs in hundredths, firm-major; -1 where the firm is absent.</summary>
    public int[] FteHundredths { get; } = fteHundredths;

    /// <summary>Counterfactual turnover in tenths of 1,000 DKK, firm-major; -1 where absent.</summary>
    public long[] TurnoverTenths { get; } = turnoverTenths;

    /// <summary>Counterfactual export in tenths of 1,000 DKK, firm-major; -1 where absent; null without export
    /// (<see cref="SimulationOptions.Export"/>).</summary>
    public long[]? ExportTenths { get; } = exportTenths;

    public int RegionOf(int firm) => DanishGeography.Municipalities[Municipality[firm]].Region;

    public int DivisionOf(int firm) => RegisterSimulator.Tables.Instance.DivisionOfCode[Industry[firm]];

    /// <summary>Index of a firm id, or -1 when no firm has it.</summary>
    public int IndexOf(int id)
    {
        int i = Array.BinarySearch(Ids, id);
        return i >= 0 ? i : -1;
    }
}
