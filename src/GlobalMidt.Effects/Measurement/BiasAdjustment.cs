using MathNet.Numerics.LinearAlgebra;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// Regression bias adjustment of matched controls (Abadie and Imbens 2011, as Stata <c>teffects nnmatch,
/// biasadj()</c>): the controls' log growth log(1 + Y1) - log(1 + Y0) is regressed on the matching covariates over the
/// control pool (OLS); a control's measurement value is then scaled by exp(b'(x_participant - x_control)), the growth
/// it would have had with its participant's covariates. Removes the bias left by inexact matches.
/// </summary>
internal static class BiasAdjustment
{
    /// <summary>Per control entry of <paramref name="matches"/>, the factor on its measurement value.</summary>
    /// <param name="baseline">Per firm, the outcome at baseline.</param>
    /// <param name="measurement">Per firm, the outcome at measurement.</param>
    /// <param name="pool">The control pool the regression is fitted on.</param>
    /// <param name="cov">The firms' covariate columns.</param>
    /// <param name="covariates">The matching covariates (the regressors).</param>
    /// <param name="matches">The matched sample whose control entries get a factor.</param>
    /// <param name="weighted">True to weight each pool firm by its baseline value (firms without a positive
    /// baseline left out): <see cref="Estimation.RobustEffects.WeightedAdjustment"/>.</param>
    public static double[] Factors(double[] baseline, double[] measurement, int[] pool, FirmCovariates cov, IReadOnlyList<FirmCovariate> covariates, MatchedSample matches, bool weighted = false)
    {
        int p = covariates.Count;
        var columns = covariates.Select(cov.Column).ToArray();
        var xtx = Matrix<double>.Build.Dense(p + 1, p + 1);
        var xty = Vector<double>.Build.Dense(p + 1);
        var x = new double[p + 1];
        foreach (int f in pool)
        {
            double w = weighted ? baseline[f] : 1;
            if (!(w > 0))
            {
                continue;
            }

            x[0] = 1;
            for (int j = 0; j < p; j++)
            {
                x[j + 1] = columns[j][f];
            }

            double y = Math.Log(1 + measurement[f]) - Math.Log(1 + baseline[f]);
            for (int a = 0; a <= p; a++)
            {
                xty[a] += w * x[a] * y;
                for (int b = 0; b <= p; b++)
                {
                    xtx[a, b] += w * x[a] * x[b];
                }
            }
        }

        var beta = xtx.Solve(xty);
        var factors = new double[matches.ControlFirms.Length];
        for (int t = 0; t < matches.ParticipantFirms.Length; t++)
        {
            int participant = matches.ParticipantFirms[t];
            for (int k = matches.Offsets[t]; k < matches.Offsets[t + 1]; k++)
            {
                int control = matches.ControlFirms[k];
                double shift = 0;
                for (int j = 0; j < p; j++)
                {
                    shift += beta[j + 1] * (columns[j][participant] - columns[j][control]);
                }

                factors[k] = double.IsFinite(shift) ? Math.Exp(shift) : 1.0;
            }
        }

        return factors;
    }
}
