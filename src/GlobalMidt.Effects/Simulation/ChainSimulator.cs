using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Simulation;

/// <summary>
/// The generator of the 2017-2019 programme's effect chain (issue 8): half-yearly registers 2012H1-2026H2 with export
/// and value added, participants with activities and start/end periods in 2017H1-2019H2, and the true effects of every
/// period after the project period per group, activity and cross-cutting (truth.json). The model is described in
/// data-samples/README.md ("The effect-chain generator").
/// </summary>
/// <remarks>Each firm is simulated from its own random stream, twice with the same draws when it participates: once
/// without the programme (the counterfactual) and once with it (written to the register). The truth is the difference
/// of the two, summed over the firms the measurement of that period counts, so it has no sampling error of its
/// own.</remarks>
public static class ChainSimulator
{
    /// <summary>The activities of the programme (annex 2), in truth.json's order.</summary>
    public static IReadOnlyList<string> Activities { get; } =
    [
        "Basecamp", "Workshop course", "Competence course", "Individual growth course", "Export mentor",
        "Competence course with market visit",
    ];

    /// <summary>First period of the register.</summary>
    public static Period FirstPeriod { get; } = Period.FromHalfYear(2012, 1);

    /// <summary>Last period of the register.</summary>
    public static Period LastPeriod { get; } = Period.FromHalfYear(2026, 2);

    /// <summary>Baseline of every measurement: the last period before the project period.</summary>
    public static Period Baseline { get; } = Period.FromHalfYear(2016, 2);

    /// <summary>First period of the project.</summary>
    public static Period ProjectStart { get; } = Period.FromHalfYear(2017, 1);

    /// <summary>Last period of the project.</summary>
    public static Period ProjectEnd { get; } = Period.FromHalfYear(2019, 2);

    // Per activity: weight among activity rows, lift of FTE, turnover and export at full effect, extra half-yearly
    // hazard of starting to export (for firms without export).
    private static readonly double[] ActivityWeight = [0.25, 0.20, 0.20, 0.15, 0.12, 0.08];
    private static readonly double[] LiftFte = [0.01, 0.01, 0.02, 0.04, 0.03, 0.03];
    private static readonly double[] LiftTurnover = [0.02, 0.02, 0.03, 0.06, 0.05, 0.05];
    private static readonly double[] LiftExport = [0.03, 0.04, 0.05, 0.06, 0.12, 0.10];
    private static readonly double[] ExportHazard = [0.01, 0.015, 0.02, 0.02, 0.05, 0.04];

    private const int RampPeriods = 6;
    private const double RepeatShare = 0.1;
    private const ulong RepeatSeed = 0x5245_5045_4154_0001UL;
    private const double OwnExportHazard = 0.01;
    private const double UnknownShare = 0.02;

    // The groups: name, region index (-1 = national), effect scale, budget and private co-financing (mio. DKK), code.
    private static readonly (string Name, int Region, double Scale, double Budget, double Private, string Code)[] Groups =
    [
        ("VF Hovedstaden", 0, 1.0, 40.0, 12.0, "HOV"),
        ("VF Sjælland", 1, 0.0, 12.0, 3.0, "SJA"),
        ("VF Syddanmark", 2, 1.0, 30.0, 9.0, "SYD"),
        ("VF Midtjylland", 3, 1.5, 60.0, 20.0, "MID"),
        ("VF Nordjylland", 4, 1.0, 25.0, 6.0, "NOR"),
        ("Nationale projekter", -1, 1.0, 10.0, 2.5, "NAT"),
    ];

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Simulates and writes firms.csv[.gz], participants.csv, budgets.csv and truth.json into
    /// <paramref name="directory"/> (created when missing).</summary>
    /// <param name="options">The options.</param>
    /// <param name="directory">The output folder.</param>
    /// <param name="gzip">Write firms.csv.gz instead of firms.csv.</param>
    public static ChainSimulationFiles Write(ChainSimulationOptions options, string directory, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(directory);
        options.Validate();
        Directory.CreateDirectory(directory);
        string firmsPath = Path.Combine(directory, gzip ? "firms.csv.gz" : "firms.csv");
        string participantsPath = Path.Combine(directory, "participants.csv");
        string budgetsPath = Path.Combine(directory, "budgets.csv");
        string truthPath = Path.Combine(directory, "truth.json");

        int periods = LastPeriod.Ordinal - FirstPeriod.Ordinal + 1;
        int baseline = Baseline.Ordinal - FirstPeriod.Ordinal;
        int projectStart = ProjectStart.Ordinal - FirstPeriod.Ordinal;
        int projectEnd = ProjectEnd.Ordinal - FirstPeriod.Ordinal;
        var truth = new ChainTruth(periods, projectEnd, Groups.Length, Activities.Count);
        var participants = new List<(string FirmId, string Project, int Group, int Activity, int Start, int End)>();
        long rows = 0;
        var firm = new ChainFirm(periods);
        var treated = new ChainFirm(periods);
        using (var file = new FileStream(firmsPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var zip = gzip ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true) : null)
        using (var w = new StreamWriter((Stream?)zip ?? file, Utf8NoBom, 1 << 16) { NewLine = "\n" })
        {
            w.Write("firm_id,period,municipality,region,industry,sector,fte,turnover,export,value_added\n");
            var labels = Enumerable.Range(0, periods).Select(p => HalfYear(FirstPeriod.Ordinal + p).ToString()).ToArray();
            var activities = new List<int>(2);
            for (int i = 0; i < options.Firms; i++)
            {
                var rng = Xoshiro256StarStar.ForStream(options.Seed, (ulong)i);
                firm.Draw(rng, periods);
                firm.Realise(null, 0); // the untreated path, which the selection below reads (size, export at baseline)
                var lifts = new double[4];
                int start = -1;
                int group = -1;
                activities.Clear();
                if (firm.ActiveAt(baseline) && rng.NextBernoulli(Math.Min(1.0,
                    options.ParticipantsShare * Math.Exp((0.3 * (Math.Log(firm.Fte[baseline] + 1) - 1.5)) + (firm.ExportsAt(baseline) ? 0.5 : 0)))))
                {
                    group = rng.NextBernoulli(0.1) ? Groups.Length - 1 : firm.Region;
                    activities.Add(PickActivity(rng));
                    if (rng.NextBernoulli(0.25))
                    {
                        int second = PickActivity(rng);
                        if (second != activities[0])
                        {
                            activities.Add(second);
                        }
                    }

                    int projectNumber = 1 + rng.NextInt(3);
                    string project = string.Create(CultureInfo.InvariantCulture, $"{Groups[group].Code}-EXP-{projectNumber}");
                    string id = ChainFirm.Id(i);
                    int firstRow = participants.Count;
                    foreach (int a in activities)
                    {
                        int s = projectStart + rng.NextInt(projectEnd - projectStart + 1);
                        int e = Math.Min(projectEnd, s + rng.NextInt(3));
                        participants.Add((id, project, group, a, s, e));
                        start = start < 0 ? s : Math.Min(start, s);
                        double scale = Groups[group].Scale;
                        lifts[0] += scale * LiftFte[a];
                        lifts[1] += scale * LiftTurnover[a];
                        lifts[2] += scale * LiftExport[a];
                        lifts[3] += scale * ExportHazard[a];
                    }

                    // Some firms come back for their first activity in another project of the group, in one later
                    // half-year (no further effect): reported twice, counted once. Drawn from a stream of its own, so
                    // the firm's other draws do not change.
                    var first = participants[firstRow];
                    var again = Xoshiro256StarStar.ForStream(options.Seed ^ RepeatSeed, (ulong)i);
                    if (again.NextBernoulli(RepeatShare) && first.End < projectEnd)
                    {
                        int s = first.End + 1 + again.NextInt(projectEnd - first.End);
                        string other = string.Create(CultureInfo.InvariantCulture, $"{Groups[group].Code}-EXP-{1 + ((projectNumber + again.NextInt(2)) % 3)}");
                        participants.Add((id, other, group, first.Activity, s, s));
                    }
                }

                if (group >= 0)
                {
                    treated.CopyDraws(firm);
                    treated.Realise(lifts, start);
                    truth.Add(firm, treated, group, activities, baseline);
                }

                rows += (group >= 0 ? treated : firm).WriteRows(w, i, labels);
            }
        }

        // Reported ids that are not in the register (typos, firms outside the extract).
        var extra = new List<(string FirmId, string Project, int Group, int Activity, int Start, int End)>();
        var unknownRng = Xoshiro256StarStar.ForStream(options.Seed, ulong.MaxValue);
        int unknown = (int)Math.Round(UnknownShare * participants.Select(p => p.FirmId).Distinct().Count());
        for (int u = 0; u < unknown; u++)
        {
            int g = unknownRng.NextInt(Groups.Length);
            int a = PickActivity(unknownRng);
            int s = projectStart + unknownRng.NextInt(projectEnd - projectStart + 1);
            string id = string.Create(CultureInfo.InvariantCulture, $"{99_000_000 + u}");
            extra.Add((id, $"{Groups[g].Code}-EXP-1", g, a, s, s));
            truth.AddUnknown(g, a);
        }

        participants.AddRange(extra);
        participants.Sort((x, y) =>
        {
            int c = FirmIdComparer.Compare(x.FirmId.AsSpan(), y.FirmId.AsSpan());
            c = c != 0 ? c : x.Activity.CompareTo(y.Activity);
            return c != 0 ? c : x.Start.CompareTo(y.Start);
        });
        using (var w = new StreamWriter(participantsPath, false, Utf8NoBom) { NewLine = "\n" })
        {
            w.Write("firm_id,project_id,group,activity,start,end\n");
            foreach (var p in participants)
            {
                w.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{p.FirmId},{p.Project},{Groups[p.Group].Name},{Activities[p.Activity]},{Label(p.Start)},{Label(p.End)}\n"));
            }
        }

        using (var w = new StreamWriter(budgetsPath, false, Utf8NoBom) { NewLine = "\n" })
        {
            w.Write("group,budget_mdkk,private_mdkk\n");
            foreach (var g in Groups)
            {
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{g.Name},{g.Budget:0.0},{g.Private:0.0}\n"));
            }
        }

        using (var file = new FileStream(truthPath, FileMode.Create, FileAccess.Write))
        {
            truth.WriteJson(file, options, participants.Count, participants.Select(p => (p.FirmId, p.Group, p.Activity, p.Start, p.End)).ToList());
        }

        int firmIds = participants.Select(p => p.FirmId).Distinct().Count();
        return new ChainSimulationFiles(firmsPath, participantsPath, budgetsPath, truthPath, rows, participants.Count, firmIds);
    }

    private static string Label(int period) => HalfYear(FirstPeriod.Ordinal + period).ToString();

    private static Period HalfYear(int ordinal) => Period.FromHalfYear(ordinal / 2, (ordinal % 2) + 1);

    private static int PickActivity(Xoshiro256StarStar rng)
    {
        double u = rng.NextDouble();
        for (int a = 0; a < ActivityWeight.Length - 1; a++)
        {
            u -= ActivityWeight[a];
            if (u < 0)
            {
                return a;
            }
        }

        return ActivityWeight.Length - 1;
    }

    /// <summary>One firm's draws and its realised path (with or without the programme).</summary>
    private sealed class ChainFirm(int periods)
    {
        private readonly double[] _fteShock = new double[periods];
        private readonly double[] _persistent = new double[periods];
        private readonly double[] _transitory = new double[periods];
        private readonly double[] _vaShock = new double[periods];
        private readonly double[] _exportDraw = new double[periods];
        private readonly bool[] _dormant = new bool[periods];
        private double _fixedCost;
        private string _municipality = "";
        private string _industry = "";
        private double _logSize;
        private double _turnoverPerFte;
        private double _exportShare;
        private double _margin;
        private bool _exporterAtStart;

        public double[] Fte { get; } = new double[periods];

        public double[] Turnover { get; } = new double[periods];

        public double[] Export { get; } = new double[periods];

        public double[] ValueAdded { get; } = new double[periods];

        public int Region { get; private set; }

        public bool IsPublic { get; private set; }

        public int Birth { get; private set; }

        public int Death { get; private set; }

        public static string Id(int index) => string.Create(CultureInfo.InvariantCulture, $"{30_000_000 + index}");

        public bool Present(int p) => p >= Birth && p < Death;

        public bool ActiveAt(int p) => Present(p) && (Fte[p] > 0 || Turnover[p] > 0);

        public bool ExportsAt(int p) => Present(p) && Export[p] > 0;

        public void Draw(Xoshiro256StarStar rng, int count)
        {
            var m = DanishGeography.Municipalities[PickWeighted(rng, DanishGeography.Municipalities.Length, i => DanishGeography.Municipalities[i].Weight)];
            _municipality = m.Code;
            Region = m.Region;
            var d = Db07Industries.Divisions[PickWeighted(rng, Db07Industries.Divisions.Length, i => Db07Industries.Divisions[i].Weight)];
            _industry = d.Codes[rng.NextInt(d.Codes.Length)];
            IsPublic = rng.NextBernoulli(0.02);
            Birth = rng.NextBernoulli(0.85) ? 0 : 1 + rng.NextInt(count - 1);
            Death = count;
            for (int p = Birth + 1; p < count; p++)
            {
                if (rng.NextBernoulli(0.015))
                {
                    Death = p;
                    break;
                }
            }

            _logSize = rng.NextNormal(0.8 + d.SizeShift, 1.2);
            _turnoverPerFte = d.TurnoverPerFte * Math.Exp(rng.NextNormal(0, 0.3));
            _exporterAtStart = rng.NextBernoulli(1 / (1 + Math.Exp(-(-1.5 + (0.5 * _logSize)))));
            _exportShare = 0.05 + (0.55 * rng.NextDouble());
            _margin = rng.NextNormal(0.3, 0.12);
            double ar = 0;
            double fteAr = 0;
            for (int p = 0; p < count; p++)
            {
                fteAr = (0.9 * fteAr) + rng.NextNormal(0, 0.06);
                ar = (0.85 * ar) + rng.NextNormal(0, 0.08);
                _fteShock[p] = fteAr;
                _persistent[p] = ar;
                _transitory[p] = rng.NextNormal(0, 0.12);
                _vaShock[p] = rng.NextNormal(0, 0.15);
                _exportDraw[p] = rng.NextDouble();
                _dormant[p] = rng.NextBernoulli(0.004);
            }

            _fixedCost = 20 + (80 * rng.NextDouble());
        }

        public void CopyDraws(ChainFirm other)
        {
            other._fteShock.CopyTo(_fteShock, 0);
            other._persistent.CopyTo(_persistent, 0);
            other._transitory.CopyTo(_transitory, 0);
            other._vaShock.CopyTo(_vaShock, 0);
            other._exportDraw.CopyTo(_exportDraw, 0);
            other._dormant.CopyTo(_dormant, 0);
            _fixedCost = other._fixedCost;
            (_municipality, _industry, Region, IsPublic, Birth, Death) = (other._municipality, other._industry, other.Region, other.IsPublic, other.Birth, other.Death);
            (_logSize, _turnoverPerFte, _exportShare, _margin, _exporterAtStart) = (other._logSize, other._turnoverPerFte, other._exportShare, other._margin, other._exporterAtStart);
        }

        /// <summary>The path; <paramref name="lifts"/> (FTE, turnover, export, export hazard) from period
        /// <paramref name="start"/> on, ramping up over <see cref="RampPeriods"/> half-years; null for none.</summary>
        public void Realise(double[]? lifts, int start)
        {
            bool exporting = _exporterAtStart;
            for (int p = 0; p < Fte.Length; p++)
            {
                double ramp = lifts is null || p < start ? 0 : Math.Min(1.0, (p - start + 1) / (double)RampPeriods);
                double hazard = OwnExportHazard + (lifts is null ? 0 : lifts[3] * ramp);
                if (!exporting && p > Birth && _exportDraw[p] < hazard)
                {
                    exporting = true;
                }

                double rawFte = Math.Exp(_logSize + _fteShock[p]) - 0.6;
                double fte = rawFte <= 0 ? 0 : Math.Round(rawFte * (1 + ((lifts?[0] ?? 0) * ramp)), 1);
                double rawTurnover = _turnoverPerFte * Math.Exp(_logSize + _persistent[p] + _transitory[p]);
                double turnover = Math.Round(rawTurnover * (1 + ((lifts?[1] ?? 0) * ramp)), 1);
                double export = exporting ? Math.Round(_exportShare * turnover * (1 + ((lifts?[2] ?? 0) * ramp)), 1) : 0;
                export = Math.Min(export, turnover);
                double va = Math.Round(turnover * (_margin + _vaShock[p]), 1);
                if (_dormant[p])
                {
                    // A dormant half-year: no staff, no sales, no export, only fixed costs (negative value added).
                    (fte, turnover, export, va) = (0, 0, 0, -Math.Round(_fixedCost, 1));
                }

                Fte[p] = fte;
                Turnover[p] = turnover;
                Export[p] = export;
                ValueAdded[p] = va == 0 ? 0 : va;
            }
        }

        public long WriteRows(StreamWriter w, int index, string[] labels)
        {
            string prefix = Id(index) + ",";
            string attributes = string.Create(CultureInfo.InvariantCulture,
                $",{_municipality},{DanishGeography.Regions[Region]},{_industry},{(IsPublic ? "public" : "private")},");
            long n = 0;
            for (int p = Birth; p < Death; p++)
            {
                w.Write(prefix);
                w.Write(labels[p]);
                w.Write(attributes);
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{Fte[p]:0.0},{Turnover[p]:0.0},{Export[p]:0.0},{ValueAdded[p]:0.0}\n"));
                n++;
            }

            return n;
        }

        private static int PickWeighted(Xoshiro256StarStar rng, int count, Func<int, double> weight)
        {
            double total = 0;
            for (int i = 0; i < count; i++)
            {
                total += weight(i);
            }

            double u = rng.NextDouble() * total;
            for (int i = 0; i < count - 1; i++)
            {
                u -= weight(i);
                if (u < 0)
                {
                    return i;
                }
            }

            return count - 1;
        }
    }

    /// <summary>The true effects and Table 1 counts of every measurement period after the project period.</summary>
    private sealed class ChainTruth
    {
        private readonly int _periods;
        private readonly int _projectEnd;
        private readonly int _rowsCount;

        // [row][period] where row = group, then activity (offset by the group count), then the cross-cutting row.
        private readonly int[] _reported;
        private readonly int[] _unknown;
        private readonly int[] _publicCount;
        private readonly int[,] _measured;
        private readonly int[,] _ceased;
        private readonly int[,] _inactive;
        private readonly int[,] _nonExporters;
        private readonly double[,] _jobs;
        private readonly double[,] _turnover;
        private readonly double[,] _export;
        private readonly double[,] _valueAdded;
        private readonly double[,] _exporters;
        private readonly int _groups;
        private readonly int _activities;

        public ChainTruth(int periods, int projectEnd, int groups, int activities)
        {
            _periods = periods;
            _projectEnd = projectEnd;
            _groups = groups;
            _activities = activities;
            _rowsCount = groups + activities + 1;
            _reported = new int[_rowsCount];
            _unknown = new int[_rowsCount];
            _publicCount = new int[_rowsCount];
            _measured = new int[_rowsCount, periods];
            _ceased = new int[_rowsCount, periods];
            _inactive = new int[_rowsCount, periods];
            _nonExporters = new int[_rowsCount, periods];
            _jobs = new double[_rowsCount, periods];
            _turnover = new double[_rowsCount, periods];
            _export = new double[_rowsCount, periods];
            _valueAdded = new double[_rowsCount, periods];
            _exporters = new double[_rowsCount, periods];
        }

        public void AddUnknown(int group, int activity)
        {
            foreach (int r in new[] { group, _groups + activity, _rowsCount - 1 })
            {
                _reported[r]++;
                _unknown[r]++;
            }
        }

        public void Add(ChainFirm counterfactual, ChainFirm treated, int group, List<int> activities, int baseline)
        {
            var rows = new List<int> { group };
            rows.AddRange(activities.Select(a => _groups + a));
            rows.Add(_rowsCount - 1);
            bool exporterAtBaseline = counterfactual.ExportsAt(baseline);
            foreach (int r in rows)
            {
                _reported[r]++;
                if (treated.IsPublic)
                {
                    _publicCount[r]++;
                }
            }

            if (treated.IsPublic)
            {
                return;
            }

            // The classic eligibility for the window baseline..m: present in every period (else ceased), and no
            // period with 0 FTE and 0 turnover (else inactive); ceased takes precedence.
            bool ceased = false;
            bool inactive = false;
            for (int m = baseline; m < _periods; m++)
            {
                ceased |= !treated.Present(m);
                inactive |= !ceased && treated.Fte[m] == 0 && treated.Turnover[m] == 0;
                if (m <= _projectEnd)
                {
                    continue;
                }

                foreach (int r in rows)
                {
                    if (ceased)
                    {
                        _ceased[r, m]++;
                    }
                    else if (inactive)
                    {
                        _inactive[r, m]++;
                    }
                    else
                    {
                        _measured[r, m]++;
                        _jobs[r, m] += treated.Fte[m] - counterfactual.Fte[m];
                        _turnover[r, m] += treated.Turnover[m] - counterfactual.Turnover[m];
                        _export[r, m] += treated.Export[m] - counterfactual.Export[m];
                        _valueAdded[r, m] += treated.ValueAdded[m] - counterfactual.ValueAdded[m];
                        if (!exporterAtBaseline)
                        {
                            _nonExporters[r, m]++;
                            _exporters[r, m] += (treated.Export[m] > 0 ? 1 : 0) - (counterfactual.Export[m] > 0 ? 1 : 0);
                        }
                    }
                }
            }
        }

        public void WriteJson(Stream stream, ChainSimulationOptions options, int participantRows, List<(string FirmId, int Group, int Activity, int Start, int End)> rows)
        {
            using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            j.WriteStartObject();
            j.WriteString("model", "chain");
            j.WriteNumber("seed", options.Seed);
            j.WriteNumber("firms", options.Firms);
            j.WriteNumber("participants_share", options.ParticipantsShare);
            j.WriteNumber("participant_rows", participantRows);
            j.WriteString("first_period", FirstPeriod.ToString());
            j.WriteString("last_period", LastPeriod.ToString());
            j.WriteString("history_start", FirstPeriod.ToString());
            j.WriteString("baseline", Baseline.ToString());
            j.WriteString("project_start", ProjectStart.ToString());
            j.WriteString("project_end", ProjectEnd.ToString());
            j.WriteStartArray("groups");
            for (int g = 0; g < _groups; g++)
            {
                j.WriteStartObject();
                j.WriteString("group", Groups[g].Name);
                j.WriteNumber("effect_scale", Groups[g].Scale);
                j.WriteNumber("budget_mdkk", Groups[g].Budget);
                j.WriteNumber("private_mdkk", Groups[g].Private);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteStartArray("activities");
            for (int a = 0; a < _activities; a++)
            {
                j.WriteStartObject();
                j.WriteString("activity", Activities[a]);
                j.WriteNumber("weight", ActivityWeight[a]);
                j.WriteNumber("lift_fte", LiftFte[a]);
                j.WriteNumber("lift_turnover", LiftTurnover[a]);
                j.WriteNumber("lift_export", LiftExport[a]);
                j.WriteNumber("export_hazard", ExportHazard[a]);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteStartArray("series");
            for (int m = _projectEnd + 1; m < _periods; m++)
            {
                double years = (m - _projectEnd) / 2.0;
                for (int r = 0; r < _rowsCount; r++)
                {
                    j.WriteStartObject();
                    bool cross = r == _rowsCount - 1;
                    j.WriteString("by", r < _groups || cross ? "group" : "activity");
                    j.WriteString("name", cross ? Eligibility.ParticipantGroups.CrossCuttingName : r < _groups ? Groups[r].Name : Activities[r - _groups]);
                    j.WriteBoolean("cross_cutting", cross);
                    j.WriteString("period", Label(m));
                    j.WriteNumber("years_after", years);
                    j.WriteString("band", years <= 2 ? "0-2" : years <= 5 ? "2-5" : "5+");
                    j.WriteNumber("reported", _reported[r]);
                    j.WriteNumber("measured", _measured[r, m]);
                    j.WriteStartObject("excluded");
                    j.WriteNumber("unknown", _unknown[r]);
                    j.WriteNumber("public", _publicCount[r]);
                    j.WriteNumber("ceased", _ceased[r, m]);
                    j.WriteNumber("inactive", _inactive[r, m]);
                    j.WriteEndObject();
                    j.WriteNumber("true_jobs", Math.Round(_jobs[r, m], 6));
                    j.WriteNumber("true_added_turnover_mdkk", Math.Round(_turnover[r, m] / 1000, 6));
                    j.WriteNumber("true_added_export_mdkk", Math.Round(_export[r, m] / 1000, 6));
                    j.WriteNumber("true_added_value_added_mdkk", Math.Round(_valueAdded[r, m] / 1000, 6));
                    j.WriteNumber("non_exporters_at_baseline", _nonExporters[r, m]);
                    j.WriteNumber("true_additional_exporters", _exporters[r, m]);
                    j.WriteEndObject();
                }
            }

            j.WriteEndArray();
            WriteIndicators(j, rows);
            j.WriteEndObject();
        }

        /// <summary>The output indicators of the written participants.csv, in the shape of <c>measure --indicators</c>'s
        /// JSON: per activity (and all activities, each firm once) and half-year of the project period the firms whose
        /// first start it is, the firms active and the cumulated firms; per group the reported firms, budget and
        /// private co-financing.</summary>
        private void WriteIndicators(Utf8JsonWriter j, List<(string FirmId, int Group, int Activity, int Start, int End)> rows)
        {
            int from = ProjectStart.Ordinal - FirstPeriod.Ordinal;
            int to = ProjectEnd.Ordinal - FirstPeriod.Ordinal;
            j.WriteStartObject("indicators");
            j.WriteNumber("supported_firms", rows.Select(r => r.FirmId).Distinct().Count());
            j.WriteNumber("budget_mdkk", Groups.Sum(g => g.Budget));
            j.WriteNumber("private_mdkk", Groups.Sum(g => g.Private));
            j.WriteStartArray("periods");
            for (int p = from; p <= to; p++)
            {
                j.WriteStringValue(Label(p));
            }

            j.WriteEndArray();
            j.WriteStartArray("activities");
            var sets = new List<(string Name, bool Cross, List<(string FirmId, int Group, int Activity, int Start, int End)> Rows)> { (Eligibility.ParticipantGroups.CrossCuttingName, true, rows) };
            sets.AddRange(Enumerable.Range(0, _activities).OrderBy(a => Activities[a], StringComparer.Ordinal).Select(a => (Activities[a], false, rows.Where(r => r.Activity == a).ToList())).Where(s => s.Item3.Count > 0));
            foreach (var (name, cross, set) in sets)
            {
                var firstStart = set.GroupBy(r => r.FirmId).ToDictionary(f => f.Key, f => f.Min(r => r.Start));
                j.WriteStartObject();
                j.WriteString("activity", name);
                j.WriteBoolean("cross_cutting", cross);
                j.WriteNumber("supported_firms", firstStart.Count);
                j.WriteStartArray("by_period");
                for (int p = from; p <= to; p++)
                {
                    j.WriteStartObject();
                    j.WriteString("period", Label(p));
                    j.WriteNumber("firms_starting", firstStart.Values.Count(s => s == p));
                    j.WriteNumber("firms_active", set.Where(r => r.Start <= p && p <= r.End).Select(r => r.FirmId).Distinct().Count());
                    j.WriteNumber("firms_cumulative", firstStart.Values.Count(s => s <= p));
                    j.WriteEndObject();
                }

                j.WriteEndArray();
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteStartArray("groups");
            var groupSets = new List<(string Name, bool Cross, int Firms, double Budget, double Private)>
            {
                (Eligibility.ParticipantGroups.CrossCuttingName, true, rows.Select(r => r.FirmId).Distinct().Count(), Groups.Sum(g => g.Budget), Groups.Sum(g => g.Private)),
            };
            groupSets.AddRange(Enumerable.Range(0, _groups).OrderBy(g => Groups[g].Name, StringComparer.Ordinal)
                .Select(g => (Groups[g].Name, false, rows.Where(r => r.Group == g).Select(r => r.FirmId).Distinct().Count(), Groups[g].Budget, Groups[g].Private)));
            foreach (var (name, cross, firms, budget, privateMdkk) in groupSets)
            {
                j.WriteStartObject();
                j.WriteString("group", name);
                j.WriteBoolean("cross_cutting", cross);
                j.WriteNumber("supported_firms", firms);
                j.WriteNumber("budget_mdkk", budget);
                j.WriteNumber("private_mdkk", privateMdkk);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }
    }
}
