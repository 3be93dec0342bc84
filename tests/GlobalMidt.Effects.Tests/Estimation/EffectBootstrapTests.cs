using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Tests.Estimation;

public class EffectBootstrapTests
{
    [Theory]
    // Values from R 4.x: quantile(c(1,2,3,4,10), c(0.025, 0.975), type = 7) and
    // quantile(c(3.5,-1,2,8,0.25,7,7,1), c(0.05, 0.5, 0.95)).
    [InlineData(new[] { 1.0, 2, 3, 4, 10 }, 0.025, 1.1000000000000001)]
    [InlineData(new[] { 1.0, 2, 3, 4, 10 }, 0.975, 9.4000000000000021)]
    [InlineData(new[] { 3.5, -1, 2, 8, 0.25, 7, 7, 1 }, 0.05, -0.56249999999999989)]
    [InlineData(new[] { 3.5, -1, 2, 8, 0.25, 7, 7, 1 }, 0.5, 2.75)]
    [InlineData(new[] { 3.5, -1, 2, 8, 0.25, 7, 7, 1 }, 0.95, 7.64999999999999947)]
    public void Quantile7_MatchesR(double[] data, double p, double expected)
    {
        var sorted = data.Order().ToArray();
        Tolerance.AssertClose(expected, EffectBootstrap.Quantile7(sorted, p), 1e-12, 1e-12);
    }

    private static MatchedOutcomes Random(int n, ulong seed)
    {
        var rng = new GlobalMidt.Effects.Randomness.Xoshiro256StarStar(seed);
        int units = n * 3;
        var y0 = new double[units];
        var y1 = new double[units];
        for (int i = 0; i < units; i++)
        {
            y0[i] = 1 + (20 * rng.NextDouble());
            y1[i] = y0[i] * (0.9 + (0.3 * rng.NextDouble())) + (i < n ? 2 : 0);
        }

        var participants = Enumerable.Range(0, n).ToArray();
        var offsets = Enumerable.Range(0, n + 1).Select(i => 2 * i).ToArray();
        var controls = Enumerable.Range(0, 2 * n).Select(i => n + i).ToArray();
        return new MatchedOutcomes(y0, y1, participants, offsets, controls);
    }

    [Fact]
    public void PercentileIntervals_AreDeterministicForASeed()
    {
        var o = Random(200, 7);
        var a = EffectBootstrap.PercentileIntervals([o], 199, 0.95, 42);
        var b = EffectBootstrap.PercentileIntervals([o], 199, 0.95, 42);
        var c = EffectBootstrap.PercentileIntervals([o], 199, 0.95, 43);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void PercentileIntervals_CoverTheEstimateAndNarrowWithN()
    {
        var small = Random(100, 3);
        var large = Random(1600, 3);
        var s = EffectBootstrap.PercentileIntervals([small], 499, 0.95, 1)[0];
        var l = EffectBootstrap.PercentileIntervals([large], 499, 0.95, 1)[0];
        double es = small.Statistics().Effect;
        double el = large.Statistics().Effect;
        Assert.InRange(es, s.Low, s.High);
        Assert.InRange(el, l.Low, l.High);

        // Effects are sums over participants, so the relative width shrinks like 1/sqrt(n).
        Assert.True((l.High - l.Low) / el < (s.High - s.Low) / es);
    }

    [Theory]
    [InlineData(EffectEstimator.Aggregate)]
    [InlineData(EffectEstimator.Pairwise)]
    public void PercentileIntervals_BitForBitTheSerialLoop_ForAnyThreadCount(EffectEstimator estimator)
    {
        // Some participants and controls with a zero baseline (additive counterfactual, zero control sums).
        var rng = new GlobalMidt.Effects.Randomness.Xoshiro256StarStar(5);
        int n = 300;
        int units = n * 4;
        var y0 = new double[units];
        var y1 = new double[units];
        for (int i = 0; i < units; i++)
        {
            y0[i] = rng.NextInt(10) == 0 ? 0 : Math.Round(20 * rng.NextDouble(), 2);
            y1[i] = Math.Round((y0[i] * (0.8 + (0.4 * rng.NextDouble()))) + rng.NextInt(3), 2);
        }

        var participants = Enumerable.Range(0, n).ToArray();
        var offsets = Enumerable.Range(0, n + 1).Select(i => 3 * i).ToArray();
        var controls = Enumerable.Range(0, 3 * n).Select(i => n + i).ToArray();
        var a = new MatchedOutcomes(y0, y1, participants, offsets, controls);
        var b = new MatchedOutcomes(y1, y0, participants, offsets, controls);
        var expected = SerialReference([a, b], 259, 0.9, 77, estimator);
        foreach (int threads in new[] { 1, 2, 4, 0 })
        {
            Assert.Equal(expected, EffectBootstrap.PercentileIntervals([a, b], 259, 0.9, 77, estimator, threads));
        }
    }

    /// <summary>Employment, turnover and the three chain outcomes resampled by one set of draws (what the measurement
    /// runs) give each outcome the interval of its own call with the same seed: the first two the serial loop's, the
    /// chain's those of a chain-only call.</summary>
    [Fact]
    public void PercentileIntervals_OneSetOfDrawsForAllOutcomes_EqualsSeparateCalls()
    {
        var a = Random(250, 1);
        var b = Random(250, 2);
        var chain = new[] { Random(250, 3), Random(250, 4), Random(250, 5) };
        Func<GrowthStatistics, double> sums = GlobalMidt.Effects.Measurement.ChainMeasurement.SumsEffect;
        var expected = SerialReference([a, b], 199, 0.95, 9, EffectEstimator.Aggregate);
        var expectedChain = EffectBootstrap.PercentileIntervals(chain, 199, 0.95, 9, EffectEstimator.Aggregate, 1, sums);
        foreach (int threads in new[] { 1, 0 })
        {
            var all = EffectBootstrap.PercentileIntervals([a, b, .. chain], 199, 0.95, 9, EffectEstimator.Aggregate, threads, [null, null, sums, sums, sums]);
            Assert.Equal([.. expected, .. expectedChain], all);
        }
    }

    /// <summary>The bootstrap as first written (one generator, per replicate counts, then Statistics(counts)).</summary>
    private static (double Low, double High)[] SerialReference(MatchedOutcomes[] outcomes, int replicates, double level, ulong seed, EffectEstimator estimator)
    {
        int n = outcomes[0].Count;
        var draws = outcomes.Select(_ => new double[replicates]).ToArray();
        var rng = new GlobalMidt.Effects.Randomness.Xoshiro256StarStar(seed);
        var counts = new int[n];
        for (int r = 0; r < replicates; r++)
        {
            Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                counts[rng.NextInt(n)]++;
            }

            for (int k = 0; k < outcomes.Length; k++)
            {
                draws[k][r] = outcomes[k].Statistics(counts).EffectBy(estimator);
            }
        }

        double alpha = (1 - level) / 2;
        return draws.Select(d =>
        {
            Array.Sort(d);
            return (EffectBootstrap.Quantile7(d, alpha), EffectBootstrap.Quantile7(d, 1 - alpha));
        }).ToArray();
    }

    [Fact]
    public void PercentileIntervals_RejectBadArguments()
    {
        var o = Random(10, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => EffectBootstrap.PercentileIntervals([o], 1, 0.95, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EffectBootstrap.PercentileIntervals([o], 10, 1.0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EffectBootstrap.PercentileIntervals([o], 10, double.NaN, 1));
    }
}
