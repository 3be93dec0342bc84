using System.IO.Compression;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Simulation;

/// <summary>The shipped chain sample (data-samples/chain/) is what its documented command writes.</summary>
public sealed class ChainSampleTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "gm-chain-sample-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private static string SampleFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data-samples", "chain");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("data-samples/chain not found above " + AppContext.BaseDirectory);
    }

    private static byte[] Gunzip(string path)
    {
        using var zip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        zip.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void ChainSample_IsWhatGenerateChainFirms10000Seed1Writes()
    {
        // generate --chain --firms 10000 --seed 1 --gzip --out data-samples/chain (README, "The 2017-2019 effect chain").
        string sample = SampleFolder();
        ChainSimulator.Write(new ChainSimulationOptions { Firms = 10_000, Seed = 1 }, _out, gzip: true);

        Assert.Equal(Gunzip(Path.Combine(sample, "firms.csv.gz")), Gunzip(Path.Combine(_out, "firms.csv.gz")));
        foreach (string name in new[] { "participants.csv", "budgets.csv", "truth.json" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(sample, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_out, name))), name);
        }

        Assert.Equal(["budgets.csv", "firms.csv.gz", "participants.csv", "truth.json"], Directory.GetFiles(sample).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
