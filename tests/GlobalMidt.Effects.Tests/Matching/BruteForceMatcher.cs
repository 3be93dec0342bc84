using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Tests.Matching;

/// <summary>
/// The test-side reference: the same preparation as the library (propensity model, covariate transform, discard,
/// caliper, order: <see cref="NearestNeighbourMatcher.Prepare"/>), then matching by brute force: every treated
/// unit looks at every control of its stratum, ties by (distance, tie rank). Slow and obviously right.
/// </summary>
internal static class BruteForceMatcher
{
    public static MatchResult Match(MatchingData data, MatchingOptions options)
    {
        var plan = NearestNeighbourMatcher.Prepare(data, options);
        var pairs = new List<MatchedPair>();
        var unmatched = new List<UnmatchedUnit>();
        double caliper = plan.CaliperWidth ?? double.PositiveInfinity;
        int k = options.Ratio;
        foreach (var st in plan.Strata)
        {
            foreach (int t in st.DiscardedTreated)
            {
                unmatched.Add(new UnmatchedUnit(t, UnmatchedReason.Discarded));
            }

            if (st.Treated.Length == 0)
            {
                continue;
            }

            if (st.ControlCount == 0)
            {
                foreach (int t in st.Treated)
                {
                    unmatched.Add(new UnmatchedUnit(t, UnmatchedReason.NoControlInStratum));
                }

                continue;
            }

            if (options.Replace)
            {
                foreach (int t in st.Treated)
                {
                    var all = new List<(double D, int Rank, int Row)>();
                    foreach (int c in st.ControlRows)
                    {
                        double d = Distance(plan, t, c);
                        if (Within(plan, d, caliper))
                        {
                            all.Add((d, plan.Rank[c], c));
                        }
                    }

                    if (all.Count == 0)
                    {
                        unmatched.Add(new UnmatchedUnit(t, UnmatchedReason.Caliper));
                        continue;
                    }

                    all.Sort();
                    for (int s = 0; s < Math.Min(k, all.Count); s++)
                    {
                        pairs.Add(new MatchedPair(t, all[s].Row, s + 1, Reported(plan, all[s].D)));
                    }
                }

                continue;
            }

            var used = new HashSet<int>();
            var slots = new int[st.Treated.Length];
            for (int pass = 0; pass < k; pass++)
            {
                for (int ti = 0; ti < st.Treated.Length; ti++)
                {
                    if (slots[ti] < pass)
                    {
                        continue;
                    }

                    int t = st.Treated[ti];
                    double bestD = double.PositiveInfinity;
                    int bestRank = int.MaxValue;
                    int bestRow = -1;
                    foreach (int c in st.ControlRows)
                    {
                        if (used.Contains(c))
                        {
                            continue;
                        }

                        double d = Distance(plan, t, c);
                        if (!Within(plan, d, caliper))
                        {
                            continue;
                        }

                        if (d < bestD || (d == bestD && plan.Rank[c] < bestRank))
                        {
                            bestD = d;
                            bestRank = plan.Rank[c];
                            bestRow = c;
                        }
                    }

                    if (bestRow < 0)
                    {
                        if (pass == 0)
                        {
                            unmatched.Add(new UnmatchedUnit(t, used.Count == st.ControlCount ? UnmatchedReason.ControlsExhausted : UnmatchedReason.Caliper));
                        }

                        continue;
                    }

                    used.Add(bestRow);
                    slots[ti]++;
                    pairs.Add(new MatchedPair(t, bestRow, slots[ti], Reported(plan, bestD)));
                }
            }
        }

        pairs.Sort(static (a, b) => a.Treated != b.Treated ? a.Treated.CompareTo(b.Treated) : a.Slot.CompareTo(b.Slot));
        unmatched.Sort(static (a, b) => a.Row.CompareTo(b.Row));
        return new MatchResult
        {
            Pairs = pairs,
            Weights = MatchWeights.Compute(data.RowCount, data.Treated, pairs),
            Unmatched = unmatched,
            PropensityScores = plan.PropensityScores,
            Discarded = plan.Discarded,
            PropensityModel = plan.PropensityModel,
            CaliperWidth = plan.CaliperWidth,
            RowsInStrataWithoutTreated = plan.RowsInStrataWithoutTreated,
            DistanceFallback = plan.DistanceFallback,
        };
    }

    /// <summary>|score difference| for a propensity score; the squared distance for coordinates.</summary>
    private static double Distance(MatchingPlan plan, int t, int c)
    {
        if (plan.PropensityScores is { } ps)
        {
            return Math.Abs(ps[c] - ps[t]);
        }

        double s = 0;
        for (int a = 0; a < plan.Dims; a++)
        {
            double d = plan.Coordinate(t, a) - plan.Coordinate(c, a);
            s += d * d;
        }

        return s;
    }

    private static bool Within(MatchingPlan plan, double d, double caliper) => plan.PropensityScores is null || d <= caliper;

    private static double Reported(MatchingPlan plan, double d) => plan.PropensityScores is null ? Math.Sqrt(d) : d;
}
