using System.Globalization;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Matching;

/// <summary>
/// The propensity fit with one-hot factors (never building the dummy columns) against R's <c>glm()</c>: a factor of
/// 300 levels, a second factor and an aliased numeric column (References/glm_factors/make_glm_factors.R; its outputs
/// are committed, R is not needed to run these tests).
/// </summary>
public sealed class OneHotLogisticRegressionTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "References", "glm_factors");

    [Fact]
    public void PropensityModel_WithAFactorOf300Levels_EqualsRGlm()
    {
        var (data, _) = Load();
        var plan = NearestNeighbourMatcher.Prepare(data, new MatchingOptions { Distance = DistanceMetric.Glm });
        var model = Assert.IsType<LogisticRegressionFit>(plan.PropensityModel);
        Assert.True(model.Converged);
        var rCoef = MatchItReferenceTests.ReadCsv(Path.Combine(Folder, "glm_factors_coef.csv")).Skip(1).ToList();

        // Same columns in the same order (R drops no level but the reference; the unused level L000 is absent).
        Assert.Equal(rCoef.Select(r => r[0]), model.Names);
        for (int j = 0; j < rCoef.Count; j++)
        {
            if (rCoef[j][1].Length == 0)
            {
                Assert.True(double.IsNaN(model.Coefficients[j]), $"{rCoef[j][0]}: R's NA, ours {model.Coefficients[j]:R}");
                continue;
            }

            MatchItReferenceTests.AssertClose(double.Parse(rCoef[j][1], CultureInfo.InvariantCulture), model.Coefficients[j], 1e-8, rCoef[j][0]);
        }

        var rFitted = MatchItReferenceTests.ReadCsv(Path.Combine(Folder, "glm_factors_fitted.csv")).Skip(1).ToList();
        Assert.Equal(data.RowCount, rFitted.Count);
        for (int i = 0; i < rFitted.Count; i++)
        {
            MatchItReferenceTests.AssertClose(double.Parse(rFitted[i][1], CultureInfo.InvariantCulture), model.Fitted[i], 1e-10, "fitted " + rFitted[i][0]);
        }
    }

    [Fact]
    public void OneHotFit_EqualsTheDenseFitOnExplicitDummies_ForAnyThreadCount()
    {
        // Two factors (crossed levels, one row at a reference level of both) and a numeric column.
        var rng = new SplitMix64(11);
        int n = 3000;
        var y = new bool[n];
        var x = new double[n];
        var a = new int[n];
        var b = new int[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.NextInt(4) - 1; // -1 = reference
            b[i] = rng.NextInt(40) - 1;
            x[i] = rng.NextInt(1000) / 10.0;
            y[i] = rng.NextInt(1000) < 300 + (2 * x[i]) + (40 * a[i]) + (b[i] % 7 * 20);
        }

        var factors = new List<OneHotFactor>
        {
            new(a, Enumerable.Range(0, 3).Select(l => "a" + l).ToList()),
            new(b, Enumerable.Range(0, 39).Select(l => "b" + l).ToList()),
        };
        var columns = new List<double[]> { x };
        var names = new List<string> { "x" };
        foreach (var f in factors)
        {
            for (int l = 0; l < f.Names.Count; l++)
            {
                columns.Add(f.Codes.Select(c => c == l ? 1.0 : 0.0).ToArray());
                names.Add(f.Names[l]);
            }
        }

        var dense = LogisticRegression.Fit(y, columns, names);
        var oneHot = OneHotLogisticRegression.Fit(y, [x], ["x"], factors, maxDegreeOfParallelism: 1);
        var oneHotParallel = OneHotLogisticRegression.Fit(y, [x], ["x"], factors, maxDegreeOfParallelism: 4);

        Assert.Equal(dense.Names, oneHot.Names);
        Assert.Equal(dense.Iterations, oneHot.Iterations);
        for (int j = 0; j < dense.Coefficients.Count; j++)
        {
            MatchItReferenceTests.AssertClose(dense.Coefficients[j], oneHot.Coefficients[j], 1e-10, names.Count > j ? dense.Names[j] : "?");
        }

        Assert.Equal(oneHot.Coefficients, oneHotParallel.Coefficients);
        Assert.Equal(oneHot.Fitted, oneHotParallel.Fitted);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void OneHotFit_OnManyChunks_IsTheSameForAnyThreadCount_AndEqualsTheDenseFit(int numericCount)
    {
        // 70,001 rows: 5 chunks of 16,384 (the last one partial, its last block of rows odd), summed in chunk order;
        // 3 or 4 numeric columns (sums kept in registers) and 2 or 5 (the general sums), odd counts padded to pairs,
        // one column shifted (values beyond 2^400).
        var rng = new SplitMix64(29);
        int n = 70_001;
        var y = new bool[n];
        var a = new int[n];
        var b = new int[n];
        var numeric = new double[numericCount][];
        for (int j = 0; j < numericCount; j++)
        {
            numeric[j] = new double[n];
        }

        for (int i = 0; i < n; i++)
        {
            a[i] = rng.NextInt(5) - 1;
            b[i] = rng.NextInt(12) - 1;
            for (int j = 0; j < numericCount; j++)
            {
                numeric[j][i] = (rng.NextInt(100_000) / 1000.0) * (j == 1 ? 1e130 : j + 1);
            }

            double eta = -3 + (numeric[0][i] / 50) + (0.3 * a[i]) - (b[i] % 3 * 0.4);
            y[i] = rng.NextInt(1_000_000) < 1_000_000 * LogisticRegression.LinkInverse(eta);
        }

        var factors = new List<OneHotFactor>
        {
            new(a, Enumerable.Range(0, 4).Select(l => "a" + l).ToList()),
            new(b, Enumerable.Range(0, 11).Select(l => "b" + l).ToList()),
        };
        var names = Enumerable.Range(0, numericCount).Select(j => "x" + j).ToList();
        var one = OneHotLogisticRegression.Fit(y, numeric, names, factors, maxDegreeOfParallelism: 1);
        foreach (int threads in new[] { 2, 3 })
        {
            var other = OneHotLogisticRegression.Fit(y, numeric, names, factors, threads);
            Assert.Equal(one.Coefficients, other.Coefficients);
            Assert.Equal(one.Fitted, other.Fitted);
            Assert.Equal(one.Deviance, other.Deviance);
            Assert.Equal(one.Iterations, other.Iterations);
        }

        var columns = new List<double[]>(numeric);
        var allNames = new List<string>(names);
        foreach (var f in factors)
        {
            for (int l = 0; l < f.Names.Count; l++)
            {
                columns.Add(f.Codes.Select(c => c == l ? 1.0 : 0.0).ToArray());
                allNames.Add(f.Names[l]);
            }
        }

        var dense = LogisticRegression.Fit(y, columns, allNames);
        Assert.True(one.Converged);
        Assert.Equal(dense.Names, one.Names);
        Assert.Equal(dense.Iterations, one.Iterations);
        for (int j = 0; j < dense.Coefficients.Count; j++)
        {
            MatchItReferenceTests.AssertClose(dense.Coefficients[j], one.Coefficients[j], 1e-9, dense.Names[j]);
        }

        MatchItReferenceTests.AssertClose(dense.Deviance, one.Deviance, 1e-10, "deviance");
    }

    [Fact]
    public void ExactShift_IsTheLargestMagnitudesExponentBeyond2To400_WhereverItIs()
    {
        for (int n = 1; n <= 9; n++)
        {
            for (int at = 0; at < n; at++)
            {
                var c = Enumerable.Range(0, n).Select(i => (double)(i + 1)).ToArray();
                c[at] = -Math.ScaleB(1.5, 700);
                Assert.Equal(700, LogisticRegression.ExactShift(c, n));
                c[at] = Math.ScaleB(1, 400); // not beyond
                Assert.Equal(0, LogisticRegression.ExactShift(c, n));
                c[at] = Math.ScaleB(1, 401);
                c[(at + 1) % n] = n > 1 ? double.NaN : c[at];
                Assert.Equal(n > 1 ? 0 : 401, LogisticRegression.ExactShift(c, n)); // NaN: no shift
                c[(at + 1) % n] = double.PositiveInfinity;
                Assert.Equal(0, LogisticRegression.ExactShift(c, n));
            }
        }

        Assert.Equal(0, LogisticRegression.ExactShift([1, Math.ScaleB(1, 500)], 1)); // the first n values only
    }

    private static (MatchingData Data, List<string[]> Rows) Load()
    {
        var rows = MatchItReferenceTests.ReadCsv(Path.Combine(Folder, "glm_factors_data.csv")).Skip(1).ToList();
        int n = rows.Count;
        var treated = new bool[n];
        var fte = new double[n];
        var growth = new double[n];
        var fte2 = new double[n];
        var regionLevels = new[] { "R1", "R2", "R3", "R4", "R5" };

        // Industry levels as R's factor() sorts them, plus an unused first level: the reference is the first present.
        var industryLevels = new[] { "L000" }.Concat(Enumerable.Range(1, 300).Select(l => "L" + l.ToString("D3", CultureInfo.InvariantCulture))).ToArray();
        var region = new int[n];
        var industry = new int[n];
        for (int i = 0; i < n; i++)
        {
            var r = rows[i];
            treated[i] = r[0] == "1";
            fte[i] = double.Parse(r[1], CultureInfo.InvariantCulture);
            growth[i] = double.Parse(r[2], CultureInfo.InvariantCulture);
            fte2[i] = double.Parse(r[3], CultureInfo.InvariantCulture);
            region[i] = Array.IndexOf(regionLevels, r[4]);
            industry[i] = Array.IndexOf(industryLevels, r[5]);
        }

        var data = new MatchingData(
            treated,
            ["fte", "growth", "fte2"],
            [fte, growth, fte2],
            categorical: [new CategoricalCovariate("region", region, regionLevels), new CategoricalCovariate("industry", industry, industryLevels)]);
        return (data, rows);
    }
}
