using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        int workers = WorkerLoop.Threads(maxDegreeOfParallelism); // plain threads: no thread-pool start-up in a cold process

        // Numeric columns centred and scaled (huge ones first divided by 2^shift, exactly), as LogisticRegression.Fit;
        // one column per work item (each column's sums in row order, whatever the threads).
        var mean = new double[dn];
        var scale = new double[dn];
        var shift = new int[dn];
        scale[0] = 1;
        WorkerLoop.For(dn - 1, Math.Min(dn - 1, workers), (c, _) =>
        {
            int j = c + 1;
            var col = numeric[c];
            int k = LogisticRegression.ExactShift(col, n);
            double m = 0;
            for (int i = 0; i < n; i++)
            {
                m += k == 0 ? col[i] : Math.ScaleB(col[i], -k);
            }

            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++)
            {
                double d = (k == 0 ? col[i] : Math.ScaleB(col[i], -k)) - m;
                v += d * d;
            }

            shift[j] = k;
            mean[j] = m;
            scale[j] = v > 0 ? Math.Sqrt(v / Math.Max(1, n - 1)) : 0;
        });

        var codes = new int[factors.Count][];
        for (int f = 0; f < factors.Count; f++)
        {
            codes[f] = factors[f].Codes;
        }

        // The first pass standardizes the rows and sums both the unweighted cross-products (for the columns kept) and
        // the first step's weighted ones.
        var rows = new RowPasses(layout, y, codes, n, workers);
        var (gram, totals) = rows.First(numeric, mean, scale, shift);
        var (g, _) = layout.Assemble(gram);
        bool[] kept = LogisticRegression.KeptByCholesky(g, p, scale, dn, n);

        double devOld = rows.Deviance;
        double dev = devOld;
        var beta = new double[p];
        bool converged = false;
        int iter;
        var solver = new BlockSolver(layout, kept);
        for (iter = 1; iter <= MaxIterations; iter++)
        {
            var (a, b) = layout.Assemble(totals);
            var step = solver.Solve(a, b);
            if (step is null)
            {
                // Numerically singular weighted cross-products (fitted probabilities at R's clamp after separation):
                // the fit stops at the last iterate, not converged.
                break;
            }

            beta = step;
            totals = rows.Step(beta);
            dev = rows.Deviance;
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

        return new LogisticRegressionFit(names, coef, rows.Mu, Math.Min(iter, MaxIterations), converged, dev);
    }

    /// <summary>
    /// The passes over the rows, by fixed chunks of <see cref="Layout.ChunkSize"/> rows: each chunk's sums in row order,
    /// the chunks' sums added in chunk order, so the result does not depend on the threads. One pass per IRLS step
    /// computes the linear predictor, the fitted values, the deviance and the next step's weighted cross-products
    /// (that last part is wasted on the final step, cheaper than two more passes per step).
    /// </summary>
    /// <remarks>The standardized numeric values are stored row by row (<see cref="Layout.Stride"/> per row, the
    /// padding zero), so that a row's products are taken two at a time with <see cref="Vector128{T}"/>: each sum still
    /// gets the same terms in the same order as one product at a time (the same doubles).</remarks>
    private sealed class RowPasses
    {
        private const int Block = 256; // rows per stage inside a chunk

        private readonly Layout _layout;
        private readonly bool[] _y;
        private readonly int[][] _codes;
        private readonly int _n;
        private readonly int _workers;
        private readonly int _chunks;
        private readonly int _size;
        private readonly double[] _x;
        private readonly double[][] _partial;
        private readonly double[] _deviance;

        public RowPasses(Layout layout, bool[] y, int[][] codes, int n, int workers)
        {
            _layout = layout;
            _y = y;
            _codes = codes;
            _n = n;
            _workers = workers;
            _chunks = Layout.Chunks(n);
            _size = Layout.ChunkSize(n);
            _x = new double[n * layout.Stride];
            _partial = new double[_chunks][];
            _deviance = new double[_chunks];
            Mu = new double[n];
        }

        /// <summary>Per row, the fitted probability of the last pass.</summary>
        public double[] Mu { get; }

        /// <summary>The binomial deviance of the last pass (as <see cref="LogisticRegression.Deviance"/>).</summary>
        public double Deviance { get; private set; }

        /// <summary>The first pass: standardizes the numeric columns (<c>(x / 2^shift - mean) / scale</c>, a zero scale
        /// taken as 1), sums the unweighted cross-products (<c>w = 1, z = 0</c>) and, from R's start
        /// (<c>mu = (y + 0.5) / 2</c>), the deviance and the first step's weighted cross-products.</summary>
        public (double[] Gram, double[] Totals) First(IReadOnlyList<double[]> numeric, double[] mean, double[] scale, int[] shift)
        {
            // The start depends on y only: eta = +-log(3), and per outcome c (0, 1) mu, the deviance term, w and z at
            // start[c], start[2 + c], start[4 + c], start[6 + c].
            double log3 = Math.Log(0.75 / 0.25);
            var start = new double[8];
            for (int c = 0; c < 2; c++)
            {
                double e = c == 1 ? log3 : -log3;
                double ex = Math.Exp(e);
                double m = LogisticRegression.LinkInverse(e, ex);
                double me = LogisticRegression.MuEta(e, ex);
                start[c] = m;
                start[2 + c] = c == 1 ? -2 * Math.Log(m) : -2 * Math.Log(1 - m);
                start[4 + c] = me * me / (m * (1 - m));
                start[6 + c] = e + ((c - m) / me);
            }

            int k = _layout.Dense - 1;
            int stride = _layout.Stride;
            var gramPartial = new double[_chunks][];
            WorkerLoop.For(_chunks, Math.Min(_chunks, _workers), (ch, _) =>
            {
                int lo = ch * _size;
                int hi = Math.Min(_n, lo + _size);
                for (int a = 0; a < k; a++)
                {
                    var col = numeric[a];
                    int sh = shift[a + 1];
                    double m = mean[a + 1];
                    double s = scale[a + 1] > 0 ? scale[a + 1] : 1;
                    for (int i = lo; i < hi; i++)
                    {
                        _x[(i * stride) + a] = ((sh == 0 ? col[i] : Math.ScaleB(col[i], -sh)) - m) / s;
                    }
                }

                var gram = new double[_layout.Width];
                var acc = Chunk(ch);
                var ones = new double[Block];
                var zeros = new double[Block];
                var w = new double[Block];
                var z = new double[Block];
                for (int j = 0; j < Block; j++)
                {
                    ones[j] = 1;
                }

                double dev = 0;
                for (int from = lo; from < hi; from += Block)
                {
                    int count = Math.Min(Block, hi - from);
                    AddBlock(gram, from, count, ones, zeros);
                    for (int j = 0; j < count; j++)
                    {
                        int c = _y[from + j] ? 1 : 0;
                        Mu[from + j] = start[c];
                        dev += start[2 + c];
                        w[j] = start[4 + c];
                        z[j] = start[6 + c];
                    }

                    AddBlock(acc, from, count, w, z);
                }

                gramPartial[ch] = gram;
                _deviance[ch] = dev;
            });

            return (Total(gramPartial), Finish());
        }

        /// <summary>A step pass: from <paramref name="beta"/> (standardized columns), the linear predictor, fitted
        /// values and deviance as <see cref="LogisticRegression"/>'s functions give them, and the next step's weighted
        /// cross-products (<c>z = eta + (y - mu) / mu.eta</c>, <c>w = mu.eta^2 / (mu (1 - mu))</c>).</summary>
        /// <remarks>Each block of rows goes through one loop per stage (linear predictor, exp, the divisions, log,
        /// the sums), so that the processor overlaps the long latencies of consecutive rows.</remarks>
        public double[] Step(double[] beta)
        {
            WorkerLoop.For(_chunks, Math.Min(_chunks, _workers), (ch, _) => StepChunk(ch, beta));
            return Finish();
        }

        private void StepChunk(int ch, double[] beta)
        {
            int lo = ch * _size;
            int hi = Math.Min(_n, lo + _size);
            var acc = Chunk(ch);
            var eta = new double[Block];
            var expEta = new double[Block];
            var w = new double[Block];
            var z = new double[Block];
            var logOf = new double[Block]; // mu or 1 - mu, then its log: the row's deviance term over -2
            double dev = 0;
            for (int from = lo; from < hi; from += Block)
            {
                int count = Math.Min(Block, hi - from);
                LinearPredictor(from, count, beta, eta);
                for (int j = 0; j < count; j++)
                {
                    expEta[j] = Math.Exp(eta[j]);
                }

                Weights(from, count, eta, expEta, w, z, logOf);
                for (int j = 0; j < count; j++)
                {
                    logOf[j] = Math.Log(logOf[j]);
                }

                for (int j = 0; j < count; j++)
                {
                    dev += -2 * logOf[j];
                }

                AddBlock(acc, from, count, w, z);
            }

            _deviance[ch] = dev;
        }

        /// <summary>Per row of the block, <c>beta_0 + sum_a x_a beta_a</c> (in that order), plus each factor's
        /// coefficient of the row's level.</summary>
        private void LinearPredictor(int from, int count, double[] beta, double[] eta)
        {
            int k = _layout.Dense - 1;
            int stride = _layout.Stride;
            var columnOffset = _layout.ColumnOffset;
            var codes = _codes;
            ref double b = ref MemoryMarshal.GetArrayDataReference(beta);
            ref double x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_x), (nint)from * stride);
            double b0 = beta[0];
            for (int j = 0; j < count; j++)
            {
                ref double r = ref Unsafe.Add(ref x, (nint)j * stride);
                double e = b0;
                for (int a = 0; a < k; a++)
                {
                    e += Unsafe.Add(ref r, a) * Unsafe.Add(ref b, a + 1);
                }

                eta[j] = e;
            }

            for (int f = 0; f < codes.Length; f++)
            {
                var c = codes[f];
                int offset = columnOffset[f];
                for (int j = 0; j < count; j++)
                {
                    int l = c[from + j];
                    if (l >= 0)
                    {
                        eta[j] += beta[offset + l];
                    }
                }
            }
        }

        /// <summary>
        /// For rows <paramref name="from"/> .. + <paramref name="count"/>: mu (into <see cref="Mu"/>), z, w and the
        /// deviance term's argument (mu or 1 - mu), two rows at a time: per row the operations of
        /// <see cref="LogisticRegression.LinkInverse(double, double)"/> and <see cref="LogisticRegression.MuEta"/>
        /// (their clamps at |eta| &gt; 30 as selections), so the same doubles.
        /// </summary>
        private void Weights(int from, int count, double[] eta, double[] expEta, double[] w, double[] z, double[] logOf)
        {
            var eps = Vector128.Create(LogisticRegression.DblEpsilon);
            var big = Vector128.Create(1 / LogisticRegression.DblEpsilon);
            var one = Vector128.Create(1.0);
            var lo = Vector128.Create(-30.0);
            var hi = Vector128.Create(30.0);
            ref double mu = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Mu), from);
            int j = 0;
            for (; j + 2 <= count; j += 2)
            {
                var e = Vector128.LoadUnsafe(ref eta[j]);
                var ex = Vector128.LoadUnsafe(ref expEta[j]);
                var below = Vector128.LessThan(e, lo);
                var above = Vector128.GreaterThan(e, hi);
                var t = Vector128.ConditionalSelect(below, eps, Vector128.ConditionalSelect(above, big, ex));
                var m = t / (one + t);
                var opexp = one + ex;
                var me = Vector128.ConditionalSelect(above | below, eps, ex / (opexp * opexp));
                var y = Vector128.Create(_y[from + j] ? 1.0 : 0.0, _y[from + j + 1] ? 1.0 : 0.0);
                m.StoreUnsafe(ref mu, (nuint)j);
                (e + ((y - m) / me)).StoreUnsafe(ref z[j]);
                (me * me / (m * (one - m))).StoreUnsafe(ref w[j]);
                Vector128.ConditionalSelect(Vector128.Equals(y, one), m, one - m).StoreUnsafe(ref logOf[j]);
            }

            for (; j < count; j++)
            {
                double e = eta[j];
                double m = LogisticRegression.LinkInverse(e, expEta[j]);
                Unsafe.Add(ref mu, j) = m;
                bool yi = _y[from + j];
                double me = LogisticRegression.MuEta(e, expEta[j]);
                z[j] = e + (((yi ? 1.0 : 0.0) - m) / me);
                w[j] = me * me / (m * (1 - m));
                logOf[j] = yi ? m : 1 - m;
            }
        }

        /// <summary>Chunk <paramref name="ch"/>'s sums, zero: a new array each pass, not one cleared with
        /// <c>Array.Clear</c>, whose just-in-time compiled form (CoreLib after tiering, or without ReadyToRun) leaves
        /// the upper halves of the vector registers dirty: every <c>Math.Exp</c> and <c>Math.Log</c> on the chunk's rows
        /// after it (glibc's legacy-SSE entry points) then ran several times slower (a step of 300k rows 100 ms instead
        /// of 15 ms with <c>DOTNET_ReadyToRun=0</c>).</summary>
        private double[] Chunk(int ch)
        {
            var acc = new double[_layout.Width];
            _partial[ch] = acc;
            return acc;
        }

        /// <summary>The deviance and the weighted sums of all chunks, added in chunk order.</summary>
        private double[] Finish()
        {
            double dev = 0;
            for (int ch = 0; ch < _chunks; ch++)
            {
                dev += _deviance[ch];
            }

            Deviance = dev;
            return Total(_partial);
        }

        private double[] Total(double[][] partial)
        {
            var total = new double[_layout.Width];
            for (int ch = 0; ch < _chunks; ch++)
            {
                var acc = partial[ch];
                for (int t = 0; t < total.Length; t++)
                {
                    total[t] += acc[t];
                }
            }

            return total;
        }

        /// <summary>Adds rows <paramref name="from"/> .. + <paramref name="count"/> with weights <paramref name="w"/>
        /// and working responses <paramref name="z"/> (per row of the block), each sum getting the rows in order and
        /// per row the same product as a scalar loop: <c>(w x_a) x_b</c>, <c>(w x_a) z</c>, <c>w x_a</c>, <c>w z</c>,
        /// <c>w</c> (the intercept's x being 1).</summary>
        private void AddBlock(double[] acc, int from, int count, double[] w, double[] z)
        {
            if (_layout.Stride == 4)
            {
                AddFour(acc, from, count, w, z);
            }
            else
            {
                for (int j = 0; j < count; j++)
                {
                    AddDense(acc, from + j, w[j], z[j]);
                }
            }

            for (int f = 0; f < _codes.Length; f++)
            {
                AddFactor(acc, f, from, count, w, z);
            }
        }

        /// <summary><see cref="AddDense"/> for 3 or 4 numeric columns (the usual propensity model), with the sums in
        /// registers over the block instead of memory per row.</summary>
        private void AddFour(double[] acc, int from, int count, double[] w, double[] z)
        {
            ref double sums = ref MemoryMarshal.GetArrayDataReference(acc);
            int sx = _layout.NumericSums;
            int sz = sx + 4;
            int ws = _layout.WeightSum;
            var sx0 = Vector128.LoadUnsafe(ref sums, (nuint)sx);
            var sx1 = Vector128.LoadUnsafe(ref sums, (nuint)(sx + 2));
            var sz0 = Vector128.LoadUnsafe(ref sums, (nuint)sz);
            var sz1 = Vector128.LoadUnsafe(ref sums, (nuint)(sz + 2));
            var p00 = Vector128.LoadUnsafe(ref sums, 0);
            var p10 = Vector128.LoadUnsafe(ref sums, 4);
            var p20 = Vector128.LoadUnsafe(ref sums, 8);
            var p21 = Vector128.LoadUnsafe(ref sums, 10);
            var p30 = Vector128.LoadUnsafe(ref sums, 12);
            var p31 = Vector128.LoadUnsafe(ref sums, 14);
            double sw = Unsafe.Add(ref sums, ws);
            double swz = Unsafe.Add(ref sums, ws + 1);
            ref double x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_x), (nint)from * 4);
            for (int j = 0; j < count; j++)
            {
                ref double r = ref Unsafe.Add(ref x, j * 4);
                var x0 = Vector128.LoadUnsafe(ref r);
                var x1 = Vector128.LoadUnsafe(ref r, 2);
                double wj = w[j];
                double zj = z[j];
                var vw = Vector128.Create(wj);
                var vz = Vector128.Create(zj);
                var wx0 = vw * x0;
                var wx1 = vw * x1;
                sx0 += wx0;
                sx1 += wx1;
                sz0 += wx0 * vz;
                sz1 += wx1 * vz;
                p00 += Vector128.Create(wj * r) * x0;
                p10 += Vector128.Create(wj * Unsafe.Add(ref r, 1)) * x0;
                var c2 = Vector128.Create(wj * Unsafe.Add(ref r, 2));
                p20 += c2 * x0;
                p21 += c2 * x1;
                var c3 = Vector128.Create(wj * Unsafe.Add(ref r, 3));
                p30 += c3 * x0;
                p31 += c3 * x1;
                sw += wj;
                swz += wj * zj;
            }

            sx0.StoreUnsafe(ref sums, (nuint)sx);
            sx1.StoreUnsafe(ref sums, (nuint)(sx + 2));
            sz0.StoreUnsafe(ref sums, (nuint)sz);
            sz1.StoreUnsafe(ref sums, (nuint)(sz + 2));
            p00.StoreUnsafe(ref sums, 0);
            p10.StoreUnsafe(ref sums, 4);
            p20.StoreUnsafe(ref sums, 8);
            p21.StoreUnsafe(ref sums, 10);
            p30.StoreUnsafe(ref sums, 12);
            p31.StoreUnsafe(ref sums, 14);
            Unsafe.Add(ref sums, ws) = sw;
            Unsafe.Add(ref sums, ws + 1) = swz;
        }

        /// <summary>Adds row <paramref name="i"/>'s numeric products, two at a time.</summary>
        private void AddDense(double[] acc, int i, double w, double z)
        {
            var layout = _layout;
            int k = layout.Dense - 1;
            int stride = layout.Stride;
            ref double sums = ref MemoryMarshal.GetArrayDataReference(acc);
            ref double x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_x), (nint)i * stride);
            var vw = Vector128.Create(w);
            var vz = Vector128.Create(z);
            int sx = layout.NumericSums;
            int sz = sx + stride;
            for (int v = 0; v < stride; v += 2)
            {
                var wx = vw * Vector128.LoadUnsafe(ref x, (nuint)v);
                (wx + Vector128.LoadUnsafe(ref sums, (nuint)(sx + v))).StoreUnsafe(ref sums, (nuint)(sx + v));
                ((wx * vz) + Vector128.LoadUnsafe(ref sums, (nuint)(sz + v))).StoreUnsafe(ref sums, (nuint)(sz + v));
            }

            // Products (w x_a) x_b for b <= a (the vector reaching a: its other lanes are not read).
            for (int a = 0; a < k; a++)
            {
                var wa = Vector128.Create(w * Unsafe.Add(ref x, a));
                int row = a * stride;
                for (int v = 0; v <= a; v += 2)
                {
                    ((wa * Vector128.LoadUnsafe(ref x, (nuint)v)) + Vector128.LoadUnsafe(ref sums, (nuint)(row + v))).StoreUnsafe(ref sums, (nuint)(row + v));
                }
            }

            Unsafe.Add(ref sums, layout.WeightSum) += w;
            Unsafe.Add(ref sums, layout.WeightSum + 1) += w * z;
        }

        /// <summary>Adds the block's sums per level of factor <paramref name="f"/> and per pair of its levels with
        /// those of the factors before it.</summary>
        private void AddFactor(double[] acc, int f, int from, int count, double[] w, double[] z)
        {
            var layout = _layout;
            int stride = layout.Stride;
            int levelOffset = layout.LevelOffset[f];
            int levels = layout.Levels[f];
            var codes = _codes[f];
            ref double sums = ref MemoryMarshal.GetArrayDataReference(acc);
            ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
            for (int j = 0; j < count; j++)
            {
                int i = from + j;
                int l = codes[i];
                if (l < 0)
                {
                    continue;
                }

                // Per level: the numeric sums w x_a, then w (the diagonal) and w z.
                double wj = w[j];
                var vw = Vector128.Create(wj);
                ref double xi = ref Unsafe.Add(ref x, (nint)i * stride);
                int off = levelOffset + (l * (stride + 2));
                for (int v = 0; v < stride; v += 2)
                {
                    ((vw * Vector128.LoadUnsafe(ref xi, (nuint)v)) + Vector128.LoadUnsafe(ref sums, (nuint)(off + v))).StoreUnsafe(ref sums, (nuint)(off + v));
                }

                Unsafe.Add(ref sums, off + stride) += wj;
                Unsafe.Add(ref sums, off + stride + 1) += wj * z[j];
                for (int g = 0; g < f; g++)
                {
                    int lg = _codes[g][i];
                    if (lg >= 0)
                    {
                        Unsafe.Add(ref sums, layout.PairOffset[g, f] + (lg * levels) + l) += wj;
                    }
                }
            }
        }
    }

    /// <summary>Where each block lives in the accumulator and in the column order.</summary>
    /// <remarks>The sums, in this order: per numeric column a (and per padding column, unused), the products with
    /// every numeric column (<see cref="Stride"/> each, those of b &lt;= a used); the numeric columns' sums (w x_a) and their products
    /// with z (<see cref="Stride"/> each); the sum of the weights and of w z; per level of each factor, its numeric
    /// sums (<see cref="Stride"/>), its weight sum and its w z sum; per pair of factors, the weight per pair of
    /// levels.</remarks>
    private sealed class Layout
    {
        public Layout(int numericCount, IReadOnlyList<OneHotFactor> factors)
        {
            Dense = numericCount + 1;
            Stride = (numericCount + 1) / 2 * 2;
            int nf = factors.Count;
            Levels = new int[nf];
            ColumnOffset = new int[nf];
            LevelOffset = new int[nf];
            PairOffset = new int[nf, nf];
            NumericSums = Stride * Stride; // a row of products per numeric column and per padding column
            WeightSum = NumericSums + (2 * Stride);
            int w = WeightSum + 2;
            int col = Dense;
            for (int f = 0; f < nf; f++)
            {
                Levels[f] = factors[f].Names.Count;
                ColumnOffset[f] = col;
                col += Levels[f];
                LevelOffset[f] = w;
                w += Levels[f] * (Stride + 2);
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

        /// <summary>The intercept and the numeric columns.</summary>
        public int Dense { get; }

        /// <summary>Numeric values per row, rounded up to whole <see cref="Vector128{T}"/> of doubles.</summary>
        public int Stride { get; }

        /// <summary>Where the numeric columns' sums start (their products with z follow).</summary>
        public int NumericSums { get; }

        /// <summary>Where the weight sum is (the sum of w z follows).</summary>
        public int WeightSum { get; }

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
            int k = Dense - 1;
            var a = new double[p, p];
            var b = new double[p];
            a[0, 0] = t[WeightSum];
            b[0] = t[WeightSum + 1];
            for (int i = 0; i < k; i++)
            {
                a[i + 1, 0] = t[NumericSums + i];
                a[0, i + 1] = t[NumericSums + i];
                b[i + 1] = t[NumericSums + Stride + i];
                for (int j = 0; j <= i; j++)
                {
                    a[i + 1, j + 1] = t[(i * Stride) + j];
                    a[j + 1, i + 1] = t[(i * Stride) + j];
                }
            }

            for (int f = 0; f < Levels.Length; f++)
            {
                for (int l = 0; l < Levels[f]; l++)
                {
                    int off = LevelOffset[f] + (l * (Stride + 2));
                    int c = ColumnOffset[f] + l;
                    a[c, 0] = t[off + Stride];
                    a[0, c] = t[off + Stride];
                    for (int j = 0; j < k; j++)
                    {
                        a[c, j + 1] = t[off + j];
                        a[j + 1, c] = t[off + j];
                    }

                    a[c, c] = t[off + Stride];
                    b[c] = t[off + Stride + 1];
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
