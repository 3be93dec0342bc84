using System.Globalization;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Measurement;
using ScottPlot;

namespace GlobalMidt.Effects.Plots;

/// <summary>The outcome of an event-time chart (<see cref="SeriesCharts.EventTime"/>).</summary>
public enum SeriesOutcome
{
    /// <summary>Jobs created (FTE years).</summary>
    Jobs,

    /// <summary>Added export (mio. DKK).</summary>
    AddedExport,
}

/// <summary>Charts of <c>measure --series</c>: one group's effect in every period against the years after the
/// project end (docs/effect-chain.md).</summary>
public static class SeriesCharts
{
    private static readonly Color PointColor = Color.FromHex("#1f4e79");
    private static readonly double[] BandEnds = [2.0, 5.0];

    /// <summary>
    /// The estimate of <paramref name="outcome"/> for <paramref name="group"/> in every period of the series, against
    /// the years after the project end, with its bootstrap interval; filled where the growth-share difference is
    /// significant (the reported effect is the estimate), hollow where it is not (reported as 0). Dashed vertical
    /// lines mark 2 and 5 years (the ends of the bands 0-2 and 2-5).
    /// </summary>
    /// <param name="result">A measurement with a series (<see cref="MeasurementOptions.Series"/>).</param>
    /// <param name="group">The group's name (<see cref="GroupResult.Group"/>).</param>
    /// <param name="outcome">Jobs or added export.</param>
    /// <param name="options">Width, height and title; null for the defaults (height 450).</param>
    /// <exception cref="ArgumentException">No series, or no such group.</exception>
    public static Chart EventTime(MeasurementResult result, string group, SeriesOutcome outcome, EffectChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(group);
        options ??= EffectChartOptions.Default;
        options.Validate();
        var series = result.Series ?? throw new ArgumentException("The measurement has no series (MeasurementOptions.Series).", nameof(result));
        var rows = series.Rows.Where(r => r.Result.Group == group).ToList();
        if (rows.Count == 0)
        {
            throw new ArgumentException($"The series has no group '{group}'.", nameof(group));
        }

        string what = outcome == SeriesOutcome.Jobs ? "Jobs created" : "Added export";
        string title = options.Title ?? $"{what} after the project end {series.ProjectEnd}: {group}";
        double alpha = result.Options.Alpha;
        return new Chart(title, options.Width, options.Height ?? 450, () =>
        {
            var plot = new Plot();
            var significant = new List<(double X, double Value, Interval? Interval)>();
            var other = new List<(double X, double Value, Interval? Interval)>();
            double? level = null;
            foreach (var row in rows)
            {
                var (estimate, interval, test) = Figure(row.Result, outcome);
                if (estimate is double e && double.IsFinite(e))
                {
                    (test is { } t && t.IsSignificant(alpha) ? significant : other).Add((row.YearsAfter, e, interval));
                    level ??= interval?.Level;
                }
            }

            var zero = plot.Add.HorizontalLine(0);
            zero.LineColor = Colors.Black;
            zero.LineWidth = 1;
            foreach (double band in BandEnds)
            {
                var line = plot.Add.VerticalLine(band);
                line.LineColor = Colors.Gray.WithAlpha(0.5);
                line.LinePattern = LinePattern.Dashed;
            }

            string p = alpha.ToString("0.###", CultureInfo.InvariantCulture);
            Add(plot, significant, MarkerShape.FilledCircle, $"Share difference significant (p < {p})");
            Add(plot, other, MarkerShape.OpenCircle, "Not significant (reported as 0)");
            var all = significant.Concat(other).ToList();
            double lo = Math.Min(0, all.Select(v => Math.Min(v.Value, v.Interval?.Low ?? v.Value)).DefaultIfEmpty(0).Min());
            double hi = Math.Max(0, all.Select(v => Math.Max(v.Value, v.Interval?.High ?? v.Value)).DefaultIfEmpty(1).Max());
            double pad = Math.Max(0.06 * (hi - lo), 1e-9);
            double last = rows.Max(r => r.YearsAfter);
            plot.Axes.SetLimits(0, last + 0.5, lo - pad, hi + pad);
            plot.Title(title);
            plot.XLabel("Years after the project end");
            string unit = outcome == SeriesOutcome.Jobs ? "Jobs created (FTE years)" : "Added export (mio. DKK)";
            plot.YLabel(level is double l ? string.Create(CultureInfo.InvariantCulture, $"{unit}; {100 * l:0.#} % interval") : unit);
            plot.Axes.Left.TickLabelStyle.FontSize = 13;
            plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
            plot.Font.Set(PlotStyle.SansFont);
            plot.Legend.FontSize = 13;
            plot.ShowLegend(Edge.Bottom);
            return plot;
        });
    }

    private static (double? Estimate, Interval? Interval, ShareTest? Test) Figure(GroupResult g, SeriesOutcome outcome) => outcome switch
    {
        SeriesOutcome.Jobs => (g.Employment.Estimate, g.Employment.Interval, g.Employment.Test),
        SeriesOutcome.AddedExport => (g.Chain?.Export?.EstimateMdkk, g.Chain?.Export?.Interval, g.Chain?.Export?.Test),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "The outcome must be Jobs or AddedExport."),
    };

    private static void Add(Plot plot, List<(double X, double Value, Interval? Interval)> points, MarkerShape shape, string label)
    {
        foreach (var (x, _, interval) in points)
        {
            if (interval is { } i && double.IsFinite(i.Low) && double.IsFinite(i.High))
            {
                var line = plot.Add.Line(x, i.Low, x, i.High);
                line.LineColor = PointColor;
                line.LineWidth = 2;
                line.MarkerSize = 0;
            }
        }

        var markers = plot.Add.Markers(points.Select(p => p.X).ToArray(), points.Select(p => p.Value).ToArray(), shape, 11, PointColor);
        markers.MarkerLineWidth = 2;
        markers.LegendText = label;
    }
}
