using System.Text;

namespace GlobalMidt.Effects.Data;

/// <summary>Reusable buffers that turn strings into trimmed UTF-8 for <see cref="RegisterBuilder"/> (the records
/// and DataFrame loaders), one buffer per slot so several fields of a row can be held at once.</summary>
internal sealed class Utf8Scratch
{
    private readonly byte[][] _buffers = [new byte[64], new byte[64], new byte[64], new byte[64], new byte[64], new byte[64]];

    /// <summary>The trimmed UTF-8 bytes of <paramref name="text"/> (empty for null), valid until the slot is reused.</summary>
    public ReadOnlySpan<byte> Trimmed(int slot, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return default;
        }

        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffers[slot].Length < max)
        {
            _buffers[slot] = new byte[max];
        }

        int n = Encoding.UTF8.GetBytes(text, _buffers[slot]);
        return FieldText.Trim(_buffers[slot].AsSpan(0, n));
    }
}
