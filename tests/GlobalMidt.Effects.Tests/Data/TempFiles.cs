using System.IO.Compression;
using System.Text;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>A temporary directory for test files, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Dir = Path.Combine(Path.GetTempPath(), "gme-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    /// <summary>Writes UTF-8 text (no BOM unless asked); "\n" line ends unless the text has others.</summary>
    public string Write(string name, string text, bool bom = false)
    {
        string path = Path.Combine(Dir, name);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom)
        {
            bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        }

        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gz = new GZipStream(file, CompressionLevel.Fastest);
            gz.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }

        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
