using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace GlobalMidt.Effects.Tests.Packaging;

/// <summary>
/// Packs the three packages (GlobalMidt.Effects, GlobalMidt.Effects.Plots, GlobalMidt.Effects.Tool) once for the
/// packaging tests, into a temporary feed, with a version of its own (<c>{Version}-test.{id}</c>) so that no copy in
/// the NuGet cache from an earlier run (of the plain version, or of another run) is ever used; that version's
/// folders are deleted from the NuGet cache afterwards.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    private static readonly string[] PackageIds = ["globalmidt.effects", "globalmidt.effects.plots", "globalmidt.effects.tool"];

    public PackedFeed()
    {
        Root = FindRoot();
        Dir = Directory.CreateTempSubdirectory("gme-packaging-").FullName;
        Feed = Path.Combine(Dir, "feed");
        string props = File.ReadAllText(Path.Combine(Root, "Directory.Build.props"));
        BaseVersion = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        Version = $"{BaseVersion}-test.t{Guid.NewGuid():N}"[..(BaseVersion.Length + 18)];
        var clock = Stopwatch.StartNew();
        // The build of this test run is reused where it matches (Release); PackageVersion changes no assembly.
        var pack = ProcessRunner.Run(
            "dotnet",
            ["pack", "GlobalMidt.Effects.Packages.slnf", "-c", "Release", "-o", Feed, $"-p:PackageVersion={Version}", "-nologo", "-nodeReuse:false"],
            Root,
            TimeSpan.FromMinutes(6));
        PackSeconds = clock.Elapsed.TotalSeconds;
        PackLog = pack.Output;
        if (pack.ExitCode != 0)
        {
            // Only a restore that could not reach a package source is a reason to skip; anything else fails the tests.
            bool unreachable = pack.Output.Contains("NU1301", StringComparison.Ordinal) || pack.Output.Contains("Unable to load the service index", StringComparison.Ordinal);
            if (unreachable)
            {
                SkipReason = "dotnet pack could not restore (no package source reachable): " + LastLines(pack.Output, 5);
            }
            else
            {
                PackError = $"dotnet pack failed with exit code {pack.ExitCode}:\n{LastLines(pack.Output, 40)}";
            }
        }
    }

    /// <summary>The repository root (the folder of GlobalMidt.Effects.sln).</summary>
    public string Root { get; }

    /// <summary>The temporary folder of this run.</summary>
    public string Dir { get; }

    /// <summary>The packed feed (a folder of .nupkg/.snupkg files).</summary>
    public string Feed { get; }

    /// <summary>The repository's version (Directory.Build.props).</summary>
    public string BaseVersion { get; }

    /// <summary>The version the packages were packed with.</summary>
    public string Version { get; }

    public double PackSeconds { get; }

    public string PackLog { get; }

    /// <summary>Why the packaging tests skip (the packages could not be restored), or null.</summary>
    public string? SkipReason { get; }

    /// <summary>The failure of the pack, or null.</summary>
    public string? PackError { get; }

    /// <summary>Skips when the feed could not be made for want of a package source; fails when the pack failed.</summary>
    public void Require()
    {
        Skip.If(SkipReason is not null, SkipReason);
        Assert.True(PackError is null, PackError);
    }

    public void Dispose()
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            TryDelete(Path.Combine(cache, id, Version.ToLowerInvariant()));
        }

        TryDelete(Dir);
    }

    public static string LastLines(string text, int count)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - count)));
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GlobalMidt.Effects.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("GlobalMidt.Effects.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packaging";
}

/// <summary>Runs a process with a timeout, stdout and stderr merged, no standard input.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output, double Seconds);

    public static Result Run(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // The test host runs under MSBuild/VSTest variables that would steer a child dotnet elsewhere.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output)
            {
                return new Result(-1, output + $"\n(timed out after {timeout.TotalSeconds:0} s: {file} {string.Join(' ', args)})", clock.Elapsed.TotalSeconds);
            }
        }

        process.WaitForExit();
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString(), clock.Elapsed.TotalSeconds);
        }
    }
}
