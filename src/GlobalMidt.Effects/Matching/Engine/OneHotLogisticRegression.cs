using System.Globalization;

namespace GlobalMidt.Effects.Matching;

/// <summary>
/// A factor of a propensity model in one-hot form: per row, the index of its dummy column, or -1 for the reference
/// level (no dummy).
/// </summary>
/// <param name="Codes">Per row, an index into <paramref name="Names"/>, or -1 for the reference level.</param>
/// <param name="Names">The dummy columns' names (R's <c>model.matrix</c> names: factor name followed by level).</param>
internal sealed record OneHotFactor(int[] Codes, IReadOnlyList<string> Names);

/// <summary>
/// <see cref="LogisticRegression.Fit"/> for a design of numeric columns and one-hot factors, without ever building
/// the dummy columns: the same IRLS (R's <c>glm.fit</c> step for step), with the weighted cross-products accumulated
/// by blocks.
/// </summary>
/// <remarks>
/// <para>Per row, the weighted least-squares step needs the numeric x numeric products (intercept included), the
/// numeric columns summed per level of each factor, the weights summed per level (the diagonal block of a factor's
/// dummies: two levels of one factor never share a row) and, between two factors, the weights per pair of levels. So
/// one iteration costs n x (numeric columns + factors)^2 instead of n x (all columns)^2, and no n x (dummies) array is
/// allocated.</para>
/// <para>The step is solved by eliminating the diagonal block of the factor with the most dummies (a Schur
/// complement over the other columns, solved by Cholesky). The numeric columns are centred and scaled as in
/// <see cref="LogisticRegression.Fit"/> (huge ones first divided by a power of two); dummies stay 0/1 (centring them
/// does not change the iterates, and the normal equations stay well conditioned). Aliased columns are found in order
/// as there (R's NA), a numerically singular step stops the fit at the last iterate, not converged.</para>
/// </remarks>
internal static class OneHotLogisticRegression
{
    private const int MaxIterations = 25;

    /// <summary>Fits <c>y ~ 1 + numeric + factors</c>; coefficients in that order (numeric, then each factor's dummies).</summary>
    /// <param name="y">Per row, the 0/1 outcome.</param>
    /// <param name="numeric">Numeric columns (one value per row each).</param>
    /// <param name="numericNames">Their names.</param>
    /// <param name="factors">Factors in one-hot form.</param>
    /// <param name="maxDegreeOfParallelism">Threads (0 = all cores); the result does not depend on it.</param>
    public static LogisticRegressionFit Fit(bool[] y, IReadOnlyList<double[]> numeric, IReadOnlyList<string> numericNames, IReadOnlyList<OneHotFactor> factors, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(numeric);
        ArgumentNullException.ThrowIfNull(numericNames);
        ArgumentNullException.ThrowIfNull(factors);
        if (numericNames.Count != numeric.Count)
        {
            throw new ArgumentException("One name per numeric column is needed.", nameof(numericNames));
        }

        int n = y.Length;
        foreach (var c in numeric)
        {
            if (c is null || c.Length != n)
            {
                throw new ArgumentException("Every column needs one value per row.", nameof(numeric));
            }
        }

        foreach (var f in factors)
        {
            if (f is null || f.Codes.Length != n)
            {
                throw new ArgumentException("Every factor needs one code per row.", nameof(factors));
            }

            foreach (int code in f.Codes)
            {
                if (code < -1 || code >= f.Names.Count)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A factor code {code} is outside -1..{f.Names.Count - 1}."), nameof(factors));
                }
            }
        }

        var layout = new Layout(numeric.Count, factors);
        int dn = layout.Dense; // intercept + numeric
        int p = layout.Columns;

        // Numeric columns centred and scaled (huge ones first divided by 2^shift, exactly), as LogisticRegression.Fit.
        var mean = new double[dn];
        var scale = new double[dn];
        var shift = new int[dn];
        var xc = new double[dn][];
        scale[0] = 1;
        for (int j = 1; j < dn; j++)
        {
            var c = numeric[j - 1];
            int k = LogisticRegression.ExactShift(c, n);
            shift[j] = k;
            double m = 0;
            for (int i = 0; i < n; i++)
            {
                m += k == 0 ? c[i] : Math.ScaleB(c[i], -k);
            }

            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++)
            {
                double d = (k == 0 ? c[i] : Math.ScaleB(c[i], -k)) - m;
                v += d * d;
            }

            mean[j] = m;
            scale[j] = v > 0 ? Math.Sqrt(v / Math.Max(1, n - 1)) : 0;
            double s = scale[j] > 0 ? scale[j] : 1;
            var xs = new double[n];
            for (int i = 0; i < n; i++)
            {
                xs[i] = ((k == 0 ? c[i] : Math.ScaleB(c[i], -k)) - m) / s;
            }

            xc[j] = xs;
        }

        var codes = new int[factors.Count][];
        for (int f = 0; f < factors.Count; f++)
        {
            codes[f] = factors[f].Codes;
        }

        int workers = WorkerLoop.Threads(maxDegreeOfParallelism); // plain threads: no thread-pool start-up in a cold process

        // Columns kept: the unweighted cross-products, in-order Cholesky with dropping (as LogisticRegression.Fit).
        var gram = Accumulate(layout, xc, codes, null, null, null, null, n, workers);
        var (g, _) = layout.Assemble(gram);
        bool[] kept = LogisticRegression.KeptByCholesky(g, p, scale, dn, n);

        var eta = new double[n];
        var mu = new double[n];
        var expEta = new double[n];
        double log3 = Math.Log(0.75 / 0.25);
        for (int i = 0; i < n; i++)
        {
            eta[i] = y[i] ? log3 : -log3;
            expEta[i] = Math.Exp(eta[i]);
            mu[i] = LogisticRegression.LinkInverse(eta[i], expEta[i]);
        }

        double devOld = LogisticRegression.Deviance(y, mu, Layout.ChunkSize(y.Length), workers);
        double dev = devOld;
        var beta = new double[p];
        bool converged = false;
        int iter;
        var solver = new BlockSolver(layout, kept);
        for (iter = 1; iter <= MaxIterations; iter++)
        {
            var totals = Accumulate(layout, xc, codes, y, eta, mu, expEta, n, workers);
            var (a, b) = layout.Assemble(totals);
            var step = solver.Solve(a, b);
            if (step is null)
            {
                // Numerically singular weighted cross-products (fitted probabilities at R's clamp after separation):
                // the fit stops at the last iterate, not converged.
                break;
            }

            beta = step;
            UpdateLinearPredictor(layout, xc, codes, beta, eta, expEta, mu, n, workers);
            dev = LogisticRegression.Deviance(y, mu, Layout.ChunkSize(y.Length), workers);
            if (LogisticRegression.Converged(dev, devOld))
            {
                converged = true;
                break;
            }

            devOld = dev;
        }

        // Back to the original scale: numeric columns un-centred and un-scaled; dummies are as they are.
        var coef = new double[p];
        for (int j = 0; j < p; j++)
        {
            coef[j] = double.NaN;
        }

        double intercept = beta[0];
        for (int j = 1; j < p; j++)
        {
            if (!kept[j])
            {
                continue;
            }

            if (j < dn)
            {
                double bj = beta[j] / scale[j];
                coef[j] = shift[j] == 0 ? bj : Math.ScaleB(bj, -shift[j]);
                intercept -= bj * mean[j];
            }
            else
            {
                coef[j] = beta[j];
            }
        }

        coef[0] = intercept;
        var names = new List<string>(p) { "(Intercept)" };
        names.AddRange(numericNames);
        foreach (var f in factors)
        {
            names.AddRange(f.Names);
        }

        return new LogisticRegressionFit(names, coef, mu, Math.Min(iter, MaxIterations), converged, dev);
    }

    /// <summary>
    /// Sums over rows, chunk by chunk (fixed chunks, added in order: the result does not depend on the threads), of the
    /// block cross-products; unweighted (w = 1, no z) when <paramref name="y"/> is null.
    /// </summary>
    private static double[] Accumulate(Layout layout, double[][] xc, int[][] codes, bool[]? y, double[]? eta, double[]? mu, double[]? expEta, int n, int workers)
    {
        int chunks = Layout.Chunks(n);
        int size = Layout.ChunkSize(n);
        int width = layout.Width;
        var partial = new double[chunks][];
        int dn = layout.Dense;
        int nf = codes.Length;
        WorkerLoop.For(chunks, Math.Min(chunks, workers), (ch, _) =>
        {
            var acc = new double[width];
            var x = new double[dn];
            var lv = new int[nf];
            int lo = ch * size;
            int hi = Math.Min(n, lo + size);
            int zOff = layout.DenseZ;
            x[0] = 1;
            for (int i = lo; i < hi; i++)
            {
                double w = 1;
                double z = 0;
                if (y is not null)
                {
                    double e = eta![i];
                    double m = mu![i];
                    double me = LogisticRegression.MuEta(e, expEta![i]);
                    z = e + (((y[i] ? 1.0 : 0.0) - m) / me);
                    w = me * me / (m * (1 - m));
                }

                for (int a = 1; a < dn; a++)
                {
                    x[a] = xc[a][i];
                }

                double wz = w * z;
                int t = 0;
                for (int a = 0; a < dn; a++)
                {
                    double wa = w * x[a];
                    for (int b = 0; b <= a; b++)
                    {
                        acc[t++] += wa * x[b];
                    }

                    acc[zOff + a] += wa * z;
                }

                for (int f = 0; f < nf; f++)
                {
                    int l = codes[f][i];
                    lv[f] = l;
                    if (l < 0)
                    {
                        continue;
                    }

                    // Per level: the numeric sums (index 0 = the weight sum, the diagonal), then z.
                    int off = layout.LevelOffset[f] + (l * (dn + 1));
                    for (int a = 0; a < dn; a++)
                    {
                        acc[off + a] += w * x[a];
                    }

                    acc[off + dn] += wz;
                    for (int g = 0; g < f; g++)
                    {
                        int lg = lv[g];
                        if (lg >= 0)
                        {
                            acc[layout.PairOffset[g, f] + (lg * layout.Levels[f]) + l] += w;
                        }
                    }
                }
            }

            partial[ch] = acc;
        });

        var total = new double[width];
        for (int ch = 0; ch < chunks; ch++)
        {
            var acc = partial[ch];
            for (int t = 0; t < width; t++)
            {
                total[t] += acc[t];
            }
        }

        return total;
    }

    private static void UpdateLinearPredictor(Layout layout, double[][] xc, int[][] codes, double[] beta, double[] eta, double[] expEta, double[] mu, int n, int workers)
    {
        int chunks = Layout.Chunks(n);
        int size = Layout.ChunkSize(n);
        int dn = layout.Dense;
        WorkerLoop.For(chunks, Math.Min(chunks, workers), (ch, _) =>
        {
            int lo = ch * size;
            int hi = Math.Min(n, lo + size);
            for (int i = lo; i < hi; i++)
            {
                double e = beta[0];
                for (int a = 1; a < dn; a++)
                {
                    e += xc[a][i] * beta[a];
                }

                for (int f = 0; f < codes.Length; f++)
                {
                    int l = codes[f][i];
                    if (l >= 0)
                    {
                        e += beta[layout.ColumnOffset[f] + l];
                    }
                }

                eta[i] = e;
                double ex = Math.Exp(e);
                expEta[i] = ex;
                mu[i] = LogisticRegression.LinkInverse(e, ex);
            }
        });
    }

    /// <summary>Where each block lives in the accumulator and in the column order.</summary>
    private sealed class Layout
    {
        public Layout(int numericCount, IReadOnlyList<OneHotFactor> factors)
        {
            Dense = numericCount + 1;
            int nf = factors.Count;
            Levels = new int[nf];
            ColumnOffset = new int[nf];
            LevelOffset = new int[nf];
            PairOffset = new int[nf, nf];
            DenseZ = Dense * (Dense + 1) / 2;
            int w = DenseZ + Dense;
            int col = Dense;
            for (int f = 0; f < nf; f++)
            {
                Levels[f] = factors[f].Names.Count;
                ColumnOffset[f] = col;
                col += Levels[f];
                LevelOffset[f] = w;
                w += Levels[f] * (Dense + 1);
            }

            for (int f = 0; f < nf; f++)
            {
                for (int g = 0; g < f; g++)
                {
                    PairOffset[g, f] = w;
                    w += Levels[g] * Levels[f];
                }
            }

            Columns = col;
            Width = w;
        }

        public int Dense { get; }

        public int DenseZ { get; }

        public int Columns { get; }

        public int Width { get; }

        public int[] Levels { get; }

        public int[] ColumnOffset { get; }

        public int[] LevelOffset { get; }

        public int[,] PairOffset { get; }

        /// <summary>Rows per chunk: at least 16,384, and at most 64 chunks (a function of n only).</summary>
        public static int ChunkSize(int n) => Math.Max(16384, (n + 63) / 64);

        public static int Chunks(int n) => Math.Max(1, (n + ChunkSize(n) - 1) / ChunkSize(n));

        /// <summary>The full p x p cross-product matrix and the right-hand side from the accumulated blocks.</summary>
        public (double[,] A, double[] B) Assemble(double[] t)
        {
            int p = Columns;
            int dn = Dense;
            var a = new double[p, p];
            var b = new double[p];
            for (int i = 0, k = 0; i < dn; i++)
            {
                for (int j = 0; j <= i; j++, k++)
                {
                    a[i, j] = t[k];
                    a[j, i] = t[k];
                }

                b[i] = t[DenseZ + i];
            }

            for (int f = 0; f < Levels.Length; f++)
            {
                for (int l = 0; l < Levels[f]; l++)
                {
                    int off = LevelOffset[f] + (l * (dn + 1));
                    int c = ColumnOffset[f] + l;
                    for (int j = 0; j < dn; j++)
                    {
                        a[c, j] = t[off + j];
                        a[j, c] = t[off + j];
                    }

                    a[c, c] = t[off];
                    b[c] = t[off + dn];
                }

                for (int g = 0; g < f; g++)
                {
                    for (int lg = 0; lg < Levels[g]; lg++)
                    {
                        for (int lf = 0; lf < Levels[f]; lf++)
                        {
                            double v = t[PairOffset[g, f] + (lg * Levels[f]) + lf];
                            a[ColumnOffset[g] + lg, ColumnOffset[f] + lf] = v;
                            a[ColumnOffset[f] + lf, ColumnOffset[g] + lg] = v;
                        }
                    }
                }
            }

            return (a, b);
        }
    }

    /// <summary>
    /// Solves the kept columns' normal equations: the kept dummies of the largest factor form a diagonal block that is
    /// eliminated (Schur complement), the rest is solved by Cholesky.
    /// </summary>
    private sealed class BlockSolver
    {
        private readonly int[] _diagonal; // columns of the eliminated diagonal block
        private readonly int[] _rest; // the other kept columns
        private readonly int _p;

        public BlockSolver(Layout layout, bool[] kept)
        {
            _p = layout.Columns;
            int big = -1;
            int bigCount = 0;
            for (int f = 0; f < layout.Levels.Length; f++)
            {
                int count = 0;
                for (int l = 0; l < layout.Levels[f]; l++)
                {
                    count += kept[layout.ColumnOffset[f] + l] ? 1 : 0;
                }

                if (count > bigCount)
                {
                    big = f;
                    bigCount = count;
                }
            }

            var diagonal = new List<int>();
            var rest = new List<int>();
            for (int j = 0; j < _p; j++)
            {
                if (!kept[j])
                {
                    continue;
                }

                bool inBig = big >= 0 && j >= layout.ColumnOffset[big] && j < layout.ColumnOffset[big] + layout.Levels[big];
                (inBig ? diagonal : rest).Add(j);
            }

            _diagonal = [.. diagonal];
            _rest = [.. rest];
        }

        /// <summary>The solution (0 for columns not kept), or null when the system is numerically singular.</summary>
        public double[]? Solve(double[,] a, double[] b)
        {
            int r = _rest.Length;
            int dg = _diagonal.Length;
            var inv = new double[dg];
            for (int k = 0; k < dg; k++)
            {
                double d = a[_diagonal[k], _diagonal[k]];
                if (!(d > 0) || !double.IsFinite(d))
                {
                    return null;
                }

                inv[k] = 1 / d;
            }

            // S = A_RR - A_RD D^-1 A_DR (lower triangle), c = b_R - A_RD D^-1 b_D.
            var s = new double[r, r];
            var c = new double[r];
            for (int i = 0; i < r; i++)
            {
                int ci = _rest[i];
                double rhs = b[ci];
                for (int k = 0; k < dg; k++)
                {
                    rhs -= a[ci, _diagonal[k]] * inv[k] * b[_diagonal[k]];
                }

                c[i] = rhs;
                for (int j = 0; j <= i; j++)
                {
                    int cj = _rest[j];
                    double v = a[ci, cj];
                    for (int k = 0; k < dg; k++)
                    {
                        v -= a[ci, _diagonal[k]] * inv[k] * a[_diagonal[k], cj];
                    }

                    s[i, j] = v;
                }
            }

            // Cholesky S = L L' in place (lower), then forward and back substitution.
            for (int j = 0; j < r; j++)
            {
                double d = s[j, j];
                for (int k = 0; k < j; k++)
                {
                    d -= s[j, k] * s[j, k];
                }

                if (!(d > 0) || !double.IsFinite(d))
                {
                    return null;
                }

                double ljj = Math.Sqrt(d);
                s[j, j] = ljj;
                for (int i = j + 1; i < r; i++)
                {
                    double v = s[i, j];
                    for (int k = 0; k < j; k++)
                    {
                        v -= s[i, k] * s[j, k];
                    }

                    s[i, j] = v / ljj;
                }
            }

            for (int i = 0; i < r; i++)
            {
                double v = c[i];
                for (int k = 0; k < i; k++)
                {
                    v -= s[i, k] * c[k];
                }

                c[i] = v / s[i, i];
            }

            for (int i = r - 1; i >= 0; i--)
            {
                double v = c[i];
                for (int k = i + 1; k < r; k++)
                {
                    v -= s[k, i] * c[k];
                }

                c[i] = v / s[i, i];
            }

            var x = new double[_p];
            for (int i = 0; i < r; i++)
            {
                x[_rest[i]] = c[i];
            }

            for (int k = 0; k < dg; k++)
            {
                int ck = _diagonal[k];
                double v = b[ck];
                for (int i = 0; i < r; i++)
                {
                    v -= a[ck, _rest[i]] * c[i];
                }

                x[ck] = v * inv[k];
            }

            return x;
        }
    }
}
