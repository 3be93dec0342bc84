using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Tests.Measurement;

/// <summary>
/// Propensity subclassification (<see cref="PropensitySubclasses"/>) against R (PropensitySubclassesTests.R beside this
/// file, R 4.2.2): the glm of participation, the subclasses of its log odds, and the effect of both formulas with the
/// ATT subclass weights n_t,s / n_c,s computed by hand.
/// </summary>
public sealed class PropensitySubclassesTests
{
    // The R script's data (60 firms, 15 participants): covariate, region (0 = A, the reference), participation, Y0, Y1.
    private static readonly double[] X = [-1.481, 1.577, -0.957, -0.920, -1.998, -0.272, -0.315, -0.628, -0.106, 0.428, -0.778, -1.294, -0.780, 0.012, -0.152, -0.703, 1.189, 0.341, 0.507, -0.293, 0.224, 2.007, 1.012, -0.302, -1.025, -0.267, -0.199, 0.131, 0.146, 0.362, 0.674, 2.072, -0.541, -1.070, -0.372, -0.485, 0.275, -0.480, 0.798, -1.004, 0.105, -1.156, 0.578, -1.596, -0.309, 0.449, -0.977, 0.190, 0.731, -0.493, -0.043, -0.113, 0.457, 2.020, -1.051, 0.735, 0.539, -1.314, -0.250, 0.314];
    private static readonly int[] Region = [2, 1, 1, 2, 1, 0, 2, 2, 0, 0, 2, 2, 1, 1, 0, 0, 2, 1, 0, 0, 2, 0, 0, 2, 1, 2, 2, 2, 0, 2, 2, 1, 0, 0, 0, 0, 0, 0, 2, 1, 0, 2, 0, 2, 2, 2, 2, 0, 2, 0, 2, 2, 2, 2, 1, 2, 1, 0, 1, 2];
    private static readonly int[] Y = [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0];
    private static readonly double[] Y0 = [5.06, 3.01, 15.94, 0.79, 3.40, 3.68, 3.80, 2.11, 35.97, 4.76, 11.59, 2.10, 3.45, 4.44, 4.87, 10.30, 29.75, 3.94, 11.98, 34.71, 3.83, 4.31, 3.27, 3.23, 3.07, 3.87, 2.56, 6.99, 15.47, 30.56, 33.82, 93.16, 4.22, 29.63, 10.30, 9.34, 11.47, 13.21, 16.31, 1.06, 3.27, 0.21, 9.38, 12.20, 1.64, 3.58, 24.47, 10.37, 2.66, 14.02, 7.44, 9.23, 8.61, 22.94, 1.56, 11.67, 36.29, 2.82, 28.60, 5.41];
    private static readonly double[] Y1 = [3.86, 4.52, 12.24, 0.90, 2.58, 4.10, 3.58, 1.93, 40.40, 7.28, 9.00, 1.89, 3.09, 5.32, 3.63, 8.82, 27.13, 3.95, 17.39, 31.05, 3.43, 5.68, 3.64, 3.77, 3.24, 3.92, 2.92, 6.55, 23.67, 40.68, 45.33, 110.01, 4.13, 28.21, 11.64, 8.94, 13.41, 13.57, 19.18, 0.78, 2.75, 0.20, 14.80, 9.72, 1.53, 3.87, 24.67, 11.35, 3.00, 19.89, 7.69, 5.78, 10.25, 33.73, 1.42, 12.20, 36.29, 3.10, 26.33, 7.71];

    [Fact]
    public void SubclassesAndEffects_EqualR()
    {
        // Rows as the estimator orders them: participants, then controls, each in data order.
        var rows = Enumerable.Range(0, X.Length).Where(i => Y[i] == 1).Concat(Enumerable.Range(0, X.Length).Where(i => Y[i] == 0)).ToArray();
        int participants = Y.Count(v => v == 1);
        var fit = OneHotLogisticRegression.Fit(
            [.. rows.Select(i => Y[i] == 1)],
            [rows.Select(i => X[i]).ToArray()],
            ["x"],
            [new OneHotFactor([.. rows.Select(i => Region[i] - 1)], ["regionB", "regionC"])]);
        double[] rCoefficients = [-1.87105012140219, 2.38128670695188, 1.24578453345746, 0.38165795818963];
        for (int j = 0; j < rCoefficients.Length; j++)
        {
            Assert.Equal(rCoefficients[j], fit.Coefficients[j], 1e-8);
        }

        var lin = PropensitySubclasses.LogOdds(fit);
        var (participantClass, classControls) = PropensitySubclasses.Subclasses(lin, participants, 0.5);
        int[] rClasses = [0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 3, 2, 3, 3, 2, 2, 2, 1, 0, 3, 3, 2, 0, 1, 3, 0, 0, 2, 1, 3, 1, 1, 0, 0, 3, 3, 2, 2, 2, 2, 1, 3, 0, 3, 0, 3, 1, 0, 3, 1, 1, 3, 3, 1, 0]; // per row of rows (participants, then controls)
        for (int r = 0; r < participants; r++)
        {
            Assert.Equal(rClasses[r], participantClass[r]);
        }

        for (int c = 0; c < classControls.Length; c++)
        {
            Assert.True(classControls[c].Length >= PropensitySubclasses.MinControls);
            Assert.All(classControls[c], row => Assert.Equal(c, rClasses[row]));
        }

        Assert.Equal(X.Length - participants, classControls.Sum(c => c.Length));

        // Each participant's controls are its subclass's: the pairs as the measurement builds them.
        var offsets = new int[participants + 1];
        var controls = new List<int>();
        for (int t = 0; t < participants; t++)
        {
            controls.AddRange(classControls[participantClass[t]]);
            offsets[t + 1] = controls.Count;
        }

        var baseline = rows.Select(i => Y0[i]).ToArray();
        var measurement = rows.Select(i => Y1[i]).ToArray();
        var outcomes = new MatchedOutcomes(baseline, measurement, Enumerable.Range(0, participants).ToArray(), offsets, controls.ToArray());
        var s = outcomes.Statistics();
        Assert.Equal(-7.54670752495901, s.EffectBy(EffectEstimator.Pairwise), 1e-9);
        Assert.Equal(0.182836593190521, s.ControlGrowthRate, 1e-12);
        Assert.Equal(2.32712925592466, s.EffectBy(EffectEstimator.Aggregate), 1e-9);
        Assert.Equal(0.766666666666667, s.ControlShare, 1e-12);
    }

    [Fact]
    public void Subclasses_LastOneWithTooFewControlsJoinsThePreviousOne()
    {
        // 2 participants at the top, then 25 controls 0.1 apart: with width 0.95 a subclass closes at the first row
        // 0.95 or more below its top once it holds 10 controls (3.0, then 1.8), and the 5 controls left (0.8..0.4)
        // join the one before.
        double[] lin = [3.0, 2.9, .. Enumerable.Range(0, 25).Select(i => 2.8 - (0.1 * i))];
        var (participantClass, classControls) = PropensitySubclasses.Subclasses(lin, 2, 0.95);
        Assert.Equal([0, 0], participantClass);
        Assert.Equal([10, 15], classControls.Select(c => c.Length));
        Assert.Equal(Enumerable.Range(2, 25), classControls.SelectMany(c => c));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.99, 0)]
    [InlineData(1.0, 1)]
    [InlineData(19.99, 3)]
    [InlineData(249.9, 6)]
    [InlineData(250.0, 7)]
    public void SizeClass_FollowsTheRegisterSizeClasses(double fte, int expected) =>
        Assert.Equal(expected, PropensitySubclasses.SizeClass(fte));
}
