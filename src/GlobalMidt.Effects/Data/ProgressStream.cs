namespace GlobalMidt.Effects.Data;

/// <summary>Reads a file and reports each new tenth of its bytes read (10 .. 90 percent), for a progress line while
/// a large register loads.</summary>
/// <param name="inner">The file; disposed with this stream.</param>
/// <param name="percent">Called with 10, 20, ... 90 as the reading passes each tenth.</param>
internal sealed class ProgressStream(FileStream inner, Action<int> percent) : ReadOnlyStream(inner)
{
    private int _reported;

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        int n = Inner.Read(buffer);
        int tenth = (int)(10 * Inner.Position / Inner.Length);
        if (tenth > _reported && tenth < 10)
        {
            _reported = tenth;
            percent(tenth * 10);
        }

        return n;
    }

    /// <summary>Opens <paramref name="path"/> through a progress stream when it is a regular file (a pipe's size is 0)
    /// whose name and content agree on gzip; null otherwise (then the plain reader's errors name the problem).</summary>
    public static ProgressStream? Open(string path, Action<int> percent)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length <= 2 || !LooksAsNamed(path))
        {
            return null;
        }

        return new ProgressStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), percent);
    }

    /// <summary>True unless the name ends in .gz and the data lacks gzip's magic bytes.</summary>
    private static bool LooksAsNamed(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        using var f = File.OpenRead(path);
        return f.ReadByte() == 0x1F && f.ReadByte() == 0x8B;
    }
}
