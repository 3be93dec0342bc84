using System.IO.Compression;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Tests.Data;

public sealed class BackgroundDecompressionStreamTests
{
    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Text-like data that compresses (digits and separators) but is not periodic.</summary>
    private static byte[] Data(int length, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            int r = rng.Next(12);
            data[i] = r < 10 ? (byte)('0' + r) : r == 10 ? (byte)',' : (byte)'\n';
        }

        return data;
    }

    private static byte[] ReadAll(Stream s, int chunk)
    {
        using var output = new MemoryStream();
        var buffer = new byte[chunk];
        int n;
        while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    [Theory]
    [InlineData(0, 4096)]
    [InlineData(1, 1)]
    [InlineData(1000, 7)]
    [InlineData(BackgroundDecompressionStream.BlockSize, 65536)]
    [InlineData(BackgroundDecompressionStream.BlockSize + 1, 1 << 18)]
    [InlineData((BackgroundDecompressionStream.BlockSize * BackgroundDecompressionStream.BlockCount * 3) + 12345, 100_003)]
    [InlineData((BackgroundDecompressionStream.BlockSize * 2) + 5, 1 << 22)]
    public void Read_ReturnsTheSourceBytesInOrder(int length, int chunk)
    {
        var data = Data(length, length);
        using var s = new BackgroundDecompressionStream(new GZipStream(new MemoryStream(Gzip(data)), CompressionMode.Decompress));

        Assert.Equal(data, ReadAll(s, chunk));
        Assert.Equal(0, s.Read(new byte[10], 0, 10));
        Assert.Equal(-1, s.ReadByte());
    }

    [Fact]
    public void Read_CorruptGzip_ThrowsTheSourceExceptionAfterTheBytesBeforeIt()
    {
        // A valid gzip member followed by garbage: GZipStream reads the first member, then fails on the second
        // header. The reader gets every byte of the first member, then the same exception as reading directly.
        var data = Data((BackgroundDecompressionStream.BlockSize * 3) + 17, 3);
        byte[] gz = [.. Gzip(data), 0x1F, 0x8B, 0x08, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var direct = Assert.ThrowsAny<Exception>(() => ReadAll(new GZipStream(new MemoryStream(gz), CompressionMode.Decompress), 4096));

        using var s = new BackgroundDecompressionStream(new GZipStream(new MemoryStream(gz), CompressionMode.Decompress));
        var buffer = new byte[data.Length];
        int read = 0;
        while (read < data.Length)
        {
            int n = s.Read(buffer, read, Math.Min(4096, data.Length - read));
            Assert.True(n > 0);
            read += n;
        }

        Assert.Equal(data, buffer);
        var e = Assert.ThrowsAny<Exception>(() => s.Read(new byte[4096], 0, 4096));
        Assert.Equal(direct.GetType(), e.GetType());
        Assert.Equal(direct.Message, e.Message);
    }

    [Fact]
    public void Read_NotGzip_ThrowsInvalidDataException()
    {
        using var s = new BackgroundDecompressionStream(new GZipStream(new MemoryStream("this is not gzip"u8.ToArray()), CompressionMode.Decompress));

        Assert.Throws<InvalidDataException>(() => s.Read(new byte[100], 0, 100));
    }

    [Fact]
    public void Dispose_BeforeTheEnd_StopsTheProducerAndDisposesTheSource()
    {
        var data = Data(BackgroundDecompressionStream.BlockSize * BackgroundDecompressionStream.BlockCount * 4, 5);
        var source = new GZipStream(new MemoryStream(Gzip(data)), CompressionMode.Decompress);
        var s = new BackgroundDecompressionStream(source);
        var buffer = new byte[1000];
        Assert.Equal(1000, s.Read(buffer, 0, buffer.Length));
        Assert.Equal(data.AsSpan(0, 1000).ToArray(), buffer);

        s.Dispose();

        Assert.False(s.CanRead);
        Assert.False(source.CanRead); // disposed
        Assert.Throws<ObjectDisposedException>(() => s.Read(buffer, 0, 1));
    }
}
