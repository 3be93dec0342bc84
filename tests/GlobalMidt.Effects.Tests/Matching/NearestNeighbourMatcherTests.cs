using GlobalMidt.Effects.Matching;

using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Matching;

public sealed class NearestNeighbourMatcherTests
{
    private static MatchingData Data(bool[] treated, double[] x, int[]? strata = null, int[]? rank = null) =>
        new(treated, ["x"], [x], strata, rank);

    [Fact]
    public void Match_TieGoesToTheEarlierRow_OrToTheSmallerTieRank()
    {
        // Treated at 5; controls at 4 and 6 (equal distance) and a duplicate of 4.
        bool[] t = [true, false, false, false];
        double[] x = [5, 6, 4, 4];
        var options = new MatchingOptions { Distance = DistanceMetric.Euclidean };
        var r = NearestNeighbourMatcher.Match(Data(t, x), options);
        Assert.Equal(new MatchedPair(0, 1, 1, 1.0), Assert.Single(r.Pairs));

        var reversed = NearestNeighbourMatcher.Match(Data(t, x, rank: [0, 3, 2, 1]), options);
        Assert.Equal(3, Assert.Single(reversed.Pairs).Control);
    }

    [Fact]
    public void Match_PropensityTie_GoesToTheEarlierRow()
    {
        // Two controls with identical covariates have identical scores.
        bool[] t = [true, false, false, true, false, false];
        double[] x = [2.0, 2.0, 2.0, 3.0, 0.5, 4.0];
        var r = NearestNeighbourMatcher.Match(Data(t, x), new MatchingOptions { Distance = DistanceMetric.Glm, Order = MatchOrder.Data });
        Assert.Equal(new MatchedPair(0, 1, 1, 0.0), r.Pairs[0]);
    }

    [Fact]
    public void Match_ReportsStrataWithoutControls_AndSkipsStrataWithoutTreated()
    {
        bool[] t = [true, false, true, false, false];
        double[] x = [1, 2, 3, 4, 5];
        int[] s = [1, 1, 2, 3, 3];
        var r = NearestNeighbourMatcher.Match(Data(t, x, s), new MatchingOptions { Distance = DistanceMetric.Euclidean });
        Assert.Equal(new MatchedPair(0, 1, 1, 1.0), Assert.Single(r.Pairs));
        Assert.Equal(new UnmatchedUnit(2, UnmatchedReason.NoControlInStratum), Assert.Single(r.Unmatched));
        Assert.Equal(2, r.RowsInStrataWithoutTreated);
        Assert.Equal([1.0, 1.0, 0.0, 0.0, 0.0], r.Weights);
    }

    [Fact]
    public void Match_WithoutReplacement_ReportsControlsExhausted()
    {
        bool[] t = [true, true, false];
        double[] x = [1, 2, 1.6];
        var r = NearestNeighbourMatcher.Match(Data(t, x), new MatchingOptions { Distance = DistanceMetric.Euclidean });
        Assert.Equal(new MatchedPair(0, 2, 1, 0.6000000000000001), Assert.Single(r.Pairs)); // row 0 first (data order)
        Assert.Equal(new UnmatchedUnit(1, UnmatchedReason.ControlsExhausted), Assert.Single(r.Unmatched));
    }

    [Fact]
    public void Match_RatioTwoWithoutReplacement_TakesTwoPasses()
    {
        // Pass 1: T0 takes 1.1, T1 takes 2.1; pass 2: T0 takes 0.5 (nearest left), T1 takes 3.
        bool[] t = [true, true, false, false, false, false];
        double[] x = [1, 2, 1.1, 2.1, 0.5, 3];
        var r = NearestNeighbourMatcher.Match(Data(t, x), new MatchingOptions { Distance = DistanceMetric.Euclidean, Ratio = 2 });
        Assert.Equal([(0, 2, 1), (0, 4, 2), (1, 3, 1), (1, 5, 2)], r.Pairs.Select(p => (p.Treated, p.Control, p.Slot)));
        Assert.All(r.Weights, w => Assert.Equal(1.0, w));
    }

    [Fact]
    public void Match_SingleTreatedAndControl()
    {
        var r = NearestNeighbourMatcher.Match(Data([true, false], [1, 3]), new MatchingOptions { Distance = DistanceMetric.Euclidean });
        Assert.Equal(new MatchedPair(0, 1, 1, 2.0), Assert.Single(r.Pairs));
    }

    [Fact]
    public void Match_EmptyData_GivesNoPairs()
    {
        var r = NearestNeighbourMatcher.Match(Data([], []), new MatchingOptions { Distance = DistanceMetric.Euclidean });
        Assert.Empty(r.Pairs);
        Assert.Empty(r.Unmatched);
    }

    [Fact]
    public void Match_ThrowsForNoCovariates()
    {
        var data = new MatchingData([true, false], [], []);
        Assert.Throws<ArgumentException>(() => NearestNeighbourMatcher.Match(data, new MatchingOptions()));
    }

    [Fact]
    public void MatchingData_RejectsNaN()
    {
        var e = Assert.Throws<ArgumentException>(() => Data([true, false], [1, double.NaN]));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_CaliperNeedsGlm()
    {
        var e = Assert.Throws<OptionsException>(() => new MatchingOptions { Distance = DistanceMetric.Mahalanobis, Caliper = 0.2 }.Validate());
        Assert.Equal("Caliper", e.ParamName);
        Assert.Equal("Caliper", e.Setting);

        // One sentence, shown to users as it is: no " (Parameter 'Caliper')" to cut off; the distance named as MatchIt and
        // --distance name it. Prepare (the public entry) validates; MatchIt stops alike (unnamed caliper, mahalanobis).
        Assert.DoesNotContain("(Parameter", e.Message, StringComparison.Ordinal);
        Assert.Contains("the mahalanobis distance takes none", e.Message, StringComparison.Ordinal);
        var data = Data([true, false], [1, 2]);
        Assert.Throws<OptionsException>(() => NearestNeighbourMatcher.Prepare(data, new MatchingOptions { Distance = DistanceMetric.Euclidean, Caliper = 0.2 }));
    }

    [Fact]
    public void MatchWeights_FromPairs_ByHand()
    {
        // Rows 0, 1 treated; 2, 3, 4 controls. Row 0 takes 2 and 3 (1/2 each), row 1 takes 3 (1): raw weights
        // 2: 0.5, 3: 1.5, 4: 0. Two distinct controls, raw sum 2: rescaled by 2/2, so 0.5 and 1.5.
        bool[] treated = [true, true, false, false, false];
        var w = MatchWeights.FromPairs(5, treated, [(0, 2), (0, 3), (1, 3)]);
        Assert.Equal([1.0, 1.0, 0.5, 1.5, 0.0], w);
        Assert.Equal(w, MatchWeights.Compute(5, treated, [new MatchedPair(0, 2, 1, 0.1), new MatchedPair(0, 3, 2, 0.2), new MatchedPair(1, 3, 1, 0.3)]));

        // Three controls for one treated (1/3 each), one for the other: raw 1/3, 1/3, 1/3 + 1 over three distinct
        // controls summing to 2, rescaled by 3/2: 0.5, 0.5, 2.
        bool[] t2 = [true, true, false, false, false];
        var w2 = MatchWeights.FromPairs(5, t2, [(0, 2), (0, 3), (0, 4), (1, 4)]);
        Assert.Equal(0.5, w2[2], 15);
        Assert.Equal(0.5, w2[3], 15);
        Assert.Equal(2.0, w2[4], 15);
    }

    [Fact]
    public void Match_RandomOrder_IsDeterministicPerSeed()
    {
        var rng = new SplitMix64(7);
        int n = 400;
        var t = new bool[n];
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = i % 4 == 0;
            x[i] = rng.NextInt(50);
        }

        var data = Data(t, x);
        MatchResult Run(ulong seed) => NearestNeighbourMatcher.Match(data, new MatchingOptions { Distance = DistanceMetric.Euclidean, Order = MatchOrder.Random, Seed = seed });
        Assert.Equal(Run(3).Pairs, Run(3).Pairs);
        Assert.NotEqual(Run(3).Pairs, Run(4).Pairs);
        Assert.Equal(BruteForceMatcher.Match(data, new MatchingOptions { Distance = DistanceMetric.Euclidean, Order = MatchOrder.Random, Seed = 3 }).Pairs, Run(3).Pairs);
    }
}
