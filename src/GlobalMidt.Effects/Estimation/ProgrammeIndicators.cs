using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Estimation;

/// <summary>One activity's firm counts in one period (half-year or year) of the project.</summary>
/// <param name="Period">The period.</param>
/// <param name="Starting">Firms whose first start in the activity is this period (a firm that comes back for a
/// second course counts once, in its first period).</param>
/// <param name="Active">Firms with a participation in the activity running in this period (start &lt;= period &lt;=
/// end).</param>
/// <param name="Cumulative">Distinct firms started in the activity up to and including this period (the running sum
/// of <paramref name="Starting"/>).</param>
public readonly record struct PeriodFirms(Period Period, int Starting, int Active, int Cumulative);

/// <summary>The output indicator "number of firms per half-year" of one activity, or of the whole programme
/// (the cross-cutting row, each firm once).</summary>
/// <param name="Activity">The activity; the cross-cutting row has <see cref="Eligibility.ParticipantGroups.CrossCuttingName"/>.</param>
/// <param name="IsCrossCutting">True for the row of all activities, each firm once.</param>
/// <param name="SupportedFirms">Distinct reported firms of the activity (with or without start and end).</param>
/// <param name="Periods">One entry per period of <see cref="ProgrammeIndicators.Periods"/>, in time order; empty when the
/// participants have no start and end.</param>
public sealed record ActivityIndicators(string Activity, bool IsCrossCutting, int SupportedFirms, IReadOnlyList<PeriodFirms> Periods);

/// <summary>The programme indicators of one group: firms receiving support, budget and private co-financing.</summary>
/// <param name="Group">The group; the cross-cutting row has <see cref="Eligibility.ParticipantGroups.CrossCuttingName"/>.</param>
/// <param name="IsCrossCutting">True for the row of all groups: each firm once, every budget summed.</param>
/// <param name="SupportedFirms">Distinct reported firm ids of the group (whether in the register or not).</param>
/// <param name="BudgetMdkk">The group's budget (budgets.csv <c>budget_mdkk</c>), mio. DKK; null when not given.</param>
/// <param name="PrivateMdkk">Private co-financing (budgets.csv <c>private_mdkk</c>), mio. DKK; null when not given.</param>
public sealed record GroupIndicators(string Group, bool IsCrossCutting, int SupportedFirms, double? BudgetMdkk, double? PrivateMdkk);

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
