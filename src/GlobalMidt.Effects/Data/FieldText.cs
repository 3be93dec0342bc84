using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace GlobalMidt.Effects.Data;

/// <summary>Small helpers over UTF-8 field text shared by the loaders: trimming, numbers and the wording of
/// their errors, so every loader says the same thing about the same mistake.</summary>
internal static class FieldText
{
    /// <summary>Removes ASCII spaces and tabs around a field.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = 0;
        int end = s.Length;
        while (start < end && (s[start] == (byte)' ' || s[start] == (byte)'\t'))
        {
            start++;
        }

        while (end > start && (s[end - 1] == (byte)' ' || s[end - 1] == (byte)'\t'))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>The field as a string, for messages: control characters and bytes that are not UTF-8 are shown as
    /// <c>\xNN</c>, so a message never hides them (or turns two different values into the same text); a long
    /// value is cut to its first 200 bytes.</summary>
    public static string Show(ReadOnlySpan<byte> s)
    {
        const int MaxShown = 200;
        string more = string.Empty;
        if (s.Length > MaxShown)
        {
            more = string.Create(CultureInfo.InvariantCulture, $"... ({s.Length:N0} bytes)");
            s = s[..MaxShown];
        }

        if (Ascii.IsValid(s) && s.IndexOfAnyInRange((byte)0, (byte)0x1F) < 0 && s.IndexOf((byte)0x7F) < 0)
        {
            return Encoding.ASCII.GetString(s) + more;
        }

        var sb = new StringBuilder(s.Length + 16);
        while (!s.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(s, out Rune rune, out int used);
            if (status != System.Buffers.OperationStatus.Done || Rune.IsControl(rune))
            {
                for (int i = 0; i < used; i++)
                {
                    sb.Append(string.Create(CultureInfo.InvariantCulture, $"\\x{s[i]:X2}"));
                }
            }
            else
            {
                sb.Append(rune.ToString());
            }

            s = s[used..];
        }

        return sb.Append(more).ToString();
    }

    /// <summary>What is wrong with a text field, or null: bytes that are not UTF-8, or a control character
    /// (C0, DEL or C1; a tab or line break inside a field included).</summary>
    /// <remarks>Vectorized for ASCII, the common case; loaders call it once per distinct value where they can.</remarks>
    public static string? TextProblem(ReadOnlySpan<byte> s)
    {
        if (Ascii.IsValid(s))
        {
            int c = s.IndexOfAnyInRange((byte)0, (byte)0x1F);
            if (c < 0)
            {
                c = s.IndexOf((byte)0x7F);
            }

            return c < 0 ? null : ControlMessage(s[c], c);
        }

        if (!Utf8.IsValid(s))
        {
            int at = 0;
            var rest = s;
            while (Rune.DecodeFromUtf8(rest, out _, out int used) == System.Buffers.OperationStatus.Done)
            {
                at += used;
                rest = rest[used..];
            }

            return string.Create(
                CultureInfo.InvariantCulture,
                $"not valid UTF-8 (byte 0x{s[at]:X2} at byte {at + 1}): expected UTF-8 text; save the file as UTF-8 (e.g. 'CSV UTF-8' in Excel)");
        }

        int pos = 0;
        var r = s;
        while (!r.IsEmpty)
        {
            Rune.DecodeFromUtf8(r, out Rune rune, out int used);
            if (Rune.IsControl(rune))
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"contains the control character U+{rune.Value:X4} at byte {pos + 1}: expected text without control characters");
            }

            pos += used;
            r = r[used..];
        }

        return null;
    }

    private static string ControlMessage(byte b, int at)
    {
        string name = b switch
        {
            0 => "NUL",
            9 => "tab",
            10 => "line feed",
            13 => "carriage return",
            0x7F => "DEL",
            _ => "control character",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"contains a {name} (byte 0x{b:X2} at byte {at + 1}): expected text without control characters");
    }

    /// <summary>True for 1-6 ASCII digits (a DB07 code).</summary>
    public static bool IsIndustryCode(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s.Length > 6)
        {
            return false;
        }

        foreach (byte b in s)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>0 for <c>private</c>, 1 for <c>public</c> (ASCII case-insensitive), -1 otherwise.</summary>
    public static int ParseSector(ReadOnlySpan<byte> s)
    {
        if (Ascii.EqualsIgnoreCase(s, "private"u8))
        {
            return 0;
        }

        return Ascii.EqualsIgnoreCase(s, "public"u8) ? 1 : -1;
    }

    /// <summary>Parses a decimal with the culture's decimal separator and no thousands separators. Returns
    /// false for text that is not a number; NaN, infinities and negatives are returned for the caller to judge.</summary>
    /// <remarks>Plain decimals of at most 15 digits (<c>1234.5</c>) take a fast path that gives the same, correctly
    /// rounded, result as <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>:
    /// the digits form an integer below 2^53 and the scale a power of ten up to 10^15, both exact in a double, so
    /// one IEEE division rounds correctly (Clinger's fast path). Everything else goes to <c>double.TryParse</c>.</remarks>
    public static bool TryParseNumber(ReadOnlySpan<byte> s, CultureInfo culture, out double value)
    {
        byte separator = culture.NumberFormat.NumberDecimalSeparator == "," ? (byte)',' : (byte)'.';
        return TryParseNumber(s, separator, culture, out value);
    }

    /// <summary>As <see cref="TryParseNumber(ReadOnlySpan{byte}, CultureInfo, out double)"/> with the decimal
    /// separator byte already looked up.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> s, byte separator, CultureInfo culture, out double value)
    {
        // The integer digits, then after one separator the fraction's: a loop each, the number of digits counted
        // at the end (more than 15, or none, or anything else in the text: the slow path).
        ulong mantissa = 0;
        int i = 0;
        uint d;
        while (i < s.Length && (d = (uint)(s[i] - '0')) <= 9)
        {
            mantissa = (mantissa * 10) + d;
            i++;
        }

        int digits = i;
        int scale = 0;
        if (i < s.Length && s[i] == separator)
        {
            int fraction = ++i;
            while (i < s.Length && (d = (uint)(s[i] - '0')) <= 9)
            {
                mantissa = (mantissa * 10) + d;
                i++;
            }

            scale = i - fraction;
            digits += scale;
        }

        if (i != s.Length || digits == 0 || digits > 15)
        {
            return SlowParse(s, culture, out value);
        }

        value = scale > 0 ? mantissa / Pow10[scale] : mantissa;
        return true;
    }

    /// <summary><c>double.TryParse</c> for printable ASCII only: .NET accepts trailing NUL bytes (<c>5\0</c> reads as 5)
    /// and surrounding line breaks; a number with a control character or a byte outside ASCII is not a number.</summary>
    private static bool SlowParse(ReadOnlySpan<byte> s, CultureInfo culture, out double value)
    {
        if (s.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
        {
            value = 0;
            return false;
        }

        return double.TryParse(s, NumberStyles.Float, culture, out value);
    }

    private static readonly double[] Pow10 =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>The message for a field that is not a number.</summary>
    public static string NotANumber(ReadOnlySpan<byte> value, CultureInfo culture, string what)
    {
        if (TextProblem(value) is string problem)
        {
            return $"not a number: {problem.Split(": expected", 2)[0]}; expected {what}";
        }

        bool comma = culture.NumberFormat.NumberDecimalSeparator == ",";
        string example = comma ? "12,5" : "12.5";
        string msg = value.IsEmpty
            ? $"empty: expected {what} such as {example}"
            : $"not a number: expected {what} such as {example}";
        if (!comma && value.IndexOf((byte)',') >= 0)
        {
            msg += " (use --culture da-DK for decimal commas, with a ';' delimiter)";
        }
        else if (comma && value.IndexOf((byte)'.') >= 0)
        {
            msg += $" (culture {culture.Name} reads a decimal comma and no thousands separators)";
        }

        return msg;
    }
}
