using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Matching;

/// <summary>
/// Matching on data where MatchIt's distances cannot be computed as such (issue 9): one treated and one control row,
/// a zero covariance, constant covariates, magnitudes near 1e308, a caliper SD over fewer than two rows. Each case is
/// handled as docs/matching.md ("Degenerate data") says, with the distances computed by hand. What MatchIt 4.5.1
/// does on the same data: References/matchit/degenerate.R.
/// </summary>
public sealed class DegenerateMatchingTests
{
    private static MatchingData Data(bool[] treated, double[] x, double[] y, int[]? strata = null) =>
        new(treated, ["x", "y"], [x, y], strata);

    [Theory]
    [InlineData(DistanceMetric.Mahalanobis)]
    [InlineData(DistanceMetric.ScaledEuclidean)]
    public void OneTreatedOneControl_NoPooledCovariance_StandardizedEuclidean(DistanceMetric distance)
    {
        // MatchIt: pooled covariance crossprod / (n - 2) = 0/0 (and an error). Ours: standardized over both rows,
        // each column's SD is |difference| / sqrt 2, so each standardized difference is sqrt 2: distance sqrt(2 + 2) = 2.
        var data = Data([true, false], [1, 3], [2, 4]);
        var r = NearestNeighbourMatcher.Match(data, new MatchingOptions { Distance = distance });

        Assert.Equal(DistanceFallback.StandardizedEuclidean, r.DistanceFallback);
        var pair = Assert.Single(r.Pairs);
        Assert.Equal((0, 1, 1), (pair.Treated, pair.Control, pair.Slot));
        Assert.Equal(2.0, pair.Distance, 14);
        Assert.Equal([1.0, 1.0], r.Weights);
    }

    [Fact]
    public void OneTreatedOneControlPerStratum_OverAllStrata_KeepsTheMahalanobisDistance()
    {
        // The covariance is pooled over all strata (as MatchIt): two strata of one treated + one control leave
        // 4 - 2 = 2 degrees of freedom, so no fallback.
        var data = Data([true, false, true, false], [1, 3, 2, 7], [2, 4, 9, 1], [1, 1, 2, 2]);
        var r = NearestNeighbourMatcher.Match(data, new MatchingOptions { Distance = DistanceMetric.Mahalanobis });
        Assert.Equal(DistanceFallback.None, r.DistanceFallback);
        Assert.Equal(2, r.Pairs.Count);
    }

    [Theory]
    [InlineData(DistanceMetric.Mahalanobis)]
    [InlineData(DistanceMetric.ScaledEuclidean)]
    public void ZeroCovariance_OneTreatedIdenticalControls_TiesByRank(DistanceMetric distance)
    {
        // One treated row (5, 7) and three identical controls (1, 2): nothing varies within either group. Over all four
        // rows x has mean 2 and SD 2, y mean 3.25 and SD 2.5, so the standardized differences are 4/2 and 5/2.5:
        // distance sqrt 8 to each control; ratio 2 takes the first two by rank.
        var data = Data([true, false, false, false], [5, 1, 1, 1], [7, 2, 2, 2]);
        var options = new MatchingOptions { Distance = distance, Ratio = 2 };
        var r = NearestNeighbourMatcher.Match(data, options);

        Assert.Equal(DistanceFallback.StandardizedEuclidean, r.DistanceFallback);
        Assert.Equal([1, 2], r.Pairs.Select(p => p.Control));
        Assert.All(r.Pairs, p => Assert.Equal(Math.Sqrt(8), p.Distance, 14));
        Assert.Equal(BruteForceMatcher.Match(data, options).Pairs, r.Pairs);
    }

    [Fact]
    public void ConstantCovariates_AllDistancesZero()
    {
        var data = Data([true, false, false], [3, 3, 3], [1, 1, 1]);
        var r = NearestNeighbourMatcher.Match(data, new MatchingOptions { Distance = DistanceMetric.Mahalanobis });
        Assert.Equal(DistanceFallback.ConstantCovariates, r.DistanceFallback);
        Assert.Equal(new MatchedPair(0, 1, 1, 0), Assert.Single(r.Pairs));
    }

    [Theory]
    [InlineData(DistanceMetric.Mahalanobis, false)]
    [InlineData(DistanceMetric.Mahalanobis, true)]
    [InlineData(DistanceMetric.ScaledEuclidean, false)]
    [InlineData(DistanceMetric.ScaledEuclidean, true)]
    public void HugeMagnitudes_SameMatchAsTheColumnDividedByAPowerOfTwo(DistanceMetric distance, bool replace)
    {
        // Mahalanobis and scaled Euclidean distances do not depend on a column's scale; x * 2^1000 (up to 1.6e303,
        // where the old sums of squares overflowed to NaN coordinates) must give bit-identical pairs and distances.
        var rng = new SplitMix64(7);
        int n = 60;
        var treated = new bool[n];
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            treated[i] = i % 4 == 0;
            x[i] = rng.NextInt(1000) / 7.0;
            y[i] = rng.NextInt(50);
        }

        var huge = x.Select(v => Math.ScaleB(v, 1000)).ToArray();
        var options = new MatchingOptions { Distance = distance, Ratio = 2, Replace = replace };
        var plain = NearestNeighbourMatcher.Match(Data(treated, x, y), options);
        var big = NearestNeighbourMatcher.Match(Data(treated, huge, y), options);

        Assert.True(huge.Max() > 1e302);
        Assert.Equal(DistanceFallback.None, big.DistanceFallback);
        Assert.Equal(plain.Pairs, big.Pairs);
        Assert.All(big.Pairs, p => Assert.True(double.IsFinite(p.Distance)));
        Assert.Equal(BruteForceMatcher.Match(Data(treated, huge, y), options).Pairs, big.Pairs);
    }

    [Fact]
    public void HugeMagnitudes_NearTheLargestDouble_MatchWithFiniteDistances()
    {
        // Values of both signs near +-1.7e308: the column's range itself overflows.
        bool[] t = [true, true, false, false, false, false];
        double[] x = [1e308, -1e308, 1.5e308, -1.7e308, 0, 1e307];
        double[] y = [1, 2, 1, 3, 2, 5];
        foreach (var distance in new[] { DistanceMetric.Mahalanobis, DistanceMetric.ScaledEuclidean, DistanceMetric.Glm })
        {
            var options = new MatchingOptions { Distance = distance };
            var r = NearestNeighbourMatcher.Match(Data(t, x, y), options);
            Assert.Equal(2, r.Pairs.Count);
            Assert.All(r.Pairs, p => Assert.True(double.IsFinite(p.Distance), $"{distance}: {p}"));
            Assert.Equal(BruteForceMatcher.Match(Data(t, x, y), options).Pairs, r.Pairs);
        }
    }

    [Fact]
    public void HugeMagnitudes_PropensityModel_SameFitInPowerOfTwoUnits()
    {
        // glm: fitted scores do not depend on a column's scale; the coefficient scales by the inverse power of two.
        var rng = new SplitMix64(3);
        int n = 80;
        var y = new bool[n];
        var x = new double[n];
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextInt(100) / 10.0;
            z[i] = rng.NextInt(7);
            y[i] = rng.NextInt(100) < 20 + (3 * x[i]);
        }

        var huge = x.Select(v => Math.ScaleB(v, 1000)).ToArray();
        var a = LogisticRegression.Fit(y, [x, z], ["x", "z"]);
        var b = LogisticRegression.Fit(y, [huge, z], ["x", "z"]);

        Assert.Equal(a.Fitted, b.Fitted);
        Assert.Equal(a.Coefficients[0], b.Coefficients[0]);
        Assert.Equal(Math.ScaleB(a.Coefficients[1], -1000), b.Coefficients[1]);
        Assert.Equal(a.Coefficients[2], b.Coefficients[2]);
    }

    [Fact]
    public void Balance_OfHugeMagnitudes_SameStatisticsAsTheColumnDividedByAPowerOfTwo()
    {
        // The treated SD of values near +-1e308 overflowed to Infinity, so every SMD read 0 ("Balanced"). SMD,
        // variance ratio and eCDF do not depend on the scale: x * 2^1000 must give the same; the means scale.
        bool[] t = [true, true, true, false, false, false, false, false];
        double[] x = [1.5, -1.4, 0.9, 1.5, -1.6, 0.2, 0.7, -0.3];
        double[] w = [1, 1, 1, 1, 0.5, 0.5, 1, 0];
        var huge = x.Select(v => Math.ScaleB(v, 1020)).ToArray();
        var plain = Balance.Compute(["x"], [x], t, w).Rows[0];
        var big = Balance.Compute(["x"], [huge], t, w).Rows[0];

        Assert.True(huge.Max() > 1e307);
        foreach (var (p, b) in new[] { (plain.Before, big.Before), (plain.After, big.After) })
        {
            Assert.Equal(p.Smd, b.Smd);
            Assert.Equal(p.VarianceRatio, b.VarianceRatio);
            Assert.Equal(p.EcdfMean, b.EcdfMean);
            Assert.Equal(p.EcdfMax, b.EcdfMax);
            Assert.Equal(Math.ScaleB(p.TreatedMean, 1020), b.TreatedMean);
            Assert.Equal(Math.ScaleB(p.ControlMean, 1020), b.ControlMean);
        }

        Assert.Equal(plain.SmdBalanced, big.SmdBalanced);
        Assert.True(Math.Abs(big.Before.Smd) > 0.1);
    }

    [Fact]
    public void Euclidean_WhoseSquaredDistancesOverflow_IsAnAnalysisError()
    {
        var data = Data([true, false, false], [1e200, -1e200, 0], [1, 2, 3]);
        var e = Assert.Throws<AnalysisException>(() => NearestNeighbourMatcher.Match(data, new MatchingOptions { Distance = DistanceMetric.Euclidean }));
        Assert.Contains("covariate 'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("scaled Euclidean or Mahalanobis", e.Message, StringComparison.Ordinal);

        // Large but representable distances stay plain Euclidean.
        var fine = NearestNeighbourMatcher.Match(Data([true, false], [1e150, -1e150], [0, 0]), new MatchingOptions { Distance = DistanceMetric.Euclidean });
        Assert.Equal(2e150, Assert.Single(fine.Pairs).Distance, 1e136);
    }

    [Fact]
    public void CaliperOverFewerThanTwoScores_LeavesTheLoneTreatedUnmatched()
    {
        // The only stratum with a treated unit holds no control: one score, no SD (R: NA). No caliper applies.
        var data = Data([true, false], [1, 2], [3, 4], strata: [1, 2]);
        var r = NearestNeighbourMatcher.Match(data, new MatchingOptions { Distance = DistanceMetric.Glm, Caliper = 0.2 });
        Assert.Empty(r.Pairs);
        Assert.Equal(new UnmatchedUnit(0, UnmatchedReason.NoControlInStratum), Assert.Single(r.Unmatched));
    }
}
