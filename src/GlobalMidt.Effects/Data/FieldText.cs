using System.Globalization;
using System.Text;

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

    /// <summary>The field as a string, for messages.</summary>
    public static string Show(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

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
        ulong mantissa = 0;
        int digits = 0;
        int scale = -1;
        for (int i = 0; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d <= 9)
            {
                if (digits == 15)
                {
                    return double.TryParse(s, NumberStyles.Float, culture, out value);
                }

                mantissa = (mantissa * 10) + d;
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (s[i] == separator && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return double.TryParse(s, NumberStyles.Float, culture, out value);
            }
        }

        if (digits == 0)
        {
            return double.TryParse(s, NumberStyles.Float, culture, out value);
        }

        value = scale > 0 ? mantissa / Pow10[scale] : mantissa;
        return true;
    }

    private static readonly double[] Pow10 =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>The message for a field that is not a number.</summary>
    public static string NotANumber(ReadOnlySpan<byte> value, CultureInfo culture, string what)
    {
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

    /// <summary>Checks a parsed number is finite and non-negative; returns the message or null.</summary>
    public static string? CheckNonNegative(double v, string what)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return $"not a finite number: expected {what} (NaN and Infinity are not allowed)";
        }

        return v < 0 ? $"negative: expected {what} (0 or more)" : null;
    }
}
