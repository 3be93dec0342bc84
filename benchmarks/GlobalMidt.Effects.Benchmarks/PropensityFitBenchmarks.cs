using BenchmarkDotNet.Attributes;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Benchmarks;

/// <summary>
/// The propensity fit (glm) with 3 numeric covariates and one factor of 0 to 500 dummy columns: the dense IRLS over
/// explicit dummy columns (<see cref="LogisticRegression.Fit"/>, baseline) against the one-hot block fit that
/// <c>match --distance glm</c> uses (<see cref="OneHotLogisticRegression"/>). Same data, same iterates.
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/GlobalMidt.Effects.Benchmarks -- --filter '*PropensityFitBenchmarks*'</c>
/// (the 500-dummy baseline takes tens of seconds per call).</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PropensityFitBenchmarks
{
    private bool[] _y = null!;
    private double[][] _numeric = null!;
    private List<double[]> _denseColumns = null!;
    private List<string> _denseNames = null!;
    private OneHotFactor[] _factors = null!;

    /// <summary>Rows.</summary>
    [Params(50_000)]
    public int Rows { get; set; }

    /// <summary>Dummy columns of the factor (levels - 1).</summary>
    [Params(0, 10, 100, 500)]
    public int Dummies { get; set; }

    /// <summary>Makes the data from a fixed seed: level sizes uneven, treatment depending on level and covariates.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Xoshiro256StarStar(7);
        int n = Rows;
        _y = new bool[n];
        var fte = new double[n];
        var turnover = new double[n];
        var growth = new double[n];
        var codes = new int[n];
        var levelEffect = new double[Dummies + 1];
        for (int l = 0; l < levelEffect.Length; l++)
        {
            levelEffect[l] = 0.5 * rng.NextNormal();
        }

        for (int i = 0; i < n; i++)
        {
            int level = Dummies == 0 ? 0 : i <= Dummies ? i : (int)(rng.NextDouble() * rng.NextDouble() * (Dummies + 1));
            codes[i] = level - 1;
            fte[i] = Math.Round(rng.NextLogNormal(2.2, 1), 1);
            turnover[i] = Math.Round(fte[i] * rng.NextLogNormal(6.5, 0.5));
            growth[i] = Math.Round(0.02 + (0.15 * rng.NextNormal()), 4);
            double eta = -2 + (0.2 * Math.Log(fte[i])) + growth[i] + levelEffect[level];
            _y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-eta));
        }

        _numeric = [fte, turnover, growth];
        var names = Enumerable.Range(1, Dummies).Select(l => "industry" + l).ToList();
        _factors = Dummies == 0 ? [] : [new OneHotFactor(codes, names)];
        _denseColumns = [.. _numeric];
        _denseNames = ["fte", "turnover", "growth"];
        for (int l = 0; l < Dummies; l++)
        {
            _denseColumns.Add(codes.Select(c => c == l ? 1.0 : 0.0).ToArray());
            _denseNames.Add(names[l]);
        }
    }

    /// <summary>Dense IRLS over explicit 0/1 columns (before issue 13).</summary>
    [Benchmark(Baseline = true)]
    public double Dense() => LogisticRegression.Fit(_y, _denseColumns, _denseNames).Deviance;

    /// <summary>The one-hot block fit.</summary>
    [Benchmark]
    public double OneHot() => OneHotLogisticRegression.Fit(_y, _numeric, ["fte", "turnover", "growth"], _factors).Deviance;
}
