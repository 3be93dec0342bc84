using System.Globalization;

namespace GlobalMidt.Effects.Tests.Matching;

/// <summary>Reads the R-made balance references in References/balance (see make_balance.R there).</summary>
internal static class BalanceReferenceData
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "References", "balance");

    public static readonly string[] Covariates = ["age", "educ", "black", "hispan", "white", "married", "nodegree", "re74", "re75"];

    public sealed record Input(string[] Ids, bool[] Treated, double[][] Covariates, Dictionary<string, double[]> Weights);

    public sealed record Expected(string Scenario, string Covariate, string Stage, bool Binary, double TreatedMean, double ControlMean, double Smd, double SmdBinaryStd, double VarianceRatio, double EcdfMean, double EcdfMax);

    public sealed record ExpectedSizes(string Scenario, string Stage, int TreatedN, int ControlN, double TreatedEss, double ControlEss);

    public static Input ReadInput()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "lalonde_matched.csv"));
        var header = lines[0].Split(',');
        int rows = lines.Length - 1;
        var ids = new string[rows];
        var treated = new bool[rows];
        var cov = Covariates.Select(_ => new double[rows]).ToArray();
        var weightCols = header.Select((h, i) => (h, i)).Where(p => p.h.StartsWith("weights_", StringComparison.Ordinal)).ToList();
        var weights = weightCols.ToDictionary(p => p.h["weights_".Length..], _ => new double[rows]);
        for (int r = 0; r < rows; r++)
        {
            var f = lines[r + 1].Split(',');
            ids[r] = f[0];
            treated[r] = f[Array.IndexOf(header, "treat")] == "1";
            for (int j = 0; j < Covariates.Length; j++)
            {
                cov[j][r] = Parse(f[Array.IndexOf(header, Covariates[j])]);
            }

            foreach (var (h, i) in weightCols)
            {
                weights[h["weights_".Length..]][r] = Parse(f[i]);
            }
        }

        return new Input(ids, treated, cov, weights);
    }

    public static List<Expected> ReadExpected()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "balance_expected.csv"));
        Assert.Equal("scenario,covariate,stage,binary,treated_mean,control_mean,smd,smd_binary_std,variance_ratio,ecdf_mean,ecdf_max", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => new Expected(
            f[0], f[1], f[2], f[3] == "TRUE", Parse(f[4]), Parse(f[5]), Parse(f[6]), Parse(f[7]), Parse(f[8]), Parse(f[9]), Parse(f[10]))).ToList();
    }

    public static List<ExpectedSizes> ReadExpectedSizes()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "balance_expected_n.csv"));
        Assert.Equal("scenario,stage,treated_n,control_n,treated_ess,control_ess", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => new ExpectedSizes(
            f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), Parse(f[4]), Parse(f[5]))).ToList();
    }

    public static double Parse(string s) => s == "NA" ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>|actual - expected| &lt;= abs + rel * |expected|; NaN only equals NaN.</summary>
    public static void Near(double expected, double actual, string what, double rel = 1e-10, double abs = 1e-10)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: expected NaN (R NA), got {actual.ToString("R", CultureInfo.InvariantCulture)}");
            return;
        }

        Assert.True(Math.Abs(actual - expected) <= abs + rel * Math.Abs(expected),
            $"{what}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
