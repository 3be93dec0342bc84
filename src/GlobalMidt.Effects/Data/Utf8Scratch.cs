using System.Text;

namespace GlobalMidt.Effects.Data;

/// <summary>Reusable buffers that turn strings into trimmed UTF-8 for <see cref="RegisterBuilder"/> (the records
/// and DataFrame loaders), one buffer per slot so several fields of a row can be held at once.</summary>
internal sealed class Utf8Scratch
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[][] _buffers = [new byte[64], new byte[64], new byte[64], new byte[64], new byte[64], new byte[64]];

    /// <summary>The trimmed UTF-8 bytes of <paramref name="text"/> (empty for null), valid until the slot is reused.</summary>
    /// <remarks>A lone surrogate (a string that is not valid UTF-16) is written as its 3-byte form, which is not valid
    /// UTF-8, so the builder reports it, instead of becoming U+FFFD and making two different ids one.</remarks>
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

        int n;
        try
        {
            n = Strict.GetBytes(text, _buffers[slot]);
        }
        catch (EncoderFallbackException)
        {
            n = Wtf8(text, _buffers[slot]);
        }

        return FieldText.Trim(_buffers[slot].AsSpan(0, n));
    }

    /// <summary>UTF-8 with lone surrogates encoded as if they were characters (WTF-8).</summary>
    private static int Wtf8(string text, byte[] buffer)
    {
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                c = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }

            n += new Rune(c is >= 0xD800 and <= 0xDFFF ? 0xFFFD : c).EncodeToUtf8(buffer.AsSpan(n));
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                // Overwrite the U+FFFD just written with the surrogate's own (invalid) 3-byte form.
                n -= 3;
                buffer[n] = (byte)(0xE0 | (c >> 12));
                buffer[n + 1] = (byte)(0x80 | ((c >> 6) & 0x3F));
                buffer[n + 2] = (byte)(0x80 | (c & 0x3F));
                n += 3;
            }
        }

        return n;
    }
}
