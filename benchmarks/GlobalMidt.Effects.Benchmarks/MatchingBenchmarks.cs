using BenchmarkDotNet.Attributes;
using GlobalMidt.Effects.Matching;

using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Benchmarks;

/// <summary>Shared synthetic firm table: region x industry strata (5 x 10), FTEs, turnover, growth.</summary>
internal static class MatchingBenchmarkData
{
    public static MatchingData Make(int controls, int treated, ulong seed = 42)
    {
        var rng = new SplitMix64(seed);
        int n = controls + treated;
        var t = new bool[n];
        var fte = new double[n];
        var turnover = new double[n];
        var growth = new double[n];
        var strata = new int[n];
        for (int i = 0; i < n; i++)
        {
            bool tr = i < treated;
            t[i] = tr;
            strata[i] = rng.NextInt(50);
            fte[i] = Math.Round(Math.Exp((tr ? 2.6 : 2.2) + Normal(ref rng)), 1);
            turnover[i] = Math.Round(fte[i] * Math.Exp(6.5 + (0.5 * Normal(ref rng))));
            growth[i] = Math.Round((tr ? 0.06 : 0.02) + (0.2 * Normal(ref rng)), 4);
        }

        return new MatchingData(t, ["fte", "turnover", "growth"], [fte, turnover, growth], strata);
    }

    private static double Normal(ref SplitMix64 rng)
    {
        double u1 = ((rng.Next() >> 11) + 1.0) / 9007199254740993.0;
        double u2 = (rng.Next() >> 11) / 9007199254740992.0;
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

/// <summary>The matcher over control pools of 10k to 3M (plus fit), exact region x industry strata.</summary>
/// <remarks>One launch, one warm-up, three iterations per case (the grid has 64 cases; the 3M cases take seconds
/// each): <c>dotnet run -c Release --project benchmarks/GlobalMidt.Effects.Benchmarks -- --filter '*MatchingBenchmarks*'</c>;
/// narrow it with <c>--anyCategories</c> or a filter such as <c>'*MatchingBenchmarks.FitAndMatchWithReplacement*'</c>.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MatchingBenchmarks
{
    private MatchingData _data = null!;

    /// <summary>Controls.</summary>
    [Params(10_000, 100_000, 1_000_000, 3_000_000)]
    public int ControlPool { get; set; }

    /// <summary>Treated units.</summary>
    [Params(1_400, 14_000)]
    public int Treated { get; set; }

    /// <summary>Distance.</summary>
    [Params(DistanceMetric.Mahalanobis, DistanceMetric.Glm)]
    public DistanceMetric Distance { get; set; }

    /// <summary>Controls per treated unit.</summary>
    [Params(1, 5)]
    public int Ratio { get; set; }

    /// <summary>Makes the data from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup() => _data = MatchingBenchmarkData.Make(ControlPool, Treated);

    /// <summary>Fit (covariance or propensity model) and match, without replacement.</summary>
    [Benchmark]
    public int FitAndMatch() => NearestNeighbourMatcher.Match(_data, new MatchingOptions { Distance = Distance, Ratio = Ratio }).Pairs.Count;

    /// <summary>Fit and match with replacement (the lead's setting: Mahalanobis, ratio 5, replace).</summary>
    [Benchmark]
    public int FitAndMatchWithReplacement() => NearestNeighbourMatcher.Match(_data, new MatchingOptions { Distance = Distance, Ratio = Ratio, Replace = true }).Pairs.Count;
}

/// <summary>The fast kernels against a brute-force scan (baseline) where the brute force finishes.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MatchingBruteForceBenchmarks
{
    private MatchingPlan _plan = null!;

    /// <summary>Controls.</summary>
    [Params(10_000, 100_000)]
    public int ControlPool { get; set; }

    /// <summary>Distance.</summary>
    [Params(DistanceMetric.Mahalanobis, DistanceMetric.Glm)]
    public DistanceMetric Distance { get; set; }

    /// <summary>Makes the data and the plan (fit) from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup() => _plan = NearestNeighbourMatcher.Prepare(MatchingBenchmarkData.Make(ControlPool, 1_400), new MatchingOptions { Distance = Distance, Ratio = 5 });

    /// <summary>Brute force: every treated unit scans every control of its stratum, 5 passes.</summary>
    [Benchmark(Baseline = true)]
    public int BruteForce()
    {
        int pairs = 0;
        var ps = _plan.PropensityScores;
        int dims = _plan.Dims;
        var rank = _plan.Rank;
        foreach (var st in _plan.Strata)
        {
            var used = new bool[_plan.Data.RowCount];
            for (int pass = 0; pass < 5; pass++)
            {
                foreach (int t in st.Treated)
                {
                    int best = -1;
                    double bestD = double.PositiveInfinity;
                    foreach (int c in st.Controls)
                    {
                        if (used[c])
                        {
                            continue;
                        }

                        double d = 0;
                        if (ps is not null)
                        {
                            d = Math.Abs(ps[c] - ps[t]);
                        }
                        else
                        {
                            for (int a = 0; a < dims; a++)
                            {
                                double e = _plan.Coordinate(t, a) - _plan.Coordinate(c, a);
                                d += e * e;
                            }
                        }

                        if (d < bestD || (d == bestD && rank[c] < rank[best]))
                        {
                            bestD = d;
                            best = c;
                        }
                    }

                    if (best >= 0)
                    {
                        used[best] = true;
                        pairs++;
                    }
                }
            }
        }

        return pairs;
    }

    /// <summary>The library's kernels on the same plan.</summary>
    [Benchmark]
    public int Fast() => _plan.Match().Pairs.Count;
}
