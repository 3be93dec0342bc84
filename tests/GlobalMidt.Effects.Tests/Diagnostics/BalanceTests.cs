using System.Globalization;
using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Matching;
using static GlobalMidt.Effects.Tests.Matching.BalanceReferenceData;

namespace GlobalMidt.Effects.Tests.Diagnostics;

public class BalanceTests
{
    [Theory]
    [InlineData("nn1")]
    [InlineData("nn2rc")]
    public void Compute_MatchesCobaltFormulasInR_Lalonde(string scenario)
    {
        var input = ReadInput();
        var table = Balance.Compute(Covariates, input.Covariates, input.Treated, input.Weights[scenario], null);
        var expected = ReadExpected().Where(e => e.Scenario == scenario).ToList();
        Assert.Equal(Covariates.Length, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var before = expected.Single(e => e.Covariate == row.Covariate && e.Stage == "before");
            var after = expected.Single(e => e.Covariate == row.Covariate && e.Stage == "after");
            Assert.Equal(before.Binary ? CovariateType.Binary : CovariateType.Continuous, row.Type);
            Check(before, row.Before, $"{scenario} {row.Covariate} before");
            Check(after, row.After, $"{scenario} {row.Covariate} after");
            Assert.Equal(Math.Abs(after.Smd) < 0.1, row.SmdBalanced);
            bool? vr = before.Binary ? null : Math.Max(after.VarianceRatio, 1 / after.VarianceRatio) < 2;
            Assert.Equal(vr, row.VarianceRatioBalanced);
        }

        var sizes = ReadExpectedSizes().Where(s => s.Scenario == scenario).ToList();
        var all = sizes.Single(s => s.Stage == "before");
        var matched = sizes.Single(s => s.Stage == "after");
        Assert.Equal(all.TreatedN, table.SampleSizes.TreatedAll);
        Assert.Equal(all.ControlN, table.SampleSizes.ControlAll);
        Assert.Equal(matched.TreatedN, table.SampleSizes.TreatedMatched);
        Assert.Equal(matched.ControlN, table.SampleSizes.ControlMatched);
        Near(matched.TreatedEss, table.SampleSizes.TreatedEss, "treated ESS");
        Near(matched.ControlEss, table.SampleSizes.ControlEss, "control ESS");
    }

    private static void Check(Expected e, BalanceStatistics s, string what)
    {
        Near(e.TreatedMean, s.TreatedMean, what + " treated mean");
        Near(e.ControlMean, s.ControlMean, what + " control mean");
        Near(e.Smd, s.Smd, what + " SMD");
        Near(e.VarianceRatio, s.VarianceRatio, what + " variance ratio");
        Near(e.EcdfMean, s.EcdfMean, what + " eCDF mean");
        Near(e.EcdfMax, s.EcdfMax, what + " eCDF max");
    }

    [Fact]
    public void Compute_BinaryStandardized_MatchesMatchItSummary()
    {
        var input = ReadInput();
        var table = Balance.Compute(Covariates, input.Covariates, input.Treated, input.Weights["nn2rc"], new BalanceOptions { Binary = BinaryDifference.Standardized });
        var expected = ReadExpected().Where(e => e.Scenario == "nn2rc").ToList();
        foreach (var row in table.Rows)
        {
            Near(expected.Single(e => e.Covariate == row.Covariate && e.Stage == "before").SmdBinaryStd, row.Before.Smd, row.Covariate + " before");
            Near(expected.Single(e => e.Covariate == row.Covariate && e.Stage == "after").SmdBinaryStd, row.After.Smd, row.Covariate + " after");
        }
    }

    [Fact]
    public void Compute_DoesNotDependOnRowOrder()
    {
        var input = ReadInput();
        var w = input.Weights["nn2rc"];
        var a = Balance.Compute(Covariates, input.Covariates, input.Treated, w, null);
        int n = input.Treated.Length;
        var perm = new int[n];
        for (int i = 0; i < n; i++)
        {
            perm[i] = (int)((i * 389L + 17) % n); // 389 is prime and does not divide 614: a permutation
        }

        Assert.Equal(n, perm.Distinct().Count());
        var b = Balance.Compute(
            Covariates,
            input.Covariates.Select(c => perm.Select(p => c[p]).ToArray()).ToArray(),
            perm.Select(p => input.Treated[p]).ToArray(),
            perm.Select(p => w[p]).ToArray(),
            null);
        Assert.Equal(a.ToCsv(), b.ToCsv());
        Assert.Equal(a.ToJson(), b.ToJson());
    }

    [Fact]
    public void Compute_WithLongRunsOfTiedValuesAndWeights_DoesNotDependOnRowOrder()
    {
        // Few distinct values and weights: long runs of equal (value, weight) across both groups.
        var rng = new GlobalMidt.Effects.Randomness.SplitMix64(8);
        int n = 5000;
        double[] values = [0, 1, 2.5, 3, -0.0];
        double[] weightSet = [0, 0.5, 1, 1.0 / 3];
        var x = new double[n];
        var y = new double[n];
        var t = new bool[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = values[rng.NextInt(values.Length)];
            y[i] = rng.NextInt(40) / 8.0;
            t[i] = rng.NextInt(5) == 0;
            w[i] = t[i] ? 1 : weightSet[rng.NextInt(weightSet.Length)];
        }

        var a = Balance.Compute(["x", "y"], [x, y], t, w, null);
        foreach (long step in new long[] { 389, 4999 })
        {
            var perm = Enumerable.Range(0, n).Select(i => (int)((i * step + 17) % n)).ToArray();
            Assert.Equal(n, perm.Distinct().Count());
            var b = Balance.Compute(["x", "y"], [perm.Select(p => x[p]).ToArray(), perm.Select(p => y[p]).ToArray()], perm.Select(p => t[p]).ToArray(), perm.Select(p => w[p]).ToArray(), null);
            Assert.Equal(a.ToJson(), b.ToJson());
            Assert.Equal(a.Rows.Select(r => (r.Before, r.After)), b.Rows.Select(r => (r.Before, r.After)));
        }
    }

    [Fact]
    public void Compute_FromMatchResult_UsesItsWeights()
    {
        var input = ReadInput();
        // Match on all but 'white' (black + hispan + white = 1 makes the covariance singular), as make_balance.R does.
        int white = Array.IndexOf(Covariates, "white");
        var names = Covariates.Where((_, j) => j != white).ToArray();
        var covs = input.Covariates.Where((_, j) => j != white).ToArray();
        var data = new MatchingData(input.Treated, names, covs);
        var result = NearestNeighbourMatcher.Match(data, new MatchingOptions { Distance = DistanceMetric.Mahalanobis });
        var viaResult = Balance.Compute(data, result);
        var viaArrays = Balance.Compute(names, covs, input.Treated, result.Weights.ToArray(), null);
        Assert.Equal(viaArrays.ToCsv(), viaResult.ToCsv());
        Assert.Equal(viaArrays.SampleSizes, viaResult.SampleSizes);
        Assert.Equal(185, viaResult.SampleSizes.TreatedMatched);
        // The before side is the unmatched sample whatever the match.
        var expected = ReadExpected().Where(e => e.Scenario == "nn1" && e.Stage == "before").ToList();
        foreach (var row in viaResult.Rows)
        {
            Near(expected.Single(e => e.Covariate == row.Covariate).Smd, row.Before.Smd, row.Covariate);
        }
    }

    [Fact]
    public void Compute_HandExample_TiesWeightsAndUnmatchedTreated()
    {
        // treated x = 1, 2, 3, 4 (the 4 unmatched); controls x = 1, 3, 3, 5 with weights 2, 1, 0, 1.
        // Before: m1 = 2.5, m0 = 3, s1^2 = 5/3; after: m1 = 2, m0 = (2 + 3 + 5)/4 = 2.5.
        // SMD after = -0.5 / sqrt(5/3); var1 = 1 (1, 2, 3); var0 = 4/(16 - 6) * (2*2.25 + 0.25 + 6.25) = 4.4.
        // eCDF after at distinct x 1, 2, 3, 4, 5: F1 = 1/3, 2/3, 1, 1, 1; F0 = 1/2, 1/2, 3/4, 3/4, 1.
        double[] x = [1, 2, 3, 4, 1, 3, 3, 5];
        bool[] t = [true, true, true, true, false, false, false, false];
        double[] w = [1, 1, 1, 0, 2, 1, 0, 1];
        var row = Balance.Compute(["x"], [x], t, w, null).Rows[0];
        Near(-0.5 / Math.Sqrt(5.0 / 3), row.Before.Smd, "SMD before");
        Near(-0.5 / Math.Sqrt(5.0 / 3), row.After.Smd, "SMD after");
        Near((5.0 / 3) / (8.0 / 3), row.Before.VarianceRatio, "VR before"); // control variance of 1, 3, 3, 5 is 8/3
        Near(1 / 4.4, row.After.VarianceRatio, "VR after");
        double[] gaps = [1.0 / 6, 1.0 / 6, 1.0 / 4, 1.0 / 4, 0];
        Near(gaps.Average(), row.After.EcdfMean, "eCDF mean after");
        Near(0.25, row.After.EcdfMax, "eCDF max after");
        Assert.False(row.SmdBalanced);
        Assert.False(row.VarianceRatioBalanced);
    }

    [Fact]
    public void Compute_OneTreatedUnit_SmdIsNaNAndNotBalanced()
    {
        double[] x = [5, 1, 2, 3];
        bool[] t = [true, false, false, false];
        var row = Balance.Compute(["x"], [x], t, [1, 1, 0, 0], null).Rows[0];
        Assert.True(double.IsNaN(row.Before.Smd));
        Assert.True(double.IsNaN(row.After.Smd));
        Assert.True(double.IsNaN(row.After.VarianceRatio));
        Assert.False(row.SmdBalanced);
        Assert.Null(row.VarianceRatioBalanced);
    }

    [Fact]
    public void Compute_IdenticalGroups_ZeroDifferencesAndUnitRatio()
    {
        double[] x = [1, 2, 3, 1, 2, 3];
        double[] b = [0, 1, 1, 0, 1, 1];
        bool[] t = [true, true, true, false, false, false];
        var table = Balance.Compute(["x", "b"], [x, b], t, [1, 1, 1, 1, 1, 1], null);
        Assert.Equal(0, table.Rows[0].After.Smd);
        Assert.Equal(1, table.Rows[0].After.VarianceRatio);
        Assert.Equal(0, table.Rows[0].After.EcdfMax);
        Assert.Equal(CovariateType.Binary, table.Rows[1].Type);
        Assert.True(double.IsNaN(table.Rows[1].After.VarianceRatio));
        Assert.True(table.IsBalanced);
        Assert.Equal(2, table.SmdBalancedCount);
    }

    [Fact]
    public void Compute_ThrowsForEmptyInput() =>
        Assert.Throws<ArgumentException>("treated", () => Balance.Compute(["x"], [[]], [], [], null));

    [Fact]
    public void Compute_ThrowsWithoutControls() =>
        Assert.Throws<ArgumentException>("treated", () => Balance.Compute(["x"], [[1, 2]], [true, true], [1, 1], null));

    [Fact]
    public void Compute_ThrowsWhenNoControlIsMatched()
    {
        var e = Assert.Throws<ArgumentException>("weightsAfter", () => Balance.Compute(["x"], [[1, 2, 3]], [true, false, false], [1, 0, 0], null));
        Assert.Contains("0 control", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ThrowsForNaNCovariate()
    {
        var e = Assert.Throws<ArgumentException>("covariates", () => Balance.Compute(["age"], [[1, double.NaN, 3]], [true, false, false], [1, 1, 0], null));
        Assert.Contains("'age'", e.Message, StringComparison.Ordinal);
        Assert.Contains("row 2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Compute_ThrowsForBadWeight(double bad)
    {
        var e = Assert.Throws<ArgumentException>("weightsAfter", () => Balance.Compute(["x"], [[1, 2, 3]], [true, false, false], [1, bad, 1], null));
        Assert.Contains("row 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ThrowsForLengthMismatch()
    {
        Assert.Throws<ArgumentException>("weightsAfter", () => Balance.Compute(["x"], [[1, 2, 3]], [true, false, false], [1, 1], null));
        Assert.Throws<ArgumentException>("covariates", () => Balance.Compute(["x"], [[1, 2]], [true, false, false], [1, 1, 1], null));
        Assert.Throws<ArgumentException>("names", () => Balance.Compute(["x", "y"], [[1, 2, 3]], [true, false, false], [1, 1, 1], null));
    }

    [Theory]
    [InlineData(0.0, 2.0, "SmdThreshold")]
    [InlineData(double.NaN, 2.0, "SmdThreshold")]
    [InlineData(0.1, 1.0, "VarianceRatioThreshold")]
    public void Options_Validate_NamesTheSetting(double smd, double vr, string setting)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BalanceOptions { SmdThreshold = smd, VarianceRatioThreshold = vr }.Validate());
        Assert.Equal(setting, e.ParamName);
        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ThresholdIsStrict_AsCobalt()
    {
        // Means 1 vs 0.75 on a binary covariate: raw difference 0.25; balanced with threshold 0.26, not with 0.25.
        double[] b = [1, 1, 1, 1, 0, 1, 1, 1];
        bool[] t = [true, true, true, true, false, false, false, false];
        double[] w = [1, 1, 1, 1, 1, 1, 1, 1];
        Assert.True(Balance.Compute(["b"], [b], t, w, new BalanceOptions { SmdThreshold = 0.26 }).Rows[0].SmdBalanced);
        Assert.False(Balance.Compute(["b"], [b], t, w, new BalanceOptions { SmdThreshold = 0.25 }).Rows[0].SmdBalanced);
    }
}
