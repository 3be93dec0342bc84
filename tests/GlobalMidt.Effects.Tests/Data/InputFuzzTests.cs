using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>
/// The fuzz test: thousands of mutated registers, participant lists and budgets through loading and measurement;
/// each must succeed or end in <see cref="GlobalMidt.Effects.Data.InputDataException"/> / <see cref="AnalysisException"/>.
/// </summary>
/// <remarks>
/// 3,000 cases by default (about 5-15 s on 2 cores); <c>GME_FUZZ_CASES=100000</c> runs a longer one,
/// <c>GME_FUZZ_SEED</c> another seed, <c>GME_FUZZ_FIRST</c> starts at another case, and <c>GME_FUZZ_KEEP=DIR</c> writes
/// the files of every crashing case with the equivalent <c>measure</c> command line (docs/robustness.md). The counts
/// are printed to the test output (<c>dotnet test --logger "console;verbosity=detailed"</c>).
/// </remarks>
public sealed class InputFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void MutatedInputs_EndInSuccessOrADocumentedError()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("GME_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 3000;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("GME_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 9;
        int first = int.TryParse(Environment.GetEnvironmentVariable("GME_FUZZ_FIRST"), NumberStyles.None, CultureInfo.InvariantCulture, out int f) ? f : 0;
        string? keep = Environment.GetEnvironmentVariable("GME_FUZZ_KEEP");
        var fuzzer = new InputFuzzer(seed);
        // The loaders read files: in memory (tmpfs) where there is one, as writing thousands of small files to a
        // disk under load costs more than loading them.
        string dir = ScratchFolder();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var seconds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var crashes = new List<string>();
        var clock = Stopwatch.StartNew();
        try
        {
            for (int i = first; i < first + cases; i++)
            {
                long start = Stopwatch.GetTimestamp();
                var c = fuzzer.Case(i);
                var outcome = InputFuzzer.Run(c, dir);
                double took = Stopwatch.GetElapsedTime(start).TotalSeconds;
                if (outcome.Crash is { } e)
                {
                    string signature = InputFuzzer.Signature(e);
                    if (!string.IsNullOrEmpty(keep))
                    {
                        InputFuzzer.Keep(c, Path.Combine(keep, "case-" + i.ToString(CultureInfo.InvariantCulture)), signature);
                    }

                    crashes.Add($"case {i} (seed {seed}): {signature}: {e.Message} [{c.Mutations}]\n{e.StackTrace}");
                }

                Count(counts, seconds, outcome.Kind, took);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz: seed {seed}, cases {first:N0}..{first + cases - 1:N0} ({cases:N0}) in {clock.Elapsed.TotalSeconds:0.0} s"));
        foreach (var (kind, count) in counts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-40} {count,8:N0}   ({seconds.GetValueOrDefault(kind) * 1000 / count:0.0} ms each)"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  crashes {crashes.Count}"));
        foreach (string crash in crashes.Take(20))
        {
            output.WriteLine(crash);
        }

        Assert.True(crashes.Count == 0, $"{crashes.Count} crashes; first: {crashes.FirstOrDefault()}");
        Assert.True(counts.GetValueOrDefault("ok") > cases / 20, "too few cases succeed: the mutations are too destructive to test the measurement");
        Assert.True(counts.GetValueOrDefault(nameof(GlobalMidt.Effects.Data.InputDataException)) > cases / 5, "too few input errors: the mutator does not reach the loaders");
    }

    private static string ScratchFolder()
    {
        if (Directory.Exists("/dev/shm"))
        {
            try
            {
                return Directory.CreateDirectory(Path.Combine("/dev/shm", "gme-fuzz-" + Guid.NewGuid().ToString("N"))).FullName;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not writable here: the temp folder does.
            }
        }

        return Directory.CreateTempSubdirectory("gme-fuzz-").FullName;
    }

    private static void Count(SortedDictionary<string, int> counts, SortedDictionary<string, double> seconds, string kind, double took)
    {
        counts[kind] = counts.GetValueOrDefault(kind) + 1;
        seconds[kind] = seconds.GetValueOrDefault(kind) + took;
    }
}
