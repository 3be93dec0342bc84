using System.Globalization;
using System.Text;
using System.Text.Json;
using GlobalMidt.Effects.Cli;
using GlobalMidt.Effects.Diagnostics;
using static GlobalMidt.Effects.Tests.Matching.BalanceReferenceData;

namespace GlobalMidt.Effects.Tests.Cli;

/// <summary>The <c>balance</c> command end to end, against the R references of References/balance.</summary>
public sealed class BalanceCommandTests : IDisposable
{
    private static readonly string Data = Path.Combine(Folder, "lalonde_matched.csv");
    private static readonly string AllCovariates = string.Join(',', Covariates);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gme-balance-" + Guid.NewGuid().ToString("N"));

    public BalanceCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Checks the command's CSV output against the R reference of a scenario.</summary>
    private static void AssertMatchesReference(string csv, string scenario, Func<string, string>? rename = null)
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var expected = ReadExpected().Where(e => e.Scenario == scenario).ToList();
        Assert.Equal(Covariates.Length + 1, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            string cov = rename is null ? f[0] : rename(f[0]);
            double Get(string col) => f[Array.IndexOf(header, col)] is "" ? double.NaN : double.Parse(f[Array.IndexOf(header, col)], CultureInfo.InvariantCulture);
            foreach (var (stage, suffix) in new[] { ("before", "_un"), ("after", "_adj") })
            {
                var e = expected.Single(x => x.Covariate == cov && x.Stage == stage);
                Near(e.TreatedMean, Get("treated_mean" + suffix), $"{cov} {stage} treated mean");
                Near(e.ControlMean, Get("control_mean" + suffix), $"{cov} {stage} control mean");
                Near(e.Smd, Get("diff" + suffix), $"{cov} {stage} SMD");
                Near(e.VarianceRatio, Get("variance_ratio" + suffix), $"{cov} {stage} VR");
                Near(e.EcdfMean, Get("ecdf_mean" + suffix), $"{cov} {stage} eCDF mean");
                Near(e.EcdfMax, Get("ecdf_max" + suffix), $"{cov} {stage} eCDF max");
            }
        }
    }

    [Theory]
    [InlineData("nn1")]
    [InlineData("nn2rc")]
    public void Balance_WithWeightsColumn_MatchesR(string scenario)
    {
        var (code, output, err) = Run("balance", "--data", Data, "--treat", "treat", "--covariates", AllCovariates, "--weights", "weights_" + scenario, "--format", "csv");
        Assert.True(code == 0, err);
        AssertMatchesReference(output, scenario);
    }

    [Theory]
    [InlineData("nn1")]
    [InlineData("nn2rc")]
    public void Balance_WithPairs_ReproducesMatchItWeights(string scenario)
    {
        string pairs = Path.Combine(Folder, $"lalonde_pairs_{scenario}.csv");
        var (code, output, err) = Run("balance", "--data", Data, "--treat", "treat", "--covariates", AllCovariates, "--pairs", pairs, "--id", "id", "--format", "csv");
        Assert.True(code == 0, err);
        AssertMatchesReference(output, scenario);

        (code, output, err) = Run("balance", "--data", Data, "--treat", "treat", "--covariates", "age", "--pairs", pairs, "--id", "id", "--format", "json");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var sizes = json.RootElement.GetProperty("sample_sizes");
        var expected = ReadExpectedSizes().Single(s => s.Scenario == scenario && s.Stage == "after");
        Assert.Equal(expected.TreatedN, sizes.GetProperty("treated_matched").GetInt32());
        Assert.Equal(expected.ControlN, sizes.GetProperty("control_matched").GetInt32());
        Near(expected.ControlEss, sizes.GetProperty("control_ess").GetDouble(), "control ESS");
    }

    [Fact]
    public void Balance_CodesNamedAsFactors_DummiesByValue_AsTheSameCodesWrittenAsText()
    {
        // Codes 9, 10, 100: three levels, one dummy each, ordered by value (not 10, 100, 9); the statistics are those
        // of the same column written as text (prefix c), dummy for dummy.
        string codes = Path.Combine(_dir, "codes.csv");
        string text = Path.Combine(_dir, "text.csv");
        string[] rows = ["id,treat,x,kind,w", "a,1,1.5,100,1", "b,1,2.5,9,1", "c,0,3.5,10,1", "d,0,1,9,1", "e,0,2,100,0", "f,1,3,10,1"];
        File.WriteAllLines(codes, rows);
        File.WriteAllLines(text, rows.Select((r, i) => i == 0 ? r : string.Join(',', r.Split(',').Select((f, j) => j == 3 ? "c" + f : f))));
        var a = Run("balance", "--data", codes, "--treat", "treat", "--covariates", "x,kind", "--factors", "kind", "--weights", "w", "--format", "csv");
        var b = Run("balance", "--data", text, "--treat", "treat", "--covariates", "x,kind", "--weights", "w", "--format", "csv");
        Assert.True(a.Code == 0, a.Err);
        var names = a.Out.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(["x", "kind_9", "kind_10", "kind_100"], names);
        var byName = b.Out.Split('\n').Skip(1).Where(l => l.Length > 0).ToDictionary(l => l.Split(',')[0], l => l[l.IndexOf(',', StringComparison.Ordinal)..]);
        foreach (var line in a.Out.Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            string name = line.Split(',')[0];
            Assert.Equal(byName[name.StartsWith("kind_", StringComparison.Ordinal) ? "kind_c" + name[5..] : name], line[line.IndexOf(',', StringComparison.Ordinal)..]);
        }

        var c = Run("balance", "--data", codes, "--treat", "treat", "--covariates", "x", "--factors", "kind", "--weights", "w");
        Assert.Equal(2, c.Code);
        Assert.Contains("option --factors: 'kind' is not one of --covariates (x); list it there too.", c.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_PairsInAnotherOrder_SameOutput()
    {
        string src = Path.Combine(Folder, "lalonde_pairs_nn2rc.csv");
        string reversed = Path.Combine(_dir, "reversed.csv");
        var lines = File.ReadAllLines(src);
        File.WriteAllLines(reversed, lines.Take(1).Concat(lines.Skip(1).Reverse()));
        var a = Run("balance", "--data", Data, "--treat", "treat", "--covariates", AllCovariates, "--pairs", src, "--id", "id", "--format", "json");
        var b = Run("balance", "--data", Data, "--treat", "treat", "--covariates", AllCovariates, "--pairs", reversed, "--id", "id", "--format", "json");
        Assert.True(b.Code == 0, b.Err);
        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void Balance_PairsWithoutWeightColumn_UseOneOverControlsPerTreated()
    {
        string pairs = Path.Combine(_dir, "pairs.csv");
        File.WriteAllLines(pairs, File.ReadAllLines(Path.Combine(Folder, "lalonde_pairs_nn2rc.csv")).Select(l => string.Join(',', l.Split(',').Take(2))));
        var (code, output, err) = Run("balance", "--data", Data, "--treat", "treat", "--covariates", AllCovariates, "--pairs", pairs, "--id", "id", "--format", "csv");
        Assert.True(code == 0, err);
        AssertMatchesReference(output, "nn2rc");
    }

    [Fact]
    public void Balance_SemicolonDecimalCommaAndBom_SameAsCommaFile()
    {
        string path = Path.Combine(_dir, "lalonde_da.csv");
        var lines = File.ReadAllLines(Data).Select(l => string.Join(';', l.Split(',').Select(f => f.Replace('.', ','))));
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var a = Run("balance", "--data", Data, "--treat", "treat", "--covariates", AllCovariates, "--weights", "weights_nn2rc", "--format", "csv");
        var b = Run("balance", "--data", path, "--treat", "treat", "--covariates", AllCovariates, "--weights", "weights_nn2rc", "--format", "csv");
        Assert.True(b.Code == 0, b.Err);
        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void Balance_DecimalCommaCulture_DoesNotChangeOutput()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            var a = Run("balance", "--data", Data, "--treat", "treat", "--covariates", AllCovariates, "--weights", "weights_nn2rc", "--format", "csv");
            CultureInfo.CurrentCulture = new CultureInfo("da-DK");
            // Treated 1.5, 2.5 (mean 2, SD sqrt(0.5)); controls 3.5, 1 (mean 2.25, variance 3.125):
            // SMD = -0.25 / sqrt(0.5) = -0.35355..., VR = 0.5 / 3.125 = 0.16.
            var table = global::GlobalMidt.Effects.Balance.Compute(["x"], [[1.5, 2.5, 3.5, 1]], [true, true, false, false], [1, 1, 1, 1], null);
            Assert.Contains("-0.3536", table.ToConsole(), StringComparison.Ordinal);
            Assert.Contains("0.1600", table.ToConsole(), StringComparison.Ordinal);
            Assert.StartsWith("x,continuous,2,2.25,-0.3535533905932737", table.ToCsv().Split('\n')[1], StringComparison.Ordinal);
            Assert.Contains("\"smd\": -0.3535533905932737", table.ToJson(), StringComparison.Ordinal);
            var b = Run("balance", "--data", Data, "--treat", "treat", "--covariates", AllCovariates, "--weights", "weights_nn2rc", "--format", "csv");
            Assert.Equal(a.Out, b.Out);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Balance_TextCovariate_BecomesDummies()
    {
        string path = Path.Combine(_dir, "race.csv");
        var src = File.ReadAllLines(Data);
        var h = src[0].Split(',');
        int black = Array.IndexOf(h, "black"), hispan = Array.IndexOf(h, "hispan");
        var lines = new List<string> { src[0] + ",race" };
        foreach (var l in src.Skip(1))
        {
            var f = l.Split(',');
            lines.Add(l + "," + (f[black] == "1" ? "black" : f[hispan] == "1" ? "hispan" : "white"));
        }

        File.WriteAllLines(path, lines);
        var (code, output, err) = Run("balance", "--data", path, "--treat", "treat", "--covariates", "age,educ,race,married,nodegree,re74,re75", "--weights", "weights_nn1", "--format", "csv");
        Assert.True(code == 0, err);
        var covs = output.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(["age", "educ", "race_black", "race_hispan", "race_white", "married", "nodegree", "re74", "re75"], covs);
        AssertMatchesReference(output, "nn1", c => c.StartsWith("race_", StringComparison.Ordinal) ? c["race_".Length..] : c);
    }

    [Fact]
    public void Balance_OutAndPlot_WriteFiles()
    {
        string table = Path.Combine(_dir, "balance.md");
        string plot = Path.Combine(_dir, "love.svg");
        var (code, output, err) = Run("balance", "--data", Data, "--treat", "treat", "--covariates", AllCovariates, "--weights", "weights_nn1", "--format", "markdown", "--out", table, "--plot", plot);
        Assert.True(code == 0, err);
        Assert.Contains("Balance table written to", output, StringComparison.Ordinal);
        Assert.StartsWith("| Covariate | Type | Diff.Un |", File.ReadAllText(table), StringComparison.Ordinal);
        Assert.Contains("nodegree", File.ReadAllText(plot), StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_Help_ListsOptions()
    {
        var (code, output, _) = Run("balance", "--help");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("--pairs FILE", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_BadTreatmentValue_IsDataErrorWithLineAndColumn()
    {
        string path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "id,treat,x,w\na,1,1.5,1\nb,yes,2,1\nc,0,3,1\n");
        var (code, _, err) = Run("balance", "--data", path, "--treat", "treat", "--covariates", "x", "--weights", "w");
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Equal("error: bad.csv:3: column 'treat': value 'yes': expected 1 (treated) or 0 (control), or true/false\n", err.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Balance_NegativeWeightAndBadNumber_AllReported()
    {
        string path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "id,treat,x,w\na,1,1.5,1\nb,0,2x,1\nc,0,3,-1\n");
        var (code, _, err) = Run("balance", "--data", path, "--treat", "treat", "--covariates", "x", "--weights", "w");
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("2 errors", err, StringComparison.Ordinal);
        Assert.Contains("bad.csv:3: column 'x': value '2x'", err, StringComparison.Ordinal);
        Assert.Contains("bad.csv:4: column 'w': value '-1'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_MissingColumn_NamesTheHeader()
    {
        var (code, _, err) = Run("balance", "--data", Data, "--treat", "treated", "--covariates", "age", "--weights", "weights_nn1");
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("lalonde_matched.csv:1: column 'treated': no treatment column 'treated' in the header (columns: id, treat, age", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_RaggedRow_IsDataError()
    {
        string path = Path.Combine(_dir, "ragged.csv");
        File.WriteAllText(path, "id,treat,x,w\na,1,1,1\n\"b,\"\"q\"\"\",0,2\nc,0,3,1\n");
        var (code, _, err) = Run("balance", "--data", path, "--treat", "treat", "--covariates", "x", "--weights", "w");
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("ragged.csv:3: wrong number of fields: expected 4 as in the header, found 3 (delimiter ',')", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_PairsWithUnknownId_IsDataErrorInPairsFile()
    {
        string pairs = Path.Combine(_dir, "pairs.csv");
        File.WriteAllText(pairs, "treated,control,slot,distance,weight\nNSW1,PSID1,1,,1\nNSW2,PSID9999,1,,1\nPSID3,PSID4,1,,1\n");
        var (code, _, err) = Run("balance", "--data", Data, "--treat", "treat", "--covariates", "age", "--pairs", pairs, "--id", "id");
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("pairs.csv:3: column 'control': value 'PSID9999': id not found in column 'id' of lalonde_matched.csv", err, StringComparison.Ordinal);
        Assert.Contains("pairs.csv:4: column 'treated': value 'PSID3': this id is a control", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_NoMatchedControl_IsAnalysisError()
    {
        string path = Path.Combine(_dir, "nomatch.csv");
        File.WriteAllText(path, "id,treat,x,w\na,1,1,1\nb,0,2,0\nc,0,3,0\n");
        var (code, _, err) = Run("balance", "--data", path, "--treat", "treat", "--covariates", "x", "--weights", "w");
        Assert.Equal(ExitCodes.AnalysisError, code);
        Assert.Contains("0 control rows", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_EmptyFile_IsDataError()
    {
        string path = Path.Combine(_dir, "empty.csv");
        File.WriteAllText(path, "");
        var (code, _, err) = Run("balance", "--data", path, "--treat", "treat", "--covariates", "x", "--weights", "w");
        Assert.Equal(ExitCodes.DataError, code);
        Assert.Contains("empty.csv: empty file: expected a header line and data rows", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--covariates", "age", "--treat", "treat")]
    [InlineData("--covariates", "age", "--treat", "treat", "--weights", "weights_nn1", "--pairs", "p.csv", "--id", "id")]
    [InlineData("--covariates", "age", "--treat", "treat", "--weights", "weights_nn1", "--plot", "love.jpg")]
    [InlineData("--covariates", "age", "--treat", "treat", "--weights", "weights_nn1", "--format", "xml")]
    [InlineData("--covariates", "age", "--treat", "treat", "--weights", "weights_nn1", "--threshold", "0")]
    [InlineData("--covariates", "age", "--treat", "treat", "--weights", "weights_nn1", "--colour", "red")]
    public void Balance_BadCommandLine_IsUsageError(params string[] rest)
    {
        var (code, _, err) = Run(["balance", "--data", Data, .. rest]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
    }
}
