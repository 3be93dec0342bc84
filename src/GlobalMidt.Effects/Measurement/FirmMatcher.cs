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
        MatchingOptions options)
    {
        var controlsOf = new Dictionary<int, (int[] Controls, double[] Distances, int Level)>();
        var remaining = participants;
        var available = pool;
        var lastReason = new Dictionary<int, UnmatchedReason>();
        var fallbacks = new List<(int Level, DistanceFallback Fallback)>();
        for (int level = 0; level < levels.Count && remaining.Length > 0 && available.Length > 0; level++)
        {
            var rows = new int[remaining.Length + available.Length];
            remaining.CopyTo(rows, 0);
            available.CopyTo(rows, remaining.Length);
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

            var strata = Strata(register, covariates, rows, levels[level]);
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
            int p = 0;
            var pairs = result.Pairs;
            while (p < pairs.Count)
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
                    if (usedFirm is not null)
                    {
                        usedFirm[rows[pairs[i].Control]] = true;
                        anyUsed = true;
                    }
                }

                controlsOf[rows[t]] = (controls, distances, level);
                p = q;
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

    /// <summary>Dense stratum codes for the rows at one level (codes follow the sorted cell keys).</summary>
    private static int[] Strata(Register register, FirmCovariates covariates, int[] rows, MatchingLevel level)
    {
        var regions = register.RegionCodes;
        var municipalities = register.MunicipalityCodes;
        var industries = register.IndustryCodes;
        var prefixCode = IndustryPrefixCodes(register, level.IndustryDigits);
        var keys = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            int f = rows[i];
            long location = level.Location switch
            {
                LocationLevel.Region => regions[f],
                LocationLevel.Municipality => municipalities[f],
                _ => 0,
            };
            long industry = prefixCode[industries[f]];
            long history = level.History && covariates.HasHistory[f] ? 1 : 0;
            keys[i] = (((location << 24) | industry) << 1) | history;
        }

        return DenseCodes(keys);
    }

    /// <summary>Per key, its index among the distinct keys in ascending order. Keys are small (location, industry
    /// prefix, history bit): a lookup table over their range when it is not much larger than the rows, else a sort.</summary>
    internal static int[] DenseCodes(long[] keys)
    {
        var strata = new int[keys.Length];
        if (keys.Length == 0)
        {
            return strata;
        }

        long min = long.MaxValue;
        long max = long.MinValue;
        foreach (long k in keys)
        {
            min = k < min ? k : min;
            max = k > max ? k : max;
        }

        if ((ulong)(max - min) < (ulong)((4L * keys.Length) + (1 << 20)))
        {
            var code = new int[max - min + 1];
            foreach (long k in keys)
            {
                code[k - min] = 1;
            }

            int next = 0;
            for (int v = 0; v < code.Length; v++)
            {
                code[v] = code[v] != 0 ? next++ : -1;
            }

            for (int i = 0; i < keys.Length; i++)
            {
                strata[i] = code[keys[i] - min];
            }

            return strata;
        }

        var distinct = keys.Distinct().Order().ToArray();
        var codeOf = new Dictionary<long, int>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++)
        {
            codeOf[distinct[i]] = i;
        }

        for (int i = 0; i < keys.Length; i++)
        {
            strata[i] = codeOf[keys[i]];
        }

        return strata;
    }

    /// <summary>Per interned industry, a code for its first <paramref name="digits"/> digits (0 for all when digits is 0).</summary>
    private static int[] IndustryPrefixCodes(Register register, int digits)
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
}
