using BenchmarkDotNet.Attributes;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Benchmarks;

/// <summary>
/// The bootstrap of the controls (the robust default's intervals, 999 replicates, employment and turnover together)
/// on the shape of the 1M-firm register's cross-cutting row: 32,000 participants with 5 controls each, drawn from
/// 100,000 controls with a skew so that about a third of them serve several participants (scale above 0, drawn in
/// every replicate). Baseline: the straightforward loop, per replicate <see cref="ControlBootstrap.Draw"/> and
/// <see cref="ControlBootstrap.ReplicateEffects"/>; against it <see cref="ControlBootstrap.PercentileIntervals"/>
/// (four replicates per pass over the pair entries, weight-1 entries summed once, ziggurat exponentials) on one
/// thread and on all cores. All three give the same intervals, bit for bit (ControlBootstrapTests).
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/GlobalMidt.Effects.Benchmarks -- --filter '*ControlBootstrapBenchmarks*'</c></remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ControlBootstrapBenchmarks
{
    private const int Replicates = 999;
    private ControlOutcome[] _outcomes = null!;
    private double[] _scales = null!;
    private int _distinct;

    /// <summary>Makes the matched sample from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        const int n = 32_000;
        const int pool = 100_000;
        var rng = new Xoshiro256StarStar(13);
        var offsets = Enumerable.Range(0, n + 1).Select(i => 5 * i).ToArray();
        var picked = new int[5 * n];
        for (int e = 0; e < picked.Length; e++)
        {
            double u = rng.NextDouble();
            picked[e] = (int)(pool * u * u);
        }

        // Distinct controls in control order, as DistinctControls numbers them.
        var order = picked.Distinct().Order().ToArray();
        var index = new Dictionary<int, int>();
        for (int j = 0; j < order.Length; j++)
        {
            index[order[j]] = j;
        }

        var distinct = picked.Select(c => index[c]).ToArray();
        _distinct = order.Length;
        var values = new double[4][];
        for (int v = 0; v < 4; v++)
        {
            values[v] = new double[pool + n];
        }

        for (int i = 0; i < pool + n; i++)
        {
            values[0][i] = Math.Round(rng.NextLogNormal(2.2, 1), 1);
            values[1][i] = Math.Round(values[0][i] * rng.NextLogNormal(0.02, 0.2), 1);
            values[2][i] = Math.Round(values[0][i] * rng.NextLogNormal(6.5, 0.5));
            values[3][i] = Math.Round(values[2][i] * rng.NextLogNormal(0.03, 0.25));
        }

        var participants = Enumerable.Range(pool, n).ToArray();
        _outcomes =
        [
            ControlOutcome.FromUnits(values[0], values[1], participants, offsets, picked, null, distinct),
            ControlOutcome.FromUnits(values[2], values[3], participants, offsets, picked, null, distinct),
        ];
        _outcomes[1] = new ControlOutcome(_outcomes[1].Y0, _outcomes[1].Y1, _outcomes[0].Offsets, _outcomes[1].C0, _outcomes[1].C1, _outcomes[0].Distinct);
        _scales = ControlBootstrap.VarianceCorrectedScales(offsets, [.. Enumerable.Repeat(0.2, n)], distinct, _distinct);
    }

    /// <summary>Per replicate the draws and both outcomes' effects, one replicate at a time.</summary>
    [Benchmark(Baseline = true)]
    public double Straightforward()
    {
        int n = _outcomes[0].Count;
        var counts = new int[n];
        var weights = new double[_distinct];
        var result = new double[2];
        double s = 0;
        for (int b = 0; b < Replicates; b++)
        {
            ControlBootstrap.Draw(42, b, counts, weights, _scales);
            ControlBootstrap.ReplicateEffects(_outcomes, counts, weights, EffectEstimator.Pairwise, null, result, _scales);
            s += result[0] + result[1];
        }

        return s;
    }

    /// <summary>Blocks of four replicates, one thread.</summary>
    [Benchmark]
    public double OneThread() => ControlBootstrap.PercentileIntervals(_outcomes, _distinct, Replicates, 0.95, 42, EffectEstimator.Pairwise, 1, null, _scales)[0].Low;

    /// <summary>Blocks of four replicates, all cores.</summary>
    [Benchmark]
    public double AllCores() => ControlBootstrap.PercentileIntervals(_outcomes, _distinct, Replicates, 0.95, 42, EffectEstimator.Pairwise, 0, null, _scales)[0].Low;
}
