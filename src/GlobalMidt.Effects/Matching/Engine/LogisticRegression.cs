using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace GlobalMidt.Effects.Matching;

/// <summary>Logistic regression by iteratively reweighted least squares, step for step as R's <c>glm.fit</c>.</summary>
/// <remarks>
/// Same as R <c>glm(y ~ x, family = binomial)</c> (and MatchIt's <c>distance = "glm"</c>, which fits
/// <c>quasibinomial</c>: same estimates): start at <c>mu = (y + 0.5) / 2</c>, at most 25 iterations, stop when
/// <c>|dev - dev_old| / (|dev| + 0.1) &lt; 1e-8</c>; R's clamping of the inverse link at |eta| &gt; 30. Each weighted
/// least-squares step is solved by the normal equations on internally centred and scaled columns (the same
/// iterates as R's QR up to rounding, at a fraction of the cost on millions of rows). A column that is (nearly) a
/// linear combination of earlier ones gets a NaN coefficient, as R's NA.
/// </remarks>
internal static class LogisticRegression
{
    private const int ChunkSize = 16384;
    private const double Epsilon = 1e-8;
    private const int MaxIterations = 25;
    internal const double DblEpsilon = 2.220446049250313e-16; // R's .Machine$double.eps: the clamps of the logit link

    /// <summary>Fits <c>y ~ 1 + columns</c>.</summary>
    /// <param name="y">Per row, the 0/1 outcome.</param>
    /// <param name="columns">Design columns without the intercept (one array per column, each of the row count).</param>
    /// <param name="names">Column names.</param>
    /// <param name="maxDegreeOfParallelism">Threads (0 = all cores); the result does not depend on it.</param>
    /// <exception cref="ArgumentException">Lengths differ or values are not finite.</exception>
    /// <exception cref="AnalysisException">The deviance became infinite (complete separation beyond R's limits).</exception>
    /// <remarks>When a weighted least-squares step cannot be solved (numerically singular weighted cross-products:
    /// fitted probabilities at R's clamp after separation), the fit stops at the last iterate with
    /// <see cref="LogisticRegressionFit.Converged"/> false.</remarks>
    public static LogisticRegressionFit Fit(bool[] y, IReadOnlyList<double[]> columns, IReadOnlyList<string> names, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count != columns.Count)
        {
            throw new ArgumentException("One name per column is needed.", nameof(names));
        }

        int n = y.Length;
        int p = columns.Count + 1;
        foreach (var c in columns)
        {
            if (c is null || c.Length != n)
            {
                throw new ArgumentException("Every column needs one value per row.", nameof(columns));
            }
        }

        // Centre and scale the columns (fixed over the iterations): the least-squares solution is equivariant,
        // and the normal equations become well conditioned.
        // A column with values beyond 2^400 (where sums of squares could overflow) is centred and scaled as if divided
        // by a power of two (shift[j], exact); mean and scale are then in those units. Other columns: shift 0.
        var mean = new double[p];
        var scale = new double[p];
        var shift = new int[p];
        scale[0] = 1;
        for (int j = 1; j < p; j++)
        {
            var c = columns[j - 1];
            int k = ExactShift(c, n);
            shift[j] = k;
            if (k != 0)
            {
                var scaled = new double[n];
                for (int i = 0; i < n; i++)
                {
                    scaled[i] = Math.ScaleB(c[i], -k);
                }

                c = scaled;
            }

            double m = 0;
            for (int i = 0; i < n; i++)
            {
                m += c[i];
            }

            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++)
            {
                double d = c[i] - m;
                v += d * d;
            }

            mean[j] = m;
            scale[j] = v > 0 ? Math.Sqrt(v / Math.Max(1, n - 1)) : 0;
        }

        var x = new double[p][];
        x[0] = new double[n];
        Array.Fill(x[0], 1.0);
        for (int j = 1; j < p; j++)
        {
            var c = columns[j - 1];
            var xs = new double[n];
            double s = scale[j] > 0 ? scale[j] : 1;
            int k = shift[j];
            for (int i = 0; i < n; i++)
            {
                xs[i] = ((k == 0 ? c[i] : Math.ScaleB(c[i], -k)) - mean[j]) / s;
            }

            x[j] = xs;
        }

        bool[] kept = FindKeptColumns(x, n, scale);
        int q = 0;
        foreach (bool k in kept)
        {
            q += k ? 1 : 0;
        }

        var cols = new int[q];
        for (int j = 0, t = 0; j < p; j++)
        {
            if (kept[j])
            {
                cols[t++] = j;
            }
        }

        var eta = new double[n];
        var mu = new double[n];
        var expEta = new double[n]; // exp(eta), computed once per iteration and used by mu and mu.eta alike
        double log3 = Math.Log(0.75 / 0.25);
        for (int i = 0; i < n; i++)
        {
            eta[i] = y[i] ? log3 : -log3;
            expEta[i] = Math.Exp(eta[i]);
            mu[i] = LinkInverse(eta[i], expEta[i]);
        }

        var xc = new double[q][];
        for (int a = 0; a < q; a++)
        {
            xc[a] = x[cols[a]];
        }

        int workers = WorkerLoop.Threads(maxDegreeOfParallelism); // plain threads: no thread-pool start-up in a cold process
        int chunks = (n + ChunkSize - 1) / ChunkSize;
        double devOld = Deviance(y, mu, ChunkSize, workers);
        double dev = devOld;
        var beta = new double[q];
        bool converged = false;
        int iter = 0;
        var partial = new double[chunks][];
        int width = (q * (q + 1) / 2) + q;
        for (iter = 1; iter <= MaxIterations; iter++)
        {
            WorkerLoop.For(chunks, Math.Min(chunks, workers), (ch, _) =>
            {
                var acc = partial[ch] ??= new double[width];
                Array.Clear(acc);
                int lo = ch * ChunkSize;
                int hi = Math.Min(n, lo + ChunkSize);
                int zOffset = q * (q + 1) / 2;
                for (int i = lo; i < hi; i++)
                {
                    double e = eta[i];
                    double m = mu[i];
                    double me = MuEta(e, expEta[i]);
                    double z = e + (((y[i] ? 1.0 : 0.0) - m) / me);
                    double w = me * me / (m * (1 - m));
                    int t = 0;
                    for (int a = 0; a < q; a++)
                    {
                        double wa = w * xc[a][i];
                        for (int b = 0; b <= a; b++)
                        {
                            acc[t++] += wa * xc[b][i];
                        }

                        acc[zOffset + a] += wa * z;
                    }
                }
            });

            var total = new double[width];
            for (int ch = 0; ch < chunks; ch++)
            {
                for (int t = 0; t < width; t++)
                {
                    total[t] += partial[ch][t];
                }
            }

            var a2 = Matrix<double>.Build.Dense(q, q);
            var b2 = Vector<double>.Build.Dense(q);
            for (int a = 0, t = 0; a < q; a++)
            {
                for (int b = 0; b <= a; b++, t++)
                {
                    a2[a, b] = total[t];
                    a2[b, a] = total[t];
                }

                b2[a] = total[(q * (q + 1) / 2) + a];
            }

            Vector<double> sol;
            try
            {
                sol = a2.Cholesky().Solve(b2);
            }
            catch (ArgumentException)
            {
                // The weighted cross-products are numerically singular: the fitted probabilities of a (quasi-)
                // separated sample have reached R's clamp (|eta| > 30, weights ~1e-32). No further step can be
                // computed; the fit stops at the last iterate, not converged (R's QR would drop columns instead).
                break;
            }

            for (int a = 0; a < q; a++)
            {
                beta[a] = sol[a];
            }

            WorkerLoop.For(chunks, Math.Min(chunks, workers), (ch, _) =>
            {
                int lo = ch * ChunkSize;
                int hi = Math.Min(n, lo + ChunkSize);
                for (int i = lo; i < hi; i++)
                {
                    double e = 0;
                    for (int a = 0; a < q; a++)
                    {
                        e += xc[a][i] * beta[a];
                    }

                    eta[i] = e;
                    double ex = Math.Exp(e);
                    expEta[i] = ex;
                    mu[i] = LinkInverse(e, ex);
                }
            });

            dev = Deviance(y, mu, ChunkSize, workers);
            if (Converged(dev, devOld))
            {
                converged = true;
                break;
            }

            devOld = dev;
        }

        // Back to the original scale.
        var coef = new double[p];
        for (int j = 0; j < p; j++)
        {
            coef[j] = double.NaN;
        }

        double intercept = 0;
        for (int a = 0; a < q; a++)
        {
            int j = cols[a];
            if (j == 0)
            {
                intercept += beta[a];
            }
            else
            {
                double b = beta[a] / scale[j]; // per unit of the (shifted) column
                coef[j] = shift[j] == 0 ? b : Math.ScaleB(b, -shift[j]);
                intercept -= b * mean[j];
            }
        }

        coef[0] = intercept;
        var allNames = new string[p];
        allNames[0] = "(Intercept)";
        for (int j = 1; j < p; j++)
        {
            allNames[j] = names[j - 1];
        }

        return new LogisticRegressionFit(allNames, coef, mu, Math.Min(iter, MaxIterations), converged, dev);
    }

    /// <summary>R's <c>binomial()$linkinv</c> (logit), with its clamping at |eta| &gt; 30.</summary>
    internal static double LinkInverse(double eta)
    {
        double t = eta < -30 ? DblEpsilon : eta > 30 ? 1 / DblEpsilon : Math.Exp(eta);
        return t / (1 + t);
    }

    /// <summary>As <see cref="LinkInverse(double)"/> with <c>exp(eta)</c> already computed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per row of every IRLS step
    internal static double LinkInverse(double eta, double expEta)
    {
        double t = eta < -30 ? DblEpsilon : eta > 30 ? 1 / DblEpsilon : expEta;
        return t / (1 + t);
    }

    /// <summary>R's <c>binomial()$mu.eta</c> (logit), with <c>exp(eta)</c> already computed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double MuEta(double eta, double expEta)
    {
        double opexp = 1 + expEta;
        return eta > 30 || eta < -30 ? DblEpsilon : expEta / (opexp * opexp);
    }

    /// <summary>Binomial deviance, summed by fixed chunks of <paramref name="chunkSize"/> rows, added in order (the
    /// result does not depend on the threads); shared with <see cref="OneHotLogisticRegression"/>.</summary>
    internal static double Deviance(bool[] y, double[] mu, int chunkSize, int workers)
    {
        int n = y.Length;
        int chunks = Math.Max(1, (n + chunkSize - 1) / chunkSize);
        var part = new double[chunks];
        WorkerLoop.For(chunks, Math.Min(chunks, workers), (ch, _) =>
        {
            int lo = ch * chunkSize;
            int hi = Math.Min(n, lo + chunkSize);
            double s = 0;
            for (int i = lo; i < hi; i++)
            {
                s += y[i] ? -2 * Math.Log(mu[i]) : -2 * Math.Log(1 - mu[i]);
            }

            part[ch] = s;
        });

        double total = 0;
        for (int ch = 0; ch < chunks; ch++)
        {
            total += part[ch];
        }

        return total;
    }

    /// <summary>
    /// Columns kept: in order, a column is dropped when its residual after projection on the kept earlier columns
    /// is below 1e-7 of its norm (R's <c>dqrdc2</c> tolerance) or it is constant.
    /// </summary>
    private static bool[] FindKeptColumns(double[][] x, int n, double[] scale)
    {
        int p = x.Length;
        var g = new double[p, p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                var xa = x[a];
                var xb = x[b];
                for (int i = 0; i < n; i++)
                {
                    s += xa[i] * xb[i];
                }

                g[a, b] = s;
                g[b, a] = s;
            }
        }

        return KeptByCholesky(g, p, scale, p, n);
    }

    /// <summary>R's <c>glm.fit</c> stopping rule, shared by the dense and the one-hot fit: |dev - devOld| / (|dev| + 0.1)
    /// below <see cref="Epsilon"/>; an infinite deviance means the fit diverged.</summary>
    /// <exception cref="AnalysisException">The deviance is not finite.</exception>
    internal static bool Converged(double dev, double devOld)
    {
        if (!double.IsFinite(dev))
        {
            throw new AnalysisException("The logistic regression diverged (infinite deviance): the treatment is perfectly predicted by the covariates.");
        }

        return Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < Epsilon;
    }

    /// <summary>
    /// In-order Cholesky of the cross-product matrix <paramref name="g"/> with dropping: column j is dropped when it is
    /// constant (j in 1..<paramref name="scaledColumns"/>-1 with a zero scale) or its residual after the kept earlier
    /// columns is below 1e-14 of its squared norm. Shared by the dense and the one-hot fit.
    /// </summary>
    internal static bool[] KeptByCholesky(double[,] g, int p, double[] scale, int scaledColumns, int n)
    {
        var kept = new bool[p];
        var l = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            if (j > 0 && j < scaledColumns && scale[j] == 0)
            {
                continue;
            }

            double d = g[j, j];
            for (int k = 0; k < j; k++)
            {
                if (kept[k])
                {
                    d -= l[j, k] * l[j, k];
                }
            }

            if (!(d > 1e-14 * g[j, j]))
            {
                continue;
            }

            kept[j] = true;
            l[j, j] = Math.Sqrt(d);
            for (int i = j + 1; i < p; i++)
            {
                double s = g[i, j];
                for (int k = 0; k < j; k++)
                {
                    if (kept[k])
                    {
                        s -= l[i, k] * l[j, k];
                    }
                }

                l[i, j] = s / l[j, j];
            }
        }

        if (!kept[0])
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The logistic regression has no rows ({n})."));
        }

        return kept;
    }

    /// <summary>The power of two that a column's values are divided by (exactly) before centring: the binary exponent
    /// of the largest magnitude among its first <paramref name="n"/> values when that exceeds 2^400 (finite), else 0.</summary>
    /// <remarks>The largest magnitude is taken over four interleaved subsequences (four independent chains of
    /// <see cref="Math.Max(double, double)"/>, which propagates NaN: the same result as one chain).</remarks>
    internal static int ExactShift(double[] column, int n)
    {
        double top0 = 0;
        double top1 = 0;
        double top2 = 0;
        double top3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            top0 = Math.Max(top0, Math.Abs(column[i]));
            top1 = Math.Max(top1, Math.Abs(column[i + 1]));
            top2 = Math.Max(top2, Math.Abs(column[i + 2]));
            top3 = Math.Max(top3, Math.Abs(column[i + 3]));
        }

        for (; i < n; i++)
        {
            top0 = Math.Max(top0, Math.Abs(column[i]));
        }

        double top = Math.Max(Math.Max(top0, top1), Math.Max(top2, top3));
        return top > Math.ScaleB(1.0, 400) && double.IsFinite(top) ? Math.ILogB(top) : 0;
    }
}
