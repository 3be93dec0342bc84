using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Diagnostics;

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
