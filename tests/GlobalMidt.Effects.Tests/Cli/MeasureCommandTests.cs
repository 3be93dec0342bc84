using System.Globalization;
using System.Text.Json;
using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Tests.Reporting;

namespace GlobalMidt.Effects.Tests.Cli;

public sealed class MeasureCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gm-measure-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Sample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data-samples", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

    private static string[] SampleArgs(params string[] more) =>
    [
        "measure", "--firms", Sample("firms.csv.gz"), "--participants", Sample("participants.csv"),
        "--budgets", Sample("budgets.csv"), "--bootstrap", "49", "--quiet", .. more,
    ];

    [Fact]
    public void Measure_PrintsTheThreeTablesWithDanishNames()
    {
        var (code, output, _) = Run(SampleArgs());
        Assert.Equal(0, code);
        Assert.Contains("Table 1.", output, StringComparison.Ordinal);
        Assert.Contains("Table 2.", output, StringComparison.Ordinal);
        Assert.Contains("Table 3.", output, StringComparison.Ordinal);
        Assert.Contains("Tværgående måling (ekskl. dubletter)", output, StringComparison.Ordinal);
        Assert.Contains("VF Sjælland", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_JsonHasTheDocumentedShape()
    {
        string path = Path.Combine(_dir, "out.json");
        var (code, _, _) = Run(SampleArgs("--format", "json", "--out", path));
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var groups = doc.RootElement.GetProperty("groups");
        Assert.True(groups.GetArrayLength() >= 2);
        var cross = groups[0];
        Assert.True(cross.GetProperty("cross_cutting").GetBoolean());
        foreach (var g in groups.EnumerateArray())
        {
            foreach (string key in new[] { "group", "reported", "measured", "unmatched", "budget_mdkk", "cost_per_job_tdkk", "spend_per_firm_tdkk", "jobs_per_firm" })
            {
                Assert.True(g.TryGetProperty(key, out _), key);
            }

            foreach (string key in new[] { "unknown", "public", "ceased", "inactive" })
            {
                Assert.Equal(JsonValueKind.Number, g.GetProperty("excluded").GetProperty(key).ValueKind);
            }

            var e = g.GetProperty("employment");
            foreach (string key in new[] { "participant_share", "control_share", "p_value", "jobs_created", "jobs_created_estimate", "ci_low", "ci_high" })
            {
                Assert.True(e.TryGetProperty(key, out _), key);
            }

            var t = g.GetProperty("turnover");
            foreach (string key in new[] { "participant_share", "control_share", "p_value", "added_turnover_mdkk", "added_turnover_estimate_mdkk", "ci_low", "ci_high" })
            {
                Assert.True(t.TryGetProperty(key, out _), key);
            }

            // Reported = measured + excluded, and Table 3's D is the measured count.
            var x = g.GetProperty("excluded");
            Assert.Equal(
                g.GetProperty("reported").GetInt32(),
                g.GetProperty("measured").GetInt32() + x.GetProperty("unknown").GetInt32() + x.GetProperty("public").GetInt32()
                    + x.GetProperty("ceased").GetInt32() + x.GetProperty("inactive").GetInt32());

            // Jobs published only when significant; cost per job null exactly where jobs are 0.
            double jobs = e.GetProperty("jobs_created").GetDouble();
            if (e.GetProperty("p_value").GetDouble() >= 0.05)
            {
                Assert.Equal(0.0, jobs);
            }

            Assert.Equal(jobs == 0, g.GetProperty("cost_per_job_tdkk").ValueKind == JsonValueKind.Null);
        }
    }

    [Fact]
    public void Measure_OutputIsByteIdenticalAcrossRunsAndThreads()
    {
        var (_, one, _) = Run(SampleArgs("--format", "json", "--threads", "1"));
        var (_, two, _) = Run(SampleArgs("--format", "json", "--threads", "2"));
        Assert.Equal(one, two);
        Assert.Equal(one, Run(SampleArgs("--format", "json")).Out);
    }

    [Fact]
    public void Measure_BadRegisterGivesExitCode3WithLineAndColumnAndWritesNothing()
    {
        string firms = Path.Combine(_dir, "firms.csv");
        File.WriteAllText(firms, "firm_id,period,municipality,region,industry,sector,fte,turnover\n1,2013,751,Region Midtjylland,620100,private,abc,10\n");
        string participants = Path.Combine(_dir, "participants.csv");
        File.WriteAllText(participants, "firm_id,project_id,group\n1,p,G\n");
        string output = Path.Combine(_dir, "out.json");
        var (code, stdout, stderr) = Run("measure", "--firms", firms, "--participants", participants, "--out", output, "--quiet");
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("firms.csv:2", stderr, StringComparison.Ordinal);
        Assert.Contains("'fte'", stderr, StringComparison.Ordinal);
        Assert.Contains("'abc'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Measure_PeriodNotInRegisterIsAnAnalysisErrorListingThePeriods()
    {
        var (code, _, stderr) = Run(SampleArgs("--baseline", "2001H2"));
        Assert.Equal(ExitCodes.AnalysisError, code);
        Assert.Contains("2001H2", stderr, StringComparison.Ordinal);
        Assert.Contains("2006H2", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ratio", "0")]
    [InlineData("--alpha", "x")]
    [InlineData("--format", "xml")]
    [InlineData("--baseline", "2008-2")]
    [InlineData("--levels", "region+sector")]
    [InlineData("--covariates", "age")]
    [InlineData("--colour", "red")]
    public void Measure_BadOptionIsAUsageError(string option, string value)
    {
        var (code, _, stderr) = Run(SampleArgs(option, value));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_BadRegisterAndBadParticipants_TheRegistersErrorComesFirst()
    {
        // The participants are read while the register loads; the register's error is still the one reported, as
        // when the files were read in turn, and nothing is written.
        string firms = Path.Combine(_dir, "firms.csv");
        File.WriteAllText(firms, "firm_id,period,municipality,region,industry,sector,fte,turnover\n10000001,2006H2,751,R,900300,private,abc,1\n");
        string participants = Path.Combine(_dir, "participants.csv");
        File.WriteAllText(participants, "firm_id,project_id,group\n,P1,G\n");
        string output = Path.Combine(_dir, "out.txt");

        var (code, stdout, stderr) = Run("measure", "--firms", firms, "--participants", participants, "--out", output);

        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("firms.csv:2: column 'fte'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("participants.csv", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Measure_ParticipantsMissingWithAGoodRegister_IsTheParticipantsError()
    {
        string missing = Path.Combine(_dir, "no-such-participants.csv");

        var (code, _, stderr) = Run("measure", "--firms", Sample("firms.csv.gz"), "--participants", missing, "--quiet");

        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("no-such-participants.csv", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_ParticipantPeriodsAreCheckedAgainstTheRegister_ReadWhileItLoads()
    {
        // Start and end periods wait for the register (2006H2-2014H2): one outside it is an error of that line.
        string participants = Path.Combine(_dir, "participants.csv");
        File.WriteAllText(participants, "firm_id,project_id,group,activity,start,end\n10007241,MID-10,VF Midtjylland,Mentor,2009H2,2010H2\n10041017,MID-05,VF Midtjylland,Mentor,2009H2,2016H2\n");

        var (code, _, stderr) = Run("measure", "--firms", Sample("firms.csv.gz"), "--participants", participants, "--quiet");

        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("participants.csv:3: column 'end', firm 10041017: value '2016H2': outside the register: expected a period from 2006H2 to 2014H2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_FirmsWithoutParticipantsIsAUsageError()
    {
        var (code, _, stderr) = Run("measure", "--firms", Sample("firms.csv.gz"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--participants", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_PlanBudgetPrintsAForecastPerGroup()
    {
        var (code, output, _) = Run(SampleArgs("--plan-budget", "37.4"));
        Assert.Equal(0, code);
        Assert.Contains("Forecast: expected jobs of a planned budget of 37.4 mio. DKK", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_PlotWritesALovePlotPerGroupAndTheShareAndEffectCharts()
    {
        var (code, _, _) = Run(SampleArgs("--plot", _dir));
        Assert.Equal(0, code);
        var files = Directory.GetFiles(_dir, "balance-*.png");
        Assert.Contains(files, f => f.EndsWith("balance-vf-sjælland.png", StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 1000));
        foreach (string chart in new[] { "shares-employment.png", "shares-turnover.png", "effects-jobs.png", "effects-turnover.png" })
        {
            byte[] png = File.ReadAllBytes(Path.Combine(_dir, chart));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
            Assert.True(png.Length > 10_000, chart);
        }

        Assert.Empty(Directory.GetFiles(_dir, "*.tmp*"));
    }

    [Theory]
    [InlineData("markdown", "| Group")]
    [InlineData("csv", "group,cross_cutting,reported")]
    public void Measure_OtherFormats(string format, string expected)
    {
        var (code, output, _) = Run(SampleArgs("--format", format));
        Assert.Equal(0, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_WritesTheMatchedPairsWithMatches()
    {
        string pairs = Path.Combine(_dir, "pairs.csv");
        string report = Path.Combine(_dir, "report.json");
        var (code, output, _) = Run(SampleArgs("--matches", pairs, "--format", "json", "--out", report));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, output);
        var lines = File.ReadAllLines(pairs);
        Assert.Equal("group,participant,control,slot,level,distance,pair_weight,control_weight", lines[0]);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToList();

        // Per group, the pairs' participants are the matched participants and their distinct controls the report's.
        foreach (var g in groups)
        {
            string name = g.GetProperty("group").GetString()!;
            var rows = lines.Skip(1).Select(l => l.Split(',')).Where(f => f[0] == name).ToList();
            Assert.Equal(g.GetProperty("matched").GetInt32(), rows.Select(f => f[1]).Distinct().Count());
            Assert.Equal(g.GetProperty("distinct_controls").GetInt32(), rows.Select(f => f[2]).Distinct().Count());
        }

        // Same pairs on stdout with '-' when the report goes to a file; refused when both would share stdout.
        var (dashCode, dashOut, _) = Run(SampleArgs("--matches", "-", "--out", report));
        Assert.Equal(0, dashCode);
        Assert.Equal(File.ReadAllText(pairs), dashOut);
        var (refused, _, err) = Run(SampleArgs("--matches", "-"));
        Assert.Equal(2, refused);
        Assert.Contains("--matches", err, StringComparison.Ordinal);
    }

    [Fact]
    public void MeasureCsv_OnTheSample_CountsAbove1000AreOneFieldAndEqualTheJson()
    {
        string[] args = ["measure", "--firms", Sample("firms.csv.gz"), "--participants", Sample("participants.csv"),
            "--budgets", Sample("budgets.csv"), "--bootstrap", "0", "--quiet"];
        var csvOut = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, CliApp.Run([.. args, "--format", "csv"], csvOut, TextWriter.Null));
        var jsonOut = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, CliApp.Run([.. args, "--format", "json"], jsonOut, TextWriter.Null));

        var records = MeasurementCsvTests.ReadCsv(csvOut.ToString());
        var header = records[0];
        Assert.Equal(30, header.Length);
        Assert.All(records, r => Assert.Equal(header.Length, r.Length));
        using var json = JsonDocument.Parse(jsonOut.ToString());
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(groups.Count, records.Count - 1);

        // The cross-cutting row counts every participant firm once: the distinct ids of participants.csv (2,398).
        int distinctIds = File.ReadLines(Sample("participants.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal).Count();
        var cross = records.Skip(1).Single(r => r[1] == "true");
        Assert.True(distinctIds >= 1000, "the sample should exercise counts of 1,000 or more");
        Assert.Equal(distinctIds.ToString(CultureInfo.InvariantCulture), cross[Array.IndexOf(header, "reported")]);

        foreach (var (row, g) in records.Skip(1).Zip(groups))
        {
            string Cell(string col) => row[Array.IndexOf(header, col)];
            Assert.Equal(g.GetProperty("group").GetString(), Cell("group"));
            foreach (var (col, value) in new[]
            {
                ("reported", g.GetProperty("reported")), ("measured", g.GetProperty("measured")),
                ("excluded_unknown", g.GetProperty("excluded").GetProperty("unknown")),
                ("excluded_ceased", g.GetProperty("excluded").GetProperty("ceased")),
                ("matched", g.GetProperty("matched")), ("distinct_controls", g.GetProperty("distinct_controls")),
            })
            {
                Assert.Equal(value.GetInt32(), int.Parse(Cell(col), NumberStyles.None, CultureInfo.InvariantCulture));
            }

            Assert.Equal(g.GetProperty("employment").GetProperty("jobs_created").GetDouble(), double.Parse(Cell("jobs_created"), NumberStyles.Float, CultureInfo.InvariantCulture));
            Assert.Equal(g.GetProperty("control_effective_n").GetDouble(), double.Parse(Cell("control_effective_n"), NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }
}
