using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// The bootstrap of a propensity-subclass sample (<see cref="PropensitySubclasses"/>): each replicate draws the
/// participants with replacement and, within every subclass, its controls with replacement (n_c,s of them), and
/// recomputes the effect from the subclasses' resampled control sums. The matched-set bootstrap of
/// <see cref="EffectBootstrap"/> keeps every subclass's controls fixed, and since a subclass's controls serve all of
/// its participants their sampling noise would be left out of the interval. The propensity model is not refitted (a
/// fit per replicate and group would cost 199 fits; the subclasses are taken as the design).
/// </summary>
internal static class SubclassBootstrap
{
    /// <summary>Percentile intervals (R's <c>quantile(type = 7)</c>) of the effect of each outcome, all outcomes
    /// resampled by the same draws.</summary>
    /// <param name="sample">The group's sample: participants whose control lists are their subclass's (disjoint
    /// between subclasses).</param>
    /// <param name="outcomes">Per outcome, the baseline and measurement values per register firm.</param>
    /// <param name="replicates">Replicates (at least 2).</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="estimator">The effect formula.</param>
    public static (double Low, double High)[] PercentileIntervals(MatchedSample sample, IReadOnlyList<(double[] Baseline, double[] Measurement)> outcomes, int replicates, double level, ulong seed, EffectEstimator estimator)
    {
        int n = sample.ParticipantCount;
        var offsets = sample.Offsets;
        var controls = sample.ControlFirms;

        // Subclasses: participants sharing a control list (lists of different subclasses are disjoint, so the first
        // control identifies it).
        var classOfFirst = new Dictionary<int, int>();
        var participantClass = new int[n];
        var classStart = new List<int>();
        var classCount = new List<int>();
        for (int t = 0; t < n; t++)
        {
            int first = controls[offsets[t]];
            if (!classOfFirst.TryGetValue(first, out int s))
            {
                s = classOfFirst.Count;
                classOfFirst[first] = s;
                classStart.Add(offsets[t]);
                classCount.Add(offsets[t + 1] - offsets[t]);
            }

            participantClass[t] = s;
        }

        int classes = classStart.Count;
        var rng = new Xoshiro256StarStar(seed);
        var draws = outcomes.Select(_ => new double[replicates]).ToArray();
        var counts = new int[n];
        var s0 = new double[outcomes.Count * classes];
        var s1 = new double[outcomes.Count * classes];
        for (int b = 0; b < replicates; b++)
        {
            Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                counts[rng.NextInt(n)]++;
            }

            Array.Clear(s0);
            Array.Clear(s1);
            for (int s = 0; s < classes; s++)
            {
                int start = classStart[s];
                int k = classCount[s];
                for (int i = 0; i < k; i++)
                {
                    int c = controls[start + rng.NextInt(k)];
                    for (int o = 0; o < outcomes.Count; o++)
                    {
                        s0[(o * classes) + s] += outcomes[o].Baseline[c];
                        s1[(o * classes) + s] += outcomes[o].Measurement[c];
                    }
                }
            }

            for (int o = 0; o < outcomes.Count; o++)
            {
                var (y0, y1) = outcomes[o];
                double p0 = 0, p1 = 0, c0 = 0, c1 = 0, pairwise = 0;
                for (int t = 0; t < n; t++)
                {
                    if (counts[t] == 0)
                    {
                        continue;
                    }

                    int s = participantClass[t];
                    int f = sample.ParticipantFirms[t];
                    double w = counts[t];
                    double k = classCount[s];
                    double cs0 = s0[(o * classes) + s];
                    double cs1 = s1[(o * classes) + s];
                    p0 += w * y0[f];
                    p1 += w * y1[f];
                    c0 += w * cs0 / k;
                    c1 += w * cs1 / k;
                    double counterfactual = cs0 > 0 ? y0[f] * cs1 / cs0 : y0[f] + ((cs1 - cs0) / k);
                    pairwise += w * (y1[f] - counterfactual);
                }

                draws[o][b] = estimator == EffectEstimator.Pairwise ? pairwise : c0 > 0 ? p1 - (p0 * c1 / c0) : double.NaN;
            }
        }

        return EffectBootstrap.IntervalsOfDraws(draws, level);
    }
}
