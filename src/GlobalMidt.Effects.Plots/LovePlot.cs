using System.Globalization;
using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Matching;
using ScottPlot;

namespace GlobalMidt.Effects.Plots;

/// <summary>The order of the covariates on a Love plot, top to bottom (cobalt's <c>var.order</c>).</summary>
public enum LovePlotOrder
{
    /// <summary>As in the table (cobalt's default <c>var.order = NULL</c>).</summary>
    AsGiven,

    /// <summary>Largest SMD before matching first (<c>var.order = "unadjusted"</c>).</summary>
    Unadjusted,

    /// <summary>Largest SMD after matching first (<c>var.order = "adjusted"</c>).</summary>
    Adjusted,
}

/// <summary>Options of <see cref="LovePlot.Create"/> and <see cref="LovePlot.Render"/>.</summary>
public sealed record LovePlotOptions
{
    /// <summary>The default options.</summary>
    public static LovePlotOptions Default { get; } = new();

    /// <summary>Plot absolute SMDs (cobalt's <c>abs = TRUE</c>, the default); false for signed SMDs with threshold
    /// lines at -t and +t.</summary>
    public bool Absolute { get; init; } = true;

    /// <summary>Threshold line position; null for the table's <see cref="BalanceOptions.SmdThreshold"/>.</summary>
    public double? Threshold { get; init; }

    /// <summary>Title; null for "Covariate Balance".</summary>
    public string? Title { get; init; }

    /// <summary>Covariate order, top to bottom.</summary>
    public LovePlotOrder Order { get; init; } = LovePlotOrder.AsGiven;

    /// <summary>Image width in pixels (200..10000). Default 800.</summary>
    public int Width { get; init; } = 800;

    /// <summary>Image height in pixels (200..10000); null for 120 + 32 per covariate (at least 300).</summary>
    public int? Height { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Threshold is double t && (!double.IsFinite(t) || t <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), t, string.Create(CultureInfo.InvariantCulture, $"{nameof(LovePlotOptions)}.{nameof(Threshold)} must be a positive number such as 0.1 (got {t})."));
        }

        PlotStyle.CheckPixels(Width, nameof(LovePlotOptions), nameof(Width));
        if (Height is int h)
        {
            PlotStyle.CheckPixels(h, nameof(LovePlotOptions), nameof(Height));
        }

        if (!Enum.IsDefined(Order))
        {
            throw new ArgumentOutOfRangeException(nameof(Order), Order, $"{nameof(LovePlotOptions)}.{nameof(Order)} must be AsGiven, Unadjusted or Adjusted.");
        }
    }
}

/// <summary>
/// The Love plot: standardized mean difference per covariate before (hollow grey circles) and after matching (filled
/// circles), covariates on the y axis, dashed threshold lines.
/// </summary>
/// <remarks>As cobalt's <c>love.plot(m, stats = "mean.diffs", abs = TRUE, thresholds = c(m = .1), binary = "raw")</c>.
/// Binary covariates shown as raw differences get a <c>*</c> after their name, as in cobalt. Covariates whose SMD is
/// undefined (NaN) are left out of the points but keep their label.</remarks>
public static class LovePlot
{
    /// <summary>The Love plot of <paramref name="table"/> as a <see cref="Chart"/> (SVG, PNG, HTML, notebooks).</summary>
    /// <param name="table">The balance table.</param>
    /// <param name="options">Plot options; null for <see cref="LovePlotOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The table has no rows.</exception>
    public static Chart Create(BalanceTable table, LovePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= LovePlotOptions.Default;
        options.Validate();
        if (table.Rows.Count == 0)
        {
            throw new ArgumentException("The balance table has no covariates to plot.", nameof(table));
        }

        int height = options.Height ?? Math.Max(300, 120 + (32 * table.Rows.Count));
        return new Chart(options.Title ?? "Covariate Balance", options.Width, height, () => Build(table, options));
    }

    /// <summary>Renders <paramref name="table"/> to <paramref name="path"/>: PNG or SVG by the extension.</summary>
    /// <param name="table">The balance table.</param>
    /// <param name="path">Output file, ending in <c>.png</c> or <c>.svg</c> (case-insensitive); its folder is created.</param>
    /// <param name="options">Plot options; null for <see cref="LovePlotOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg, or the table has no rows.</exception>
    public static void Render(BalanceTable table, string path, LovePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string ext = Path.GetExtension(path).ToUpperInvariant();
        if (ext is not ".PNG" and not ".SVG")
        {
            throw new ArgumentException($"The Love plot is written as .png or .svg; '{path}' has neither extension.", nameof(path));
        }

        Create(table, options).Save(path);
    }

    private static Plot Build(BalanceTable table, LovePlotOptions options)
    {
        var rows = Ordered(table.Rows, options);
        int k = rows.Count;
        double threshold = options.Threshold ?? table.Options.SmdThreshold;
        var plot = new Plot();

        // y = k - 1 - i puts the first covariate at the top.
        var beforeX = new List<double>(k);
        var beforeY = new List<double>(k);
        var afterX = new List<double>(k);
        var afterY = new List<double>(k);
        var ticks = new Tick[k];
        double maxAbs = threshold;
        bool anyRaw = false;
        for (int i = 0; i < k; i++)
        {
            double y = k - 1 - i;
            var r = rows[i];
            bool raw = r.Type == CovariateType.Binary && table.Options.Binary == BinaryDifference.Raw;
            anyRaw |= raw;
            ticks[i] = new Tick(y, raw ? r.Covariate + "*" : r.Covariate, isMajor: true);
            double b = options.Absolute ? Math.Abs(r.Before.Smd) : r.Before.Smd;
            double a = options.Absolute ? Math.Abs(r.After.Smd) : r.After.Smd;
            if (double.IsFinite(b))
            {
                beforeX.Add(b);
                beforeY.Add(y);
                maxAbs = Math.Max(maxAbs, Math.Abs(b));
            }

            if (double.IsFinite(a))
            {
                afterX.Add(a);
                afterY.Add(y);
                maxAbs = Math.Max(maxAbs, Math.Abs(a));
            }
        }

        // Light horizontal guide per covariate, as cobalt's grid.
        for (int i = 0; i < k; i++)
        {
            var guide = plot.Add.HorizontalLine(i);
            guide.LineColor = Colors.Gray.WithAlpha(0.25);
            guide.LineWidth = 1;
        }

        var zero = plot.Add.VerticalLine(0);
        zero.LineColor = Colors.Black;
        zero.LineWidth = 1;

        foreach (double t in options.Absolute ? [threshold] : new[] { -threshold, threshold })
        {
            var line = plot.Add.VerticalLine(t);
            line.LineColor = Colors.Black;
            line.LineWidth = 1;
            line.LinePattern = LinePattern.Dashed;
        }

        var unadjusted = plot.Add.Markers(beforeX.ToArray(), beforeY.ToArray(), MarkerShape.OpenCircle, 10, Colors.Gray);
        unadjusted.MarkerLineWidth = 2;
        unadjusted.LegendText = "Unadjusted";
        var adjusted = plot.Add.Markers(afterX.ToArray(), afterY.ToArray(), MarkerShape.FilledCircle, 10, Colors.Black);
        adjusted.LegendText = "Adjusted";

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        double pad = 0.08 * maxAbs;
        double left = options.Absolute ? 0 - pad : -maxAbs - pad;
        plot.Axes.SetLimits(left, maxAbs + pad, -0.7, k - 0.3);
        plot.Title(options.Title ?? "Covariate Balance");
        string xLabel = options.Absolute ? "Absolute Standardized Mean Differences" : "Standardized Mean Differences";
        plot.XLabel(anyRaw ? xLabel + " (* raw difference in proportions)" : xLabel);
        plot.YLabel(string.Empty);
        plot.Font.Set(PlotStyle.SansFont);
        plot.Legend.FontSize = 13;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static List<BalanceRow> Ordered(IReadOnlyList<BalanceRow> rows, LovePlotOptions options)
    {
        var list = new List<BalanceRow>(rows);
        if (options.Order == LovePlotOrder.AsGiven)
        {
            return list;
        }

        bool before = options.Order == LovePlotOrder.Unadjusted;
        var index = new Dictionary<BalanceRow, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < rows.Count; i++)
        {
            index[rows[i]] = i;
        }

        list.Sort((x, y) =>
        {
            double ax = Math.Abs(before ? x.Before.Smd : x.After.Smd);
            double ay = Math.Abs(before ? y.Before.Smd : y.After.Smd);
            ax = double.IsNaN(ax) ? double.NegativeInfinity : ax;
            ay = double.IsNaN(ay) ? double.NegativeInfinity : ay;
            int c = ay.CompareTo(ax);
            return c != 0 ? c : index[x].CompareTo(index[y]);
        });
        return list;
    }
}
