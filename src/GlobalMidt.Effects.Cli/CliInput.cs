using System.IO.Compression;
using System.Text;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Cli;

/// <summary>Input paths of the commands: <c>-</c> is standard input (read once; gzip recognised by its magic bytes).</summary>
public static class CliInput
{
    /// <summary>The path that means standard input (or, for an output, standard output).</summary>
    public const string Dash = "-";

    /// <summary>True for <c>-</c>.</summary>
    public static bool IsDash(string? path) => path == Dash;

    /// <summary>Throws a usage error when more than one of <paramref name="paths"/> is <c>-</c>.</summary>
    public static void AtMostOneStdin(params (string Option, string? Path)[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var dashes = paths.Where(p => IsDash(p.Path)).Select(p => "--" + p.Option).ToList();
        if (dashes.Count > 1)
        {
            throw new UsageException($"only one input can come from standard input ('-'); got {string.Join(" and ", dashes)}.");
        }
    }

    /// <summary>The register from a file or, for <c>-</c>, standard input.</summary>
    public static Register Register(string path, RegisterLoadOptions options, CliHost host) =>
        IsDash(path) ? RegisterCsv.Load(Stdin(host), "stdin", options) : RegisterCsv.Load(path, options);

    /// <summary>The participants from a file or, for <c>-</c>, standard input.</summary>
    public static IReadOnlyList<Participant> Participants(string path, RegisterLoadOptions options, CliHost host) =>
        IsDash(path) ? ParticipantsCsv.Load(Stdin(host), "stdin", options) : ParticipantsCsv.Load(path, options);

    /// <summary>The budgets from a file or, for <c>-</c>, standard input.</summary>
    public static IReadOnlyList<GroupBudget> Budgets(string path, RegisterLoadOptions options, CliHost host) =>
        IsDash(path) ? BudgetsCsv.Load(Stdin(host), "stdin", options) : BudgetsCsv.Load(path, options);

    /// <summary>All of standard input as text (UTF-8, BOM allowed), through gzip when it starts with 1F 8B.</summary>
    public static TextReader StdinText(CliHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var buffer = new MemoryStream();
        using (var stdin = host.OpenStdin())
        {
            stdin.CopyTo(buffer);
        }

        buffer.Position = 0;
        byte[] head = buffer.GetBuffer();
        Stream stream = buffer.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B
            ? new GZipStream(buffer, CompressionMode.Decompress, leaveOpen: false)
            : buffer;
        return new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
    }

    private static Stream Stdin(CliHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.OpenStdin();
    }
}
