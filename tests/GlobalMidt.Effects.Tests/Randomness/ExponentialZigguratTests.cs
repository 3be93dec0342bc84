using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Randomness;

/// <summary>
/// The ziggurat exponential (<see cref="Xoshiro256StarStar.NextStandardExponential"/>) against Exp(1) itself: its
/// tables against the defining equations (Marsaglia and Tsang 2000), and two million draws against the exact
/// distribution function, the upper tail and the moments. The bounds are set at about four standard errors (or the
/// 0.1 % critical value), and the seeds are fixed, so the tests are exact reruns, not flaky.
/// </summary>
public class ExponentialZigguratTests
{
    private const int Draws = 2_000_000;

    [Fact]
    public void Tables_SatisfyTheDefiningEquations()
    {
        double r = ExponentialZiggurat.TailStart;
        double v = ExponentialZiggurat.LayerArea;
        var x = ExponentialZiggurat.Edges;

        // The base layer: the box [0, r) x [0, e^-r) plus the tail, whose area is e^-r.
        Tolerance.AssertClose((r + 1) * Math.Exp(-r), v, 1e-14, 0);

        // Every other layer i: width X_i, height e^-X_(i+1) - e^-X_i, area v; the top one closes at X_256 = 0.
        for (int i = 1; i < 256; i++)
        {
            Assert.True(x[i + 1] < x[i], $"edge {i + 1}");
            Tolerance.AssertClose(v, x[i] * (Math.Exp(-x[i + 1]) - Math.Exp(-x[i])), 1e-9, 0);
        }

        Assert.Equal(0, x[256]);
    }

    [Fact]
    public void Fill_IsTheSingleDrawsInOrder()
    {
        var one = Xoshiro256StarStar.ForStream(5, 9);
        var many = Xoshiro256StarStar.ForStream(5, 9);
        var filled = new double[100_000];
        many.FillStandardExponentials(filled);
        for (int i = 0; i < filled.Length; i++)
        {
            Assert.Equal(one.NextStandardExponential(), filled[i]);
        }

        // The generators are left in the same state.
        Assert.Equal(one.NextUInt64(), many.NextUInt64());
    }

    [Fact]
    public void Draws_FollowTheExponentialDistribution()
    {
        var rng = new Xoshiro256StarStar(20161130);
        var x = new double[Draws];
        rng.FillStandardExponentials(x);
        Assert.All(x, v => Assert.True(v >= 0 && double.IsFinite(v)));

        // Moments: mean 1 (SE 1/sqrt(n) = 0.0007), variance 1 (SE sqrt(8/n) = 0.002).
        double mean = x.Average();
        double variance = x.Select(v => (v - mean) * (v - mean)).Sum() / (Draws - 1);
        Assert.InRange(mean, 1 - 0.003, 1 + 0.003);
        Assert.InRange(variance, 1 - 0.008, 1 + 0.008);

        // Kolmogorov-Smirnov against F(x) = 1 - e^-x: the 0.1 % critical value is 1.95 / sqrt(n).
        Array.Sort(x);
        double d = 0;
        for (int i = 0; i < Draws; i++)
        {
            double f = 1 - Math.Exp(-x[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / Draws) - f, f - ((double)i / Draws)));
        }

        Assert.True(d < 1.95 / Math.Sqrt(Draws), $"KS distance {d}");

        // Chi-square over 200 equiprobable bins (199 degrees of freedom, 0.1 % critical value 267.6): the layers'
        // inner boxes, wedges and tail each fill their share.
        const int bins = 200;
        var counts = new int[bins];
        foreach (double v in x)
        {
            counts[Math.Min(bins - 1, (int)((1 - Math.Exp(-v)) * bins))]++;
        }

        double expected = (double)Draws / bins;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chi2 < 267.6, $"chi-square {chi2}");

        // The tail beyond r: P(X > r) = e^-r (about 908 of two million, SD 30), and beyond r again Exp(1).
        double r = ExponentialZiggurat.TailStart;
        var tail = x.Where(v => v > r).Select(v => v - r).ToArray();
        Assert.InRange(tail.Length, (Draws * Math.Exp(-r)) - 120, (Draws * Math.Exp(-r)) + 120);
        Assert.InRange(tail.Average(), 1 - (4 / Math.Sqrt(tail.Length)), 1 + (4 / Math.Sqrt(tail.Length)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000)]
    [InlineData(65_537)]
    public void Lanes_AreTheScalarStreams(int n)
    {
        // Four generators side by side give each scalar stream's numbers: the counts, then the exponentials (with
        // about 1 % of them continued on one lane alone, outside their layer's box). A rejected bounded integer
        // (probability below n / 2^64) takes the same path on its lane; no seed reaches it.
        var lanes = Xoshiro256StarStarLanes.ForStreams(11, 40);
        var counts = new int[n * 4];
        lanes.AddDrawCounts(counts, n);
        var values = new double[4 * 5_000];
        lanes.FillStandardExponentials(values);
        AssertScalarStreams(counts, values, n, 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4_097)]
    public void TwoGeneratorsInterleavedByEight_AreTheScalarStreams(int n)
    {
        // Eight lanes from two four-lane generators (streams 40-43 at offset 0, 44-47 at offset 4 of a stride of 8),
        // as the bootstrap of the controls lays out eight replicates.
        var counts = new int[n * 8];
        var values = new double[8 * 3_000];
        for (int half = 0; half < 8; half += 4)
        {
            var lanes = Xoshiro256StarStarLanes.ForStreams(11, 40 + (ulong)half);
            lanes.AddDrawCounts(counts, n, 8, half);
            lanes.FillStandardExponentials(values, 8, half);
        }

        AssertScalarStreams(counts, values, n, 8);
        Assert.Throws<ArgumentException>(() => Xoshiro256StarStarLanes.ForStreams(1, 0).AddDrawCounts(new int[16], 2, 8, 2));
        Assert.Throws<ArgumentException>(() => Xoshiro256StarStarLanes.ForStreams(1, 0).FillStandardExponentials(new double[12], 8, 0));
    }

    /// <summary>Lane l of <paramref name="counts"/> and <paramref name="values"/> (interleaved by
    /// <paramref name="lanes"/>) is stream 40 + l of seed 11: its n draw counts, then its exponentials.</summary>
    private static void AssertScalarStreams(int[] counts, double[] values, int n, int lanes)
    {
        for (int l = 0; l < lanes; l++)
        {
            var scalar = Xoshiro256StarStar.ForStream(11, 40 + (ulong)l);
            var one = new int[n];
            scalar.AddDrawCounts(one);
            for (int k = 0; k < n; k++)
            {
                Assert.Equal(one[k], counts[(k * lanes) + l]);
            }

            for (int k = 0; k < values.Length / lanes; k++)
            {
                Assert.Equal(scalar.NextStandardExponential(), values[(k * lanes) + l]);
            }
        }
    }
}
