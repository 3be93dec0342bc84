using System.Globalization;
using System.Text.RegularExpressions;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Plots;
using GlobalMidt.Effects.Simulation;

namespace GlobalMidt.Effects.Tests.Plots;

/// <summary>One small measurement (a simulated register of 12,000 firms) for the chart tests.</summary>
public sealed class SmallMeasurement
{
    public SmallMeasurement()
    {
        var programme = RegisterSimulator.Simulate(new SimulationOptions { Firms = 12_000, Seed = 5 });
        Result = EffectMeasurement.Run(programme.ToRegister(), programme.Participants, programme.Budgets, new MeasurementOptions { BootstrapReplicates = 49 });
    }

    public MeasurementResult Result { get; }
}

/// <summary>
/// The charts' SVG read back: titles, labels, legend, and every point where its value says it must be (pixel
/// positions mapped back through the x axis' tick labels).
/// </summary>
public sealed partial class EffectChartsTests(SmallMeasurement measurement) : IClassFixture<SmallMeasurement>
{
    private const string Participant = "#1F4E79";
    private const string Control = "#C55A11";

    private MeasurementResult Result => measurement.Result;

    [Fact]
    public void GrowthShares_PlacesParticipantsAndControlsAtTheirSharesPerGroup()
    {
        var chart = EffectCharts.GrowthShares(Result, EffectOutcome.Employment);
        var svg = Svg.Parse(chart.ToSvg());
        Assert.Equal("Share of firms with employment growth", chart.Title);
        Assert.Contains(chart.Title, svg.Texts);
        Assert.Contains("Participants", svg.Texts);
        Assert.Contains("Matched controls", svg.Texts);
        Assert.Contains("Share of firms with growth, % (lines: 95 % interval)", svg.Texts);
        AssertGroupsTopToBottom(svg, Result.Groups.Select(g => g.Group).ToList());

        var tested = Result.Groups.Where(g => g.Employment.Test is not null).ToList();
        Assert.True(tested.Count >= 3, "the sample measurement has too few groups with a test");
        var filled = svg.Markers(Participant, filled: true).Take(tested.Count).ToList();
        var hollow = svg.Markers(Control, filled: false).Take(tested.Count).ToList();
        for (int i = 0; i < tested.Count; i++)
        {
            var t = tested[i].Employment.Test!;
            Assert.Equal(100 * t.ParticipantShare, svg.XValue(filled[i].X), 0.5);
            Assert.Equal(100 * t.ControlShare, svg.XValue(hollow[i].X), 0.5);
            Assert.True(filled[i].Y < hollow[i].Y, "participants sit above their controls");
            if (i > 0)
            {
                Assert.True(filled[i].Y > filled[i - 1].Y, "groups run top to bottom in the result's order");
            }
        }
    }

    [Fact]
    public void Estimates_PlacesEachGroupsEstimate_FilledWhereSignificant()
    {
        var chart = EffectCharts.Estimates(Result, EffectOutcome.Employment);
        var svg = Svg.Parse(chart.ToSvg());
        Assert.Contains("Jobs created", svg.Texts);
        Assert.Contains("Jobs created (FTE years); lines: 95 % bootstrap interval", svg.Texts);
        Assert.Contains("Share difference significant (p < 0.05)", svg.Texts.Select(System.Net.WebUtility.HtmlDecode));
        AssertGroupsTopToBottom(svg, Result.Groups.Select(g => g.Group).ToList());

        var withEstimate = Result.Groups.Where(g => g.Employment.Estimate is double d && double.IsFinite(d)).ToList();
        var significant = withEstimate.Where(g => g.Employment.Test!.IsSignificant(Result.Options.Alpha)).ToList();
        var other = withEstimate.Except(significant).ToList();
        var filled = svg.Markers(Participant, filled: true).ToList();
        var hollow = svg.Markers(Participant, filled: false).ToList();
        // One more of each kind for the legend (drawn after the data) when the series has points.
        Assert.Equal(significant.Count + (significant.Count > 0 ? 1 : 0), filled.Count);
        Assert.Equal(other.Count + (other.Count > 0 ? 1 : 0), hollow.Count);
        double tolerance = 0.01 * (svg.XValue(1000) - svg.XValue(0));
        for (int i = 0; i < significant.Count; i++)
        {
            Assert.Equal(significant[i].Employment.Estimate!.Value, svg.XValue(filled[i].X), tolerance);
        }

        for (int i = 0; i < other.Count; i++)
        {
            Assert.Equal(other[i].Employment.Estimate!.Value, svg.XValue(hollow[i].X), tolerance);
        }
    }

    [Fact]
    public void Turnover_AndOptions_TitleSizeAndGroups()
    {
        var options = new EffectChartOptions { Title = "Added turnover <by group>", IncludeCrossCutting = false, Width = 700, Height = 400 };
        var chart = EffectCharts.Estimates(Result, EffectOutcome.Turnover, options);
        Assert.Equal(700, chart.Width);
        Assert.Equal(400, chart.Height);
        var svg = Svg.Parse(chart.ToSvg());
        Assert.Contains("Added turnover &lt;by group&gt;", svg.Texts);
        Assert.Contains("Added turnover (mio. DKK); lines: 95 % bootstrap interval", svg.Texts);
        Assert.DoesNotContain(Result.Groups[0].Group, svg.Texts);
        Assert.Contains(Result.Groups[1].Group, svg.Texts);
        Assert.Contains("Share of firms with turnover growth", Svg.Parse(EffectCharts.GrowthShares(Result, EffectOutcome.Turnover).ToSvg()).Texts);
        Assert.Equal("Width", Assert.Throws<ArgumentOutOfRangeException>(() => EffectCharts.GrowthShares(Result, EffectOutcome.Turnover, new EffectChartOptions { Width = 50 })).ParamName);
    }

    [Fact]
    public void Chart_HtmlSaveAndPng()
    {
        var chart = EffectCharts.GrowthShares(Result, EffectOutcome.Employment);
        string html = chart.ToHtml();
        Assert.StartsWith("<img alt=\"Share of firms with employment growth\"", html, StringComparison.Ordinal);
        string svg = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Match(html, "data:image/svg\\+xml;base64,([^\"]+)").Groups[1].Value));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Equal(ChartImageFormat.Png, chart.AsPng().HtmlFormat);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo", chart.AsPng().ToHtml(), StringComparison.Ordinal);

        string dir = Path.Combine(Path.GetTempPath(), "gme-charts-" + Guid.NewGuid().ToString("N"), "new folder");
        try
        {
            chart.Save(Path.Combine(dir, "shares.png"));
            chart.Save(Path.Combine(dir, "shares.SVG"));
            byte[] png = File.ReadAllBytes(Path.Combine(dir, "shares.png"));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
            int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
            Assert.Equal(chart.Width, width);
            Assert.Contains("Matched controls", File.ReadAllText(Path.Combine(dir, "shares.SVG")), StringComparison.Ordinal);
            var e = Assert.Throws<ArgumentException>("path", () => chart.Save(Path.Combine(dir, "shares.jpg")));
            Assert.Contains(".png or .svg", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
        }
    }

    private static void AssertGroupsTopToBottom(Svg svg, List<string> groups)
    {
        var ys = groups.Select(g => svg.TextY(g)).ToList();
        for (int i = 1; i < ys.Count; i++)
        {
            Assert.True(ys[i] > ys[i - 1], $"'{groups[i]}' is not below '{groups[i - 1]}'");
        }
    }

    /// <summary>The parts of a ScottPlot SVG the tests read: text elements with their positions, and circle markers.</summary>
    private sealed partial class Svg
    {
        private readonly List<(string Text, double X, double Y)> _texts = [];
        private readonly string _svg;

        private Svg(string svg)
        {
            _svg = svg;
            foreach (Match m in TextElement().Matches(svg))
            {
                _texts.Add((m.Groups[3].Value.Trim(), double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
            }

            // The x axis: numeric tick labels on the lowest row of numbers.
            var numeric = _texts.Select(t => (t.X, t.Y, Value: Number(t.Text))).Where(t => t.Value is not null).ToList();
            double bottom = numeric.Max(t => t.Y);
            var ticks = numeric.Where(t => Math.Abs(t.Y - bottom) < 0.5).OrderBy(t => t.X).ToList();
            Assert.True(ticks.Count >= 2, "fewer than two x-axis tick labels");
            (X0, V0, X1, V1) = (ticks[0].X, ticks[0].Value!.Value, ticks[^1].X, ticks[^1].Value!.Value);
        }

        private double X0 { get; }

        private double V0 { get; }

        private double X1 { get; }

        private double V1 { get; }

        public List<string> Texts => _texts.Select(t => t.Text).ToList();

        public static Svg Parse(string svg) => new(svg);

        public double XValue(double pixel) => V0 + ((pixel - X0) * (V1 - V0) / (X1 - X0));

        public double TextY(string text) => _texts.First(t => t.Text == text).Y;

        public IEnumerable<(double X, double Y)> Markers(string color, bool filled) =>
            Ellipse().Matches(_svg)
                .Where(m => filled
                    ? m.Value.Contains($"fill=\"{color}\"", StringComparison.OrdinalIgnoreCase)
                    : m.Value.Contains("fill=\"none\"", StringComparison.Ordinal) && m.Value.Contains($"stroke=\"{color}\"", StringComparison.OrdinalIgnoreCase))
                .Select(m => (Attr(m.Value, "cx"), Attr(m.Value, "cy")));

        private static double Attr(string element, string name) =>
            double.Parse(Regex.Match(element, $" {name}=\"([-0-9.e]+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

        private static double? Number(string text) =>
            double.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal).Replace('\u2212', '-'), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;

        [GeneratedRegex("<text transform=\"translate\\(([-0-9.e]+) ([-0-9.e]+)\\)\"[^>]*>([^<]*)</text>")]
        private static partial Regex TextElement();

        [GeneratedRegex("<ellipse [^>]*>")]
        private static partial Regex Ellipse();
    }
}
