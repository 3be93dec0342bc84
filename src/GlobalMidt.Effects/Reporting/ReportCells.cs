using System.Globalization;
using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Reporting;

/// <summary>The cell formats the measurement and series reports share: invariant numbers, p-values, estimates with
/// their intervals, CSV fields. A non-finite or missing figure is an empty (undefined) cell.</summary>
internal static class ReportCells
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"estimate [low; high]" in <paramref name="format"/>; the estimate alone without a finite interval;
    /// null without a finite estimate.</summary>
    public static string? WithInterval(double? estimate, Interval? interval, string format)
    {
        if (estimate is not double e || !double.IsFinite(e))
        {
            return null;
        }

        string s = e.ToString(format, Inv);
        return interval is { } i && double.IsFinite(i.Low) && double.IsFinite(i.High)
            ? string.Create(Inv, $"{s} [{i.Low.ToString(format, Inv)}; {i.High.ToString(format, Inv)}]")
            : s;
    }

    /// <summary>A finite number in <paramref name="format"/>, else null.</summary>
    public static string? F(double? v, string format) => v is double d && double.IsFinite(d) ? d.ToString(format, Inv) : null;

    /// <summary>A p-value with three decimals, "&lt;0.001" below that, null when undefined.</summary>
    public static string? P(double? p) => p switch
    {
        null or double.NaN => null,
        < 0.001 => "<0.001",
        double d => d.ToString("0.000", Inv),
    };

    /// <summary>A finite number round-trip ("R") for CSV and JSON-like output, else empty.</summary>
    public static string R(double? v) => v is double d && double.IsFinite(d) ? d.ToString("R", Inv) : string.Empty;

    /// <summary>A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.</summary>
    public static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
