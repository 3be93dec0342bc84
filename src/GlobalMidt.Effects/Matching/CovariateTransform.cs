using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace GlobalMidt.Effects.Matching;

/// <summary>
/// Turns covariates into coordinates whose Euclidean distance is the requested distance: whitening by the pooled
/// within-group covariance (Mahalanobis), division by the pooled within-group SD (scaled Euclidean), or none.
/// </summary>
internal static class CovariateTransform
{
    /// <summary>
    /// Row-major transformed coordinates (<c>row * dims + j</c>) and the dimension count.
    /// </summary>
    /// <remarks>
    /// The pooled within-group covariance is MatchIt's <c>pooled_cov</c>: covariates centred within the treated and
    /// within the controls, cross-products summed, divided by n - 2, over the rows in <paramref name="include"/>.
    /// </remarks>
    public static (double[] Coordinates, int Dims) Transform(MatchingData data, DistanceMetric metric, bool[]? include = null)
    {
        int n = data.RowCount;
        int p = data.Covariates.Length;
        if (p == 0)
        {
            throw new ArgumentException("Matching on a distance between covariates needs at least one covariate.", nameof(data));
        }

        var coords = new double[n * p];
        for (int j = 0; j < p; j++)
        {
            var col = data.Covariates[j];
            for (int i = 0; i < n; i++)
            {
                coords[(i * p) + j] = col[i];
            }
        }

        if (metric == DistanceMetric.Euclidean)
        {
            return (coords, p);
        }

        var cov = PooledWithinGroupCovariance(data, include);
        if (metric == DistanceMetric.ScaledEuclidean)
        {
            var scale = new double[p];
            for (int j = 0; j < p; j++)
            {
                double v = cov[j, j];
                scale[j] = v > 0 ? 1.0 / Math.Sqrt(v) : 0.0;
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < p; j++)
                {
                    coords[(i * p) + j] *= scale[j];
                }
            }

            return (coords, p);
        }

        // Mahalanobis: with cov = L L', d^2 = (x - y)' cov^-1 (x - y) = |L^-1 (x - y)|^2.
        Matrix<double> lower;
        try
        {
            lower = cov.Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The pooled covariance of the covariates ({string.Join(", ", data.CovariateNames)}) is singular: a covariate is constant or a linear combination of others; drop it or use ScaledEuclidean."));
        }

        var inv = lower.Inverse();
        var row = new double[p];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < p; a++)
            {
                double s = 0;
                for (int b = 0; b <= a; b++)
                {
                    s += inv[a, b] * coords[(i * p) + b];
                }

                row[a] = s;
            }

            Array.Copy(row, 0, coords, i * p, p);
        }

        return (coords, p);
    }

    /// <summary>MatchIt's <c>pooled_cov</c>: covariance with means taken within each treatment group, divisor n - 2.</summary>
    public static Matrix<double> PooledWithinGroupCovariance(MatchingData data, bool[]? include)
    {
        int n = data.RowCount;
        int p = data.Covariates.Length;
        var mean = new double[2, p];
        var count = new int[2];
        for (int i = 0; i < n; i++)
        {
            if (include is not null && !include[i])
            {
                continue;
            }

            int g = data.Treated[i] ? 1 : 0;
            count[g]++;
            for (int j = 0; j < p; j++)
            {
                mean[g, j] += data.Covariates[j][i];
            }
        }

        int groups = (count[0] > 0 ? 1 : 0) + (count[1] > 0 ? 1 : 0);
        for (int g = 0; g < 2; g++)
        {
            for (int j = 0; j < p && count[g] > 0; j++)
            {
                mean[g, j] /= count[g];
            }
        }

        var cov = Matrix<double>.Build.Dense(p, p);
        for (int i = 0; i < n; i++)
        {
            if (include is not null && !include[i])
            {
                continue;
            }

            int g = data.Treated[i] ? 1 : 0;
            for (int a = 0; a < p; a++)
            {
                double da = data.Covariates[a][i] - mean[g, a];
                for (int b = 0; b <= a; b++)
                {
                    cov[a, b] += da * (data.Covariates[b][i] - mean[g, b]);
                }
            }
        }

        int total = count[0] + count[1];
        double divisor = Math.Max(1, total - groups);
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                cov[a, b] /= divisor;
                cov[b, a] = cov[a, b];
            }
        }

        return cov;
    }
}
