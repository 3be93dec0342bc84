using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Matching;

/// <summary>
/// Terms added to the squared Mahalanobis distance (<see cref="DistanceTerm"/>, the measurement's trajectory weight):
/// for every pair of rows the squared distance between the coordinates must be the plain Mahalanobis one (itself
/// checked against MatchIt elsewhere) plus, per term, its weight times the squared difference of the term's values
/// over their standard deviation, all recomputed here by hand from the raw columns.
/// </summary>
public class DistanceTermTests
{
    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 4)]
    [InlineData(true, 1)]
    public void SquaredDistance_IsMahalanobisPlusTheWeightedTerms(bool singular, int threads)
    {
        var rng = Xoshiro256StarStar.ForStream(11, singular ? 2UL : 1UL);
        const int n = 300;
        var treated = new bool[n];
        var cols = new double[4][];
        for (int j = 0; j < cols.Length; j++)
        {
            cols[j] = new double[n];
        }

        for (int i = 0; i < n; i++)
        {
            treated[i] = i % 5 == 0;
            double size = rng.NextNormal(2, 1);
            cols[0][i] = size;
            cols[1][i] = size + rng.NextNormal(0, 0.3);
            cols[2][i] = rng.NextNormal(0, 0.25);
            // With singular: an exact linear combination of the others (MatchIt's generalized inverse).
            cols[3][i] = singular ? cols[1][i] - (0.5 * cols[2][i]) : size + rng.NextNormal(0, 0.4);
        }

        var data = new MatchingData(treated, ["fte", "turnover", "growth", "tmean"], cols);
        var rows = Enumerable.Range(0, n).ToArray();
        var slots = Enumerable.Range(0, n).ToArray();
        DistanceTerm[] terms = [new(2, -1, 2.0), new(1, 3, 0.5)];
        var (plain, plainDims) = CovariateTransform.Transform(data, DistanceMetric.Mahalanobis, rows, slots, out var f0, threads);
        var (weighted, dims) = CovariateTransform.Transform(data, DistanceMetric.Mahalanobis, rows, slots, out var f1, threads, terms);
        Assert.Equal(DistanceFallback.None, f0);
        Assert.Equal(DistanceFallback.None, f1);
        Assert.Equal(singular ? 3 : 4, plainDims);
        Assert.Equal(4, dims);

        double sdGrowth = Sd(cols[2].Select(x => x).ToArray());
        double sdDev = Sd(cols[1].Zip(cols[3], (a, b) => a - b).ToArray());
        for (int k = 0; k < 2000; k++)
        {
            int a = rng.NextInt(n);
            int b = rng.NextInt(n);
            double dGrowth = (cols[2][a] - cols[2][b]) / sdGrowth;
            double dDev = ((cols[1][a] - cols[3][a]) - (cols[1][b] - cols[3][b])) / sdDev;
            double expected = Squared(plain, plainDims, a, b) + (2.0 * dGrowth * dGrowth) + (0.5 * dDev * dDev);
            Assert.Equal(expected, Squared(weighted, dims, a, b), 1e-9 * Math.Max(1, expected));
        }
    }

    [Fact]
    public void TermWithoutVariance_IsLeftOut_AndNoTermsIsThePlainDistanceBitForBit()
    {
        const int n = 50;
        var treated = Enumerable.Range(0, n).Select(i => i % 4 == 0).ToArray();
        var x = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        var y = Enumerable.Range(0, n).Select(i => Math.Cos(3 * i)).ToArray();
        var data = new MatchingData(treated, ["x", "x copy", "y"], [x, (double[])x.Clone(), y]);
        var rows = Enumerable.Range(0, n).ToArray();
        var (plain, dims) = CovariateTransform.Transform(data, DistanceMetric.Mahalanobis, rows, rows, out _);
        var (none, noneDims) = CovariateTransform.Transform(data, DistanceMetric.Mahalanobis, rows, rows, out _, 1, []);
        Assert.Equal(dims, noneDims);
        Assert.Equal(plain, none);

        // x minus its copy is 0 for every row: the term has no variance, and the coordinates are the plain ones.
        var (zero, zeroDims) = CovariateTransform.Transform(data, DistanceMetric.Mahalanobis, rows, rows, out _, 1, [new DistanceTerm(0, 1, 3.0)]);
        Assert.Equal(dims, zeroDims);
        Assert.Equal(plain, zero);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(4, true)]
    [InlineData(3, false, 4999)]
    [InlineData(6, true, 4999)]
    public void OneThreadPasses_AreTheSeveralThreadPasses_BitForBit(int p, bool withTerms, int n = 5000)
    {
        // One thread (small tables) takes the columns' passes three columns at a time (two rows at a time, an odd
        // row count leaving one), standardizes the rows and sums the groups in one pass, with p = 3 kernels for the
        // covariance and the whitening; several threads (large tables) keep the passes apart. The coordinates must
        // be the same doubles.
        var rng = Xoshiro256StarStar.ForStream(5, (ulong)p);
        var treated = new bool[n];
        var cols = new double[p][];
        for (int j = 0; j < p; j++)
        {
            cols[j] = new double[n];
        }

        for (int i = 0; i < n; i++)
        {
            treated[i] = rng.NextInt(10) == 0;
            double size = rng.NextNormal(3, 1.2);
            for (int j = 0; j < p; j++)
            {
                cols[j][i] = (j % 2 == 0 ? size : -0.5 * size) + rng.NextNormal(j, 0.3 + (0.1 * j));
            }
        }

        var data = new MatchingData(treated, [.. Enumerable.Range(0, p).Select(j => "x" + j)], cols);
        var rows = Enumerable.Range(0, n).ToArray();
        var slots = Enumerable.Range(0, n).Select(i => (int)((i * 7919L) % n)).ToArray(); // a permutation (7919 is prime)
        Assert.Equal(n, slots.Distinct().Count());
        DistanceTerm[]? terms = withTerms ? [new(p - 1, -1, 2.0), new(0, 1, 2.0)] : null;
        var (one, oneDims) = CovariateTransform.Transform(data, DistanceMetric.Mahalanobis, rows, slots, out var f1, 1, terms);
        var (two, twoDims) = CovariateTransform.Transform(data, DistanceMetric.Mahalanobis, rows, slots, out var f2, 2, terms, parallelValues: 0);
        Assert.Equal(DistanceFallback.None, f1);
        Assert.Equal(f1, f2);
        Assert.Equal(oneDims, twoDims);
        Assert.Equal(one, two);
    }

    private static double Squared(double[] coords, int dims, int a, int b)
    {
        double s = 0;
        for (int j = 0; j < dims; j++)
        {
            double d = coords[(a * dims) + j] - coords[(b * dims) + j];
            s += d * d;
        }

        return s;
    }

    private static double Sd(double[] v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}
