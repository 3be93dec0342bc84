using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;

namespace GlobalMidt.Effects.Matching;

/// <summary>
/// Turns covariates into coordinates whose Euclidean distance is the requested distance, as MatchIt 4.5
/// <c>transform_covariates</c> does: Mahalanobis (pooled within-group covariance), scaled Euclidean (pooled
/// within-group SD) or plain Euclidean.
/// </summary>
internal static class CovariateTransform
{
    private static readonly double SqrtEps = Math.Sqrt(2.220446049250313e-16);
    private static readonly double Huge = Math.ScaleB(1.0, 400);

    /// <summary>Values (rows x columns) from which the passes over the rows run on several threads.</summary>
    private const long ParallelValues = 4_000_000;

    /// <summary>
    /// The numeric covariates over <paramref name="rows"/> (ascending): the columns themselves when every row takes
    /// part (the callers do not change them), else copies of the rows' values.
    /// </summary>
    public static (List<double[]> Columns, List<string> Names) NumericColumns(MatchingData data, int[] rows)
    {
        var cols = new List<double[]>(data.Covariates.Length);
        var names = new List<string>(data.Covariates.Length);
        bool allRows = rows.Length == data.RowCount;
        for (int j = 0; j < data.Covariates.Length; j++)
        {
            var src = data.Covariates[j];
            names.Add(data.CovariateNames[j]);
            if (allRows)
            {
                cols.Add(src);
                continue;
            }

            var c = new double[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                c[i] = src[rows[i]];
            }

            cols.Add(c);
        }

        return (cols, names);
    }

    /// <summary>
    /// The distance design over <paramref name="rows"/>: numeric covariates as they are, each categorical covariate
    /// as one 0/(1/sqrt 2) column per level present (MatchIt's <c>get.covs.matrix.for.dist</c>).
    /// </summary>
    public static (List<double[]> Columns, List<string> Names) DistanceDesign(MatchingData data, int[] rows)
    {
        var (cols, names) = NumericColumns(data, rows);
        double inv = 1 / Math.Sqrt(2);
        foreach (var f in data.Categorical)
        {
            var present = LevelsPresent(f, rows);
            for (int l = 0; l < f.Levels.Count; l++)
            {
                if (!present[l])
                {
                    continue;
                }

                var c = new double[rows.Length];
                for (int i = 0; i < rows.Length; i++)
                {
                    c[i] = f.Codes[rows[i]] == l ? inv : 0;
                }

                cols.Add(c);
                names.Add(f.Name + f.Levels[l]);
            }
        }

        return (cols, names);
    }

    /// <summary>Which levels of <paramref name="f"/> occur in <paramref name="rows"/>.</summary>
    public static bool[] LevelsPresent(CategoricalCovariate f, int[] rows)
    {
        var present = new bool[f.Levels.Count];
        foreach (int r in rows)
        {
            present[f.Codes[r]] = true;
        }

        return present;
    }

    /// <summary>
    /// Row-major coordinates whose Euclidean distances are the requested distances: position k (an index into
    /// <paramref name="rows"/>) at <c>slots[k] * dims</c>.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="metric">A distance between covariates (not <see cref="DistanceMetric.Glm"/>).</param>
    /// <param name="rows">The rows taking part (ascending); all enter the covariance.</param>
    /// <param name="slots">Per position, where its coordinates go (its first rows.Length entries, a permutation of
    /// 0 .. rows - 1: e.g. the controls stratum by stratum, so that the coordinates are also the matching's control
    /// values).</param>
    /// <param name="fallback">Says when the requested distance could not be used as such (see
    /// <see cref="DistanceFallback"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads for the passes over the rows (0 = all cores): each column's
    /// sums stay in row order and rows are independent elsewhere, so the doubles are the same for any number.</param>
    /// <exception cref="AnalysisException">Plain Euclidean distances that overflow (covariates spanning more than
    /// about 1e154).</exception>
    /// <param name="terms">Terms added to the squared Mahalanobis distance (<see cref="DistanceTerm"/>), or null; they
    /// change the map of the coordinates only (as many dimensions as without).</param>
    /// <param name="parallelValues">Rows x columns from which the passes run on several threads (tests lower it to
    /// compare the one-thread passes with the others bit for bit).</param>
    public static (double[] Coordinates, int Dims) Transform(MatchingData data, DistanceMetric metric, int[] rows, int[] slots, out DistanceFallback fallback, int maxDegreeOfParallelism = 1, IReadOnlyList<DistanceTerm>? terms = null, long parallelValues = ParallelValues)
    {
        fallback = DistanceFallback.None;
        var (allCols, names) = DistanceDesign(data, rows);
        if (allCols.Count == 0)
        {
            throw new ArgumentException("Matching on a distance between covariates needs at least one covariate.", nameof(data));
        }

        int n = rows.Length;

        // Each pass over 300k x 3 values takes 1-3 ms: a second thread per pass costs more than it saves on a busy
        // machine (measured at load 12: fit 0.019-0.021 s on one thread, 0.024-0.040 s on two). Larger tables use them.
        int threads = (long)n * allCols.Count >= parallelValues ? WorkerLoop.Threads(maxDegreeOfParallelism) : 1;

        bool[] treated = data.Treated;
        if (n != data.RowCount)
        {
            treated = new bool[n];
            for (int i = 0; i < n; i++)
            {
                treated[i] = data.Treated[rows[i]];
            }
        }

        // Per column: drop it without variance (MatchIt: range below sqrt(machine epsilon); if all, distances are
        // 0), else (Mahalanobis) its mean and SD (R's scale()) and the treatment groups' sums of its standardized
        // values, each sum in row order. On several threads each column on its own thread; on one thread three
        // columns at a time (ColumnStats.OfEach: each column's sums still in row order, the same doubles), and the
        // groups' sums are taken in the pass that standardizes the rows (StandardizedRowMajor: the same values,
        // added in the same order) instead.
        ColumnStats[] stats;
        bool fusedSums = threads == 1 && metric == DistanceMetric.Mahalanobis;
        if (threads == 1)
        {
            stats = ColumnStats.OfEach(allCols, metric, treated);
        }
        else
        {
            var each = new ColumnStats[allCols.Count];
            WorkerLoop.For(allCols.Count, Math.Min(allCols.Count, threads), (j, _) => each[j] = ColumnStats.Of(allCols[j], metric, treated));
            stats = each;
        }

        var cols = new List<double[]>();
        var centre = new double[allCols.Count];
        var sds = new double[allCols.Count];
        var groupSum = new double[2 * allCols.Count]; // [g * p + j], g = 1 for treated (p: the columns kept)
        foreach (var st in stats)
        {
            if (st.Column is { } c)
            {
                centre[cols.Count] = st.Mean;
                sds[cols.Count] = st.Sd;
                groupSum[cols.Count] = st.Sum0;
                cols.Add(c);
            }
        }

        for (int j = 0, k = 0; j < stats.Length; j++)
        {
            if (stats[j].Column is not null)
            {
                groupSum[cols.Count + k++] = stats[j].Sum1;
            }
        }

        if (cols.Count == 0)
        {
            fallback = n > 1 ? DistanceFallback.ConstantCovariates : DistanceFallback.None;
            return (new double[n], 1);
        }

        int p = cols.Count;
        if (metric == DistanceMetric.Euclidean)
        {
            RequireFiniteEuclidean(cols, names, allCols);
        }

        if (metric == DistanceMetric.Euclidean)
        {
            return (ToRowMajor(cols, n, null, null, slots, threads), p);
        }

        if (metric == DistanceMetric.ScaledEuclidean)
        {
            // A column that varies but has no pooled SD (one treated and one control row: 0/0; or no variation
            // within the treated nor within the controls: 0, where MatchIt divides by 0) is divided by its SD over
            // all rows instead. Such a column adds the same amount to every distance of a treated unit (all controls
            // share its value), so the pairs are those of any scale.
            bool df = HasWithinGroupDegreesOfFreedom(treated);
            var sd = df ? PooledSd(cols, treated) : new double[p];
            for (int j = 0; j < p; j++)
            {
                if (!(sd[j] > 0) || !df)
                {
                    sd[j] = TotalSd(cols[j]);
                    fallback = DistanceFallback.StandardizedEuclidean;
                }
            }

            var scale = new double[p];
            for (int j = 0; j < p; j++)
            {
                scale[j] = sd[j] > 0 ? 1 / sd[j] : 0;
            }

            return (ToRowMajor(cols, n, null, scale, slots, threads), p);
        }

        // Mahalanobis: standardize (R's scale() over all rows given), pooled covariance over the rows, solve() when
        // det > 1e-8 else the SVD generalized inverse; coordinates y with |y_a - y_b|^2 = d' V^-1 d. The standardized
        // values (x - mean) / sd go once into their slots of the array that becomes the coordinates (whitened in
        // place): no other copy of the rows.
        var groupCount = new int[2];
        foreach (bool t in treated)
        {
            groupCount[t ? 1 : 0]++;
        }

        var z = fusedSums ? StandardizedRowMajor(cols, n, centre, sds, slots, treated, groupSum) : ToRowMajor(cols, n, centre, sds, slots, threads);
        if (!HasWithinGroupDegreesOfFreedom(treated))
        {
            // One treated and one control row (MatchIt: a 0/0 covariance, and an error): no covariance can be
            // estimated. Euclidean distance on the standardized covariates instead; with one control the pair is
            // the same under any distance.
            fallback = DistanceFallback.StandardizedEuclidean;
            return (z, p);
        }

        var cov = PooledCovariance(z, p, slots, treated, groupSum, groupCount, threads);
        double[,] map; // coordinates = map * x
        if (!AllFinite(cov))
        {
            // Not reached with finite standardized values (bounded by sqrt(n)); kept so a covariance that cannot be
            // computed never reaches the kernels.
            fallback = DistanceFallback.StandardizedEuclidean;
            return (z, p);
        }

        var termVectors = terms is { Count: > 0 } ? TermVectors(terms, allCols, stats, sds, p) : null;
        if (termVectors is { Count: > 0 })
        {
            map = WeightedMap(cov, p, termVectors);
        }
        else if (SmallMatrix.Determinant(cov, p) > 1e-8)
        {
            // L^-1 with cov = L L' (the inverse of the Cholesky factor, by LU as Matrix.Inverse() does).
            var inv = SmallMatrix.Inverse(SmallMatrix.CholeskyLower(cov, p), p);
            map = new double[p, p];
            for (int a = 0; a < p; a++)
            {
                for (int j = 0; j < p; j++)
                {
                    map[a, j] = inv[(j * p) + a];
                }
            }
        }
        else
        {
            map = GeneralizedInverseMap(cov, p);
        }

        int dims = map.GetLength(0);
        if (dims == 0)
        {
            // A zero covariance: no covariate varies within the treated rows or within the control rows, so every
            // control (of every stratum) has the same values and every distance ties. MatchIt's generalized inverse
            // would be the zero matrix (all distances 0); the standardized Euclidean distance keeps the same
            // pairs (ties by rank either way) and reports how far the controls lie.
            fallback = DistanceFallback.StandardizedEuclidean;
            return (z, p);
        }

        var coords = dims == p ? z : new double[(long)n * dims];
        Whiten(z, p, map, dims, coords, threads);
        return (coords, dims);
    }

    /// <summary>
    /// Each <see cref="DistanceTerm"/> as a vector a over the standardized columns kept, so that the term is
    /// (a'dz)^2 with dz the difference of two rows' standardized values: a = sqrt(w) (e_c sd_c - e_m sd_m) / SD, SD
    /// the standard deviation (n - 1) of x_c - x_m over the rows. Terms without variance are left out.
    /// </summary>
    private static List<double[]> TermVectors(IReadOnlyList<DistanceTerm> terms, List<double[]> allCols, ColumnStats[] stats, double[] sds, int p)
    {
        var kept = new int[stats.Length];
        for (int j = 0, k = 0; j < stats.Length; j++)
        {
            kept[j] = stats[j].Column is null ? -1 : k++;
        }

        var vectors = new List<double[]>(terms.Count);
        foreach (var term in terms)
        {
            var c = allCols[term.Column];
            var m = term.Minus >= 0 ? allCols[term.Minus] : null;

            // A single kept column, not scaled down: its SD is ColumnStats.Of's, the same sums in the same order.
            double sd = m is null && kept[term.Column] >= 0 && ReferenceEquals(stats[term.Column].Column, c)
                ? sds[kept[term.Column]]
                : DifferenceSd(c, m);
            if (!(sd > 0) || !double.IsFinite(sd) || !(term.Weight > 0))
            {
                continue;
            }

            var a = new double[p];
            double root = Math.Sqrt(term.Weight);
            if (kept[term.Column] is int kc and >= 0)
            {
                a[kc] += root * sds[kc] / sd;
            }

            if (term.Minus >= 0 && kept[term.Minus] is int km and >= 0)
            {
                a[km] -= root * sds[km] / sd;
            }

            vectors.Add(a);
        }

        return vectors;
    }

    /// <summary>R's <c>sd()</c> of <paramref name="c"/> minus <paramref name="m"/> (or of <paramref name="c"/> alone
    /// when null), as <see cref="ColumnStats.Of"/> sums: the sum in row order, then the squares about the mean.</summary>
    private static double DifferenceSd(double[] c, double[]? m)
    {
        int n = c.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += m is null ? c[i] : c[i] - m[i];
        }

        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            double d = (m is null ? c[i] : c[i] - m[i]) - mean;
            ss += d * d;
        }

        return n > 1 ? Math.Sqrt(ss / (n - 1)) : 0;
    }

    /// <summary>
    /// The map of the coordinates when terms are added: M = V^-1 (or MatchIt's generalized inverse when det(V) &lt;=
    /// 1e-8) + sum a a', and map = K' with M = K K' (Cholesky), so that |map dz|^2 = dz' M dz; when M is not positive
    /// definite (a singular V), rows sqrt(lambda_k) v_k over its eigenpairs with lambda_k &gt; 1e-8 max(lambda).
    /// </summary>
    private static double[,] WeightedMap(double[] cov, int p, List<double[]> vectors)
    {
        double[] m;
        if (SmallMatrix.Determinant(cov, p) > 1e-8)
        {
            m = SmallMatrix.Inverse(cov, p);
        }
        else
        {
            var g = GeneralizedInverseMap(cov, p);
            m = new double[p * p];
            for (int r = 0; r < g.GetLength(0); r++)
            {
                for (int a = 0; a < p; a++)
                {
                    for (int b = 0; b < p; b++)
                    {
                        m[(b * p) + a] += g[r, a] * g[r, b];
                    }
                }
            }
        }

        foreach (var v in vectors)
        {
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                {
                    m[(b * p) + a] += v[a] * v[b];
                }
            }
        }

        for (int a = 0; a < p; a++)
        {
            for (int b = a + 1; b < p; b++)
            {
                double mean = (m[(b * p) + a] + m[(a * p) + b]) / 2;
                m[(b * p) + a] = mean;
                m[(a * p) + b] = mean;
            }
        }

        var map = new double[p, p];
        try
        {
            var k = SmallMatrix.CholeskyLower(m, p);
            for (int a = 0; a < p; a++)
            {
                for (int j = 0; j < p; j++)
                {
                    map[a, j] = k[(a * p) + j];
                }
            }

            return map;
        }
        catch (ArgumentException)
        {
            var evd = Matrix<double>.Build.Dense(p, p, m).Evd(Symmetricity.Symmetric);
            double top = 0;
            for (int j = 0; j < p; j++)
            {
                top = Math.Max(top, evd.EigenValues[j].Real);
            }

            var keep = Enumerable.Range(0, p).Where(j => evd.EigenValues[j].Real > Math.Max(1e-8 * top, 0)).ToArray();
            var rows = new double[keep.Length, p];
            for (int r = 0; r < keep.Length; r++)
            {
                double f = Math.Sqrt(evd.EigenValues[keep[r]].Real);
                for (int j = 0; j < p; j++)
                {
                    rows[r, j] = evd.EigenVectors[j, keep[r]] * f;
                }
            }

            return rows;
        }
    }

    /// <summary>One column's passes for <see cref="Transform"/>: kept or dropped; for Mahalanobis its mean and SD,
    /// and the control and treated rows' sums of its standardized values.</summary>
    private readonly record struct ColumnStats(double[]? Column, double Mean, double Sd, double Sum0, double Sum1)
    {
        /// <summary>One pass gives the range, whether there is a NaN, the largest magnitude and the sum (in row
        /// order); for Mahalanobis a second the SD, a third the groups' sums of (x - mean) / sd.</summary>
        public static ColumnStats Of(double[] c, DistanceMetric metric, bool[] treated)
        {
            var range = ColumnRange.Of(c);
            return Kept(ref c, ref range, metric) ? Complete(c, range.Sum, metric, treated, groupSums: true) : default;
        }

        /// <summary>
        /// <see cref="Of"/> for every column on one thread, without the groups' sums (a Mahalanobis transform on one
        /// thread takes them in <see cref="StandardizedRowMajor"/>): three columns at a time, their first passes in
        /// one loop and, when all three are kept for Mahalanobis, their second passes in another. Each column's
        /// values are added in row order as in <see cref="Of"/> (the same doubles); the three sums are independent,
        /// so the processor adds them side by side instead of waiting on one sum at a time.
        /// </summary>
        public static ColumnStats[] OfEach(List<double[]> cols, DistanceMetric metric, bool[] treated)
        {
            var stats = new ColumnStats[cols.Count];
            int j = 0;
            for (; j + 3 <= cols.Count; j += 3)
            {
                double[] c0 = cols[j], c1 = cols[j + 1], c2 = cols[j + 2];
                ColumnRange.Of3(c0, c1, c2, out var r0, out var r1, out var r2);
                bool k0 = Kept(ref c0, ref r0, metric), k1 = Kept(ref c1, ref r1, metric), k2 = Kept(ref c2, ref r2, metric);
                if (metric == DistanceMetric.Mahalanobis && k0 && k1 && k2)
                {
                    int n = c0.Length;
                    double m0 = r0.Sum / n, m1 = r1.Sum / n, m2 = r2.Sum / n;
                    SquaresAbout3(c0, m0, c1, m1, c2, m2, out double ss0, out double ss1, out double ss2);
                    stats[j] = new ColumnStats(c0, m0, Math.Sqrt(ss0 / (n - 1)), 0, 0);
                    stats[j + 1] = new ColumnStats(c1, m1, Math.Sqrt(ss1 / (n - 1)), 0, 0);
                    stats[j + 2] = new ColumnStats(c2, m2, Math.Sqrt(ss2 / (n - 1)), 0, 0);
                    continue;
                }

                stats[j] = k0 ? Complete(c0, r0.Sum, metric, treated, groupSums: false) : default;
                stats[j + 1] = k1 ? Complete(c1, r1.Sum, metric, treated, groupSums: false) : default;
                stats[j + 2] = k2 ? Complete(c2, r2.Sum, metric, treated, groupSums: false) : default;
            }

            for (; j < cols.Count; j++)
            {
                var c = cols[j];
                var range = ColumnRange.Of(c);
                stats[j] = Kept(ref c, ref range, metric) ? Complete(c, range.Sum, metric, treated, groupSums: false) : default;
            }

            return stats;
        }

        /// <summary>
        /// False when the column is dropped (MatchIt: range below sqrt(machine epsilon); or a NaN, dropped as
        /// Math.Min/Max's NaN would). For Mahalanobis and scaled Euclidean, which do not depend on a column's scale,
        /// a column with values beyond 2^400 (about 2.6e120, where sums of squares could overflow) is replaced by a
        /// copy divided by a power of two (exact, <see cref="ScaledDown"/>), and its sum taken again, so its means
        /// and (co)variances stay finite. Columns below that bound are used as they are.
        /// </summary>
        private static bool Kept(ref double[] c, ref ColumnRange range, DistanceMetric metric)
        {
            if (c.Length == 0 || range.NaN || !(Math.Abs(range.Max - range.Min) >= SqrtEps))
            {
                return false;
            }

            if (metric != DistanceMetric.Euclidean && range.Top > Huge && !double.IsInfinity(range.Top))
            {
                c = ScaledDown(c, range.Top);
                range = range with { Sum = Sum(c) };
            }

            return true;
        }

        /// <summary>A kept column's stats from its sum (of <paramref name="c"/>, taken again if scaled down): for
        /// Mahalanobis the SD from a second pass and, with <paramref name="groupSums"/>, the groups' sums from a
        /// third.</summary>
        private static ColumnStats Complete(double[] c, double sum, DistanceMetric metric, bool[] treated, bool groupSums)
        {
            if (metric != DistanceMetric.Mahalanobis)
            {
                return new ColumnStats(c, 0, 0, 0, 0);
            }

            int n = c.Length;
            double m = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++)
            {
                ss += (c[i] - m) * (c[i] - m);
            }

            double sd = Math.Sqrt(ss / (n - 1));
            double sum0 = 0;
            double sum1 = 0;
            if (groupSums)
            {
                for (int i = 0; i < n; i++)
                {
                    double v = (c[i] - m) / sd;
                    if (treated[i])
                    {
                        sum1 += v;
                    }
                    else
                    {
                        sum0 += v;
                    }
                }
            }

            return new ColumnStats(c, m, sd, sum0, sum1);
        }

        /// <summary><see cref="Complete"/>'s second pass for three columns of the same length in one loop: each
        /// sum of squares about its column's mean in row order (out parameters: a tuple of three would be compiled at
        /// run time in a precompiled CLI).</summary>
        private static void SquaresAbout3(double[] c0, double m0, double[] c1, double m1, double[] c2, double m2, out double ss0, out double ss1, out double ss2)
        {
            int n = c0.Length;
            if (c1.Length != n || c2.Length != n)
            {
                throw new ArgumentException("Columns of the distance design have one value per row.", nameof(c1));
            }

            ss0 = 0;
            ss1 = 0;
            ss2 = 0;
            for (int i = 0; i < n; i++)
            {
                double d0 = c0[i] - m0;
                double d1 = c1[i] - m1;
                double d2 = c2[i] - m2;
                ss0 += d0 * d0;
                ss1 += d1 * d1;
                ss2 += d2 * d2;
            }

        }
    }

    /// <summary>A column's first pass: its range and sum (in row order), and whether it holds a NaN.</summary>
    /// <remarks>The range serves only its width and the largest magnitude (<see cref="Top"/>, the larger of |min| and
    /// |max|), which do not depend on the order the values are compared in (nor on which zero, -0 or +0, is kept), so
    /// <see cref="Of3"/> compares two rows at a time. A NaN, which the comparisons skip, makes the sum NaN: the column
    /// is searched for one only then (a sum of +inf and -inf is NaN too), and a NaN drops the column.</remarks>
    private readonly record struct ColumnRange(double Min, double Max, double Sum, bool NaN)
    {
        /// <summary>The largest magnitude (not for a column with a NaN).</summary>
        public double Top => Math.Max(Math.Abs(Min), Math.Abs(Max));

        /// <summary>The pass over one column, with plain comparisons (Math.Min/Max cost several times more).</summary>
        public static ColumnRange Of(double[] c)
        {
            double min = double.PositiveInfinity;
            double max = double.NegativeInfinity;
            double sum = 0;
            foreach (double v in c)
            {
                min = v < min ? v : min;
                max = v > max ? v : max;
                sum += v;
            }

            return new ColumnRange(min, max, sum, double.IsNaN(sum) && HasNaN(c));
        }

        /// <summary><see cref="Of"/> for three columns of the same length in one loop: the comparisons by lanes of
        /// two rows, each column's sum row by row (out parameters: a tuple of three would be compiled at run time in
        /// a precompiled CLI).</summary>
        public static void Of3(double[] c0, double[] c1, double[] c2, out ColumnRange r0, out ColumnRange r1, out ColumnRange r2)
        {
            int n = c0.Length;
            if (c1.Length != n || c2.Length != n)
            {
                throw new ArgumentException("Columns of the distance design have one value per row.", nameof(c1));
            }

            var lo0 = Vector128.Create(double.PositiveInfinity);
            var lo1 = lo0;
            var lo2 = lo0;
            var hi0 = Vector128.Create(double.NegativeInfinity);
            var hi1 = hi0;
            var hi2 = hi0;
            double sum0 = 0, sum1 = 0, sum2 = 0;
            ref double p0 = ref MemoryMarshal.GetArrayDataReference(c0);
            ref double p1 = ref MemoryMarshal.GetArrayDataReference(c1);
            ref double p2 = ref MemoryMarshal.GetArrayDataReference(c2);
            int i = 0;
            for (; i + 2 <= n; i += 2)
            {
                var v0 = Vector128.LoadUnsafe(ref p0, (nuint)i);
                var v1 = Vector128.LoadUnsafe(ref p1, (nuint)i);
                var v2 = Vector128.LoadUnsafe(ref p2, (nuint)i);
                lo0 = Vector128.ConditionalSelect(Vector128.LessThan(v0, lo0), v0, lo0);
                lo1 = Vector128.ConditionalSelect(Vector128.LessThan(v1, lo1), v1, lo1);
                lo2 = Vector128.ConditionalSelect(Vector128.LessThan(v2, lo2), v2, lo2);
                hi0 = Vector128.ConditionalSelect(Vector128.GreaterThan(v0, hi0), v0, hi0);
                hi1 = Vector128.ConditionalSelect(Vector128.GreaterThan(v1, hi1), v1, hi1);
                hi2 = Vector128.ConditionalSelect(Vector128.GreaterThan(v2, hi2), v2, hi2);
                sum0 += v0.ToScalar();
                sum1 += v1.ToScalar();
                sum2 += v2.ToScalar();
                sum0 += v0.GetElement(1);
                sum1 += v1.GetElement(1);
                sum2 += v2.GetElement(1);
            }

            double min0 = Lower(lo0), min1 = Lower(lo1), min2 = Lower(lo2);
            double max0 = Upper(hi0), max1 = Upper(hi1), max2 = Upper(hi2);
            for (; i < n; i++)
            {
                double v0 = c0[i], v1 = c1[i], v2 = c2[i];
                min0 = v0 < min0 ? v0 : min0;
                min1 = v1 < min1 ? v1 : min1;
                min2 = v2 < min2 ? v2 : min2;
                max0 = v0 > max0 ? v0 : max0;
                max1 = v1 > max1 ? v1 : max1;
                max2 = v2 > max2 ? v2 : max2;
                sum0 += v0;
                sum1 += v1;
                sum2 += v2;
            }

            r0 = new ColumnRange(min0, max0, sum0, double.IsNaN(sum0) && HasNaN(c0));
            r1 = new ColumnRange(min1, max1, sum1, double.IsNaN(sum1) && HasNaN(c1));
            r2 = new ColumnRange(min2, max2, sum2, double.IsNaN(sum2) && HasNaN(c2));
        }

        /// <summary>The smaller of the two lanes.</summary>
        private static double Lower(Vector128<double> v) => v.GetElement(1) < v.ToScalar() ? v.GetElement(1) : v.ToScalar();

        /// <summary>The larger of the two lanes.</summary>
        private static double Upper(Vector128<double> v) => v.GetElement(1) > v.ToScalar() ? v.GetElement(1) : v.ToScalar();

        /// <summary>Whether <paramref name="c"/> holds a NaN.</summary>
        private static bool HasNaN(double[] c)
        {
            foreach (double v in c)
            {
                if (double.IsNaN(v))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>True when every value is finite (a plain loop: <c>Array.TrueForAll&lt;double&gt;</c> would be compiled at
    /// run time in a precompiled CLI).</summary>
    private static bool AllFinite(double[] values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the rows leave at least one degree of freedom after centring within each treatment
    /// group (MatchIt's divisor n - groups is at least 1).</summary>
    private static bool HasWithinGroupDegreesOfFreedom(bool[] treated)
    {
        int t = 0;
        int c = 0;
        foreach (bool x in treated)
        {
            (x ? ref t : ref c)++;
        }

        int groups = (t > 0 ? 1 : 0) + (c > 0 ? 1 : 0);
        return t + c - groups >= 1;
    }

    /// <summary>R's <c>sd()</c> (n - 1 divisor).</summary>
    private static double TotalSd(double[] c)
    {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < c.Length; i++)
        {
            sum += c[i];
            n++;
        }

        double m = sum / n;
        double ss = 0;
        for (int i = 0; i < c.Length; i++)
        {
            ss += (c[i] - m) * (c[i] - m);
        }

        return n > 1 ? Math.Sqrt(ss / (n - 1)) : 0;
    }

    /// <summary>A copy of <paramref name="c"/> (whose largest magnitude <paramref name="top"/> is beyond 2^400 and
    /// finite) divided by the power of two that brings its largest magnitude into [2^10, 2^11) (never a 0/1 column,
    /// which MatchIt's pooled SD would treat as binary).</summary>
    private static double[] ScaledDown(double[] c, double top)
    {
        int shift = Math.ILogB(top) - 10;
        var scaled = new double[c.Length];
        for (int i = 0; i < c.Length; i++)
        {
            scaled[i] = Math.ScaleB(c[i], -shift);
        }

        return scaled;
    }

    private static double Sum(double[] c)
    {
        double sum = 0;
        foreach (double v in c)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>Plain Euclidean distances are used as they are; when the squared distance between the extremes of the
    /// covariates overflows, no distance could be compared, so this is an analysis error naming the covariate.</summary>
    private static void RequireFiniteEuclidean(List<double[]> cols, List<string> allNames, List<double[]> allCols)
    {
        double total = 0;
        foreach (var c in cols)
        {
            double min = double.PositiveInfinity;
            double max = double.NegativeInfinity;
            foreach (double v in c)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            double span = max - min;
            total += span * span;
            if (!double.IsFinite(total))
            {
                string name = allNames[allCols.IndexOf(c)];
                throw new AnalysisException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Euclidean distances cannot be computed: covariate '{name}' spans {min:G6} to {max:G6}, and the squared distances overflow. Rescale the covariate, or use the scaled Euclidean or Mahalanobis distance (which do not depend on the scale)."));
            }
        }
    }

    /// <summary>
    /// The map of a singular (det &lt;= 1e-8) covariance: rows v_k / sqrt(lambda_k) over the eigenpairs with
    /// lambda_k &gt; 1e-8 * max(lambda), so that |map d|^2 = d' G d with G MatchIt's <c>generalized_inverse</c>.
    /// </summary>
    /// <remarks>Rare (collinear covariates), so MathNet's symmetric eigendecomposition is loaded only here.</remarks>
    private static double[,] GeneralizedInverseMap(double[] cov, int p)
    {
        var m = Matrix<double>.Build.Dense(p, p, cov); // column-major, as cov
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues;
        double top = 0;
        for (int j = 0; j < p; j++)
        {
            top = Math.Max(top, values[j].Real);
        }

        var keep = new List<int>();
        for (int j = 0; j < p; j++)
        {
            if (values[j].Real > Math.Max(1e-8 * top, 0))
            {
                keep.Add(j);
            }
        }

        var map = new double[keep.Count, p];
        for (int r = 0; r < keep.Count; r++)
        {
            double f = 1 / Math.Sqrt(values[keep[r]].Real);
            for (int j = 0; j < p; j++)
            {
                map[r, j] = evd.EigenVectors[j, keep[r]] * f;
            }
        }

        return map;
    }

    /// <summary>coords[i * dims + a] = sum_j map[a, j] * z[i * p + j]; <paramref name="coords"/> may be
    /// <paramref name="z"/> itself (dims == p: each row is read before it is overwritten). Rows are independent:
    /// blocks of rows on up to <paramref name="threads"/> threads give the same doubles for any number of threads.</summary>
    private static void Whiten(double[] z, int p, double[,] map, int dims, double[] coords, int threads)
    {
        const int Block = 32768;
        int n = z.Length / p;
        var m = new double[dims * p]; // map, row-major
        for (int a = 0; a < dims; a++)
        {
            for (int j = 0; j < p; j++)
            {
                m[(a * p) + j] = map[a, j];
            }
        }

        if (p == 3 && dims == 3 && threads == 1)
        {
            // The loop below for p = 3 with the map in registers: the same sums in the same order.
            double k00 = m[0], k01 = m[1], k02 = m[2], k10 = m[3], k11 = m[4], k12 = m[5], k20 = m[6], k21 = m[7], k22 = m[8];
            for (int i = 0; i < n; i++)
            {
                int off = i * 3;
                double x0 = z[off], x1 = z[off + 1], x2 = z[off + 2];
                double y0 = 0, y1 = 0, y2 = 0;
                y0 += k00 * x0;
                y0 += k01 * x1;
                y0 += k02 * x2;
                y1 += k10 * x0;
                y1 += k11 * x1;
                y1 += k12 * x2;
                y2 += k20 * x0;
                y2 += k21 * x1;
                y2 += k22 * x2;
                coords[off] = y0;
                coords[off + 1] = y1;
                coords[off + 2] = y2;
            }

            return;
        }

        int blocks = (n + Block - 1) / Block;
        WorkerLoop.For(blocks, Math.Min(blocks, WorkerLoop.Threads(threads)), (block, _) =>
        {
            var x = new double[p];
            for (int i = block * Block, end = Math.Min(n, i + Block); i < end; i++)
            {
                int inOff = i * p;
                for (int j = 0; j < x.Length; j++)
                {
                    x[j] = z[inOff + j];
                }

                int outOff = i * dims;
                for (int a = 0, k = 0; a < dims; a++)
                {
                    double s = 0;
                    for (int j = 0; j < x.Length; j++, k++)
                    {
                        s += m[k] * x[j];
                    }

                    coords[outOff + a] = s;
                }
            }
        });
    }

    /// <summary>Row-major values, position i at <c>slots[i] * p</c>: the columns as they are, times
    /// <paramref name="scale"/>, or (with <paramref name="centre"/>) standardized, <c>(x - centre) / scale</c>. Blocks
    /// of rows on up to <paramref name="threads"/> threads (each value computed alone: the same for any number).</summary>
    private static double[] ToRowMajor(List<double[]> cols, int n, double[]? centre, double[]? scale, int[] slots, int threads)
    {
        const int Block = 32768;
        int p = cols.Count;
        var coords = new double[(long)n * p];
        var c = cols.ToArray();
        int blocks = (n + Block - 1) / Block;
        WorkerLoop.For(blocks, Math.Min(blocks, threads), (block, _) =>
        {
            int end = Math.Min(n, (block + 1) * Block);
            for (int i = block * Block; i < end; i++)
            {
                int off = slots[i] * p;
                for (int j = 0; j < c.Length; j++)
                {
                    double x = c[j][i];
                    coords[off + j] = centre is not null ? (x - centre[j]) / scale![j] : scale is not null ? x * scale[j] : x;
                }
            }
        });

        return coords;
    }

    /// <summary>
    /// <see cref="ToRowMajor"/> standardized, on one thread, adding each value to its treatment group's sum
    /// (<paramref name="groupSum"/>[g * p + j], g = 1 for treated) in row order: the doubles of
    /// <see cref="ColumnStats.Of"/>'s third pass and of <see cref="ToRowMajor"/>, in one pass over the rows.
    /// </summary>
    private static double[] StandardizedRowMajor(List<double[]> cols, int n, double[] centre, double[] scale, int[] slots, bool[] treated, double[] groupSum)
    {
        int p = cols.Count;
        var z = new double[(long)n * p];
        if (p == 3)
        {
            double[] c0 = cols[0], c1 = cols[1], c2 = cols[2];
            double m0 = centre[0], m1 = centre[1], m2 = centre[2], s0 = scale[0], s1 = scale[1], s2 = scale[2];
            double u0 = 0, u1 = 0, u2 = 0, t0 = 0, t1 = 0, t2 = 0;
            int i = 0;
            if (c0.Length >= n && c1.Length >= n && c2.Length >= n)
            {
                // Two rows at a time: the divisions by lanes (each lane the scalar division's double, half as many
                // divisions issued, which bound this pass), the values stored and added row by row as below.
                var vm0 = Vector128.Create(m0);
                var vm1 = Vector128.Create(m1);
                var vm2 = Vector128.Create(m2);
                var vs0 = Vector128.Create(s0);
                var vs1 = Vector128.Create(s1);
                var vs2 = Vector128.Create(s2);
                ref double r0 = ref MemoryMarshal.GetArrayDataReference(c0);
                ref double r1 = ref MemoryMarshal.GetArrayDataReference(c1);
                ref double r2 = ref MemoryMarshal.GetArrayDataReference(c2);
                for (; i + 2 <= n; i += 2)
                {
                    var w0 = (Vector128.LoadUnsafe(ref r0, (nuint)i) - vm0) / vs0;
                    var w1 = (Vector128.LoadUnsafe(ref r1, (nuint)i) - vm1) / vs1;
                    var w2 = (Vector128.LoadUnsafe(ref r2, (nuint)i) - vm2) / vs2;
                    double v0 = w0.ToScalar(), v1 = w1.ToScalar(), v2 = w2.ToScalar();
                    int off = slots[i] * 3;
                    z[off] = v0;
                    z[off + 1] = v1;
                    z[off + 2] = v2;
                    if (treated[i])
                    {
                        t0 += v0;
                        t1 += v1;
                        t2 += v2;
                    }
                    else
                    {
                        u0 += v0;
                        u1 += v1;
                        u2 += v2;
                    }

                    v0 = w0.GetElement(1);
                    v1 = w1.GetElement(1);
                    v2 = w2.GetElement(1);
                    off = slots[i + 1] * 3;
                    z[off] = v0;
                    z[off + 1] = v1;
                    z[off + 2] = v2;
                    if (treated[i + 1])
                    {
                        t0 += v0;
                        t1 += v1;
                        t2 += v2;
                    }
                    else
                    {
                        u0 += v0;
                        u1 += v1;
                        u2 += v2;
                    }
                }
            }

            for (; i < n; i++)
            {
                double v0 = (c0[i] - m0) / s0;
                double v1 = (c1[i] - m1) / s1;
                double v2 = (c2[i] - m2) / s2;
                int off = slots[i] * 3;
                z[off] = v0;
                z[off + 1] = v1;
                z[off + 2] = v2;
                if (treated[i])
                {
                    t0 += v0;
                    t1 += v1;
                    t2 += v2;
                }
                else
                {
                    u0 += v0;
                    u1 += v1;
                    u2 += v2;
                }
            }

            groupSum[0] = u0;
            groupSum[1] = u1;
            groupSum[2] = u2;
            groupSum[3] = t0;
            groupSum[4] = t1;
            groupSum[5] = t2;
            return z;
        }

        var c = cols.ToArray();
        Array.Clear(groupSum, 0, 2 * p);
        for (int i = 0; i < n; i++)
        {
            int off = slots[i] * p;
            int g = treated[i] ? p : 0;
            for (int j = 0; j < c.Length; j++)
            {
                double v = (c[j][i] - centre[j]) / scale[j];
                z[off + j] = v;
                groupSum[g + j] += v;
            }
        }

        return z;
    }

    /// <summary>
    /// MatchIt's <c>pooled_cov</c> (column-major p x p) of the row-major values <paramref name="z"/> (position i at
    /// <c>slots[i] * p</c>): columns centred within each treatment group (<paramref name="sum"/>: the groups' sums,
    /// <c>sum[g * p + j]</c>, g = 1 for treated; <paramref name="count"/> their sizes), cross-products summed in
    /// position order and divided by n - (number of groups).
    /// </summary>
    private static double[] PooledCovariance(double[] z, int p, int[] slots, bool[] treated, double[] sum, int[] count, int threads)
    {
        var mean = new double[2 * p]; // mean[g * p + j]
        for (int g = 0; g < 2; g++)
        {
            for (int j = 0; j < p; j++)
            {
                mean[(g * p) + j] = count[g] > 0 ? sum[(g * p) + j] / count[g] : sum[(g * p) + j];
            }
        }

        int groups = (count[0] > 0 ? 1 : 0) + (count[1] > 0 ? 1 : 0);
        var acc = threads == 1 && p == 3 ? LowerTriangle3(z, slots, treated, mean) : LowerTriangle(z, p, slots, treated, mean, threads);

        int total = count[0] + count[1];
        if (total - groups < 1)
        {
            throw new AnalysisException(string.Create(CultureInfo.InvariantCulture, $"The pooled covariance needs more rows than treatment groups (got {total} rows)."));
        }

        var cov = new double[p * p]; // column-major, symmetric
        for (int a = 0, k = 0; a < p; a++)
        {
            for (int b = 0; b <= a; b++, k++)
            {
                double v = acc[k] / (total - groups);
                cov[(b * p) + a] = v;
                cov[(a * p) + b] = v;
            }
        }

        return cov;
    }

    /// <summary>
    /// <see cref="PooledCovariance"/>'s sums of cross-products of the group-centred values, the lower triangle row by
    /// row (<c>acc[a * (a + 1) / 2 + b]</c>, b &lt;= a), each summed in position order. With two threads the
    /// triangle's rows are cut where about half its elements lie on each side (p = 3: row 2 against rows 0 and 1),
    /// each part summing its own elements in one pass.
    /// </summary>
    private static double[] LowerTriangle(double[] z, int p, int[] slots, bool[] treated, double[] mean, int threads)
    {
        int n = treated.Length;
        var acc = new double[p * (p + 1) / 2];
        int cut = 0;
        if (threads > 1 && p > 1)
        {
            while ((cut + 1) * (cut + 2) <= acc.Length)
            {
                cut++; // rows below cut hold at most half the elements
            }

            cut = Math.Clamp(cut, 1, p - 1);
        }

        int[] bounds = cut == 0 ? [0, p] : [cut, p, 0, cut];
        WorkerLoop.For(bounds.Length / 2, Math.Min(bounds.Length / 2, threads), (part, _) =>
        {
            int lo = bounds[2 * part];
            int hi = bounds[(2 * part) + 1];
            int k0 = lo * (lo + 1) / 2;
            var local = new double[(hi * (hi + 1) / 2) - k0];
            var d = new double[hi];
            for (int i = 0; i < n; i++)
            {
                int off = slots[i] * p;
                int mo = treated[i] ? p : 0;
                for (int a = 0; a < d.Length; a++)
                {
                    d[a] = z[off + a] - mean[mo + a];
                }

                for (int a = lo, k = 0; a < hi; a++)
                {
                    double da = d[a];
                    for (int b = 0; b <= a; b++, k++)
                    {
                        local[k] += da * d[b];
                    }
                }
            }

            Array.Copy(local, 0, acc, k0, local.Length);
        });

        return acc;
    }

    /// <summary><see cref="LowerTriangle"/> for p = 3 on one thread, the sums in registers: the same products, added
    /// in the same order.</summary>
    private static double[] LowerTriangle3(double[] z, int[] slots, bool[] treated, double[] mean)
    {
        double q0 = mean[0], q1 = mean[1], q2 = mean[2], r0 = mean[3], r1 = mean[4], r2 = mean[5];
        double a00 = 0, a10 = 0, a11 = 0, a20 = 0, a21 = 0, a22 = 0;
        for (int i = 0; i < treated.Length; i++)
        {
            int off = slots[i] * 3;
            bool t = treated[i];
            double d0 = z[off] - (t ? r0 : q0);
            double d1 = z[off + 1] - (t ? r1 : q1);
            double d2 = z[off + 2] - (t ? r2 : q2);
            a00 += d0 * d0;
            a10 += d1 * d0;
            a11 += d1 * d1;
            a20 += d2 * d0;
            a21 += d2 * d1;
            a22 += d2 * d2;
        }

        return [a00, a10, a11, a20, a21, a22];
    }

    /// <summary>
    /// MatchIt's <c>pooled_sd</c>: for a 0/1 column, the sum over groups of s (1 - s / n_g) / n with s the group's
    /// count of ones; otherwise the within-group-centred sum of squares over n - (number of groups).
    /// </summary>
    public static double[] PooledSd(List<double[]> cols, bool[] treated)
    {
        int p = cols.Count;
        int n = 0;
        var count = new int[2];
        for (int i = 0; i < treated.Length; i++)
        {
            n++;
            count[treated[i] ? 1 : 0]++;
        }

        int groups = (count[0] > 0 ? 1 : 0) + (count[1] > 0 ? 1 : 0);
        var sd = new double[p];
        for (int j = 0; j < p; j++)
        {
            var c = cols[j];
            bool binary = true;
            var sum = new double[2];
            for (int i = 0; i < c.Length; i++)
            {
                binary &= c[i] == 0 || c[i] == 1;
                sum[treated[i] ? 1 : 0] += c[i];
            }

            double v = 0;
            if (binary)
            {
                for (int g = 0; g < 2; g++)
                {
                    if (count[g] > 0)
                    {
                        v += sum[g] * (1 - (sum[g] / count[g])) / n;
                    }
                }
            }
            else
            {
                double m0 = count[0] > 0 ? sum[0] / count[0] : 0;
                double m1 = count[1] > 0 ? sum[1] / count[1] : 0;
                double ss = 0;
                for (int i = 0; i < c.Length; i++)
                {
                    double d = c[i] - (treated[i] ? m1 : m0);
                    ss += d * d;
                }

                v = ss / (n - groups);
            }

            sd[j] = Math.Sqrt(v);
        }

        return sd;
    }
}
