using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Diagnostics;

/// <summary>Whether a covariate is binary (all values 0 or 1) or continuous; cobalt's <c>Type</c> column.</summary>
public enum CovariateType
{
    /// <summary>Any other numeric covariate.</summary>
    Continuous,

    /// <summary>Every value is 0 or 1 (MatchIt's rule; cobalt calls any two-valued variable binary).</summary>
    Binary,
}

/// <summary>Balance statistics of one covariate in one sample (before or after matching).</summary>
/// <param name="TreatedMean">(Weighted) mean of the treated.</param>
/// <param name="ControlMean">(Weighted) mean of the controls.</param>
/// <param name="Smd">
/// Treated minus control mean, divided by the SD of the treated in the unmatched sample (cobalt's <c>Diff</c> with
/// <c>s.d.denom = "treated"</c>); for binary covariates the raw difference in proportions unless
/// <see cref="BalanceOptions.Binary"/> says otherwise. NaN when the treated SD is undefined (one treated unit).
/// </param>
/// <param name="VarianceRatio">
/// Weighted treated variance over weighted control variance (cobalt's <c>V.Ratio</c>, <c>col_w_vr</c>); NaN for
/// binary covariates and when a group has fewer than two units with positive weight.
/// </param>
/// <param name="EcdfMean">Mean over the distinct values of the covariate of |F1 - F0|, the weighted eCDFs (MatchIt's
/// <c>eCDF Mean</c>); |difference in proportions| for binary covariates.</param>
/// <param name="EcdfMax">Maximum of |F1 - F0|: the Kolmogorov-Smirnov statistic (cobalt's <c>KS</c>, MatchIt's
/// <c>eCDF Max</c>); |difference in proportions| for binary covariates.</param>
public readonly record struct BalanceStatistics(double TreatedMean, double ControlMean, double Smd, double VarianceRatio, double EcdfMean, double EcdfMax);

/// <summary>One covariate: statistics before and after matching and the threshold verdicts (after matching).</summary>
/// <param name="Covariate">Covariate name.</param>
/// <param name="Type">Binary or continuous.</param>
/// <param name="Before">All units, unit weights (cobalt's <c>.Un</c> columns).</param>
/// <param name="After">Matched sample, matching weights (cobalt's <c>.Adj</c> columns).</param>
/// <param name="SmdBalanced">|SMD after| &lt; <see cref="BalanceOptions.SmdThreshold"/> (cobalt's <c>M.Threshold</c>);
/// false when the SMD is NaN.</param>
/// <param name="VarianceRatioBalanced">max(VR, 1/VR) after &lt; <see cref="BalanceOptions.VarianceRatioThreshold"/>
/// (cobalt's <c>V.Threshold</c>); null for binary covariates or an undefined ratio.</param>
public sealed record BalanceRow(string Covariate, CovariateType Type, BalanceStatistics Before, BalanceStatistics After, bool SmdBalanced, bool? VarianceRatioBalanced);

/// <summary>Sample sizes per group before and after matching (cobalt's <c>Sample sizes</c> block).</summary>
/// <param name="TreatedAll">Treated units.</param>
/// <param name="ControlAll">Control units.</param>
/// <param name="TreatedMatched">Treated units with a positive matching weight.</param>
/// <param name="ControlMatched">Control units with a positive matching weight.</param>
/// <param name="TreatedEss">Kish effective sample size (sum w)^2 / sum w^2 of the matched treated.</param>
/// <param name="ControlEss">Kish effective sample size of the matched controls (cobalt's <c>Matched (ESS)</c>).</param>
public sealed record BalanceSampleSizes(int TreatedAll, int ControlAll, int TreatedMatched, int ControlMatched, double TreatedEss, double ControlEss)
{
    /// <summary>Treated units without a match (weight 0).</summary>
    public int TreatedUnmatched => TreatedAll - TreatedMatched;

    /// <summary>Control units not used (weight 0).</summary>
    public int ControlUnmatched => ControlAll - ControlMatched;
}

/// <summary>
/// Covariate balance before and after matching for the ATT, in cobalt's conventions; renders itself for the console,
/// Markdown, CSV, JSON and HTML.
/// </summary>
/// <remarks>Same figures as cobalt's <c>bal.tab(m, stats = c("m", "v", "ks"), binary = "raw", un = TRUE)</c> on a
/// <c>matchit</c> object and MatchIt's <c>summary(m, standardize = TRUE)</c> (eCDF columns).</remarks>
public sealed record BalanceTable
{
    /// <summary>One row per covariate, in the order given.</summary>
    public required IReadOnlyList<BalanceRow> Rows { get; init; }

    /// <summary>Sample sizes and effective sample sizes.</summary>
    public required BalanceSampleSizes SampleSizes { get; init; }

    /// <summary>The options used (thresholds, binary convention).</summary>
    public required BalanceOptions Options { get; init; }

    /// <summary>Number of covariates with |SMD after| below the threshold.</summary>
    public int SmdBalancedCount
    {
        get
        {
            int n = 0;
            foreach (var r in Rows)
            {
                if (r.SmdBalanced)
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>True when every covariate passes the SMD threshold and every variance ratio shown passes its threshold.</summary>
    public bool IsBalanced
    {
        get
        {
            foreach (var r in Rows)
            {
                if (!r.SmdBalanced || r.VarianceRatioBalanced == false)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>A fixed-width text table like cobalt's <c>print(bal.tab(...))</c>, with the tallies and sample sizes.</summary>
    public string ToConsole() => BalanceTableFormatter.ToConsole(this);

    /// <summary>A GitHub-flavoured Markdown table (same columns as <see cref="ToConsole"/>) and sample sizes.</summary>
    public string ToMarkdown() => BalanceTableFormatter.ToMarkdown(this);

    /// <summary>One CSV row per covariate with every statistic at full (round-trip) precision, invariant culture.</summary>
    public string ToCsv() => BalanceTableFormatter.ToCsv(this);

    /// <summary>JSON: options, sample sizes and the rows; NaN written as null.</summary>
    public string ToJson() => BalanceTableFormatter.ToJson(this);

    /// <summary>An HTML fragment (a <c>&lt;table&gt;</c> and the sample sizes) for notebooks.</summary>
    public string ToHtml() => BalanceTableFormatter.ToHtml(this);
}
