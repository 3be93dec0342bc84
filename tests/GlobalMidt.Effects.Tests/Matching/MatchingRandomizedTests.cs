using GlobalMidt.Effects.Matching;

using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Matching;

/// <summary>The fast kernels against <see cref="BruteForceMatcher"/> on many random inputs, and thread-count independence.</summary>
public sealed class MatchingRandomizedTests
{
    public static TheoryData<int> Seeds() => SeedsUpTo(300);

    private static TheoryData<int> SeedsUpTo(int count) => [.. Enumerable.Range(1, count)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Match_EqualsBruteForce_OnRandomInput(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        int n = 2 + rng.NextInt(120);
        int dims = 1 + rng.NextInt(3);
        int grid = 2 + rng.NextInt(12); // coarse grids give many exact ties
        int strata = 1 + rng.NextInt(4);
        var treated = new bool[n];
        var cols = new double[dims][];
        for (int j = 0; j < dims; j++)
        {
            cols[j] = new double[n];
        }

        var s = new int[n];
        for (int i = 0; i < n; i++)
        {
            treated[i] = rng.NextInt(100) < 10 + rng.NextInt(40);
            s[i] = rng.NextInt(strata) * 7;
            for (int j = 0; j < dims; j++)
            {
                cols[j][i] = rng.NextInt(grid) + (treated[i] ? 0.5 * rng.NextInt(2) : 0);
            }
        }

        treated[0] = true;
        treated[1] = false;
        int[]? rank = null;
        if (rng.NextInt(2) == 0)
        {
            rank = new int[n];
            for (int i = 0; i < n; i++)
            {
                rank[i] = n - 1 - i;
            }
        }

        var distance = (DistanceMetric)rng.NextInt(4);
        var options = new MatchingOptions
        {
            Distance = distance,
            Ratio = 1 + rng.NextInt(4),
            Replace = rng.NextInt(2) == 0,
            Caliper = distance == DistanceMetric.Glm && rng.NextInt(2) == 0 ? 0.05 + (rng.NextInt(100) / 100.0) : null,
            Discard = distance == DistanceMetric.Glm ? (CommonSupportDiscard)rng.NextInt(4) : CommonSupportDiscard.None,
            Order = distance == DistanceMetric.Glm ? (MatchOrder)rng.NextInt(5) : (rng.NextInt(2) == 0 ? MatchOrder.Data : MatchOrder.Random),
            Seed = (ulong)seed,
        };
        var data = new MatchingData(treated, [.. Enumerable.Range(0, dims).Select(j => "x" + j)], cols, rng.NextInt(2) == 0 ? s : null, rank);
        var fast = NearestNeighbourMatcher.Match(data, options with { MaxDegreeOfParallelism = 1 });
        var slow = BruteForceMatcher.Match(data, options);
        Assert.Equal(slow.Pairs, fast.Pairs);
        Assert.Equal(slow.Unmatched, fast.Unmatched);
        Assert.Equal(slow.Weights, fast.Weights);
        var two = NearestNeighbourMatcher.Match(data, options with { MaxDegreeOfParallelism = 2 });
        Assert.Equal(fast.Pairs, two.Pairs);
        Assert.Equal(fast.Weights, two.Weights);
    }

    [Theory]
    [InlineData(DistanceMetric.Mahalanobis, false)]
    [InlineData(DistanceMetric.Mahalanobis, true)]
    [InlineData(DistanceMetric.Glm, false)]
    [InlineData(DistanceMetric.Glm, true)]
    public void Match_EqualsBruteForce_WhenControlsRunShort(DistanceMetric distance, bool replace)
    {
        // 300 treated crowd into one region of 3,000 controls on a coarse grid: candidate lists run out and are
        // queried again; many ties.
        var rng = new SplitMix64(99);
        int n = 3300;
        var treated = new bool[n];
        var a = new double[n];
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            treated[i] = i % 11 == 0;
            a[i] = treated[i] ? rng.NextInt(5) : rng.NextInt(40);
            b[i] = treated[i] ? rng.NextInt(5) : rng.NextInt(40);
        }

        var data = new MatchingData(treated, ["a", "b"], [a, b]);
        var options = new MatchingOptions { Distance = distance, Ratio = 4, Replace = replace };
        var fast = NearestNeighbourMatcher.Match(data, options);
        var slow = BruteForceMatcher.Match(data, options);
        Assert.Equal(slow.Pairs, fast.Pairs);
        Assert.Equal(slow.Weights, fast.Weights);
    }

    public static TheoryData<int> LargeSeeds() => SeedsUpTo(24);

    [Theory]
    [MemberData(nameof(LargeSeeds))]
    public void Match_EqualsBruteForce_OnLargeSkewedStrata(int seed)
    {
        // Strata of thousands of controls (many buckets in the coordinate index, long score runs), skewed
        // (log-normal) or coarse-grid covariates (exact ties), few or many treated units.
        var rng = new SplitMix64((ulong)(1000 + seed));
        int n = 1500 + rng.NextInt(4000);
        int dims = 1 + rng.NextInt(4);
        int strata = 1 + rng.NextInt(3);
        int treatedPercent = 1 + rng.NextInt(20);
        bool grid = rng.NextInt(3) == 0;
        var treated = new bool[n];
        var cols = new double[dims][];
        for (int j = 0; j < dims; j++)
        {
            cols[j] = new double[n];
        }

        var s = new int[n];
        for (int i = 0; i < n; i++)
        {
            treated[i] = rng.NextInt(100) < treatedPercent;
            s[i] = rng.NextInt(strata);
            for (int j = 0; j < dims; j++)
            {
                double u = ((rng.Next() >> 11) + 0.5) / 9007199254740992.0;
                double z = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * ((rng.Next() >> 11) / 9007199254740992.0));
                cols[j][i] = grid ? rng.NextInt(8) : Math.Round(Math.Exp((treated[i] ? 0.3 : 0) + (j == 0 ? 1.2 : 0.5) * z), 2);
            }
        }

        treated[0] = true;
        treated[1] = false;
        var distance = (DistanceMetric)rng.NextInt(4);
        var options = new MatchingOptions
        {
            Distance = distance,
            Ratio = 1 + rng.NextInt(5),
            Replace = rng.NextInt(2) == 0,
            Caliper = distance == DistanceMetric.Glm && rng.NextInt(2) == 0 ? 0.02 + (rng.NextInt(50) / 100.0) : null,
        };
        var data = new MatchingData(treated, [.. Enumerable.Range(0, dims).Select(j => "x" + j)], cols, s);
        var fast = NearestNeighbourMatcher.Match(data, options with { MaxDegreeOfParallelism = 1 });
        var slow = BruteForceMatcher.Match(data, options);
        Assert.Equal(slow.Pairs, fast.Pairs);
        Assert.Equal(slow.Unmatched, fast.Unmatched);
        Assert.Equal(slow.Weights, fast.Weights);
        var two = NearestNeighbourMatcher.Match(data, options with { MaxDegreeOfParallelism = 2 });
        Assert.Equal(fast.Pairs, two.Pairs);
        Assert.Equal(fast.Weights, two.Weights);
    }
}
