using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace GlobalMidt.Effects.Tests.Packaging;

/// <summary>
/// notebooks/measure.ipynb run headless with dotnet-repl (the repository's local tool, .config/dotnet-tools.json)
/// against the packed feed, as a user runs it with only the packages: the tables, the balance and the charts must
/// be rendered by the packages' formatters.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class NotebookTests(PackedFeed feed, ITestOutputHelper output)
{
    [SkippableFact]
    public void Notebook_RunsHeadless_AndRendersTablesBalanceAndCharts()
    {
        feed.Require();
        var restore = ProcessRunner.Run("dotnet", ["tool", "restore"], feed.Root, TimeSpan.FromMinutes(3));
        Skip.If(restore.ExitCode != 0, "dotnet tool restore could not bring dotnet-repl (.config/dotnet-tools.json), so the notebook is not run: " + PackedFeed.LastLines(restore.Output, 5));

        // The user's notebook, pointed at this run's feed and version (the #i line is the one the notebook
        // tells a user to uncomment).
        string source = File.ReadAllText(Path.Combine(feed.Root, "notebooks", "measure.ipynb"));
        const string FeedLine = "// #i \\\"nuget:/absolute/path/to/GlobalMidt.Effects/artifacts/feed\\\"";
        Assert.Contains(FeedLine, source, StringComparison.Ordinal);
        string versioned = $",{feed.BaseVersion}\\\"";
        Assert.Equal(2, Regex.Count(source, Regex.Escape(versioned)));
        string notebook = source
            .Replace(FeedLine, $"#i \\\"nuget:{feed.Feed.Replace("\\", "/", StringComparison.Ordinal)}\\\"", StringComparison.Ordinal)
            .Replace(versioned, $",{feed.Version}\\\"", StringComparison.Ordinal);
        string input = Path.Combine(feed.Dir, "measure.ipynb");
        string result = Path.Combine(feed.Dir, "measure.out.ipynb");
        File.WriteAllText(input, notebook);

        var run = ProcessRunner.Run(
            "dotnet",
            ["repl", "--run", input, "--exit-after-run", "--output-path", result],
            feed.Root,
            TimeSpan.FromMinutes(5));
        output.WriteLine($"dotnet repl: {run.Seconds:0.0} s, exit code {run.ExitCode}");
        Assert.True(run.ExitCode == 0, "dotnet repl failed:\n" + PackedFeed.LastLines(run.Output, 40));
        Assert.True(File.Exists(result), "dotnet repl wrote no output notebook:\n" + PackedFeed.LastLines(run.Output, 40));

        using var doc = JsonDocument.Parse(File.ReadAllText(result));
        var outputs = doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.TryGetProperty("outputs", out _))
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .ToList();
        var errors = outputs.Where(o => o.GetProperty("output_type").GetString() == "error")
            .Select(o => o.TryGetProperty("evalue", out var v) ? v.GetString() : o.ToString())
            .ToList();
        Assert.True(errors.Count == 0, "notebook cells failed:\n" + string.Join('\n', errors));

        string html = string.Concat(outputs
            .Where(o => o.TryGetProperty("data", out var d) && d.TryGetProperty("text/html", out _))
            .Select(o => Text(o.GetProperty("data").GetProperty("text/html"))));

        // Tables 1-3 and the balance, by the core package's formatters.
        Assert.Contains("Table 1. Reported participants", html, StringComparison.Ordinal);
        Assert.Contains("Table 2. Share of firms with growth", html, StringComparison.Ordinal);
        Assert.Contains("Table 3. Jobs created", html, StringComparison.Ordinal);
        Assert.Contains("Tværgående måling (ekskl. dubletter)", html, StringComparison.Ordinal);
        Assert.Contains("Balance", html, StringComparison.Ordinal);

        // The results as a DataFrame, by Microsoft.Data.Analysis' own formatter: its typed columns by name.
        Assert.Contains("jobs_created_estimate", html, StringComparison.Ordinal);
        Assert.Contains("cost_per_job_tdkk", html, StringComparison.Ordinal);

        // The charts, by the Plots package's formatter: SVG images (the Love plot, shares, jobs) and one PNG.
        var images = Regex.Matches(html, "src=\"data:image/(svg\\+xml|png);base64,([A-Za-z0-9+/=]+)\"")
            .Select(m => (Kind: m.Groups[1].Value, Bytes: Convert.FromBase64String(m.Groups[2].Value)))
            .ToList();
        var svgTexts = images.Where(i => i.Kind == "svg+xml")
            .Select(i => string.Join('|', Regex.Matches(Encoding.UTF8.GetString(i.Bytes), "<text[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value.Trim())))
            .ToList();
        output.WriteLine(string.Join('\n', svgTexts.Select(t => t.Length > 200 ? t[..200] : t)));
        Assert.Contains(svgTexts, t => t.Contains("Covariate balance: Tværgående måling (ekskl. dubletter)", StringComparison.Ordinal) && t.Contains("Adjusted", StringComparison.Ordinal));
        Assert.Contains(svgTexts, t => t.Contains("Share of firms with employment growth", StringComparison.Ordinal) && t.Contains("VF Nordjylland", StringComparison.Ordinal) && t.Contains("Matched controls", StringComparison.Ordinal));
        Assert.Contains(svgTexts, t => t.Contains("Share of firms with turnover growth", StringComparison.Ordinal));
        Assert.Contains(svgTexts, t => t.Contains("Jobs created (FTE years); lines: 95 % bootstrap interval", StringComparison.Ordinal) && t.Contains("VF Sjælland", StringComparison.Ordinal));
        var png = Assert.Single(images, i => i.Kind == "png");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.Bytes[..8]);
        Assert.InRange(png.Bytes.Length, 10_000, 5_000_000);
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? string.Concat(e.EnumerateArray().Select(x => x.GetString()))
        : e.GetString() ?? string.Empty;
}
