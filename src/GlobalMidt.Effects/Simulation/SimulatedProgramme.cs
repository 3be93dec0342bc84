using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Simulation;

/// <summary>
/// A simulated register and programme held in memory: the firm panel (actual, i.e. treated, values), the
/// participants, the budgets and the known truth. Write it with <see cref="WriteTo"/>, or hand it to the library
/// directly with <see cref="ToRegister"/>.
/// </summary>
public sealed class SimulatedProgramme
{
    private readonly SimulatedPanel _panel;
    private readonly Recruitment _recruitment;
    private readonly double[] _ramp;

    internal SimulatedProgramme(SimulationOptions options, SimulatedPanel panel, Recruitment recruitment)
    {
        Options = options;
        _panel = panel;
        _recruitment = recruitment;
        var grid = panel.Grid;
        _ramp = new double[panel.PeriodCount];
        for (int p = 0; p < _ramp.Length; p++)
        {
            _ramp[p] = p <= grid.BaselineIndex ? 0
                : p >= grid.MeasurementIndex ? 1
                : (p - grid.BaselineIndex) / (double)(grid.MeasurementIndex - grid.BaselineIndex);
        }

        Budgets = options.Groups.Select(g => new GroupBudget(g.Name, g.BudgetMdkk)).ToArray();
        long rows = 0;
        foreach (int v in panel.FteHundredths)
        {
            if (v >= 0)
            {
                rows++;
            }
        }

        RowCount = rows;
        Truth = TruthCalculator.Compute(this);
    }

    /// <summary>The options the programme was simulated with.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The register periods, ascending.</summary>
    public IReadOnlyList<Period> Periods => _panel.Periods;

    /// <summary>History start, baseline and measurement.</summary>
    public ResolvedSimulationPeriods Grid => _panel.Grid;

    /// <summary>Number of firms in the register.</summary>
    public int FirmCount => _panel.FirmCount;

    /// <summary>Number of firm-period rows (periods in which a firm exists).</summary>
    public long RowCount { get; }

    /// <summary>Participant rows (firm, project, group), sorted by firm id, then project, then group.</summary>
    public IReadOnlyList<Participant> Participants => _recruitment.Rows;

    /// <summary>Budgets of the groups, in the order of the options.</summary>
    public IReadOnlyList<GroupBudget> Budgets { get; }

    /// <summary>The known truth: Table 1 counts and true effects per group and cross-cutting.</summary>
    public SimulationTruth Truth { get; }

    /// <summary>
    /// The firm panel as records, by firm id then period (generated lazily: a million firms give millions of rows).
    /// </summary>
    public IEnumerable<FirmPeriodRecord> FirmRows
    {
        get
        {
            var tables = RegisterSimulator.Tables.Instance;
            for (int f = 0; f < _panel.FirmCount; f++)
            {
                var m = DanishGeography.Municipalities[_panel.Municipality[f]];
                string id = FirmIdText(f);
                string region = DanishGeography.Regions[m.Region];
                string industry = tables.IndustryCodes[_panel.Industry[f]];
                for (int p = 0; p < _panel.PeriodCount; p++)
                {
                    if (IsPresent(f, p))
                    {
                        var record = new FirmPeriodRecord(
                            id, _panel.Periods[p], m.Code, region, industry, _panel.IsPublic[f],
                            FteHundredths(f, p) / 100.0, TurnoverTenths(f, p) / 10.0);
                        yield return HasExport ? record with { Export = ExportTenths(f, p) / 10.0 } : record;
                    }
                }
            }
        }
    }

    /// <summary>
    /// For each participant in the register, its actual and counterfactual (untreated) FTEs and turnover (and export,
    /// when the register has it) at measurement (NaN when absent then), sorted by firm id: the firm-level truth behind <see cref="Truth"/>.
    /// </summary>
    public IReadOnlyList<ParticipantEffect> ParticipantEffects()
    {
        var list = new List<ParticipantEffect>();
        int m = Grid.MeasurementIndex;
        for (int f = 0; f < _panel.FirmCount; f++)
        {
            if (_recruitment.FteEffect[f] == 0 && _recruitment.TurnoverEffect[f] == 0 && _recruitment.ExportEffect[f] == 0 && !IsParticipant(f))
            {
                continue;
            }

            bool present = IsPresent(f, m);
            list.Add(new ParticipantEffect(
                FirmIdText(f),
                _recruitment.FteEffect[f],
                _recruitment.TurnoverEffect[f],
                present ? FteHundredths(f, m) / 100.0 : double.NaN,
                present ? _panel.FteHundredths[(f * _panel.PeriodCount) + m] / 100.0 : double.NaN,
                present ? TurnoverTenths(f, m) / 10.0 : double.NaN,
                present ? _panel.TurnoverTenths[(f * _panel.PeriodCount) + m] / 10.0 : double.NaN)
            {
                ExportEffect = HasExport ? _recruitment.ExportEffect[f] : null,
                Export = !HasExport ? null : present ? ExportTenths(f, m) / 10.0 : double.NaN,
                CounterfactualExport = !HasExport ? null : present ? _panel.ExportTenths![(f * _panel.PeriodCount) + m] / 10.0 : double.NaN,
            });
        }

        return list;
    }

    /// <summary>
    /// The register as the library's columnar <see cref="Register"/> (actual values, NaN where a firm is absent),
    /// without going through files.
    /// </summary>
    public Register ToRegister()
    {
        int n = _panel.FirmCount;
        int t = _panel.PeriodCount;
        var tables = RegisterSimulator.Tables.Instance;
        var ids = new string[n];
        var fte = new double[n * t];
        var turnover = new double[n * t];
        var export = HasExport ? new double[n * t] : null;
        var municipalityNames = Distinct(_panel.Municipality, i => DanishGeography.Municipalities[i].Code, out int[] municipality);
        var regionNames = Distinct(_panel.Municipality, i => DanishGeography.Regions[DanishGeography.Municipalities[i].Region], out int[] region);
        var industryNames = Distinct(_panel.Industry, i => tables.IndustryCodes[i], out int[] industry);
        for (int f = 0; f < n; f++)
        {
            ids[f] = FirmIdText(f);
            for (int p = 0; p < t; p++)
            {
                bool present = IsPresent(f, p);
                fte[(f * t) + p] = present ? FteHundredths(f, p) / 100.0 : double.NaN;
                turnover[(f * t) + p] = present ? TurnoverTenths(f, p) / 10.0 : double.NaN;
                if (export is not null)
                {
                    export[(f * t) + p] = present ? ExportTenths(f, p) / 10.0 : double.NaN;
                }
            }
        }

        return new Register(
            FirmIdList.Of(ids), _panel.Periods.ToArray(), municipality, municipalityNames, region, regionNames, industry, industryNames,
            (bool[])_panel.IsPublic.Clone(), fte, turnover, export);
    }

    /// <summary>
    /// Writes <c>firms.csv</c> (or <c>firms.csv.gz</c>), <c>participants.csv</c>, <c>budgets.csv</c> and
    /// <c>truth.json</c> to <paramref name="directory"/> (created when missing; existing files are replaced).
    /// </summary>
    /// <param name="directory">Output directory.</param>
    /// <param name="gzip">Write the firm panel gzip-compressed as <c>firms.csv.gz</c>.</param>
    /// <returns>What was written.</returns>
    public SimulationFiles WriteTo(string directory, bool gzip = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return SimulationWriter.Write(this, directory, gzip);
    }

    /// <summary>True when the register has an export column (<see cref="SimulationOptions.Export"/>).</summary>
    public bool HasExport => _panel.ExportTenths is not null;

    internal SimulatedPanel Panel => _panel;

    internal Recruitment Recruitment => _recruitment;

    internal bool IsPresent(int firm, int period) => _panel.FteHundredths[(firm * _panel.PeriodCount) + period] >= 0;

    /// <summary>Actual FTEs in hundredths: the counterfactual raised by the firm's effect, phased in after baseline.</summary>
    internal long FteHundredths(int firm, int period)
    {
        long cf = _panel.FteHundredths[(firm * _panel.PeriodCount) + period];
        double effect = _recruitment.FteEffect[firm];
        return cf <= 0 || effect == 0 || _ramp[period] == 0 ? cf : (long)Math.Round(cf * (1 + (effect * _ramp[period])));
    }

    /// <summary>Actual turnover in tenths of 1,000 DKK.</summary>
    internal long TurnoverTenths(int firm, int period)
    {
        long cf = _panel.TurnoverTenths[(firm * _panel.PeriodCount) + period];
        double effect = _recruitment.TurnoverEffect[firm];
        return cf <= 0 || effect == 0 || _ramp[period] == 0 ? cf : (long)Math.Round(cf * (1 + (effect * _ramp[period])));
    }

    /// <summary>Actual export in tenths of 1,000 DKK (export columns only): the counterfactual raised by the firm's
    /// export effect, phased in after baseline as turnover.</summary>
    internal long ExportTenths(int firm, int period)
    {
        long cf = _panel.ExportTenths![(firm * _panel.PeriodCount) + period];
        double effect = _recruitment.ExportEffect[firm];
        return cf <= 0 || effect == 0 || _ramp[period] == 0 ? cf : (long)Math.Round(cf * (1 + (effect * _ramp[period])));
    }

    internal string FirmIdText(int firm) => _panel.Ids[firm].ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    private bool IsParticipant(int firm)
    {
        int id = _panel.Ids[firm];
        foreach (int[] group in _recruitment.GroupIds)
        {
            if (Array.BinarySearch(group, id) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Distinct(short[] values, Func<int, string> name, out int[] codes)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<short>();
        foreach (short v in values)
        {
            if (seen.Add(v))
            {
                names.Add(name(v));
            }
        }

        var list = names.ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < list.Length; i++)
        {
            index[list[i]] = i;
        }

        var map = new Dictionary<short, int>();
        foreach (short v in seen)
        {
            map[v] = index[name(v)];
        }

        codes = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            codes[i] = map[values[i]];
        }

        return list;
    }
}
