using System.Text.Encodings.Web;
using System.Text.Json;
using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Reporting;

/// <summary>Indented JSON with LF line ends on every target framework.</summary>
/// <remarks><see cref="JsonWriterOptions"/> has <c>NewLine</c> from .NET 9 on; on .NET 8 the writer uses
/// <see cref="Environment.NewLine"/>, so the text is written to a buffer and its CR bytes dropped (the writer escapes
/// CR inside strings, so every raw CR is part of a line end).</remarks>
internal static class JsonLf
{
    /// <summary>Indented, UTF-8 letters kept, LF line ends where the framework allows.</summary>
    public static JsonWriterOptions Options => new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
#if NET9_0_OR_GREATER
        NewLine = "\n",
#endif
    };

    /// <summary>True when the writer's line ends must be rewritten (.NET 8 on Windows).</summary>
#if NET9_0_OR_GREATER
    public static bool NeedsRewrite => false;
#else
    public static bool NeedsRewrite => Environment.NewLine != "\n";
#endif

    /// <summary>Writes <paramref name="name"/>: <paramref name="value"/>, or null when it is null, NaN or infinite.</summary>
    public static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes <paramref name="name"/>: <paramref name="value"/>, or null when it is null.</summary>
    public static void Boolean(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is bool b)
        {
            w.WriteBoolean(name, b);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes <paramref name="name"/>: an array of <paramref name="values"/>.</summary>
    public static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes the fields an effect shares with its test: the two growth shares and the p-value, the effect
    /// and its estimate under their names, and the interval's ends.</summary>
    public static void EffectFields(Utf8JsonWriter w, ShareTest? test, string effectName, double? effect, string estimateName, double? estimate, Interval? interval)
    {
        Number(w, "participant_share", test?.ParticipantShare);
        Number(w, "control_share", test?.ControlShare);
        Number(w, "p_value", test?.PValue);
        Number(w, effectName, effect);
        Number(w, estimateName, estimate);
        Number(w, "ci_low", interval?.Low);
        Number(w, "ci_high", interval?.High);
    }

    /// <summary>Writes <paramref name="buffer"/>'s bytes to <paramref name="target"/> without CR bytes.</summary>
    public static void CopyWithoutCr(MemoryStream buffer, Stream target)
    {
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        int start = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\r')
            {
                target.Write(bytes[start..i]);
                start = i + 1;
            }
        }

        target.Write(bytes[start..]);
    }
}
