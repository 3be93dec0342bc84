using System.Globalization;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Reporting;

/// <summary>The <c>match</c> command's output: the pairs as CSV and the summary of a matching.</summary>
internal static class MatchReport
{
    /// <summary>The number of treated rows of <paramref name="data"/>.</summary>
    /// <exception cref="AnalysisException">The data has no treated or no control row (named by <paramref name="source"/>).</exception>
    public static int RequireTreatedAndControls(MatchingData data, string source)
    {
        int treated = CountTrue(data.Treated);
        if (treated == 0 || treated == data.RowCount)
        {
            throw new AnalysisException($"{source}: matching needs treated and control rows (got {treated} treated of {data.RowCount}).");
        }

        return treated;
    }

    /// <summary>The number of true values (a loop: LINQ over <c>bool</c> is compiled at run time even in a
    /// ReadyToRun build).</summary>
    private static int CountTrue(bool[] values)
    {
        int count = 0;
        foreach (bool v in values)
        {
            count += v ? 1 : 0;
        }

        return count;
    }

    /// <summary>The pairs as CSV (LF line ends): treated,control,slot,distance,weight (the control's MatchIt weight).</summary>
    public static void WritePairs(TextWriter w, MatchingTable table, MatchResult result)
    {
        w.Write("treated,control,slot,distance,weight\n");
        foreach (var p in result.Pairs)
        {
            w.Write(Csv(table.Id(p.Treated)));
            w.Write(',');
            w.Write(Csv(table.Id(p.Control)));
            w.Write(',');
            w.Write(p.Slot.ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(p.Distance.ToString("R", CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(result.WeightArray[p.Control].ToString("R", CultureInfo.InvariantCulture));
            w.Write('\n');
        }
    }

    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>The summary: rows used and dropped, the method, the propensity model, caliper, strata, matched and
    /// unmatched counts (with example ids per reason) and where the pairs went.</summary>
    public static void WriteSummary(TextWriter o, string dataPath, string outPath, MatchingTable table, MatchingOptions options, MatchingPlan plan, MatchResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var data = table.Data;
        int treated = CountTrue(data.Treated);
        int controls = data.RowCount - treated;
        o.WriteLine(string.Create(inv, $"data: {dataPath}: {table.RowsRead} rows read, {data.RowCount} used ({treated} treated, {controls} controls)"));
        foreach (var (col, count) in table.DroppedByColumn)
        {
            o.WriteLine(string.Create(inv, $"  dropped for a missing '{col}': {count} rows"));
        }

        string dist = options.Distance switch
        {
            DistanceMetric.Glm => "glm (propensity score by logistic regression)",
            DistanceMetric.Mahalanobis => "mahalanobis",
            DistanceMetric.ScaledEuclidean => "scaled_euclidean",
            _ => "euclidean",
        };
        o.WriteLine(string.Create(inv, $"method: nearest, distance {dist}, ratio {options.Ratio}, {(options.Replace ? "with" : "without")} replacement, order {(options.Replace ? MatchOrder.Data : options.EffectiveOrder).ToString().ToLowerInvariant()}"));
        if (result.DistanceFallback != DistanceFallback.None)
        {
            o.WriteLine(result.DistanceFallback == DistanceFallback.ConstantCovariates
                ? "distance: no covariate varies over the rows taking part; every distance is 0 (ties by row order)"
                : "distance: no pooled within-group covariance or SD can be estimated (one treated and one control row, or a covariate varies neither within the treated nor within the controls); Euclidean distance on covariates standardized over the rows taking part instead, which gives the same pairs (docs/matching.md, \"Degenerate data\")");
        }

        if (plan.PropensityModel is { } model)
        {
            o.WriteLine(string.Create(inv, $"propensity model: {model.Coefficients.Count} coefficients, {model.Iterations} iterations, {(model.Converged ? "converged" : "NOT converged")}, deviance {model.Deviance:0.###}"));
        }

        if (result.CaliperWidth is double cw)
        {
            o.WriteLine(string.Create(inv, $"caliper: {options.Caliper} SD = {cw:0.######} on the propensity score"));
        }

        if (data.Strata is not null)
        {
            o.WriteLine(string.Create(inv, $"exact strata: {plan.StrataCount} with treated rows; {result.RowsInStrataWithoutTreated} rows in strata without treated rows left out"));
        }

        int discarded = result.Discarded?.Count(d => d) ?? 0;
        if (options.Discard != CommonSupportDiscard.None)
        {
            o.WriteLine(string.Create(inv, $"discarded (outside common support): {discarded} rows"));
        }

        int matchedTreated = 0;
        int last = -1;
        var full = 0;
        var perTreated = 0;
        foreach (var p in result.Pairs)
        {
            if (p.Treated != last)
            {
                matchedTreated++;
                full += perTreated == options.Ratio ? 1 : 0;
                perTreated = 0;
                last = p.Treated;
            }

            perTreated++;
        }

        full += perTreated == options.Ratio ? 1 : 0;
        int usedControls = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            usedControls += !data.Treated[i] && result.WeightArray[i] > 0 ? 1 : 0;
        }

        o.WriteLine(string.Create(inv, $"matched treated: {matchedTreated} of {treated} ({full} with all {options.Ratio} controls); distinct controls used: {usedControls}"));
        o.WriteLine(string.Create(inv, $"unmatched treated: {result.Unmatched.Count}"));
        foreach (var g in result.Unmatched.GroupBy(u => u.Reason).OrderBy(g => g.Key))
        {
            string why = g.Key switch
            {
                UnmatchedReason.NoControlInStratum => "no control in its exact stratum",
                UnmatchedReason.Caliper => "no control within the caliper",
                UnmatchedReason.Discarded => "discarded (outside common support)",
                _ => "controls used up by earlier matches",
            };
            var examples = string.Join(", ", g.Take(5).Select(u => table.Id(u.Row)));
            o.WriteLine(string.Create(inv, $"  {why}: {g.Count()} ({examples}{(g.Count() > 5 ? ", ..." : "")})"));
        }

        o.WriteLine(string.Create(inv, $"pairs: {result.Pairs.Count} written to {outPath}"));
    }
}
