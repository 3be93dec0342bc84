using System.Globalization;
using ScottPlot;

namespace GlobalMidt.Effects.Plots;

/// <summary>The image format of a chart in HTML (<see cref="Chart.ToHtml()"/>) and notebooks.</summary>
public enum ChartImageFormat
{
    /// <summary>Scalable vector graphics (the default).</summary>
    Svg,

    /// <summary>A PNG bitmap.</summary>
    Png,
}

/// <summary>
/// A chart, drawn when asked for: <see cref="ToSvg"/>, <see cref="ToPng"/>, <see cref="Save"/> or <see cref="ToHtml()"/>
/// (in a notebook the package's formatter shows it inline).
/// </summary>
public sealed class Chart
{
    private readonly Func<Plot> _build;

    internal Chart(string title, int width, int height, Func<Plot> build, ChartImageFormat htmlFormat = ChartImageFormat.Svg)
    {
        Title = title;
        Width = width;
        Height = height;
        _build = build;
        HtmlFormat = htmlFormat;
    }

    /// <summary>The chart's title.</summary>
    public string Title { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The format <see cref="ToHtml()"/> and notebooks use.</summary>
    public ChartImageFormat HtmlFormat { get; }

    /// <summary>The same chart shown as PNG in HTML and notebooks.</summary>
    public Chart AsPng() => new(Title, Width, Height, _build, ChartImageFormat.Png);

    /// <summary>The same chart shown as SVG in HTML and notebooks.</summary>
    public Chart AsSvg() => new(Title, Width, Height, _build, ChartImageFormat.Svg);

    /// <summary>The chart as an SVG document.</summary>
    public string ToSvg()
    {
        using var plot = _build();
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>The chart as PNG bytes.</summary>
    public byte[] ToPng()
    {
        using var plot = _build();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>An HTML <c>img</c> element with the chart inline as a data URI in <see cref="HtmlFormat"/>.</summary>
    public string ToHtml() => ToHtml(HtmlFormat);

    /// <summary>An HTML <c>img</c> element with the chart inline as a data URI (SVG or PNG).</summary>
    /// <param name="format">The image format.</param>
    public string ToHtml(ChartImageFormat format)
    {
        string uri = format switch
        {
            ChartImageFormat.Svg => "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ToSvg())),
            ChartImageFormat.Png => "data:image/png;base64," + Convert.ToBase64String(ToPng()),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The format must be Svg or Png."),
        };
        string alt = System.Net.WebUtility.HtmlEncode(Title);
        return string.Create(CultureInfo.InvariantCulture, $"<img alt=\"{alt}\" width=\"{Width}\" height=\"{Height}\" src=\"{uri}\" />");
    }

    /// <summary>Writes the chart to <paramref name="path"/>: PNG or SVG by the extension.</summary>
    /// <param name="path">Output file ending in <c>.png</c> or <c>.svg</c> (case-insensitive); its folder is created.</param>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string ext = Path.GetExtension(path).ToUpperInvariant();
        if (ext is not ".PNG" and not ".SVG")
        {
            throw new ArgumentException($"A chart is written as .png or .svg; '{path}' has neither extension.", nameof(path));
        }

        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        if (ext == ".PNG")
        {
            File.WriteAllBytes(path, ToPng());
        }
        else
        {
            File.WriteAllText(path, ToSvg());
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Chart \"{Title}\" ({Width} x {Height})");
}
