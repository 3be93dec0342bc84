using System.Globalization;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Measurement;
using ScottPlot;

namespace GlobalMidt.Effects.Plots;

/// <summary>The outcome a chart shows.</summary>
public enum EffectOutcome
{
    /// <summary>Employment (FTE): growth in employment, jobs created.</summary>
    Employment,

    /// <summary>Turnover: growth in turnover, added turnover.</summary>
    Turnover,
}

/// <summary>Options of the <see cref="EffectCharts"/>.</summary>
public sealed record EffectChartOptions
{
    /// <summary>The default options.</summary>
    public static EffectChartOptions Default { get; } = new();

    /// <summary>Title; null for the chart's own.</summary>
    public string? Title { get; init; }

    /// <summary>Include the cross-cutting row (all groups, each firm once). Default true.</summary>
    public bool IncludeCrossCutting { get; init; } = true;

    /// <summary>Image width in pixels (200..10000). Default 900.</summary>
    public int Width { get; init; } = 900;

    /// <summary>Image height in pixels (200..10000); null for 140 + 56 per group (at least 300).</summary>
    public int? Height { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        PlotStyle.CheckPixels(Width, nameof(EffectChartOptions), nameof(Width));
        if (Height is int h)
        {
            PlotStyle.CheckPixels(h, nameof(EffectChartOptions), nameof(Height));
        }
    }
}

/// <summary>
/// Charts of a measurement per group: the growth shares of participants and matched controls (Table 2) and the
/// estimated jobs created / added turnover with their bootstrap intervals.
/// </summary>
/// <remarks>Groups run top to bottom in the result's order; a group without a value keeps its label and shows no
/// point (no participant matched, or no interval computed).</remarks>
public static class EffectCharts
{
    private static readonly Color ParticipantColor = Color.FromHex("#1f4e79");
    private static readonly Color ControlColor = Color.FromHex("#c55a11");

    /// <summary>
    /// Share of firms with growth, participants (filled circle) against matched controls (hollow circle), each with
    /// its interval (Wilson score; the control interval uses the control group's effective size), per group.
    /// </summary>
    /// <param name="result">The measurement.</param>
    /// <param name="outcome">Employment or turnover.</param>
    /// <param name="options">Chart options; null for <see cref="EffectChartOptions.Default"/>.</param>
    public static Chart GrowthShares(MeasurementResult result, EffectOutcome outcome, EffectChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= EffectChartOptions.Default;
        options.Validate();
        var groups = Groups(result, options);
        string title = options.Title ?? (outcome == EffectOutcome.Employment
            ? "Share of firms with employment growth"
            : "Share of firms with turnover growth");
        return new Chart(title, options.Width, HeightOf(options, groups.Count), () =>
        {
            var plot = Start(groups, title);
            var participants = new List<(double Y, double Value, Interval? Interval)>();
            var controls = new List<(double Y, double Value, Interval? Interval)>();
            double level = result.Options.ConfidenceLevel;
            for (int i = 0; i < groups.Count; i++)
            {
                double y = groups.Count - 1 - i;
                if (Outcome(groups[i], outcome).Test is { } t)
                {
                    participants.Add((y + 0.15, 100 * t.ParticipantShare, Percent(t.ParticipantInterval)));
                    controls.Add((y - 0.15, 100 * t.ControlShare, Percent(t.ControlInterval)));
                    level = t.ParticipantInterval.Level;
                }
            }

            AddSeries(plot, participants, ParticipantColor, MarkerShape.FilledCircle, "Participants");
            AddSeries(plot, controls, ControlColor, MarkerShape.OpenCircle, "Matched controls");
            double max = participants.Concat(controls).Select(p => p.Interval?.High ?? p.Value).DefaultIfEmpty(100).Max();
            plot.Axes.SetLimits(0, Math.Min(100, (max * 1.08) + 1), -0.7, groups.Count - 0.3);
            plot.XLabel(string.Create(CultureInfo.InvariantCulture, $"Share of firms with growth, % (lines: {100 * level:0.#} % interval)"));
            return Finish(plot);
        });
    }

    /// <summary>
    /// The estimated jobs created (employment, FTE years) or added turnover (mio. DKK) per group with its bootstrap
    /// percentile interval; filled where the share difference is significant (the published effect is the estimate),
    /// hollow where it is not (published as 0).
    /// </summary>
    /// <param name="result">The measurement.</param>
    /// <param name="outcome">Employment (jobs created) or turnover (added turnover).</param>
    /// <param name="options">Chart options; null for <see cref="EffectChartOptions.Default"/>.</param>
    public static Chart Estimates(MeasurementResult result, EffectOutcome outcome, EffectChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= EffectChartOptions.Default;
        options.Validate();
        var groups = Groups(result, options);
        string title = options.Title ?? (outcome == EffectOutcome.Employment ? "Jobs created" : "Added turnover");
        double alpha = result.Options.Alpha;
        return new Chart(title, options.Width, HeightOf(options, groups.Count), () =>
        {
            var plot = Start(groups, title);
            var significant = new List<(double Y, double Value, Interval? Interval)>();
            var other = new List<(double Y, double Value, Interval? Interval)>();
            double? level = null;
            for (int i = 0; i < groups.Count; i++)
            {
                var e = Outcome(groups[i], outcome);
                if (e.Estimate is double est && double.IsFinite(est))
                {
                    bool sig = e.Test is { } t && t.IsSignificant(alpha);
                    (sig ? significant : other).Add((groups.Count - 1 - i, est, e.Interval));
                    level ??= e.Interval?.Level;
                }
            }

            var zero = plot.Add.VerticalLine(0);
            zero.LineColor = Colors.Black;
            zero.LineWidth = 1;
            string p = alpha.ToString("0.###", CultureInfo.InvariantCulture);
            AddSeries(plot, significant, ParticipantColor, MarkerShape.FilledCircle, $"Share difference significant (p < {p})");
            AddSeries(plot, other, ParticipantColor, MarkerShape.OpenCircle, "Not significant (published as 0)");
            var all = significant.Concat(other).ToList();
            double lo = all.Select(v => Math.Min(v.Value, v.Interval?.Low ?? v.Value)).DefaultIfEmpty(0).Min();
            double hi = all.Select(v => Math.Max(v.Value, v.Interval?.High ?? v.Value)).DefaultIfEmpty(1).Max();
            lo = Math.Min(lo, 0);
            hi = Math.Max(hi, 0);
            double pad = Math.Max(0.06 * (hi - lo), 1e-9);
            plot.Axes.SetLimits(lo - pad, hi + pad, -0.7, groups.Count - 0.3);
            string unit = outcome == EffectOutcome.Employment ? "Jobs created (FTE years)" : "Added turnover (mio. DKK)";
            plot.XLabel(level is double l
                ? string.Create(CultureInfo.InvariantCulture, $"{unit}; lines: {100 * l:0.#} % bootstrap interval")
                : unit);
            return Finish(plot);
        });
    }

    private static List<GroupResult> Groups(MeasurementResult result, EffectChartOptions options)
    {
        var groups = result.Groups.Where(g => options.IncludeCrossCutting || !g.IsCrossCutting).ToList();
        if (groups.Count == 0)
        {
            throw new ArgumentException("The measurement has no groups to chart.", nameof(result));
        }

        return groups;
    }

    private static int HeightOf(EffectChartOptions options, int groups) => options.Height ?? Math.Max(300, 140 + (56 * groups));

    private static OutcomeEffect Outcome(GroupResult g, EffectOutcome outcome) => outcome switch
    {
        EffectOutcome.Employment => g.Employment,
        EffectOutcome.Turnover => g.Turnover,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "The outcome must be Employment or Turnover."),
    };

    private static Interval Percent(Interval i) => new(100 * i.Low, 100 * i.High, i.Level);

    private static Plot Start(List<GroupResult> groups, string title)
    {
        var plot = new Plot();
        var ticks = new Tick[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            double y = groups.Count - 1 - i;
            ticks[i] = new Tick(y, groups[i].Group, isMajor: true);
            var guide = plot.Add.HorizontalLine(y);
            guide.LineColor = Colors.Gray.WithAlpha(0.25);
            guide.LineWidth = 1;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Title(title);
        plot.YLabel(string.Empty);
        return plot;
    }

    private static Plot Finish(Plot plot)
    {
        plot.Font.Set(PlotStyle.SansFont);
        plot.Legend.FontSize = 13;
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static void AddSeries(Plot plot, List<(double Y, double Value, Interval? Interval)> points, Color color, MarkerShape shape, string label)
    {
        foreach (var (y, _, interval) in points)
        {
            if (interval is { } i && double.IsFinite(i.Low) && double.IsFinite(i.High))
            {
                var line = plot.Add.Line(i.Low, y, i.High, y);
                line.LineColor = color;
                line.LineWidth = 2;
                line.MarkerSize = 0;
            }
        }

        var markers = plot.Add.Markers(points.Select(p => p.Value).ToArray(), points.Select(p => p.Y).ToArray(), shape, 11, color);
        markers.MarkerLineWidth = 2;
        markers.LegendText = label;
    }
}
