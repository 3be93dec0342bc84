using BenchmarkDotNet.Attributes;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Benchmarks;

/// <summary>
/// The draws of one replicate of the bootstrap of the controls, per draw: 65,536 participant counts
/// (<see cref="Xoshiro256StarStar.AddDrawCounts"/>), 65,536 exponentials by the ziggurat
/// (<see cref="Xoshiro256StarStar.FillStandardExponentials(Span{double})"/>) and by inversion, -log(U) (the draws
/// before 2026-11-30), and the counts and the ziggurat with four generators side by side
/// (<see cref="Xoshiro256StarStarLanes"/>, as the bootstrap draws them); baseline: 65,536 raw 64-bit outputs.
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/GlobalMidt.Effects.Benchmarks -- --filter '*RandomDrawBenchmarks*'</c></remarks>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class RandomDrawBenchmarks
{
    private const int N = 65_536;
    private readonly int[] _counts = new int[N];
    private readonly double[] _values = new double[N];
    private readonly Xoshiro256StarStar _rng = new(7);
    private readonly int[] _laneCounts = new int[4 * N];
    private readonly double[] _laneValues = new double[4 * N];
    private readonly Xoshiro256StarStarLanes _lanes = Xoshiro256StarStarLanes.ForStreams(7, 0);

    /// <summary>Raw outputs.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public ulong Raw()
    {
        ulong x = 0;
        for (int i = 0; i < N; i++)
        {
            x ^= _rng.NextUInt64();
        }

        return x;
    }

    /// <summary>Participant counts: N draws of 0..N-1.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int Counts()
    {
        Array.Clear(_counts);
        _rng.AddDrawCounts(_counts);
        return _counts[0];
    }

    /// <summary>Exponentials by the ziggurat.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double Ziggurat()
    {
        _rng.FillStandardExponentials(_values);
        return _values[0];
    }

    /// <summary>Participant counts, four generators side by side (N draws each).</summary>
    [Benchmark(OperationsPerInvoke = 4 * N)]
    public int CountsFourLanes()
    {
        Array.Clear(_laneCounts);
        _lanes.AddDrawCounts(_laneCounts, N);
        return _laneCounts[0];
    }

    /// <summary>Exponentials by the ziggurat, four generators side by side.</summary>
    [Benchmark(OperationsPerInvoke = 4 * N)]
    public double ZigguratFourLanes()
    {
        _lanes.FillStandardExponentials(_laneValues);
        return _laneValues[0];
    }

    /// <summary>Exponentials by inversion.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double Inversion()
    {
        for (int i = 0; i < N; i++)
        {
            _values[i] = -Math.Log(_rng.NextOpenDouble());
        }

        return _values[0];
    }
}
