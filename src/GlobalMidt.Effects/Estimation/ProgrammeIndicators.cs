using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// The output and programme indicators of the seed's effect chain (annex 2, the "Succeskriterium" tables):
/// per activity and period the firms starting, active and cumulated; per group the firms receiving support, the
/// budget and the private co-financing. Computed by <see cref="OutputIndicators.Compute"/> from the reported
/// participants and the budgets alone (no register, no matching).
/// </summary>
/// <param name="Periods">Every period from the earliest <c>start</c> to the latest <c>end</c> (gaps included), in
/// time order; empty when the participants have no start and end.</param>
/// <param name="Activities">The cross-cutting row first, then one row per activity (ordinal name order); only the
/// cross-cutting row when the participants have no activity.</param>
/// <param name="Groups">The cross-cutting row first, then one row per group of the participants or the budgets
/// (ordinal name order).</param>
public sealed record ProgrammeIndicators(IReadOnlyList<Period> Periods, IReadOnlyList<ActivityIndicators> Activities, IReadOnlyList<GroupIndicators> Groups)
{
    /// <summary>The indicator tables as aligned console text, each under its title.</summary>
    public string ToConsole() => Reporting.IndicatorReport.ToConsole(this);

    /// <summary>The indicator tables as Markdown.</summary>
    public string ToMarkdown() => Reporting.IndicatorReport.ToMarkdown(this);

    /// <summary>The indicator tables as an HTML fragment (one <c>&lt;table&gt;</c> each).</summary>
    public string ToHtml() => Reporting.IndicatorReport.ToHtml(this);

    /// <summary>
    /// One long CSV table: <c>table,name,cross_cutting,period,firms_starting,firms_active,firms_cumulative,supported_firms,budget_mdkk,private_mdkk</c>;
    /// <c>table</c> = <c>activity</c> (one row per activity and period, or one per activity without periods) or
    /// <c>group</c> (one row per group, no period); empty where not applicable.
    /// </summary>
    public string ToCsv() => Reporting.IndicatorReport.ToCsv(this);

    /// <summary>The indicators as an indented JSON object (the <c>indicators</c> object of the measurement's JSON).</summary>
    public string ToJson() => Reporting.IndicatorReport.ToJson(this);
}
