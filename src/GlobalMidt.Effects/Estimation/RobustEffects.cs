using GlobalMidt.Effects.Measurement;
using MathNet.Numerics.LinearAlgebra;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// The size-weighted regression bias adjustment of <see cref="MeasurementMethod.Trajectory"/> (issue 12): as
/// <see cref="BiasAdjustment"/> (the controls' log growth regressed on the matching covariates over the pool, a
/// control's measurement value scaled by exp(b'(x_participant − x_control))), but the regression is weighted by
/// each pool firm's baseline value of the outcome. The effect formula sums levels, so its bias is that of the
/// baseline-weighted growth, which the large firms decide; an unweighted fit is dominated by the many small firms.
/// </summary>
internal static class RobustEffects
{
    /// <summary>Per control entry of <paramref name="matches"/>, the factor on its measurement value.</summary>
    public static double[] WeightedAdjustment(double[] baseline, double[] measurement, int[] pool, FirmCovariates cov, IReadOnlyList<FirmCovariate> covariates, MatchedSample matches)
    {
        int p = covariates.Count;
        var columns = covariates.Select(cov.Column).ToArray();
        var xtx = Matrix<double>.Build.Dense(p + 1, p + 1);
        var xty = Vector<double>.Build.Dense(p + 1);
        var x = new double[p + 1];
        foreach (int f in pool)
        {
            double w = baseline[f];
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
