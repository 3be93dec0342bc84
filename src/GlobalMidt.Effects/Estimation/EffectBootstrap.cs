using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// Bootstrap of the effect estimate over matched sets: each replicate draws the matched participants with
/// replacement, each carrying its own matched controls (the block bootstrap of matched sets, Austin and Small 2014),
/// and recomputes the effect, controls' growth rate included. Matching itself is not redone.
/// </summary>
internal static class EffectBootstrap
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
    public static (double Low, double High)[] PercentileIntervals(IReadOnlyList<MatchedOutcomes> outcomes, int replicates, double level, ulong seed, EffectEstimator estimator = EffectEstimator.Aggregate) =>
        PercentileIntervals(outcomes, replicates, level, seed, estimator, 0);

    /// <summary>
    /// As <see cref="PercentileIntervals(IReadOnlyList{MatchedOutcomes}, int, double, ulong, EffectEstimator)"/>, on at
    /// most <paramref name="maxDegreeOfParallelism"/> threads (0 = all cores); the result does not depend on it.
    /// </summary>
    /// <remarks>
    /// Replicate b draws n participants with one generator seeded with <paramref name="seed"/>, replicate after
    /// replicate (the random stream of a serial loop). The draws of a block of replicates are made on one thread while
    /// the previous block's replicates are summed in parallel; each replicate re-sums the participants' precomputed
    /// contributions (participant and control levels, or the pairwise effect) weighted by how often each was drawn, in
    /// participant order. So each replicate's effect, and the intervals, are bit for bit those of the serial loop.
    /// </remarks>
    /// <param name="outcomes">The outcomes of one matched sample (same participants, same order).</param>
    /// <param name="replicates">Number of bootstrap replicates (at least 2).</param>
    /// <param name="level">Confidence level, e.g. 0.95.</param>
    /// <param name="seed">Seed of the resampling.</param>
    /// <param name="estimator">The effect estimator.</param>
    /// <param name="maxDegreeOfParallelism">Threads (0 = all cores).</param>
    /// <param name="effect">The effect of a replicate's sums instead of <see cref="GrowthStatistics.EffectBy"/> (the
    /// effect chain's rules, <see cref="ChainEffects"/>); null for the estimator's. The replicate's statistics carry the
    /// sums only (N and the growth counts are 0).</param>
    /// <returns>Per outcome, the (low, high) interval; NaN bounds when a replicate's effect is undefined.</returns>
    internal static (double Low, double High)[] PercentileIntervals(IReadOnlyList<MatchedOutcomes> outcomes, int replicates, double level, ulong seed, EffectEstimator estimator, int maxDegreeOfParallelism, Func<GrowthStatistics, double>? effect = null) =>
        PercentileIntervals(outcomes, replicates, level, seed, estimator, maxDegreeOfParallelism, effect is null ? null : Enumerable.Repeat(effect, outcomes.Count).ToArray());

    /// <summary>
    /// As above with, per outcome, the effect of a replicate's sums (null for the estimator's): outcomes of different
    /// rules (employment and turnover, the effect chain's) resampled by one set of draws. Each outcome's replicates,
    /// and so its interval, are bit for bit those of a call with that outcome alone (same seed, same participants):
    /// each outcome's sums are formed separately, in participant order.
    /// </summary>
    internal static (double Low, double High)[] PercentileIntervals(IReadOnlyList<MatchedOutcomes> outcomes, int replicates, double level, ulong seed, EffectEstimator estimator, int maxDegreeOfParallelism, IReadOnlyList<Func<GrowthStatistics, double>?>? effects)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ThrowIfBadReplicatesOrLevel(replicates, level);

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

        if (n == 0)
        {
            return NoIntervals(outcomes.Count);
        }

        var draws = NewDraws(outcomes.Count, replicates);

        if (effects is not null && effects.Count != outcomes.Count)
        {
            throw new ArgumentException("One effect (or null) per outcome is needed.", nameof(effects));
        }

        bool custom = effects is not null && effects.Any(e => e is not null);
        if (custom && estimator != EffectEstimator.Aggregate && effects!.Any(e => e is null))
        {
            throw new ArgumentException("Outcomes with their own effect and the pairwise estimator cannot be resampled together.", nameof(effects));
        }

        var contributions = new Contributions(outcomes, custom ? EffectEstimator.Aggregate : estimator, custom ? effects : null);
        var rng = new Xoshiro256StarStar(seed);
        // Replicates per block: one at a time on one thread (its counts stay in cache between drawing and summing),
        // else blocks of at most 1 MB of counts (2^18 ints) per buffer, two buffers.
        bool serial = maxDegreeOfParallelism == 1 || Environment.ProcessorCount == 1;
        // Serially, four replicates per pass where Effects4 applies (a quarter of the passes over the contributions).
        int block = serial ? (contributions.SumsFourAtOnce ? 4 : 1) : Math.Clamp((1 << 18) / n, 1, 64);
        if (!serial && contributions.SumsFourAtOnce)
        {
            // Four replicates per pass over the contributions (a quarter of the memory traffic), two such passes
            // per block at least so both cores have one. The draws are the same whatever the block.
            block = Math.Max(8, (block + 3) / 4 * 4);
        }

        var current = new int[block * n];
        var next = new int[block * n];
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : -1 };
        Draw(rng, current, n, Math.Min(block, replicates));
        for (int from = 0; from < replicates; from += block)
        {
            int count = Math.Min(block, replicates - from);
            int nextFrom = from + block;
            int nextCount = Math.Min(block, replicates - nextFrom);
            var buffer = current;
            var upcoming = next;
            Task? drawing = null;
            if (nextCount > 0)
            {
                if (serial)
                {
                    SumBlock(contributions, buffer, n, from, count, draws, po, serial);
                    Draw(rng, upcoming, n, nextCount);
                    (current, next) = (next, current);
                    continue;
                }

                drawing = Task.Run(() => Draw(rng, upcoming, n, nextCount));
            }

            SumBlock(contributions, buffer, n, from, count, draws, po, serial);
            drawing?.GetAwaiter().GetResult();
            (current, next) = (next, current);
        }

        return IntervalsOfDraws(draws, level);
    }

    /// <summary>(NaN, NaN) for each of <paramref name="outcomes"/> outcomes: no participant, no interval.</summary>
    internal static (double Low, double High)[] NoIntervals(int outcomes)
    {
        var result = new (double, double)[outcomes];
        Array.Fill(result, (double.NaN, double.NaN));
        return result;
    }

    /// <summary>Per outcome, room for one effect per replicate.</summary>
    internal static double[][] NewDraws(int outcomes, int replicates)
    {
        var draws = new double[outcomes][];
        for (int k = 0; k < outcomes; k++)
        {
            draws[k] = new double[replicates];
        }

        return draws;
    }

    /// <summary>Per outcome, the percentile interval (R's <c>quantile(type = 7)</c>) of its replicates' effects
    /// (sorted in place); (NaN, NaN) when an effect is not a number.</summary>
    internal static (double Low, double High)[] IntervalsOfDraws(double[][] draws, double level)
    {
        var result = new (double, double)[draws.Length];
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

    /// <summary>The counts of <paramref name="replicates"/> successive replicates, each n draws of 0..n-1.</summary>
    private static void Draw(Xoshiro256StarStar rng, int[] counts, int n, int replicates)
    {
        Array.Clear(counts, 0, replicates * n);
        for (int r = 0; r < replicates; r++)
        {
            rng.AddDrawCounts(counts.AsSpan(r * n, n)); // counts[rng.NextInt(n)]++, n times
        }
    }

    private static void SumBlock(Contributions contributions, int[] counts, int n, int from, int count, double[][] draws, ParallelOptions po, bool serial)
    {
        if (serial)
        {
            int r = 0;
            for (; contributions.SumsFourAtOnce && r + 4 <= count; r += 4)
            {
                contributions.Effects4(counts.AsSpan(r * n, 4 * n), n, draws, from + r);
            }

            for (; r < count; r++)
            {
                contributions.Effects(counts.AsSpan(r * n, n), draws, from + r);
            }

            return;
        }

        if (contributions.SumsFourAtOnce)
        {
            int fours = count / 4;
            Parallel.For(0, fours + (count % 4), po, u =>
            {
                if (u < fours)
                {
                    contributions.Effects4(counts.AsSpan(u * 4 * n, 4 * n), n, draws, from + (4 * u));
                }
                else
                {
                    int r = (4 * fours) + (u - fours);
                    contributions.Effects(counts.AsSpan(r * n, n), draws, from + r);
                }
            });
            return;
        }

        Parallel.For(0, count, po, r => contributions.Effects(counts.AsSpan(r * n, n), draws, from + r));
    }

    /// <summary>
    /// Per participant, the values each replicate sums (interleaved, participant after participant): for the
    /// aggregate estimator Y0, Y1 and the controls' mean Y0 and Y1 of every outcome; for the pairwise estimator the
    /// participant's Y1 minus its counterfactual. The sums and the effect are formed exactly as
    /// <see cref="MatchedOutcomes.Statistics(ReadOnlySpan{int})"/> and <see cref="GrowthStatistics.EffectBy"/> do.
    /// </summary>
    private sealed class Contributions
    {
        private readonly double[] _values;
        private readonly int _outcomes;
        private readonly int _stride;
        private readonly EffectEstimator _estimator;
        private readonly IReadOnlyList<Func<GrowthStatistics, double>?>? _effects;
        private readonly bool _finite;

        public Contributions(IReadOnlyList<MatchedOutcomes> outcomes, EffectEstimator estimator, IReadOnlyList<Func<GrowthStatistics, double>?>? effects)
        {
            _estimator = estimator;
            _effects = effects;
            _outcomes = outcomes.Count;
            int per = estimator == EffectEstimator.Pairwise ? 1 : 4;
            _stride = per * _outcomes;
            int n = outcomes[0].Count;
            _values = new double[n * _stride];
            for (int t = 0; t < n; t++)
            {
                for (int k = 0; k < _outcomes; k++)
                {
                    var o = outcomes[k];
                    int off = (t * _stride) + (k * per);
                    if (per == 1)
                    {
                        _values[off] = o.Y1[t] - o.Counterfactual(t);
                    }
                    else
                    {
                        _values[off] = o.Y0[t];
                        _values[off + 1] = o.Y1[t];
                        _values[off + 2] = o.ControlY0[t];
                        _values[off + 3] = o.ControlY1[t];
                    }
                }
            }

            // Every value finite: a participant drawn 0 times adds 0 x value = +-0, which leaves a sum that starts at +0
            // unchanged, so Effects4 may add it instead of branching on the count (the same doubles).
            _finite = true;
            foreach (double x in _values)
            {
                _finite &= double.IsFinite(x);
            }
        }

        /// <summary>True when <see cref="Effects4"/> applies: two outcomes, aggregate estimator, 256-bit vectors.</summary>
        public bool SumsFourAtOnce => _stride == 8 && Vector256.IsHardwareAccelerated;

        /// <summary><see cref="Effects"/> for four successive replicates (their counts one after the other, n each)
        /// in one pass over the contributions: each replicate's sums get the same additions in the same order as in
        /// <see cref="Effects"/> (a participant drawn 0 times adds nothing), so the same doubles.</summary>
        public void Effects4(ReadOnlySpan<int> counts, int n, double[][] draws, int b)
        {
            var c0 = counts[..n];
            var c1 = counts.Slice(n, n);
            var c2 = counts.Slice(2 * n, n);
            var c3 = counts.Slice(3 * n, n);
            ref double v = ref MemoryMarshal.GetArrayDataReference(_values);
            Vector256<double> lo0 = default, hi0 = default, lo1 = default, hi1 = default;
            Vector256<double> lo2 = default, hi2 = default, lo3 = default, hi3 = default;
            for (int t = 0; _finite && t < n; t++)
            {
                var xl = Vector256.LoadUnsafe(ref v, (nuint)(t * 8));
                var xh = Vector256.LoadUnsafe(ref v, (nuint)((t * 8) + 4));
                var w = Vector256.Create((double)c0[t]);
                lo0 += w * xl;
                hi0 += w * xh;
                w = Vector256.Create((double)c1[t]);
                lo1 += w * xl;
                hi1 += w * xh;
                w = Vector256.Create((double)c2[t]);
                lo2 += w * xl;
                hi2 += w * xh;
                w = Vector256.Create((double)c3[t]);
                lo3 += w * xl;
                hi3 += w * xh;
            }

            for (int t = 0; !_finite && t < n; t++)
            {
                var xl = Vector256.LoadUnsafe(ref v, (nuint)(t * 8));
                var xh = Vector256.LoadUnsafe(ref v, (nuint)((t * 8) + 4));
                int k = c0[t];
                if (k != 0)
                {
                    var w = Vector256.Create((double)k);
                    lo0 += w * xl;
                    hi0 += w * xh;
                }

                k = c1[t];
                if (k != 0)
                {
                    var w = Vector256.Create((double)k);
                    lo1 += w * xl;
                    hi1 += w * xh;
                }

                k = c2[t];
                if (k != 0)
                {
                    var w = Vector256.Create((double)k);
                    lo2 += w * xl;
                    hi2 += w * xh;
                }

                k = c3[t];
                if (k != 0)
                {
                    var w = Vector256.Create((double)k);
                    lo3 += w * xl;
                    hi3 += w * xh;
                }
            }

            Span<double> sums = stackalloc double[8];
            (Vector256<double> Lo, Vector256<double> Hi)[] all = [(lo0, hi0), (lo1, hi1), (lo2, hi2), (lo3, hi3)];
            for (int r = 0; r < 4; r++)
            {
                all[r].Lo.CopyTo(sums);
                all[r].Hi.CopyTo(sums[4..]);
                Finish(sums, draws, b + r);
            }
        }

        /// <summary>Each outcome's effect for one replicate's counts, into <paramref name="draws"/>[k][b].</summary>
        public void Effects(ReadOnlySpan<int> counts, double[][] draws, int b)
        {
            Span<double> sums = stackalloc double[_stride];
            sums.Clear();
            var v = _values;
            int stride = _stride;
            if (stride == 8)
            {
                // Two outcomes, aggregate estimator (what measure runs): the sums in registers, four lanes at a time
                // where the hardware has them (each lane adds the same products in the same order as the scalar loop).
                if (Vector256.IsHardwareAccelerated)
                {
                    var lo = Vector256<double>.Zero;
                    var hi = Vector256<double>.Zero;
                    for (int t = 0; t < counts.Length; t++)
                    {
                        int c = counts[t];
                        if (c == 0)
                        {
                            continue;
                        }

                        var w = Vector256.Create((double)c);
                        var x = v.AsSpan(t * 8, 8);
                        lo += w * Vector256.Create<double>(x[..4]);
                        hi += w * Vector256.Create<double>(x[4..]);
                    }

                    lo.CopyTo(sums);
                    hi.CopyTo(sums[4..]);
                }
                else
                {
                    double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
                    for (int t = 0; t < counts.Length; t++)
                    {
                        int c = counts[t];
                        if (c == 0)
                        {
                            continue;
                        }

                        double w = c;
                        var x = v.AsSpan(t * 8, 8);
                        a0 += w * x[0];
                        a1 += w * x[1];
                        a2 += w * x[2];
                        a3 += w * x[3];
                        b0 += w * x[4];
                        b1 += w * x[5];
                        b2 += w * x[6];
                        b3 += w * x[7];
                    }

                    sums[0] = a0;
                    sums[1] = a1;
                    sums[2] = a2;
                    sums[3] = a3;
                    sums[4] = b0;
                    sums[5] = b1;
                    sums[6] = b2;
                    sums[7] = b3;
                }
            }

            bool vectorised = false;
            if (stride != 8 && stride % 4 == 0 && Vector256.IsHardwareAccelerated)
            {
                // Several outcomes (the effect chain's): the same sums, four lanes at a time (each lane adds the same
                // products in the same order as the scalar loop below).
                Span<Vector256<double>> acc = stackalloc Vector256<double>[stride / 4];
                acc.Clear();
                for (int t = 0; t < counts.Length; t++)
                {
                    int c = counts[t];
                    if (c == 0)
                    {
                        continue;
                    }

                    var w = Vector256.Create((double)c);
                    var x = v.AsSpan(t * stride, stride);
                    for (int q = 0; q < acc.Length; q++)
                    {
                        acc[q] += w * Vector256.Create<double>(x.Slice(4 * q, 4));
                    }
                }

                for (int q = 0; q < acc.Length; q++)
                {
                    acc[q].CopyTo(sums.Slice(4 * q, 4));
                }

                vectorised = true;
            }

            for (int t = 0; stride != 8 && !vectorised && t < counts.Length; t++)
            {
                int c = counts[t];
                if (c == 0)
                {
                    continue;
                }

                double w = c;
                int off = t * stride;
                for (int j = 0; j < stride; j++)
                {
                    sums[j] += w * v[off + j];
                }
            }

            Finish(sums, draws, b);
        }

        /// <summary>Each outcome's effect from one replicate's sums, into <paramref name="draws"/>[k][b].</summary>
        private void Finish(Span<double> sums, double[][] draws, int b)
        {
            for (int k = 0; k < _outcomes; k++)
            {
                var s = _estimator == EffectEstimator.Pairwise
                    ? new GrowthStatistics(0, 0, 0, 0, 0, 0, 0, sums[k])
                    : new GrowthStatistics(0, 0, 0, sums[4 * k], sums[(4 * k) + 1], sums[(4 * k) + 2], sums[(4 * k) + 3], 0);
                var effect = _effects?[k];
                draws[k][b] = effect is null ? s.EffectBy(_estimator) : effect(s);
            }
        }
    }

    /// <summary>R's <c>quantile(x, p, type = 7)</c> of sorted data.</summary>
    internal static double Quantile7(ReadOnlySpan<double> sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The checks every percentile bootstrap makes: at least 2 replicates, a level strictly between 0 and 1.</summary>
    internal static void ThrowIfBadReplicatesOrLevel(int replicates, double level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 2);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level lies strictly between 0 and 1.");
        }
    }
}
