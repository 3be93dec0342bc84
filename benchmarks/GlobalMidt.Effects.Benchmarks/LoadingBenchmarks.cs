using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CsvHelper;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Benchmarks;

/// <summary>
/// Loading a firm register (N firms x 9 annual periods, ~66 bytes a row) from CSV into the validated columns,
/// against CsvHelper reading every field without validation (the floor any loader built on it pays).
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/GlobalMidt.Effects.Benchmarks -- --filter '*LoadingBenchmarks*'</c>.
/// Throughput = file size (printed by the setup) / mean time. Monitoring strategy with few iterations: one 1M-firm
/// operation reads ~560 MB, so each iteration is long enough to time on its own.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LoadingBenchmarks
{
    private string _dir = "";
    private string _path = "";

    /// <summary>Number of firms.</summary>
    [Params(100_000, 1_000_000)]
    public int Firms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "gme-loading-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _path = Path.Combine(_dir, "firms.csv");
        long rows = LoadingData.Write(_path, Firms);
        Console.WriteLine($"// LoadingBenchmarks: {Firms} firms, {rows} rows, {new FileInfo(_path).Length / 1e6:F1} MB");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>CsvHelper alone: every field of every record, numbers parsed, nothing validated or kept.</summary>
    [Benchmark(Baseline = true)]
    public double CsvHelperReadAllFields()
    {
        using var reader = CsvReader.FromFile(_path, CsvReaderOptions.Default with { Separator = ',' });
        reader.ReadHeader();
        int fte = reader.GetFieldIndex("fte");
        int turnover = reader.GetFieldIndex("turnover");
        double sum = 0;
        long length = 0;
        while (reader.Read())
        {
            for (int i = 0; i < reader.FieldCount; i++)
            {
                length += reader.GetSpan(i).Length;
            }

            sum += reader.Parse<double>(fte) + reader.Parse<double>(turnover);
        }

        return sum + length;
    }

    /// <summary>The validated load into the columnar register.</summary>
    [Benchmark]
    public int RegisterCsvLoad() => RegisterCsv.Load(_path).FirmCount;
}
