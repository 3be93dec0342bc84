using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// Bootstrap of the effect estimate over matched sets: each replicate draws the matched participants with
/// replacement, each carrying its own matched controls (the block bootstrap of matched sets, Austin and Small 2014),
/// and recomputes the effect, controls' growth rate included. Matching itself is not redone.
/// </summary>
public static class EffectBootstrap
{
    /// <summary>
    /// Percentile intervals (R <c>quantile(type = 7)</c> of the replicates) of the effect of each outcome; all
    /// outcomes are resampled together (same draws).
    /// </summary>
    /// <param name="outcomes">The outcomes of one matched sample (same participants, same order).</param>
    /// <param name="replicates">Number of bootstrap replicates (at least 2).</param>
    /// <param name="level">Confidence level, e.g. 0.95.</param>
    /// <param name="seed">Seed of the resampling.</param>
    /// <param name="estimator">The effect estimator.</param>
    /// <returns>Per outcome, the (low, high) interval; NaN bounds when a replicate's effect is undefined.</returns>
    public static (double Low, double High)[] PercentileIntervals(IReadOnlyList<MatchedOutcomes> outcomes, int replicates, double level, ulong seed, EffectEstimator estimator = EffectEstimator.Aggregate)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 2);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level lies strictly between 0 and 1.");
        }

        if (outcomes.Count == 0)
        {
            return [];
        }

        int n = outcomes[0].Count;
        foreach (var o in outcomes)
        {
            if (o.Count != n)
            {
                throw new ArgumentException("All outcomes must come from the same matched participants.", nameof(outcomes));
            }
        }

        var result = new (double, double)[outcomes.Count];
        if (n == 0)
        {
            Array.Fill(result, (double.NaN, double.NaN));
            return result;
        }

        var draws = new double[outcomes.Count][];
        for (int k = 0; k < draws.Length; k++)
        {
            draws[k] = new double[replicates];
        }

        var rng = new Xoshiro256StarStar(seed);
        var counts = new int[n];
        for (int b = 0; b < replicates; b++)
        {
            Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                counts[rng.NextInt(n)]++;
            }

            for (int k = 0; k < outcomes.Count; k++)
            {
                draws[k][b] = outcomes[k].Statistics(counts).EffectBy(estimator);
            }
        }

        double alpha = (1 - level) / 2;
        for (int k = 0; k < draws.Length; k++)
        {
            var d = draws[k];
            if (Array.Exists(d, double.IsNaN))
            {
                result[k] = (double.NaN, double.NaN);
                continue;
            }

            Array.Sort(d);
            result[k] = (Quantile7(d, alpha), Quantile7(d, 1 - alpha));
        }

        return result;
    }

    /// <summary>R's <c>quantile(x, p, type = 7)</c> of sorted data.</summary>
    internal static double Quantile7(ReadOnlySpan<double> sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
