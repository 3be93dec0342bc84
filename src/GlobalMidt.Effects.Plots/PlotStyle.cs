using ScottPlot;

namespace GlobalMidt.Effects.Plots;

/// <summary>Shared look of the charts.</summary>
internal static class PlotStyle
{
    private static readonly string[] SansCandidates = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Noto Sans", "Open Sans"];

    // ScottPlot's Fonts.Sans falls back to the system default typeface, a serif face on many Linux machines; pick an
    // installed sans-serif family explicitly.
    private static readonly Lazy<string> Sans = new(() =>
    {
        foreach (string name in SansCandidates)
        {
            if (string.Equals(Fonts.GetTypeface(name, bold: false, italic: false).FamilyName, name, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return Fonts.Default;
    });

    /// <summary>An installed sans-serif family.</summary>
    public static string SansFont => Sans.Value;

    /// <summary>Checks a width or height in pixels (200..10000).</summary>
    public static void CheckPixels(int value, string optionsName, string name)
    {
        if (value is < 200 or > 10000)
        {
            throw new ArgumentOutOfRangeException(name, value, FormattableString.Invariant($"{optionsName}.{name} must be between 200 and 10000 pixels (got {value})."));
        }
    }
}
