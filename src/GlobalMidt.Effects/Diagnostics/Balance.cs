using System.Globalization;
using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects;

/// <summary>Covariate balance diagnostics before and after matching (ATT), following cobalt's conventions.</summary>
/// <remarks>
/// <para>Per covariate, before matching (every unit, weight 1) and after (the matching weights):</para>
/// <list type="bullet">
/// <item>means: sum(w x) / sum(w) per group (cobalt <c>col_w_mean</c>);</item>
/// <item>standardised mean difference: (m1 - m0) / s1 with s1 the SD of the treated in the unmatched sample
/// (cobalt <c>bal.tab</c> for the ATT, <c>s.d.denom = "treated"</c>); binary covariates as raw differences
/// (<c>binary = "raw"</c>); a difference below sqrt(machine epsilon) is left unstandardised, as cobalt does;</item>
/// <item>variance ratio var1 / var0 with the weighted variance sum(w) / (sum(w)^2 - sum(w^2)) * sum(w (x - m)^2)
/// (cobalt <c>col_w_vr</c>, MatchIt <c>wvar</c>); not for binary covariates;</item>
/// <item>eCDF mean and max: weights normalised within each group, |F1(x) - F0(x)| at each distinct value x of the
/// whole sample, averaged and maximised (MatchIt <c>summary(standardize = TRUE)</c>; the max is cobalt's KS,
/// <c>col_w_ks</c>); binary covariates: |m1 - m0| for both;</item>
/// <item>Kish effective sample sizes (sum w)^2 / sum w^2 per group (cobalt/MatchIt <c>ESS</c>).</item>
/// </list>
/// <para>Sums run over the rows sorted by (value, weight, group), so the result does not depend on row order.</para>
/// </remarks>
public static class Balance
{
    // sqrt(2^-52), R's sqrt(.Machine$double.eps): cobalt and MatchIt leave smaller differences unstandardised.
    private const double ZeroDifference = 1.4901161193847656e-08;

    /// <summary>Balance of <paramref name="data"/>'s covariates before and after the match <paramref name="result"/>.</summary>
    /// <param name="data">The matched data (covariates and treatment).</param>
    /// <param name="result">The match; its <see cref="MatchResult.Weights"/> are the weights after matching.</param>
    /// <param name="options">Thresholds and conventions; null for <see cref="BalanceOptions.Default"/>.</param>
    public static BalanceTable Compute(MatchingData data, MatchResult result, BalanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(result);
        return Compute(data.CovariateNames, data.Covariates, data.Treated, result.WeightArray, options);
    }

    /// <summary>Balance of the covariates before (unit weights) and after matching (<paramref name="weightsAfter"/>).</summary>
    /// <param name="names">Covariate names, one per column.</param>
    /// <param name="covariates">Covariate columns, each with one finite value per row.</param>
    /// <param name="treated">Per row, true for a treated unit.</param>
    /// <param name="weightsAfter">Per row, the matching weight (0 = not in the matched sample), finite and &gt;= 0;
    /// e.g. <see cref="MatchResult.Weights"/> or MatchIt's <c>m$weights</c>.</param>
    /// <param name="options">Thresholds and conventions; null for <see cref="BalanceOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">Mismatched lengths, a non-finite covariate or weight, a negative weight, or
    /// a group (treated or control) without units, or without a positive weight after matching.</exception>
    public static BalanceTable Compute(IReadOnlyList<string> names, double[][] covariates, bool[] treated, ReadOnlySpan<double> weightsAfter, BalanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(treated);
        options ??= BalanceOptions.Default;
        options.Validate();
        int n = treated.Length;
        if (names.Count != covariates.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{names.Count} covariate names were given for {covariates.Length} covariate columns."), nameof(names));
        }

        if (weightsAfter.Length != n)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{weightsAfter.Length} weights were given for {n} rows."), nameof(weightsAfter));
        }

        int n1 = 0, m1 = 0, m0 = 0;
        for (int i = 0; i < n; i++)
        {
            double w = weightsAfter[i];
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The weight of row {i + 1} is {w}; weights must be finite and >= 0."), nameof(weightsAfter));
            }

            if (treated[i])
            {
                n1++;
                if (w > 0)
                {
                    m1++;
                }
            }
            else if (w > 0)
            {
                m0++;
            }
        }

        int n0 = n - n1;
        if (n1 == 0 || n0 == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Balance needs treated and control units (got {n1} treated, {n0} control)."), nameof(treated));
        }

        if (m1 == 0 || m0 == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"After matching, {m1} treated and {m0} control units have a positive weight; each group needs at least one."), nameof(weightsAfter));
        }

        var rows = new BalanceRow[covariates.Length];
        var order = new int[n];
        var keysX = new double[n];
        var keysW = new double[n];
        var blocks = new BalanceBlocks(n);
        for (int j = 0; j < covariates.Length; j++)
        {
            string name = names[j] ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Covariate name {j + 1} is null."), nameof(names));
            double[] x = covariates[j] ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Covariate '{name}' has no values (null column)."), nameof(covariates));
            if (x.Length != n)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Covariate '{name}' has {x.Length} values for {n} rows."), nameof(covariates));
            }

            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(x[i]))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Covariate '{name}' has a missing or infinite value at row {i + 1}."), nameof(covariates));
                }
            }

            rows[j] = ComputeRow(name, x, treated, weightsAfter, options, order, keysX, keysW, blocks);
        }

        var sizes = new BalanceSampleSizes(n1, n0, m1, m0, KishEss(weightsAfter, treated, true, keysW), KishEss(weightsAfter, treated, false, keysW));
        return new BalanceTable { Rows = rows, SampleSizes = sizes, Options = options };
    }

    /// <summary>(sum w)^2 / sum w^2 over one group, summed in sorted order (independent of row order).</summary>
    private static double KishEss(ReadOnlySpan<double> weights, bool[] treated, bool group, double[] scratch)
    {
        int k = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (treated[i] == group && weights[i] > 0)
            {
                scratch[k++] = weights[i];
            }
        }

        return KishEssOfPositive(scratch.AsSpan(0, k));
    }

    /// <summary>(sum w)^2 / sum w^2 of a group's positive weights (sorted here, ascending). The group's zero weights
    /// need not be given: in ascending order they come first and add nothing to either sum.</summary>
    internal static double KishEssOfPositive(Span<double> positive)
    {
        positive.Sort();
        double sw = 0, sww = 0;
        foreach (double w in positive)
        {
            sw += w;
            sww += w * w;
        }

        return sw * sw / sww;
    }

    private static BalanceRow ComputeRow(string name, double[] x, bool[] treated, ReadOnlySpan<double> weights, BalanceOptions options, int[] order, double[] keysX, double[] keysW, BalanceBlocks blocks)
    {
        int n = x.Length;
        bool binary = true;
        for (int i = 0; i < n; i++)
        {
            double v = x[i];
            if (v != 0 && v != 1)
            {
                binary = false;
            }

            order[i] = i;
            keysX[i] = v;
            keysW[i] = weights[i];
        }

        // Every statistic but the means is scale-free: a column with values beyond 2^400 (sums of squares could
        // overflow, e.g. an SD of Infinity making every SMD 0) is taken in units of a power of two (exact; its largest
        // magnitude in [2^10, 2^11), so never 0/1), and its means are scaled back.
        int shift = 0;
        if (!binary)
        {
            double top = 0;
            for (int i = 0; i < n; i++)
            {
                top = Math.Max(top, Math.Abs(keysX[i]));
            }

            if (top > Math.ScaleB(1.0, 400))
            {
                shift = Math.ILogB(top) - 10;
                for (int i = 0; i < n; i++)
                {
                    keysX[i] = Math.ScaleB(keysX[i], -shift);
                }
            }
        }

        // Canonical order: by value, then weight, then group; equal keys are equal contributions, so every sum below
        // is independent of the input row order.
        CanonicalSort(order, keysX, keysW, treated);
        blocks.Clear();
        foreach (int i in order)
        {
            blocks.Add(keysX[i], keysW[i], treated[i], 1);
        }

        return Row(name, blocks, binary, shift, options);
    }

    /// <summary>The balance row of one covariate from its rows in canonical order (<see cref="BalanceBlocks"/>).</summary>
    /// <param name="name">The covariate name.</param>
    /// <param name="blocks">The rows sorted by (value, weight after matching, group: control first).</param>
    /// <param name="binary">Every value is 0 or 1.</param>
    /// <param name="shift">The values are in units of 2^shift (0: as they are).</param>
    /// <param name="options">The options.</param>
    internal static BalanceRow Row(string name, BalanceBlocks blocks, bool binary, int shift, BalanceOptions options) =>
        Row(name, Stage(blocks, useWeights: false, binary), Stage(blocks, useWeights: true, binary), binary, shift, options);

    /// <summary>The balance row of one covariate from the sums of its two stages (<see cref="Stage"/>'s, or equal to
    /// them bit for bit).</summary>
    internal static BalanceRow Row(string name, in StageSums before, in StageSums after, bool binary, int shift, BalanceOptions options)
    {
        // Denominator: SD of the treated in the unmatched sample (unit weights).
        double denominator;
        if (binary)
        {
            double p1 = before.TreatedMean;
            denominator = options.Binary == BinaryDifference.Raw ? double.NaN : Math.Sqrt(p1 * (1 - p1));
        }
        else
        {
            denominator = Math.Sqrt(before.TreatedVariance);
        }

        var b = ToStatistics(before, binary, options, denominator, shift);
        var a = ToStatistics(after, binary, options, denominator, shift);
        bool smdOk = Math.Abs(a.Smd) < options.SmdThreshold;
        bool? vrOk = binary || double.IsNaN(a.VarianceRatio)
            ? null
            : Math.Max(a.VarianceRatio, 1 / a.VarianceRatio) < options.VarianceRatioThreshold;
        return new BalanceRow(name, binary ? CovariateType.Binary : CovariateType.Continuous, b, a, smdOk, vrOk);
    }

    /// <param name="s">The sums, in units of 2^<paramref name="shift"/>.</param>
    /// <param name="binary">A 0/1 covariate.</param>
    /// <param name="options">The options.</param>
    /// <param name="denominator">The SMD's denominator, in the units of <paramref name="s"/>.</param>
    /// <param name="shift">The power of two the values were divided by (0 for none).</param>
    private static BalanceStatistics ToStatistics(in StageSums s, bool binary, BalanceOptions options, double denominator, int shift)
    {
        double diff = s.TreatedMean - s.ControlMean;
        double smd;
        if (binary && options.Binary == BinaryDifference.Raw)
        {
            smd = diff;
        }
        else if (Math.Abs(shift == 0 ? diff : Math.ScaleB(diff, shift)) < ZeroDifference)
        {
            smd = shift == 0 ? diff : Math.ScaleB(diff, shift); // cobalt check_if_zero: not standardised
        }
        else
        {
            smd = diff / denominator;
        }

        double vr = binary ? double.NaN : s.TreatedVariance / s.ControlVariance;
        double ecdfMean = binary ? Math.Abs(diff) : s.EcdfMean;
        double ecdfMax = binary ? Math.Abs(diff) : s.EcdfMax;
        return shift == 0
            ? new BalanceStatistics(s.TreatedMean, s.ControlMean, smd, vr, ecdfMean, ecdfMax)
            : new BalanceStatistics(Math.ScaleB(s.TreatedMean, shift), Math.ScaleB(s.ControlMean, shift), smd, vr, ecdfMean, ecdfMax);
    }

    /// <summary>One stage's statistics: the groups' means and weighted variances, the eCDF mean and max.</summary>
    internal readonly record struct StageSums(double TreatedMean, double ControlMean, double TreatedVariance, double ControlVariance, double EcdfMean, double EcdfMax)
    {
        /// <summary>The stage's statistics from its sums: sum(w), sum(w^2), sum(w (x - m)^2) and the number of rows of
        /// positive weight per group, the sum and max of the eCDF gaps over the distinct values.</summary>
        public static StageSums Of(double mean1, double mean0, double sw1, double sww1, double ss1, int pos1, double sw0, double sww0, double ss0, int pos0, double ecdfSum, int distinct, double ecdfMax)
        {
            // Unbiased weighted variance (cobalt col.w.v): sum(w) / (sum(w)^2 - sum(w^2)) * sum(w (x - m)^2); undefined
            // with fewer than two units of positive weight.
            double var1 = pos1 < 2 ? double.NaN : sw1 / (sw1 * sw1 - sww1) * ss1;
            double var0 = pos0 < 2 ? double.NaN : sw0 / (sw0 * sw0 - sww0) * ss0;
            return new StageSums(mean1, mean0, var1, var0, ecdfSum / distinct, ecdfMax);
        }
    }

    /// <summary>
    /// The sums of one stage over the rows in canonical order, row by row (a block of c equal rows is c equal steps, so
    /// every sum is that of the rows one at a time). After matching, a row of weight 0 adds exactly nothing to any sum
    /// (its products are zeros, and a sum that starts at +0 is never -0), so such blocks are skipped.
    /// </summary>
    private static StageSums Stage(BalanceBlocks blocks, bool useWeights, bool binary)
    {
        int nb = blocks.Length;
        var bx = blocks.X;
        var bw = blocks.W;
        var bt = blocks.T;
        var bc = blocks.Count;
        double sw1 = 0, swx1 = 0, sww1 = 0, sw0 = 0, swx0 = 0, sww0 = 0;
        int pos1 = 0, pos0 = 0;
        for (int k = 0; k < nb; k++)
        {
            double w = useWeights ? bw[k] : 1.0;
            if (w == 0)
            {
                continue;
            }

            double x = bx[k];
            int c = bc[k];
            if (bt[k])
            {
                for (int r = 0; r < c; r++)
                {
                    sw1 += w;
                    swx1 += w * x;
                    sww1 += w * w;
                }

                pos1 += w > 0 ? c : 0;
            }
            else
            {
                for (int r = 0; r < c; r++)
                {
                    sw0 += w;
                    swx0 += w * x;
                    sww0 += w * w;
                }

                pos0 += w > 0 ? c : 0;
            }
        }

        double mean1 = swx1 / sw1, mean0 = swx0 / sw0;
        if (binary)
        {
            return new StageSums(mean1, mean0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double ss1 = 0, ss0 = 0, cum = 0, ecdfSum = 0, ecdfMax = 0;
        int distinct = 0;
        for (int k = 0; k < nb; k++)
        {
            double w = useWeights ? bw[k] : 1.0;
            double x = bx[k];
            if (w != 0)
            {
                int c = bc[k];
                if (bt[k])
                {
                    double d = x - mean1;
                    for (int r = 0; r < c; r++)
                    {
                        ss1 += w * d * d;
                        cum += w / sw1;
                    }
                }
                else
                {
                    double d = x - mean0;
                    for (int r = 0; r < c; r++)
                    {
                        ss0 += w * d * d;
                        cum -= w / sw0;
                    }
                }
            }

            if (k == nb - 1 || bx[k + 1] != x)
            {
                double gap = Math.Abs(cum);
                ecdfSum += gap;
                distinct++;
                if (gap > ecdfMax)
                {
                    ecdfMax = gap;
                }
            }
        }

        return StageSums.Of(mean1, mean0, sw1, sww1, ss1, pos1, sw0, sww0, ss0, pos0, ecdfSum, distinct, ecdfMax);
    }

    /// <summary>
    /// Sorts <paramref name="order"/> (the identity on entry) by value, then weight, then group (control first):
    /// primitive sorts of the values, then of the weights within each run of equal values, then controls before
    /// treated within each run of equal value and weight. Rows left in any order among themselves have equal keys,
    /// hence equal contributions to every sum.
    /// </summary>
    internal static void CanonicalSort(int[] order, double[] x, double[] w, bool[] t)
    {
        int n = order.Length;
        var keys = (double[])x.Clone();
        Array.Sort(keys, order);
        double[]? weights = null;
        for (int s = 0; s < n;)
        {
            int e = s + 1;
            while (e < n && keys[e] == keys[s])
            {
                e++;
            }

            if (e - s > 1)
            {
                weights ??= new double[n];
                for (int k = s; k < e; k++)
                {
                    weights[k] = w[order[k]];
                }

                Array.Sort(weights, order, s, e - s);
                for (int a = s; a < e;)
                {
                    int b = a + 1;
                    while (b < e && weights[b] == weights[a])
                    {
                        b++;
                    }

                    GroupsInOrder(order, t, a, b);
                    a = b;
                }
            }

            s = e;
        }
    }

    /// <summary>Within order[from..to), the control rows first, then the treated rows.</summary>
    private static void GroupsInOrder(int[] order, bool[] t, int from, int to)
    {
        int controls = 0;
        for (int k = from; k < to; k++)
        {
            controls += t[order[k]] ? 0 : 1;
        }

        if (controls == 0 || controls == to - from)
        {
            return;
        }

        Span<int> copy = to - from <= 256 ? stackalloc int[to - from] : new int[to - from];
        order.AsSpan(from, to - from).CopyTo(copy);
        int c = from;
        int tr = from + controls;
        foreach (int i in copy)
        {
            if (t[i])
            {
                order[tr++] = i;
            }
            else
            {
                order[c++] = i;
            }
        }
    }
}
