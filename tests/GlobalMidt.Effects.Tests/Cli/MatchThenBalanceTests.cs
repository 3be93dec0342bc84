using System.Globalization;
using System.Text.Json;
using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Tests.Matching;

namespace GlobalMidt.Effects.Tests.Cli;

/// <summary>
/// <c>match --replace</c> then <c>balance --pairs</c> on a firm table from the sample, against R MatchIt's
/// summary() (References/balance_pairs/make_firms_pairs.R): exact region x industry, Mahalanobis, ratio 5, with
/// replacement. Issue 10: balance read the pairs file's weight column (the control's MatchIt weight) as the pair's
/// share of its treated unit, so SMDs, the exactly matched region and the control ESS came out wrong.
/// </summary>
public sealed class MatchThenBalanceTests : IDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "References", "balance_pairs");
    private static readonly string Firms = Path.Combine(Folder, "firms_sample.csv");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gme-matchbal-" + Guid.NewGuid().ToString("N"));

    public MatchThenBalanceTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private string MatchPairs()
    {
        string pairs = Path.Combine(_dir, "pairs.csv");
        var (code, _, err) = Run("match", "--data", Firms, "--treat", "treat", "--id", "id", "--covariates", "lfte,lturnover,growth",
            "--exact", "region,industry", "--distance", "mahalanobis", "--ratio", "5", "--replace", "--out", pairs);
        Assert.True(code == 0, err);
        return pairs;
    }

    private static void AssertBalanceAsMatchIt(string pairs)
    {
        var (code, output, err) = Run("balance", "--data", Firms, "--treat", "treat", "--covariates", "lfte,lturnover,growth,region",
            "--pairs", pairs, "--id", "id", "--format", "csv");
        Assert.True(code == 0, err);
        var lines = output.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f);
        var expected = File.ReadAllLines(Path.Combine(Folder, "expected_balance.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var e in expected)
        {
            var f = rows[e[0]];
            double Get(string col) => Parse(f[Array.IndexOf(header, col)]);
            BalanceReferenceData.Near(Parse(e[3]), Get("control_mean_adj"), e[0] + " control mean", rel: 1e-12, abs: 1e-12);
            BalanceReferenceData.Near(Parse(e[4]), Get("diff_adj"), e[0] + " SMD after matching", rel: 1e-10, abs: 1e-12);
        }

        (code, output, err) = Run("balance", "--data", Firms, "--treat", "treat", "--covariates", "lfte",
            "--pairs", pairs, "--id", "id", "--format", "json");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var sizes = json.RootElement.GetProperty("sample_sizes");
        var n = File.ReadAllLines(Path.Combine(Folder, "expected_n.csv"))[1].Split(',');
        Assert.Equal(int.Parse(n[0], CultureInfo.InvariantCulture), sizes.GetProperty("treated_matched").GetInt32());
        Assert.Equal(int.Parse(n[1], CultureInfo.InvariantCulture), sizes.GetProperty("control_matched").GetInt32());
        BalanceReferenceData.Near(Parse(n[3]), sizes.GetProperty("control_ess").GetDouble(), "control ESS");
    }

    [Fact]
    public void MatchWithReplacement_ThenBalanceOfItsPairs_EqualsMatchIt()
    {
        string pairs = MatchPairs();

        // The pairs are MatchIt's (as sets per treated unit: with replacement the order of tied slots may differ),
        // and the weight column holds each control's MatchIt weight.
        static Dictionary<string, string> Set(IEnumerable<string[]> rows) => rows.GroupBy(f => f[0]).ToDictionary(
            g => g.Key, g => string.Join(' ', g.Select(f => f[1]).Order(StringComparer.Ordinal)), StringComparer.Ordinal);
        var ours = File.ReadAllLines(pairs).Skip(1).Select(l => l.Split(',')).ToList();
        var theirs = File.ReadAllLines(Path.Combine(Folder, "matchit_pairs.csv")).Skip(1).Select(l => l.Split(','));
        Assert.Equal(Set(theirs).OrderBy(k => k.Key, StringComparer.Ordinal), Set(ours).OrderBy(k => k.Key, StringComparer.Ordinal));
        var rWeights = File.ReadAllLines(Path.Combine(Folder, "matchit_weights.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => Parse(f[1]), StringComparer.Ordinal);
        foreach (var f in ours)
        {
            BalanceReferenceData.Near(rWeights[f[1]], Parse(f[4]), "weight of control " + f[1]);
        }

        AssertBalanceAsMatchIt(pairs);
    }

    [Fact]
    public void BalanceOfMatchItsPairsWithoutWeights_EqualsMatchIt() =>
        AssertBalanceAsMatchIt(Path.Combine(Folder, "matchit_pairs.csv"));

    [Fact]
    public void PairsWithShareInsteadOfControlWeight_IsDataErrorNamingTheLine()
    {
        // A weight column read as the pair's share (1/k) is what the old balance expected: now it is refused.
        string shares = Path.Combine(_dir, "shares.csv");
        var lines = File.ReadAllLines(Path.Combine(Folder, "matchit_pairs.csv"));
        var k = lines.Skip(1).GroupBy(l => l.Split(',')[0]).ToDictionary(g => g.Key, g => g.Count());
        File.WriteAllLines(shares, lines.Take(1).Select(h => h + ",weight")
            .Concat(lines.Skip(1).Select(l => l + "," + (1.0 / k[l.Split(',')[0]]).ToString("R", CultureInfo.InvariantCulture))));
        var (code, _, err) = Run("balance", "--data", Firms, "--treat", "treat", "--covariates", "lfte",
            "--pairs", shares, "--id", "id");
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("shares.csv:", err, StringComparison.Ordinal);
        Assert.Contains("not the pair's share", err, StringComparison.Ordinal);
    }
}
