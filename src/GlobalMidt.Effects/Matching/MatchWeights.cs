namespace GlobalMidt.Effects.Matching;

/// <summary>
/// MatchIt's ATT matching weights, the one place their rules live: a matched treated unit weighs 1 and gives each of
/// its k controls the share 1/k (<c>get_matches()</c>); a control's weight is the sum of its shares, rescaled so the
/// control weights sum to the number of distinct matched controls (<c>match.data()</c>, MatchIt's
/// <c>get_weights_from_mm</c>).
/// </summary>
/// <remarks>
/// Used by <see cref="MatchingPlan.Match"/> (<see cref="MatchResult.Weights"/>), by <c>balance --pairs</c>
/// (<see cref="FromPairs"/>) and by the measurement's matched sample (<see cref="PairShares"/> and
/// <see cref="RescaleToDistinct"/>, computed once per group). The rescaling divides by the sum of the raw control
/// weights; that sum is the number of matched treated units (each gives 1/k to each of its k controls), which the
/// measurement, knowing it, uses as the divisor: the same weights up to the last bit of the sum.
/// </remarks>
public static class MatchWeights
{
    /// <summary>
    /// Weights per row: 1 for a matched treated unit; for a control the sum over its uses of 1/(controls of that
    /// treated unit), rescaled so the control weights sum to the number of distinct matched controls (MatchIt
    /// <c>get_weights_from_mm</c>); 0 for unmatched rows.
    /// </summary>
    /// <param name="rowCount">Rows of the data the pairs index.</param>
    /// <param name="treated">Per row, true for a treated unit.</param>
    /// <param name="pairs">The pairs (rows &lt; <paramref name="rowCount"/>), in the order their shares are summed
    /// (by treated row, then slot, as <see cref="MatchResult.Pairs"/>).</param>
    public static double[] Compute(int rowCount, bool[] treated, IReadOnlyList<MatchedPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(pairs);
        var rows = new (int Treated, int Control)[pairs.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = (pairs[i].Treated, pairs[i].Control);
        }

        return FromPairs(rowCount, treated, rows);
    }

    /// <summary>
    /// As <see cref="Compute"/>, from (treated row, control row) pairs alone, e.g. pairs read from <c>match</c>'s
    /// output file (<c>balance --pairs</c>).
    /// </summary>
    /// <param name="rowCount">Rows of the data the pairs index.</param>
    /// <param name="treated">Per row, true for a treated unit.</param>
    /// <param name="pairs">The pairs, in the order their shares are summed (by treated row, then slot).</param>
    public static double[] FromPairs(int rowCount, bool[] treated, IReadOnlyList<(int Treated, int Control)> pairs)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(pairs);
        // Controls per treated unit, counted in an array indexed by row (pairs hold row indices < rowCount).
        var perTreated = new int[rowCount];
        var w = new double[rowCount];
        for (int i = 0; i < pairs.Count; i++)
        {
            perTreated[pairs[i].Treated]++;
        }

        for (int i = 0; i < pairs.Count; i++)
        {
            var (t, c) = pairs[i];
            w[t] = 1.0;
            w[c] += 1.0 / perTreated[t];
        }

        double sum = 0;
        int distinct = 0;
        for (int i = 0; i < rowCount; i++)
        {
            if (!treated[i] && w[i] > 0)
            {
                sum += w[i];
                distinct++;
            }
        }

        if (sum > 0)
        {
            // (w * distinct) / sum, in this order, as MatchIt's weights_matrixC rounds.
            for (int i = 0; i < rowCount; i++)
            {
                if (!treated[i])
                {
                    w[i] = w[i] * distinct / sum;
                }
            }
        }

        return w;
    }

    /// <summary>Per matched treated unit t, the share 1/k it gives each of its k controls, k = offsets[t+1] - offsets[t]
    /// (MatchIt's <c>get_matches()</c> weight of a control row).</summary>
    /// <param name="offsets">CSR offsets of the treated units' controls (length treated + 1).</param>
    internal static double[] PairShares(ReadOnlySpan<int> offsets)
    {
        var shares = new double[Math.Max(0, offsets.Length - 1)];
        for (int t = 0; t < shares.Length; t++)
        {
            shares[t] = 1.0 / (offsets[t + 1] - offsets[t]);
        }

        return shares;
    }

    /// <summary>The distinct controls' MatchIt weights from their raw weights (sums of shares):
    /// <c>(raw * distinct) / treated</c>, the sum of the raw weights being the number of matched treated units.</summary>
    /// <param name="raw">Per distinct control, the sum of its shares.</param>
    /// <param name="treated">Matched treated units.</param>
    internal static double[] RescaleToDistinct(ReadOnlySpan<double> raw, int treated)
    {
        var weight = new double[raw.Length];
        for (int i = 0; i < weight.Length; i++)
        {
            weight[i] = raw[i] * raw.Length / treated;
        }

        return weight;
    }
}
