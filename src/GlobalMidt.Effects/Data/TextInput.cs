using System.IO.Compression;
using System.Text;

namespace GlobalMidt.Effects.Data;

/// <summary>Text readers for the table readers that take a <see cref="TextReader"/> (matching tables, balance input,
/// published tables): strict UTF-8 (a BOM allowed, invalid bytes an error).</summary>
internal static class TextInput
{
    /// <summary>A file as strict UTF-8 text (BOM allowed).</summary>
    public static StreamReader OpenFile(string path) =>
        new(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);

    /// <summary>All of <paramref name="input"/> (e.g. standard input, read once and disposed) as strict UTF-8 text,
    /// through gzip when it starts with 1F 8B.</summary>
    public static StreamReader ReadAll(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new MemoryStream();
        using (input)
        {
            input.CopyTo(buffer);
        }

        buffer.Position = 0;
        byte[] head = buffer.GetBuffer();
        Stream stream = buffer.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B
            ? new GZipStream(buffer, CompressionMode.Decompress, leaveOpen: false)
            : buffer;
        return new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
    }
}
