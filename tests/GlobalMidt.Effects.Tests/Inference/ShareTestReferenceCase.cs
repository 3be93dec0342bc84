using System.Globalization;

namespace GlobalMidt.Effects.Tests.Inference;

/// <summary>One row of <c>References/inference/share_tests.csv</c> (made by <c>share_tests.R</c>).</summary>
internal sealed record ShareTestReferenceCase(
    string Kind,
    string Case,
    int X1,
    int N1,
    double P0,
    double? N0,
    double Level,
    double Z,
    double PPnorm,
    double PPropTest,
    double ChiSquare,
    double P1Low,
    double P1High,
    double P0Low,
    double P0High,
    double WaldLow,
    double WaldHigh,
    double NewcombeLow,
    double NewcombeHigh)
{
    private static readonly Lazy<IReadOnlyList<ShareTestReferenceCase>> Cached = new(Read);

    public static IReadOnlyList<ShareTestReferenceCase> Load() => Cached.Value;

    private static List<ShareTestReferenceCase> Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "References", "inference", "share_tests.csv");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && l[0] != '#').ToList();
        string[] header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InvalidOperationException($"share_tests.csv has no column {name}");
        static double D(string s) => s == "NA" ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        var result = new List<ShareTestReferenceCase>();
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            double n0 = D(f[Col("n0")]);
            result.Add(new ShareTestReferenceCase(
                f[Col("kind")], f[Col("case")], int.Parse(f[Col("x1")], CultureInfo.InvariantCulture),
                int.Parse(f[Col("n1")], CultureInfo.InvariantCulture), D(f[Col("p0")]), double.IsNaN(n0) ? null : n0,
                D(f[Col("level")]), D(f[Col("z")]), D(f[Col("p_pnorm")]), D(f[Col("p_proptest")]), D(f[Col("chisq")]),
                D(f[Col("p1_low")]), D(f[Col("p1_high")]), D(f[Col("p0_low")]), D(f[Col("p0_high")]),
                D(f[Col("wald_low")]), D(f[Col("wald_high")]), D(f[Col("newcombe_low")]), D(f[Col("newcombe_high")])));
        }

        return result;
    }

    public static TheoryData<string> Cases(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var c in Load().Where(c => c.Kind == kind))
        {
            data.Add(c.Case);
        }

        return data;
    }

    public static ShareTestReferenceCase Get(string name) => Load().Single(c => c.Case == name);
}
