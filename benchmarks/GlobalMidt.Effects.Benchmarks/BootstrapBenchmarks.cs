using BenchmarkDotNet.Attributes;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Benchmarks;

/// <summary>
/// The effect bootstrap (999 replicates, employment and turnover resampled together): the former serial loop
/// (baseline: per replicate the counts, then <see cref="MatchedOutcomes.Statistics(ReadOnlySpan{int})"/> per
/// outcome) against <see cref="EffectBootstrap.PercentileIntervals(IReadOnlyList{MatchedOutcomes}, int, double, ulong, EffectEstimator, int)"/>
/// on one thread and on all cores. All three give the same intervals, bit for bit.
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/GlobalMidt.Effects.Benchmarks -- --filter '*BootstrapBenchmarks*'</c></remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class BootstrapBenchmarks
{
    private MatchedOutcomes[] _outcomes = null!;

    /// <summary>Matched participants.</summary>
    [Params(1_400, 14_000, 100_000)]
    public int Participants { get; set; }

    /// <summary>Makes two outcomes of matched sets with 5 controls each from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Xoshiro256StarStar(3);
        int n = Participants;
        int units = n * 6;
        var fte0 = new double[units];
        var fte1 = new double[units];
        var t0 = new double[units];
        var t1 = new double[units];
        for (int i = 0; i < units; i++)
        {
            fte0[i] = Math.Round(rng.NextLogNormal(2.2, 1), 1);
            fte1[i] = Math.Round(fte0[i] * rng.NextLogNormal(0.02, 0.2), 1);
            t0[i] = Math.Round(fte0[i] * rng.NextLogNormal(6.5, 0.5));
            t1[i] = Math.Round(t0[i] * rng.NextLogNormal(0.03, 0.25));
        }

        var participants = Enumerable.Range(0, n).ToArray();
        var offsets = Enumerable.Range(0, n + 1).Select(i => 5 * i).ToArray();
        var controls = Enumerable.Range(0, 5 * n).Select(i => n + i).ToArray();
        _outcomes = [new MatchedOutcomes(fte0, fte1, participants, offsets, controls), new MatchedOutcomes(t0, t1, participants, offsets, controls)];
    }

    /// <summary>The serial loop before issue 13.</summary>
    [Benchmark(Baseline = true)]
    public double Serial()
    {
        int n = _outcomes[0].Count;
        var rng = new Xoshiro256StarStar(42);
        var counts = new int[n];
        double s = 0;
        for (int b = 0; b < 999; b++)
        {
            Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                counts[rng.NextInt(n)]++;
            }

            foreach (var o in _outcomes)
            {
                s += o.Statistics(counts).EffectBy(EffectEstimator.Aggregate);
            }
        }

        return s;
    }

    /// <summary>Precomputed contributions, one thread.</summary>
    [Benchmark]
    public double OneThread() => EffectBootstrap.PercentileIntervals(_outcomes, 999, 0.95, 42, EffectEstimator.Aggregate, 1)[0].Low;

    /// <summary>Precomputed contributions, all cores.</summary>
    [Benchmark]
    public double AllCores() => EffectBootstrap.PercentileIntervals(_outcomes, 999, 0.95, 42, EffectEstimator.Aggregate, 0)[0].Low;
}
