using System.Globalization;
using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Tests.Matching;

namespace GlobalMidt.Effects.Tests.Cli;

public sealed class MatchCommandTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "References", "matchit");

    [Fact]
    public void Match_Lalonde_WritesMatchItsPairs()
    {
        string outPath = Path.Combine(Path.GetTempPath(), $"gme-match-{Guid.NewGuid():N}.csv");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = CliApp.Run(
            ["match", "--data", Path.Combine(Folder, "lalonde.csv"), "--treat", "treat", "--id", "id",
             "--covariates", "age,educ,race,married,nodegree,re74,re75", "--ratio", "2", "--out", outPath, "--timings"],
            stdout,
            stderr);
        try
        {
            Assert.Equal(0, rc);
            var lines = File.ReadAllLines(outPath);
            Assert.Equal("treated,control,slot,distance,weight", lines[0]);
            var ours = lines.Skip(1).Select(l => l.Split(',')).Select(f => (f[0], f[2], f[1])).ToList();
            var r = MatchItReferenceTests.ReadCsv(Path.Combine(Folder, "lalonde_glm_ratio2_matches.csv")).Skip(1).Select(f => (f[0], f[1], f[2])).ToList();
            Assert.Equal(r, ours);
            Assert.Contains("matched treated: 185 of 185", stdout.ToString(), StringComparison.Ordinal);
            const string Jit = @" \(jit: \d+ methods, \d+\.\d{3} s\)\n";
            Assert.Matches($@"^load: \d+\.\d{{3}} s{Jit}fit: \d+\.\d{{3}} s{Jit}match: \d+\.\d{{3}} s{Jit}write: \d+\.\d{{3}} s{Jit}$", stderr.ToString());
        }
        finally
        {
            File.Delete(outPath);
        }
    }

    [Fact]
    public void Match_UnknownColumn_ExitsWithDataError()
    {
        var stderr = new StringWriter();
        int rc = CliApp.Run(
            ["match", "--data", Path.Combine(Folder, "lalonde.csv"), "--treat", "treat", "--id", "id", "--covariates", "agee", "--out", "x.csv"],
            new StringWriter(),
            stderr);
        Assert.Equal(3, rc);
        Assert.Contains("lalonde.csv:1: column 'agee': no covariate column 'agee'", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Match_FirmsWithIndustryCodesAsFactor_MatchItsPairs_AndAFactorOutsideTheCovariatesIsAUsageError()
    {
        // firms.csv writes 2-digit industry codes as numbers; R (make_references.R, firms_glm_factors) has them as a
        // factor. With --factors the CLI writes R's pairs.
        string outPath = Path.Combine(Path.GetTempPath(), $"gme-match-{Guid.NewGuid():N}.csv");
        string[] common = ["match", "--data", Path.Combine(Folder, "firms.csv"), "--treat", "treat", "--id", "id", "--ratio", "2", "--out", outPath];
        var stderr = new StringWriter();
        int rc = CliApp.Run([.. common, "--covariates", "fte,turnover,growth,region,industry", "--factors", "industry"], new StringWriter(), stderr);
        try
        {
            Assert.Equal(0, rc);
            var ours = File.ReadAllLines(outPath).Skip(1).Select(l => l.Split(',')).Select(f => (f[0], int.Parse(f[2], CultureInfo.InvariantCulture), f[1])).Order().ToList();
            var r = File.ReadAllLines(Path.Combine(Folder, "firms_glm_factors_matches.csv")).Skip(1).Select(l => l.Replace("\"", "", StringComparison.Ordinal).Split(','))
                .Select(f => (f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2])).Order().ToList();
            Assert.Equal(r, ours);
        }
        finally
        {
            File.Delete(outPath);
        }

        stderr = new StringWriter();
        rc = CliApp.Run([.. common, "--covariates", "fte,turnover", "--factors", "industry"], new StringWriter(), stderr);
        Assert.Equal(2, rc);
        Assert.Contains("option --factors: 'industry' is not one of --covariates (fte,turnover); list it there too.", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }
}
