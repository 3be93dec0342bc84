using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Tests.Data;

/// <summary>
/// A seeded mutator of a small valid register, participants and budgets, run through the library's loading and
/// measurement path. Each case either succeeds or ends in a documented error (<see cref="InputDataException"/>,
/// <see cref="AnalysisException"/>); anything else is a crash, reported with the case number that reproduces it.
/// </summary>
/// <remarks>Case <c>k</c> of seed <c>s</c> is fully determined by <c>(s, k)</c>: <see cref="Case"/> rebuilds its files
/// and options, so a crash is reproduced by running that one case (see docs/robustness.md).</remarks>
internal sealed class InputFuzzer
{
    private static readonly string[] Periods = ["2006H2", "2008H2", "2010H2", "2012H2", "2014H2"];
    private static readonly string[] Regions = ["Region Midtjylland", "Region Sjælland"];
    private static readonly string[] Industries = ["011100", "620100", "251100"];
    private static readonly string[] Groups = ["VF Midtjylland", "VF Sjælland", "Nationale projekter"];

    private static readonly string[] Specials =
    [
        "1e308", "-1e308", "1.7976931348623157e308", "1e400", "NaN", "nan", "Infinity", "-Infinity", "∞", "-0", "0",
        "1e-320", "99999999999999999999999", "0x10", "1,5", "1.5.5", "+5", " 5 ", "5e", ".", "-", "1_000", "١٢",
        "9999999", "10000000", "10000000.5", "9999999999", "10000000001", "999999", "1000001", "5\0", "5\u00a0",
    ];

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80],
    ];

    private static readonly string[] OddText =
    [
        "Tværgående måling (ekskl. dubletter)", "tværgående måling (ekskl. dubletter)", "ÆØÅ æøå", "😀", "\u0085", "\u200b",
        "a\tb", "a\rb", "\"", "\"\"", "x,y", "x;y", "=1+1", "NULL", "NA", " ",
    ];

    private const int BaseVariants = 16;
    private readonly int _seed;
    private readonly byte[][][] _bases;

    /// <summary>A fuzzer whose cases derive from <paramref name="seed"/>; the valid inputs it mutates (16 variants
    /// of register, participants and budgets) are made once.</summary>
    public InputFuzzer(int seed)
    {
        _seed = seed;
        _bases = new byte[BaseVariants][][];
        for (int v = 0; v < BaseVariants; v++)
        {
            var rng = new Random(unchecked((seed * 7919) + v));
            _bases[v] = [Register(rng), Participants(rng), Budgets(rng)];
        }
    }

    /// <summary>The mutation names, in the order of their codes.</summary>
    public static readonly string[] MutationNames =
    [
        "byte-flip", "byte-set", "truncate", "drop-column", "duplicate-column", "swap-columns", "quote-field",
        "stray-quote", "bom", "crlf", "lone-cr", "delimiter-semicolon", "delimiter-other", "decimal-comma",
        "special-number", "long-field", "nul", "invalid-utf8", "period-gap", "empty-group", "duplicate-line",
        "delete-lines", "empty-field", "odd-text", "shuffle-lines", "negative-number", "attribute-change",
        "annual-period", "header-only", "empty-file", "whitespace", "gzip", "corrupt-gzip", "unknown-firm",
    ];

    /// <summary>The files and options of case <paramref name="index"/>.</summary>
    public FuzzCase Case(int index)
    {
        var rng = new Random(unchecked((_seed * 1_000_003) + index));
        var files = (byte[][])_bases[rng.Next(BaseVariants)].Clone();
        var names = new[] { "firms.csv", "participants.csv", "budgets.csv" };
        var applied = new List<string>();
        int count = 1 + rng.Next(3);
        bool daDk = rng.Next(8) == 0;
        for (int m = 0; m < count; m++)
        {
            int file = rng.Next(10) switch { < 6 => 0, < 9 => 1, _ => 2 };
            int code = rng.Next(MutationNames.Length);
            if (code == 31 && file == 0)
            {
                names[0] = "firms.csv.gz";
            }

            files[file] = Mutate(files[file], code, file, rng, ref daDk);
            applied.Add($"{MutationNames[code]}@{names[file]}");
        }

        if (names[0].EndsWith(".gz", StringComparison.Ordinal) && !applied.Contains("corrupt-gzip@firms.csv.gz"))
        {
            files[0] = Gzip(files[0]);
        }

        var load = new RegisterLoadOptions
        {
            Culture = daDk ? CultureInfo.GetCultureInfo("da-DK") : CultureInfo.InvariantCulture,
            AttributeChangeRule = rng.Next(4) == 0 ? AttributeChangeRule.UseLatest : AttributeChangeRule.Error,
            MaxErrors = 5,
        };
        var options = new MeasurementOptions
        {
            BootstrapReplicates = rng.Next(6) == 0 ? 5 : 0,
            Matching = new MatchingOptions
            {
                Ratio = rng.Next(4) == 0 ? 1 + rng.Next(5) : 5,
                Replace = rng.Next(4) != 0,
                Distance = rng.Next(8) switch
                {
                    0 => DistanceMetric.Glm,
                    1 => DistanceMetric.ScaledEuclidean,
                    2 => DistanceMetric.Euclidean,
                    _ => DistanceMetric.Mahalanobis,
                },
            },
            Levels = rng.Next(6) == 0 ? [MatchingLevel.Parse("national")] : MatchingLevel.Defaults,
            BiasAdjust = rng.Next(8) == 0,
            Estimator = rng.Next(8) == 0 ? EffectEstimator.Pairwise : EffectEstimator.Aggregate,
            MaxDegreeOfParallelism = 1,
        };
        return new FuzzCase(index, names, files, load, options, string.Join(", ", applied) + (daDk ? " (culture da-DK)" : ""));
    }

    /// <summary>Runs one case: loads the three files from <paramref name="dir"/> and measures.</summary>
    /// <returns>The outcome: "ok", the documented exception's type name, or the crash.</returns>
    public static FuzzOutcome Run(FuzzCase c, string dir)
    {
        string other = Path.Combine(dir, c.Names[0].EndsWith(".gz", StringComparison.Ordinal) ? "firms.csv" : "firms.csv.gz");
        if (File.Exists(other))
        {
            File.Delete(other);
        }

        var paths = new string[3];
        for (int f = 0; f < 3; f++)
        {
            paths[f] = Path.Combine(dir, c.Names[f]);
            File.WriteAllBytes(paths[f], c.Files[f]);
        }

        try
        {
            var register = RegisterCsv.Load(paths[0], c.Load);
            var participants = ParticipantsCsv.Load(paths[1], c.Load);
            var budgets = BudgetsCsv.Load(paths[2], c.Load);
            var result = EffectMeasurement.Run(register, participants, budgets, c.Options);
            _ = result.ToConsole();
            _ = result.ToJson();
            _ = result.ToCsv();
            return new FuzzOutcome("ok", null);
        }
        catch (InputDataException)
        {
            return new FuzzOutcome(nameof(InputDataException), null);
        }
        catch (AnalysisException)
        {
            return new FuzzOutcome(nameof(AnalysisException), null);
        }
        catch (Exception e)
        {
            var inner = e;
            while (inner is AggregateException { InnerExceptions.Count: > 0 } a)
            {
                inner = a.InnerExceptions[0];
            }

            return new FuzzOutcome("crash", inner);
        }
    }

    /// <summary>Writes the files of <paramref name="c"/> into <paramref name="dir"/> with <c>command.txt</c>: the
    /// <c>globalmidt-effects measure</c> line that runs the same case.</summary>
    public static void Keep(FuzzCase c, string dir, string signature)
    {
        Directory.CreateDirectory(dir);
        for (int f = 0; f < 3; f++)
        {
            File.WriteAllBytes(Path.Combine(dir, c.Names[f]), c.Files[f]);
        }

        var o = c.Options;
        var args = new List<string>
        {
            "measure", "--firms", c.Names[0], "--participants", c.Names[1], "--budgets", c.Names[2], "--quiet", "--threads", "1",
            "--bootstrap", o.BootstrapReplicates.ToString(CultureInfo.InvariantCulture), "--ratio", o.Matching.Ratio.ToString(CultureInfo.InvariantCulture),
            "--distance", o.Matching.Distance switch
            {
                DistanceMetric.Glm => "glm",
                DistanceMetric.ScaledEuclidean => "scaled_euclidean",
                DistanceMetric.Euclidean => "euclidean",
                _ => "mahalanobis",
            },
        };
        if (!o.Matching.Replace)
        {
            args.Add("--no-replace");
        }

        if (o.Levels.Count == 1)
        {
            args.AddRange(["--levels", o.Levels[0].ToString()]);
        }

        if (o.BiasAdjust)
        {
            args.Add("--bias-adjust");
        }

        if (o.Estimator == EffectEstimator.Pairwise)
        {
            args.AddRange(["--estimator", "pairwise"]);
        }

        if (c.Load.Culture.Name.Length > 0)
        {
            args.AddRange(["--culture", c.Load.Culture.Name]);
        }

        if (c.Load.AttributeChangeRule == AttributeChangeRule.UseLatest)
        {
            args.AddRange(["--attribute-changes", "latest"]);
        }

        File.WriteAllText(Path.Combine(dir, "command.txt"), $"# case {c.Index}: {signature} [{c.Mutations}]\nglobalmidt-effects {string.Join(' ', args)}\n");
    }

    /// <summary>"Type at Namespace.Class.Method": the exception's type and the method of this library that threw it
    /// (the innermost frame in <c>GlobalMidt.Effects</c>, so a throw inside a dependency names our caller).</summary>
    public static string Signature(Exception e)
    {
        var frames = new System.Diagnostics.StackTrace(e, fNeedFileInfo: false).GetFrames();
        MethodBase? site = frames
            .Select(f => f.GetMethod())
            .FirstOrDefault(m => m?.DeclaringType?.FullName?.StartsWith("GlobalMidt.Effects.", StringComparison.Ordinal) == true)
            ?? e.TargetSite;
        string type = site?.DeclaringType?.FullName ?? "?";
        int nested = type.IndexOf('+', StringComparison.Ordinal);
        if (nested >= 0)
        {
            type = type[..nested];
        }

        string name = site?.Name ?? "?";
        if (name.StartsWith('<'))
        {
            name = name[1..name.IndexOf('>', StringComparison.Ordinal)];
        }

        return $"{e.GetType().Name} at {type}.{name}";
    }

    private static byte[] Register(Random rng)
    {
        var sb = new StringBuilder("firm_id,period,municipality,region,industry,sector,fte,turnover\n");
        int firms = 70 + rng.Next(30);
        for (int f = 0; f < firms; f++)
        {
            int id = 20000000 + (f * 7919 % 100000);
            int region = f % 2;
            string municipality = region == 0 ? (f % 3 == 0 ? "751" : "756") : (f % 3 == 0 ? "329" : "330");
            string industry = Industries[(f / 2) % 2];
            string sector = f % 37 == 5 ? "public" : "private";
            double fte = Math.Round(rng.NextDouble() * 40, 1) + (f % 11 == 0 ? 0 : 1);
            double turnover = Math.Round((fte * 900) + (rng.NextDouble() * 5000));
            for (int p = 0; p < Periods.Length; p++)
            {
                double grow = 1 + ((rng.NextDouble() - 0.4) * 0.2);
                fte = Math.Round(fte * grow, 2);
                turnover = Math.Round(turnover * grow);
                sb.Append(string.Create(CultureInfo.InvariantCulture, $"{id},{Periods[p]},{municipality},{Regions[region]},{industry},{sector},{fte},{turnover}\n"));
            }
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static byte[] Participants(Random rng)
    {
        var sb = new StringBuilder("firm_id,project_id,group\n");
        for (int f = 0; f < 90; f += 4 + rng.Next(2))
        {
            int id = 20000000 + (f * 7919 % 100000);
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"{id},P{f % 5},{Groups[(f / 4) % 3]}\n"));
            if (f % 12 == 0)
            {
                sb.Append(string.Create(CultureInfo.InvariantCulture, $"{id},P9,{Groups[((f / 4) + 1) % 3]}\n"));
            }
        }

        sb.Append("99999999,P1,VF Midtjylland\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static byte[] Budgets(Random rng) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"group,budget_mdkk\nVF Midtjylland,{10 + rng.Next(100)}.5\nVF Sjælland,{rng.Next(20)}\nNationale projekter,3.25\n"));

    private static byte[] Mutate(byte[] data, int code, int file, Random rng, ref bool daDk)
    {
        switch (code)
        {
            case 0:
                return Bytes(data, rng, (d, r) => d[r.Next(d.Length)] ^= (byte)(1 << r.Next(8)));
            case 1:
                return Bytes(data, rng, (d, r) => d[r.Next(d.Length)] = (byte)r.Next(256));
            case 2:
                return data[..rng.Next(data.Length + 1)];
            case 31:
                return data;
            case 32:
                var gz = Gzip(data);
                return gz[..rng.Next(gz.Length)];
            case 8:
                return [0xEF, 0xBB, 0xBF, .. data];
            case 9:
                return Replace(data, "\n", "\r\n");
            case 10:
                return Replace(data, "\n", "\r");
            case 29:
                return [];
        }

        var lines = Encoding.UTF8.GetString(data).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            return data;
        }

        int width = lines[0].Split(',').Length;
        int Row() => lines.Count > 1 ? 1 + rng.Next(lines.Count - 1) : 0;
        int numericColumn = file == 0 ? 6 + rng.Next(2) : file == 2 ? 1 : rng.Next(width);
        switch (code)
        {
            case 3:
            {
                int c = rng.Next(width);
                lines = [.. lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != c)))];
                break;
            }

            case 4:
            {
                int c = rng.Next(width);
                lines = [.. lines.Select(l => l + "," + l.Split(',').ElementAtOrDefault(c))];
                break;
            }

            case 5:
            {
                int a = rng.Next(width), b = rng.Next(width);
                lines = [.. lines.Select(l => Swap(l, a, b))];
                break;
            }

            case 6:
                {
                    int r = Row();
                    lines[r] = Field(lines[r], rng.Next(width), v => "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
                }
                break;
            case 7:
                {
                    int r = Row();
                    lines[r] = Field(lines[r], rng.Next(width), v => v.Insert(rng.Next(v.Length + 1), "\""));
                }
                break;
            case 11:
                lines = [.. lines.Select(l => l.Replace(',', ';'))];
                break;
            case 12:
            {
                string sep = rng.Next(2) == 0 ? "\t" : "|";
                lines = [.. lines.Select(l => l.Replace(",", sep, StringComparison.Ordinal))];
                break;
            }

            case 13:
                lines = [.. lines.Select(l => l.Replace('.', ',').Replace(",", ";", StringComparison.Ordinal))];
                daDk = rng.Next(3) != 0;
                break;
            case 14:
            {
                string v = Specials[rng.Next(Specials.Length)];
                int rows = rng.Next(3) == 0 ? lines.Count - 1 : 1;
                for (int k = 0; k < rows; k++)
                {
                    int r = Row();
                    lines[r] = Field(lines[r], numericColumn, _ => v);
                }

                break;
            }

            case 15:
            {
                string v = rng.Next(2) == 0 ? new string('x', 1000 + rng.Next(100_000)) : new string('9', 20 + rng.Next(400));
                {
                    int r = Row();
                    lines[r] = Field(lines[r], rng.Next(width), _ => v);
                }
                break;
            }

            case 16:
            {
                int r = Row();
                lines[r] = Field(lines[r], rng.Next(2) == 0 ? numericColumn : rng.Next(width), v => v.Insert(rng.Next(v.Length + 1), "\0"));
                break;
            }

            case 17:
            {
                int r = Row();
                var bytes = Encoding.UTF8.GetBytes(lines[r]).ToList();
                int at = rng.Next(bytes.Count + 1);
                bytes.InsertRange(at, BadUtf8[rng.Next(BadUtf8.Length)]);
                var result = new List<byte>();
                for (int i = 0; i < lines.Count; i++)
                {
                    result.AddRange(i == r ? bytes : Encoding.UTF8.GetBytes(lines[i]));
                    result.Add((byte)'\n');
                }

                return [.. result];
            }

            case 18:
            {
                string period = Periods[rng.Next(Periods.Length)];
                lines = [.. lines.Where((l, i) => i == 0 || !l.Contains("," + period + ",", StringComparison.Ordinal))];
                break;
            }

            case 19:
            {
                string group = Groups[rng.Next(Groups.Length)];
                lines = rng.Next(2) == 0
                    ? [.. lines.Where((l, i) => i == 0 || !l.Contains(group, StringComparison.Ordinal))]
                    : [.. lines.Select((l, i) => i == 0 ? l : l.Replace(group, string.Empty, StringComparison.Ordinal))];
                break;
            }

            case 20:
            {
                int r = Row();
                for (int k = rng.Next(1, 20); k > 0; k--)
                {
                    lines.Insert(r, lines[r]);
                }

                break;
            }

            case 21:
            {
                int n = rng.Next(1, Math.Max(2, lines.Count / 2));
                for (int k = 0; k < n && lines.Count > 1; k++)
                {
                    lines.RemoveAt(Row());
                }

                break;
            }

            case 22:
                {
                    int r = Row();
                    lines[r] = Field(lines[r], rng.Next(width), _ => string.Empty);
                }
                break;
            case 23:
            {
                string v = OddText[rng.Next(OddText.Length)];
                int column = file == 1 ? 2 : file == 2 ? 0 : rng.Next(width);
                int rows = rng.Next(2) == 0 ? lines.Count - 1 : 1;
                for (int k = 0; k < rows; k++)
                {
                    int r = Row();
                    lines[r] = Field(lines[r], column, _ => v);
                }

                break;
            }

            case 24:
            {
                var body = lines.Skip(1).OrderBy(_ => rng.Next()).ToList();
                lines = [lines[0], .. body];
                break;
            }

            case 25:
                {
                    int r = Row();
                    lines[r] = Field(lines[r], numericColumn, v => "-" + v);
                }
                break;
            case 26:
            {
                int r = Row();
                lines[r] = Field(lines[r], file == 0 ? 2 + rng.Next(4) : rng.Next(width), v => v + "9");
                break;
            }

            case 27:
                lines = [.. lines.Select(l => l.Replace("2010H2", "2010", StringComparison.Ordinal))];
                break;
            case 28:
                lines = [lines[0]];
                break;
            case 30:
                lines = [.. lines.Select(l => string.Join(',', l.Split(',').Select(v => " " + v + "\t")))];
                break;
            case 33:
                {
                    int r = Row();
                    lines[r] = Field(lines[r], 0, v => v + "0");
                }
                break;
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }

    private static byte[] Bytes(byte[] data, Random rng, Action<byte[], Random> change)
    {
        if (data.Length == 0)
        {
            return data;
        }

        var copy = (byte[])data.Clone();
        for (int k = 1 + rng.Next(5); k > 0; k--)
        {
            change(copy, rng);
        }

        return copy;
    }

    private static byte[] Replace(byte[] data, string from, string to) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(data).Replace(from, to, StringComparison.Ordinal));

    private static string Field(string line, int column, Func<string, string> change)
    {
        var parts = line.Split(',');
        if (column < parts.Length)
        {
            parts[column] = change(parts[column]);
        }

        return string.Join(',', parts);
    }

    private static string Swap(string line, int a, int b)
    {
        var parts = line.Split(',');
        if (a < parts.Length && b < parts.Length)
        {
            (parts[a], parts[b]) = (parts[b], parts[a]);
        }

        return string.Join(',', parts);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }
}

/// <summary>One fuzz case: file names and contents (register, participants, budgets), options, what was done.</summary>
internal sealed record FuzzCase(int Index, string[] Names, byte[][] Files, RegisterLoadOptions Load, MeasurementOptions Options, string Mutations);

/// <summary>How a case ended: "ok", a documented exception type, or "crash" with the exception.</summary>
internal sealed record FuzzOutcome(string Kind, Exception? Crash);
