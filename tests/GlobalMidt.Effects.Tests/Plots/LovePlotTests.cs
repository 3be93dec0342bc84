using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Plots;
using GlobalMidt.Effects.Tests.Matching;

namespace GlobalMidt.Effects.Tests.Plots;

public sealed class LovePlotTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gme-loveplot-" + Guid.NewGuid().ToString("N"));

    public LovePlotTests() => Directory.CreateDirectory(_dir);

    /// <summary>Deletes the plots; set GME_KEEP_PLOTS to a folder to copy them there for a look.</summary>
    public void Dispose()
    {
        string? keep = Environment.GetEnvironmentVariable("GME_KEEP_PLOTS");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            foreach (var f in Directory.GetFiles(_dir))
            {
                File.Copy(f, Path.Combine(keep, Path.GetFileName(f)), overwrite: true);
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static BalanceTable LalondeTable()
    {
        var input = BalanceReferenceData.ReadInput();
        return Balance.Compute(BalanceReferenceData.Covariates, input.Covariates, input.Treated, input.Weights["nn1"], null);
    }

    [Fact]
    public void Render_Png_WritesAValidPngOfPlausibleSize()
    {
        string path = Path.Combine(_dir, "love.png");
        LovePlot.Render(LalondeTable(), path);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        // IHDR: width and height, big-endian, at bytes 16..23.
        int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
        Assert.Equal(800, width);
        Assert.Equal(120 + (32 * 9), height);
        Assert.InRange(bytes.Length, 10_000, 2_000_000);
    }

    [Fact]
    public void Render_Svg_ContainsCovariateNamesTitleAndLegend()
    {
        string path = Path.Combine(_dir, "love.svg");
        LovePlot.Render(LalondeTable(), path, new LovePlotOptions { Title = "Lalonde <matched>", Order = LovePlotOrder.Unadjusted });
        string svg = File.ReadAllText(path);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        var texts = Texts(svg);
        foreach (var name in BalanceReferenceData.Covariates)
        {
            // Binary covariates (raw differences) carry a star, as in cobalt's love.plot.
            Assert.Contains(name is "age" or "educ" or "re74" or "re75" ? name : name + "*", texts);
        }

        Assert.Contains("Lalonde &lt;matched&gt;", texts);
        Assert.Contains("Unadjusted", texts);
        Assert.Contains("Adjusted", texts);
        Assert.Contains("Absolute Standardized Mean Differences (* raw difference in proportions)", texts);
    }

    [Fact]
    public void Render_SignedSmd_LabelsTheAxis()
    {
        string path = Path.Combine(_dir, "signed.SVG");
        LovePlot.Render(LalondeTable(), path, new LovePlotOptions { Absolute = false, Height = 400 });
        string svg = File.ReadAllText(path);
        Assert.Contains("Standardized Mean Differences (* raw difference in proportions)", Texts(svg));
    }

    /// <summary>The trimmed contents of the SVG's text elements.</summary>
    private static List<string> Texts(string svg) =>
        System.Text.RegularExpressions.Regex.Matches(svg, "<text[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value.Trim()).ToList();

    [Fact]
    public void Render_ThrowsForOtherExtensions()
    {
        var e = Assert.Throws<ArgumentException>("path", () => LovePlot.Render(LalondeTable(), Path.Combine(_dir, "love.jpg")));
        Assert.Contains(".png or .svg", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Validate_NamesTheSetting()
    {
        Assert.Equal("Width", Assert.Throws<ArgumentOutOfRangeException>(() => new LovePlotOptions { Width = 10 }.Validate()).ParamName);
        Assert.Equal("Threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new LovePlotOptions { Threshold = -0.1 }.Validate()).ParamName);
    }

    [Fact]
    public void Render_OneTreatedUnit_NaNSmdStillRenders()
    {
        var table = Balance.Compute(["x"], [[5, 1, 2, 3]], [true, false, false, false], [1, 1, 0, 0], null);
        string path = Path.Combine(_dir, "nan.svg");
        LovePlot.Render(table, path);
        Assert.Contains("x", Texts(File.ReadAllText(path)));
    }
}
