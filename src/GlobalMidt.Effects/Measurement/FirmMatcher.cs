using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// Matches participants to control firms: exact on the cells of each <see cref="MatchingLevel"/> (finest first),
/// nearest neighbours on the firm covariates within a cell, through the generic <see cref="NearestNeighbourMatcher"/>.
/// </summary>
internal static class FirmMatcher
{
    /// <summary>
    /// The group's matched sample: level by level (finest first), the participants still unmatched against the
    /// controls still available (all of the pool with replacement), one engine call per level; the pairs of every
    /// level together in one <see cref="MatchedSample"/>, whose weights are computed once.
    /// </summary>
    public static MatchedSample Match(
        Register register,
        FirmCovariates covariates,
        int[] participants,
        int[] pool,
        IReadOnlyList<MatchingLevel> levels,
        IReadOnlyList<FirmCovariate> covariateList,
        MatchingOptions options,
        MatchingCells? cells = null)
    {
        cells ??= new MatchingCells(register, covariates, levels, false);
        var controlsOf = new Dictionary<int, (int[] Controls, double[] Distances, int Level)>();
        var remaining = participants;
        var available = pool;
        var lastReason = new Dictionary<int, UnmatchedReason>();
        var fallbacks = new List<(int Level, DistanceFallback Fallback)>();
        for (int level = 0; level < levels.Count && remaining.Length > 0 && available.Length > 0; level++)
        {
            // Only the controls of cells holding a participant: the engine leaves every other row out (as if
            // absent), so passing them changes nothing but the time (docs/effect-chain.md, "Speed").
            var code = cells.Codes(level);
            var denseOf = new int[cells.CellCount(level)];
            foreach (int f in remaining)
            {
                denseOf[code[f]] = 1;
            }

            for (int c = 0, k = 0; c < denseOf.Length; c++)
            {
                denseOf[c] = denseOf[c] == 0 ? -1 : k++;
            }

            int kept = 0;
            foreach (int f in available)
            {
                kept += denseOf[code[f]] >= 0 ? 1 : 0;
            }

            var rows = new int[remaining.Length + kept];
            remaining.CopyTo(rows, 0);
            for (int i = 0, k = remaining.Length; i < available.Length; i++)
            {
                int f = available[i];
                if (denseOf[code[f]] >= 0)
                {
                    rows[k++] = f;
                }
            }

            var strata = new int[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                strata[i] = denseOf[code[rows[i]]];
            }

            var treated = new bool[rows.Length];
            Array.Fill(treated, true, 0, remaining.Length);
            var cols = new double[covariateList.Count][];
            var names = new string[covariateList.Count];
            for (int j = 0; j < cols.Length; j++)
            {
                var source = covariates.Column(covariateList[j]);
                var col = new double[rows.Length];
                for (int i = 0; i < rows.Length; i++)
                {
                    col[i] = source[rows[i]];
                }

                cols[j] = col;
                names[j] = FirmCovariates.Name(covariateList[j]);
            }

            var data = new MatchingData(treated, names, cols, strata, tieRank: rows);
            // The options were validated once, by EffectMeasurement.Run: the plan is made without validating again.
            var result = MatchingPlan.Create(data, options).Match();
            if (result.DistanceFallback != DistanceFallback.None)
            {
                fallbacks.Add((level, result.DistanceFallback));
            }

            var next = new List<int>();
            foreach (var u in result.Unmatched)
            {
                int firm = rows[u.Row];
                lastReason[firm] = u.Reason;
                next.Add(firm);
            }

            var usedFirm = options.Replace ? null : new bool[register.FirmCount]; // controls taken at this level
            bool anyUsed = false;
            foreach (var (firm, controls, distances) in ControlsByTreated(result.Pairs, rows))
            {
                controlsOf[firm] = (controls, distances, level);
                if (usedFirm is not null)
                {
                    foreach (int c in controls)
                    {
                        usedFirm[c] = true;
                        anyUsed = true;
                    }
                }
            }

            remaining = next.ToArray();
            Array.Sort(remaining);
            if (usedFirm is not null && anyUsed)
            {
                available = Array.FindAll(available, c => !usedFirm[c]);
            }
        }

        var matched = new List<int>();
        var offsets = new List<int> { 0 };
        var all = new List<int>();
        var dist = new List<double>();
        var levelOf = new List<int>();
        foreach (int f in participants)
        {
            if (controlsOf.TryGetValue(f, out var m))
            {
                matched.Add(f);
                all.AddRange(m.Controls);
                dist.AddRange(m.Distances);
                offsets.Add(all.Count);
                levelOf.Add(m.Level);
            }
        }

        var unmatched = new List<(int, UnmatchedReason)>();
        foreach (int f in participants)
        {
            if (!controlsOf.ContainsKey(f))
            {
                unmatched.Add((f, lastReason.GetValueOrDefault(f, UnmatchedReason.NoControlInStratum)));
            }
        }

        return MatchedSample.Create(register.FirmIds, levels, [.. matched], [.. offsets], [.. all], [.. dist], [.. levelOf], unmatched, fallbacks, covariates);
    }

    /// <summary>Per interned industry, a code for its first <paramref name="digits"/> digits (0 for all when digits is 0).</summary>
    internal static int[] IndustryPrefixCodes(Register register, int digits)
    {
        var names = register.IndustryNames;
        var result = new int[names.Count];
        if (digits == 0)
        {
            return result;
        }

        var prefixes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            prefixes.TryAdd(name[..Math.Min(digits, name.Length)], 0);
        }

        int k = 0;
        foreach (var key in prefixes.Keys.ToArray())
        {
            prefixes[key] = k++;
        }

        for (int i = 0; i < names.Count; i++)
        {
            result[i] = prefixes[names[i][..Math.Min(digits, names[i].Length)]];
        }

        return result;
    }

    /// <summary>The engine's pairs (ordered by treated row, then slot) as each treated firm with its control firms
    /// and distances, in the pairs' order; engine rows are firms through <paramref name="rows"/>.</summary>
    internal static IEnumerable<(int Firm, int[] Controls, double[] Distances)> ControlsByTreated(IReadOnlyList<MatchedPair> pairs, int[] rows)
    {
        for (int p = 0; p < pairs.Count;)
        {
            int t = pairs[p].Treated;
            int q = p;
            while (q < pairs.Count && pairs[q].Treated == t)
            {
                q++;
            }

            var controls = new int[q - p];
            var distances = new double[q - p];
            for (int i = p; i < q; i++)
            {
                controls[i - p] = rows[pairs[i].Control];
                distances[i - p] = pairs[i].Distance;
            }

            yield return (rows[t], controls, distances);
            p = q;
        }
    }
}

/// <summary>
/// Per matching level, every register firm's exact cell (location x industry prefix x history) as a code that follows
/// the sorted cell keys: built once per window (once per series: the cells depend on the baseline and history only)
/// and shared by every group, so each group and level only filters its rows.
/// </summary>
internal sealed class MatchingCells
{
    private readonly Lazy<(int[] Codes, int Count)>[] _levels;

    /// <param name="register">The register.</param>
    /// <param name="covariates">The window's covariates (history flags, exporter flags).</param>
    /// <param name="levels">The exact-matching levels.</param>
    /// <param name="exporterStrata">Keep exporters and non-exporters at baseline apart at every level
    /// (<see cref="MeasurementOptions.ExporterStrata"/>); ignored when the register has no export column.</param>
    public MatchingCells(Register register, FirmCovariates covariates, IReadOnlyList<MatchingLevel> levels, bool exporterStrata)
    {
        _levels = new Lazy<(int[], int)>[levels.Count];
        double[]? exporter = exporterStrata && register.HasExport ? covariates.ExporterFlags : null;
        for (int l = 0; l < levels.Count; l++)
        {
            var level = levels[l];
            _levels[l] = new Lazy<(int[], int)>(() => Build(register, covariates.HasHistory, level, exporter));
        }
    }

    /// <summary>Per register firm, its cell code at level <paramref name="level"/>.</summary>
    public int[] Codes(int level) => _levels[level].Value.Codes;

    /// <summary>The number of cell codes at level <paramref name="level"/>.</summary>
    public int CellCount(int level) => _levels[level].Value.Count;

    private static (int[], int) Build(Register register, bool[] hasHistory, MatchingLevel level, double[]? exporter)
    {
        var regions = register.RegionCodes;
        var municipalities = register.MunicipalityCodes;
        var industries = register.IndustryCodes;
        var prefixCode = FirmMatcher.IndustryPrefixCodes(register, level.IndustryDigits);
        int n = register.FirmCount;
        var locationOf = level.Location switch
        {
            LocationLevel.Region => regions,
            LocationLevel.Municipality => municipalities,
            _ => default,
        };
        int lowest = 0;
        int locations = 1;
        foreach (int l in locationOf)
        {
            lowest = Math.Min(lowest, l);
            locations = Math.Max(locations, l + 1);
        }

        int prefixes = 1;
        foreach (int c in prefixCode)
        {
            prefixes = Math.Max(prefixes, c + 1);
        }

        // The cell of a firm as a dense index (location, industry prefix, history) in the order of the keys below,
        // its code the rank of that index among the indices present: one pass to mark, one to rank, one to look up
        // (was a set of the distinct keys, sorted, and a dictionary lookup per firm; the same codes).
        int exporterParts = exporter is null ? 1 : 2;
        long cells = (long)locations * prefixes * 2 * exporterParts;
        if (lowest == 0 && cells <= Math.Max(1L << 16, n))
        {
            var rank = new int[cells];
            var codes = new int[n];
            for (int f = 0; f < n; f++)
            {
                int location = locationOf.IsEmpty ? 0 : locationOf[f];
                int history = level.History && hasHistory[f] ? 1 : 0;
                int d = (((location * prefixes) + prefixCode[industries[f]]) * 2) + history;
                if (exporter is not null)
                {
                    d = (d * 2) + (exporter[f] > 0 ? 1 : 0);
                }

                codes[f] = d;
                rank[d] = 1;
            }

            int count = 0;
            for (int d = 0; d < rank.Length; d++)
            {
                int present = rank[d];
                rank[d] = count;
                count += present;
            }

            for (int f = 0; f < n; f++)
            {
                codes[f] = rank[codes[f]];
            }

            return (codes, count);
        }

        var keys = new long[n];
        for (int f = 0; f < n; f++)
        {
            long location = level.Location switch
            {
                LocationLevel.Region => regions[f],
                LocationLevel.Municipality => municipalities[f],
                _ => 0,
            };
            long industry = prefixCode[industries[f]];
            long history = level.History && hasHistory[f] ? 1 : 0;
            keys[f] = (((location << 24) | industry) << 1) | history;
            if (exporter is not null)
            {
                keys[f] = (keys[f] << 1) | (exporter[f] > 0 ? 1L : 0L);
            }
        }

        var distinct = keys.Distinct().Order().ToArray();
        var code = new Dictionary<long, int>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++)
        {
            code[distinct[i]] = i;
        }

        var result = new int[n];
        for (int f = 0; f < n; f++)
        {
            result[f] = code[keys[f]];
        }

        return (result, distinct.Length);
    }
}
