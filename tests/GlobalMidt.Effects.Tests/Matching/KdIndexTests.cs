using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Matching;

/// <summary>The stratum indexes (<see cref="KdIndex"/>, <see cref="AxisBuckets"/>) against a brute-force k-nearest
/// search by (squared distance, tie rank), and the matcher on strata large enough for the k-d tree against
/// <see cref="BruteForceMatcher"/>.</summary>
public sealed class KdIndexTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Query_EqualsBruteForce_WithManyTies(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        int dims = 1 + rng.NextInt(6);
        // Small strata, strata around the size where the matcher switches index, and large ones (several levels).
        int m = rng.NextInt(3) switch
        {
            0 => 1 + rng.NextInt(70),
            1 => 500 + rng.NextInt(1500),
            _ => 3000 + rng.NextInt(6000),
        };
        int grid = 2 + rng.NextInt(rng.NextInt(2) == 0 ? 4 : 40); // coarse grids: many controls at equal distance
        bool allEqualOnOneAxis = rng.NextInt(4) == 0;
        int start = rng.NextInt(5); // the stratum's place in the plan's arrays
        var coords = new double[(start + m) * dims];
        var ranks = new int[start + m];
        var controls = new int[start + m]; // rows laid out as the coordinates and ranks
        var order = Permutation(ref rng, m); // unique tie ranks, not in position order
        for (int i = 0; i < m; i++)
        {
            controls[start + i] = 10 * i + 3;
            ranks[start + i] = order[i];
            for (int a = 0; a < dims; a++)
            {
                coords[((start + i) * dims) + a] = allEqualOnOneAxis && a == 0 ? 1.5 : (rng.NextInt(grid) * 0.25) - 1;
            }
        }

        var kd = new KdIndex();
        var axis = new AxisBuckets();
        for (int round = 0; round < 2; round++) // the same instances rebuilt: scratch reused between strata
        {
            kd.Build(controls, coords, ranks, start, m, dims, 50);
            axis.Build(controls, coords, ranks, start, m, dims, 50);
            Assert.Equal(m, kd.Count);
            var q = new double[dims];
            for (int query = 0; query < 25; query++)
            {
                for (int a = 0; a < dims; a++)
                {
                    // On the grid (exact ties), between grid points, or outside the controls' range.
                    q[a] = rng.NextInt(3) switch
                    {
                        0 => (rng.NextInt(grid) * 0.25) - 1,
                        1 => (rng.NextInt(4 * grid) * 0.0625) - 1,
                        _ => (rng.NextInt(2) == 0 ? -1 : 1) * (3 + rng.NextInt(5)),
                    };
                }

                int k = Math.Min(m, 1 + rng.NextInt(10));
                var expected = BruteForce(q, coords, ranks, controls, start, m, dims, k);
                foreach (IStratumIndex index in new IStratumIndex[] { kd, axis })
                {
                    var found = new Candidates(k);
                    index.Query(q, found);
                    Assert.Equal(k, found.Count);
                    for (int j = 0; j < k; j++)
                    {
                        Assert.Equal(expected[j].D2, found.D2[j]);
                        Assert.Equal(expected[j].Rank, found.Rank[j]);
                        Assert.Equal(expected[j].Row, index.Row(found.Pos[j]));
                    }
                }
            }
        }
    }

    [Fact]
    public void Query_AllControlsAtOnePoint_TakesTheSmallestRanks()
    {
        int m = 5000;
        var coords = new double[m * 4];
        Array.Fill(coords, 0.5);
        var ranks = new int[m];
        var controls = new int[m];
        for (int i = 0; i < m; i++)
        {
            ranks[i] = m - i;
            controls[i] = i;
        }

        var kd = new KdIndex();
        kd.Build(controls, coords, ranks, 0, m, 4, 10);
        var found = new Candidates(3);
        kd.Query([0.5, 0.5, 0.5, 1.5], found);
        Assert.Equal([1, 2, 3], found.Rank);
        Assert.Equal([m - 1, m - 2, m - 3], found.Pos.Select(kd.Row));
        Assert.Equal([1.0, 1.0, 1.0], found.D2);
    }

    [Theory]
    [InlineData(1, DistanceMetric.Mahalanobis, 1, false)]
    [InlineData(2, DistanceMetric.Mahalanobis, 3, false)]
    [InlineData(3, DistanceMetric.Mahalanobis, 2, true)]
    [InlineData(4, DistanceMetric.ScaledEuclidean, 1, false)]
    [InlineData(5, DistanceMetric.Euclidean, 2, false)]
    [InlineData(6, DistanceMetric.Euclidean, 1, true)]
    public void Match_LargeStrata_EqualsBruteForce(int seed, DistanceMetric distance, int ratio, bool replace)
    {
        // Strata of 1,500-4,000 controls (k-d tree) and a small one (axis buckets), values on a coarse grid and
        // duplicated rows: many exact ties, decided by the row order as in MatchIt.
        var rng = new SplitMix64((ulong)seed);
        int dims = 2 + (seed % 3);
        int n = 9000;
        var treated = new bool[n];
        var strata = new int[n];
        var cols = new double[dims][];
        for (int j = 0; j < dims; j++)
        {
            cols[j] = new double[n];
        }

        for (int i = 0; i < n; i++)
        {
            strata[i] = i < 200 ? 0 : 1 + rng.NextInt(3);
            treated[i] = rng.NextInt(100) < 6;
            for (int j = 0; j < dims; j++)
            {
                cols[j][i] = i % 7 == 1 ? cols[j][i - 1] : rng.NextInt(12) + (j == 0 ? rng.NextInt(3) * 0.5 : 0);
            }
        }

        var data = new MatchingData(treated, [.. Enumerable.Range(0, dims).Select(j => "x" + j)], cols, strata);
        var options = new MatchingOptions { Distance = distance, Ratio = ratio, Replace = replace, Order = MatchOrder.Data };
        var slow = BruteForceMatcher.Match(data, options);
        foreach (int threads in new[] { 1, 3 })
        {
            var fast = NearestNeighbourMatcher.Match(data, options with { MaxDegreeOfParallelism = threads });
            Assert.Equal(slow.Pairs, fast.Pairs);
            Assert.Equal(slow.Unmatched, fast.Unmatched);
            Assert.Equal(slow.Weights, fast.Weights);
        }
    }

    private static int[] Permutation(ref SplitMix64 rng, int m)
    {
        var p = Enumerable.Range(0, m).ToArray();
        for (int i = m - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }

        return p;
    }

    /// <summary>Every control's squared distance (coordinate differences squared and added in coordinate order),
    /// sorted by (squared distance, tie rank); the first <paramref name="k"/>.</summary>
    private static (double D2, int Rank, int Row)[] BruteForce(double[] q, double[] coords, int[] ranks, int[] controls, int start, int m, int dims, int k)
    {
        var all = new (double D2, int Rank, int Row)[m];
        for (int i = 0; i < m; i++)
        {
            double d2 = 0;
            for (int a = 0; a < dims; a++)
            {
                double d = q[a] - coords[((start + i) * dims) + a];
                d2 += d * d;
            }

            all[i] = (d2, ranks[start + i], controls[start + i]);
        }

        return [.. all.OrderBy(c => c.D2).ThenBy(c => c.Rank).Take(k)];
    }
}
