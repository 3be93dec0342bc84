using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace GlobalMidt.Effects.Tests.Packaging;

/// <summary>
/// The packed packages as a user gets them: the metadata and contents of the .nupkg files, the dotnet tool installed
/// from the feed with <c>dotnet tool install</c> and run on the shipped sample.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class PackageTests(PackedFeed feed, ITestOutputHelper output)
{
    private string Nupkg(string id) => Path.Combine(feed.Feed, $"{id}.{feed.Version}.nupkg");

    private static XElement Metadata(ZipArchive zip)
    {
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var s = entry.Open();
        var doc = XDocument.Load(s);
        return doc.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Meta(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    [SkippableFact]
    public void CorePackage_TargetsNet8AndNet10_WithLicenceReadmeSymbolsAndNoPlotting()
    {
        feed.Require();
        output.WriteLine($"packed {feed.Version} in {feed.PackSeconds:0.0} s");
        using var zip = ZipFile.OpenRead(Nupkg("GlobalMidt.Effects"));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net8.0/GlobalMidt.Effects.dll", names);
        Assert.Contains("lib/net10.0/GlobalMidt.Effects.dll", names);
        Assert.Contains("interactive-extensions/dotnet/extension.dib", names);
        Assert.Contains("README.md", names);
        Assert.Contains("LICENSE", names);

        var m = Metadata(zip);
        Assert.Equal("MIT", Meta(m, "license"));
        Assert.StartsWith("https://", Meta(m, "projectUrl"), StringComparison.Ordinal);
        var repository = m.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.StartsWith("https://", repository.Attribute("url")?.Value, StringComparison.Ordinal);

        // No plotting, so no native libraries, reach a consumer of the core.
        var dependencies = m.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToHashSet();
        Assert.DoesNotContain("ScottPlot", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("SkiaSharp", StringComparison.Ordinal));
        Assert.Contains("MathNet.Numerics", dependencies);

        // The package README is the package's own: absolute links only, no commands that need the repository.
        using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
        string text = readme.ReadToEnd();
        Assert.Contains("dotnet add package GlobalMidt.Effects", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet run --project", text, StringComparison.Ordinal);
        foreach (Match link in Regex.Matches(text, @"\]\(([^)]+)\)"))
        {
            Assert.StartsWith("https://", link.Groups[1].Value, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(feed.Feed, $"GlobalMidt.Effects.{feed.Version}.snupkg")), "no symbols package");
    }

    [SkippableFact]
    public void PlotsPackage_DependsOnTheCoreOfTheSameVersionAndScottPlot()
    {
        feed.Require();
        using var zip = ZipFile.OpenRead(Nupkg("GlobalMidt.Effects.Plots"));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net8.0/GlobalMidt.Effects.Plots.dll", names);
        Assert.Contains("lib/net10.0/GlobalMidt.Effects.Plots.dll", names);
        Assert.Contains("interactive-extensions/dotnet/extension.dib", names);
        var deps = Metadata(zip).Descendants().Where(e => e.Name.LocalName == "dependency").ToList();
        Assert.Contains(deps, d => d.Attribute("id")!.Value == "GlobalMidt.Effects" && d.Attribute("version")!.Value == feed.Version);
        Assert.Contains(deps, d => d.Attribute("id")!.Value == "ScottPlot");
    }

    [SkippableFact]
    public void Tool_InstallsFromTheFeed_AndMeasuresTheSample()
    {
        feed.Require();
        string tools = Path.Combine(feed.Dir, "tools");
        var install = ProcessRunner.Run(
            "dotnet",
            ["tool", "install", "GlobalMidt.Effects.Tool", "--version", feed.Version, "--tool-path", tools, "--add-source", feed.Feed, "--ignore-failed-sources"],
            feed.Dir,
            TimeSpan.FromMinutes(3));
        output.WriteLine($"dotnet tool install: {install.Seconds:0.0} s\n{install.Output}");
        Assert.True(install.ExitCode == 0, install.Output);

        string exe = Path.Combine(tools, OperatingSystem.IsWindows() ? "globalmidt-effects.exe" : "globalmidt-effects");
        Assert.True(File.Exists(exe), "the tool's command globalmidt-effects is not in " + tools);

        // From the repository root the tool finds data-samples/ itself, as README's commands do.
        var measure = ProcessRunner.Run(exe, ["measure", "--bootstrap", "199"], feed.Root, TimeSpan.FromMinutes(3));
        output.WriteLine($"globalmidt-effects measure: {measure.Seconds:0.0} s");
        Assert.True(measure.ExitCode == 0, measure.Output);
        Assert.Contains("Table 1. Reported participants", measure.Output, StringComparison.Ordinal);
        Assert.Contains("Table 2. Share of firms with growth", measure.Output, StringComparison.Ordinal);
        Assert.Contains("Table 3. Jobs created, budget and cost per job", measure.Output, StringComparison.Ordinal);
        Assert.Contains("Tværgående måling (ekskl. dubletter)", measure.Output, StringComparison.Ordinal);
    }
}
