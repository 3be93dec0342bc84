namespace GlobalMidt.Effects.Matching;

/// <summary>MatchIt's ATT matching weights from a set of pairs.</summary>
public static class MatchWeights
{
    /// <summary>
    /// Weights per row: 1 for a matched treated unit; for a control the sum over its uses of 1/(controls of that
    /// treated unit), rescaled so the control weights sum to the number of distinct matched controls (MatchIt
    /// <c>get_weights_from_mm</c>); 0 for unmatched rows.
    /// </summary>
    public static double[] Compute(int rowCount, bool[] treated, IReadOnlyList<MatchedPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(pairs);
        // Controls per treated unit, counted in an array indexed by row (pairs hold row indices < rowCount).
        var perTreated = new int[rowCount];
        var w = new double[rowCount];
        if (pairs is MatchedPair[] array)
        {
            foreach (var p in array)
            {
                perTreated[p.Treated]++;
            }

            foreach (var p in array)
            {
                w[p.Treated] = 1.0;
                w[p.Control] += 1.0 / perTreated[p.Treated];
            }
        }
        else
        {
            for (int i = 0; i < pairs.Count; i++)
            {
                perTreated[pairs[i].Treated]++;
            }

            for (int i = 0; i < pairs.Count; i++)
            {
                var p = pairs[i];
                w[p.Treated] = 1.0;
                w[p.Control] += 1.0 / perTreated[p.Treated];
            }
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
}
