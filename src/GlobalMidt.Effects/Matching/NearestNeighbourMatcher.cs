namespace GlobalMidt.Effects.Matching;

/// <summary>
/// Nearest-neighbour matching within exact strata.
/// </summary>
/// <remarks>
/// Same semantics as R MatchIt 4.x <c>matchit(method = "nearest", distance = ..., exact = ..., ratio = ...,
/// replace = ...)</c> for the distances between covariates. Ties in distance go to the control with the smaller
/// <see cref="MatchingData.TieRank"/>. Without replacement and with ratio k, controls are chosen in k passes over the
/// treated units (MatchIt's order); with replacement each treated unit takes its k nearest at once.
/// </remarks>
public static class NearestNeighbourMatcher
{
    /// <summary>Matches every treated row to its nearest controls.</summary>
    /// <exception cref="ArgumentException">Options invalid.</exception>
    public static MatchResult Match(MatchingData data, MatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Distance == DistanceMetric.Glm)
        {
            throw new NotSupportedException("Propensity-score matching (Distance = Glm) is not available in this build; use Mahalanobis, ScaledEuclidean or Euclidean.");
        }

        var (coords, dims) = CovariateTransform.Transform(data, options.Distance);
        int n = data.RowCount;
        int[] rank = data.TieRank ?? Enumerable.Range(0, n).ToArray();

        // Group rows by stratum (ascending stratum code), rows in ascending order within each.
        var byStratum = new SortedDictionary<int, (List<int> Treated, List<int> Controls)>();
        for (int i = 0; i < n; i++)
        {
            int s = data.Strata?[i] ?? 0;
            if (!byStratum.TryGetValue(s, out var lists))
            {
                lists = ([], []);
                byStratum[s] = lists;
            }

            (data.Treated[i] ? lists.Treated : lists.Controls).Add(i);
        }

        var pairs = new List<MatchedPair>();
        var unmatched = new List<UnmatchedUnit>();
        foreach (var (treated, controls) in byStratum.Values)
        {
            if (treated.Count == 0)
            {
                continue;
            }

            if (controls.Count == 0)
            {
                foreach (int t in treated)
                {
                    unmatched.Add(new UnmatchedUnit(t, UnmatchedReason.NoControlInStratum));
                }

                continue;
            }

            MatchStratum(treated, controls, coords, dims, rank, options, pairs, unmatched);
        }

        pairs.Sort(static (a, b) => a.Treated != b.Treated ? a.Treated.CompareTo(b.Treated) : a.Slot.CompareTo(b.Slot));
        unmatched.Sort(static (a, b) => a.Row.CompareTo(b.Row));
        return new MatchResult
        {
            Pairs = pairs,
            Weights = MatchWeights.Compute(n, data.Treated, pairs),
            Unmatched = unmatched,
        };
    }

    private static void MatchStratum(
        List<int> treated,
        List<int> controls,
        double[] coords,
        int dims,
        int[] rank,
        MatchingOptions options,
        List<MatchedPair> pairs,
        List<UnmatchedUnit> unmatched)
    {
        int k = options.Ratio;
        if (options.Replace)
        {
            var best = new List<(double D, int Rank, int Row)>(controls.Count);
            foreach (int t in treated)
            {
                best.Clear();
                foreach (int c in controls)
                {
                    best.Add((SquaredDistance(coords, dims, t, c), rank[c], c));
                }

                best.Sort();
                for (int s = 0; s < Math.Min(k, best.Count); s++)
                {
                    pairs.Add(new MatchedPair(t, best[s].Row, s + 1, Math.Sqrt(best[s].D)));
                }
            }

            return;
        }

        var used = new HashSet<int>();
        var slots = new int[treated.Count];
        for (int pass = 0; pass < k; pass++)
        {
            for (int ti = 0; ti < treated.Count; ti++)
            {
                int t = treated[ti];
                if (slots[ti] < pass)
                {
                    continue; // got nothing in an earlier pass
                }

                double bestD = double.PositiveInfinity;
                int bestRank = int.MaxValue;
                int bestRow = -1;
                foreach (int c in controls)
                {
                    if (used.Contains(c))
                    {
                        continue;
                    }

                    double d = SquaredDistance(coords, dims, t, c);
                    if (d < bestD || (d == bestD && rank[c] < bestRank))
                    {
                        bestD = d;
                        bestRank = rank[c];
                        bestRow = c;
                    }
                }

                if (bestRow < 0)
                {
                    if (pass == 0)
                    {
                        unmatched.Add(new UnmatchedUnit(t, UnmatchedReason.ControlsExhausted));
                    }

                    continue;
                }

                used.Add(bestRow);
                slots[ti]++;
                pairs.Add(new MatchedPair(t, bestRow, slots[ti], Math.Sqrt(bestD)));
            }
        }
    }

    private static double SquaredDistance(double[] coords, int dims, int a, int b)
    {
        double s = 0;
        int ia = a * dims;
        int ib = b * dims;
        for (int j = 0; j < dims; j++)
        {
            double d = coords[ia + j] - coords[ib + j];
            s += d * d;
        }

        return s;
    }
}
