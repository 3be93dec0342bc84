using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// The range of two-sided p-values consistent with printed shares: the participants' share p1 = x/n for every
/// integer x with x/n within the printed share's rounding interval, the control share p0 anywhere in its rounding
/// interval (both intervals closed).
/// </summary>
/// <param name="Method">The test: <see cref="ShareTestMethod.KnownShare"/> or <see cref="ShareTestMethod.TwoSample"/>.</param>
/// <param name="N">Participants (the published "measured" count).</param>
/// <param name="ControlSize">The control size of the two-sample test (n for 1:1); null for the known-share test.</param>
/// <param name="ParticipantShare">The printed participants' share.</param>
/// <param name="ControlShare">The printed control share.</param>
/// <param name="MinSuccesses">Smallest x with x/n rounding to the printed share; null when there is none.</param>
/// <param name="MaxSuccesses">Largest such x; null when there is none.</param>
/// <param name="Low">Smallest p-value over the rounding box; null when no x fits.</param>
/// <param name="High">Largest p-value over the rounding box; null when no x fits.</param>
public sealed record PValueRange(
    ShareTestMethod Method,
    int N,
    double? ControlSize,
    PrintedNumber ParticipantShare,
    PrintedNumber ControlShare,
    int? MinSuccesses,
    int? MaxSuccesses,
    double? Low,
    double? High)
{
    /// <summary>
    /// True when some p-value in [<see cref="Low"/>, <see cref="High"/>] rounds to the printed p-value, i.e. the range
    /// meets [printed - half unit, printed + half unit].
    /// </summary>
    /// <param name="printed">The published p-value as printed (e.g. 0.28 with 2 decimals).</param>
    public bool IsConsistentWith(PrintedNumber printed) =>
        Low is double lo && High is double hi && hi >= printed.Low - 1e-12 && lo <= printed.High + 1e-12;
}

/// <summary>A published Table 3 figure (C, E or F) against its recomputation from the published inputs.</summary>
/// <param name="Figure">The column: <c>C</c>, <c>E</c> or <c>F</c>.</param>
/// <param name="Published">The printed figure; null when printed <c>-</c>.</param>
/// <param name="Recomputed">The figure computed from the printed inputs; null when undefined.</param>
/// <param name="RangeLow">
/// The smallest value of the figure when each input varies within its rounding interval (jobs and budget; the
/// firm count is exact); null when undefined.
/// </param>
/// <param name="RangeHigh">The largest such value; null when undefined.</param>
/// <param name="Agrees">
/// True when the figure could have been printed from inputs that round to the printed inputs: the range
/// [<see cref="RangeLow"/>, <see cref="RangeHigh"/>] meets the printed figure's rounding interval. Both undefined
/// (<c>-</c>) counts as agreement.
/// </param>
/// <param name="AgreesWithPlainRounding">
/// True when rounding <see cref="Recomputed"/> half away from zero gives the printed figure; null when either is
/// undefined.
/// </param>
public sealed record FigureCheck(
    string Figure,
    PrintedNumber? Published,
    double? Recomputed,
    double? RangeLow,
    double? RangeHigh,
    bool Agrees,
    bool? AgreesWithPlainRounding);

/// <summary>A published p-value against the p-value ranges of the known-share and the 1:1 two-sample tests.</summary>
/// <param name="Outcome"><c>employment</c> or <c>turnover</c>.</param>
/// <param name="Published">The printed p-value.</param>
/// <param name="KnownSharePoint">
/// The known-share p-value at x = round(printed share · n) and the printed control share.
/// </param>
/// <param name="KnownShare">The known-share p-value range.</param>
/// <param name="TwoSampleOneToOne">The pooled two-sample p-value range with a control group as large as n.</param>
public sealed record PValueCheck(
    string Outcome,
    PrintedNumber Published,
    double KnownSharePoint,
    PValueRange KnownShare,
    PValueRange TwoSampleOneToOne)
{
    /// <summary>True when the known-share range is consistent with the published p-value.</summary>
    public bool KnownShareAgrees => KnownShare.IsConsistentWith(Published);

    /// <summary>True when the 1:1 two-sample range is consistent with the published p-value.</summary>
    public bool TwoSampleAgrees => TwoSampleOneToOne.IsConsistentWith(Published);
}

/// <summary>The checks of one published row.</summary>
/// <param name="Published">The published row.</param>
/// <param name="Recomputed">Table 3 recomputed from the printed A, B and D.</param>
/// <param name="CostPerJob">Check of C = B / A.</param>
/// <param name="SpendPerFirm">Check of E = B / D.</param>
/// <param name="JobsPerFirm">Check of F = A / D.</param>
/// <param name="Employment">Check of the employment p-value.</param>
/// <param name="Turnover">Check of the turnover p-value.</param>
public sealed record PublishedRowCheck(
    PublishedTableRow Published,
    Table3Row Recomputed,
    FigureCheck CostPerJob,
    FigureCheck SpendPerFirm,
    FigureCheck JobsPerFirm,
    PValueCheck Employment,
    PValueCheck Turnover)
{
    /// <summary>True when C, E, F and both p-values (known-share test) agree.</summary>
    public bool AllAgree =>
        CostPerJob.Agrees && SpendPerFirm.Agrees && JobsPerFirm.Agrees && Employment.KnownShareAgrees && Turnover.KnownShareAgrees;
}

/// <summary>The forecast recomputed from a published row (seed: 37.4 mio. DKK at the Central Denmark cost per job).</summary>
/// <param name="Group">The group whose cost per job is used.</param>
/// <param name="PlanBudgetMdkk">The planned budget (mio. DKK).</param>
/// <param name="CostPerJobTdkk">The unrounded cost per job B·1000/A from the printed inputs; null when undefined.</param>
/// <param name="PublishedCostPerJobTdkk">The printed cost per job (C); null when printed <c>-</c>.</param>
/// <param name="ExpectedJobs">Plan budget / unrounded cost per job; null when undefined.</param>
/// <param name="ExpectedJobsAtPublishedCost">Plan budget / printed cost per job; null when undefined.</param>
public sealed record ForecastCheck(
    string Group,
    double PlanBudgetMdkk,
    double? CostPerJobTdkk,
    PrintedNumber? PublishedCostPerJobTdkk,
    double? ExpectedJobs,
    double? ExpectedJobsAtPublishedCost);

/// <summary>The recomputation of the published tables: per row checks and the forecast.</summary>
/// <param name="Rows">One check per published row, in file order.</param>
/// <param name="Forecast">The forecast.</param>
public sealed record PublishedRecomputation(IReadOnlyList<PublishedRowCheck> Rows, ForecastCheck Forecast)
{
    /// <summary>True when every row agrees (<see cref="PublishedRowCheck.AllAgree"/>).</summary>
    public bool AllAgree => Rows.All(r => r.AllAgree);

    /// <summary>Console text: titled sections of aligned tables (Table 3, its figures, the p-values, the forecast).</summary>
    public string ToConsole() => PublishedRecomputationFormatter.ToText(this, markdown: false);

    /// <summary>The sections of <see cref="ToConsole"/> as GitHub-flavoured Markdown.</summary>
    public string ToMarkdown() => PublishedRecomputationFormatter.ToText(this, markdown: true);

    /// <summary>One long CSV: <c>group,figure,published,recomputed,range_low,range_high,agrees,plain_rounding_agrees</c>;
    /// numbers round-trip, empty where undefined.</summary>
    public string ToCsv() => PublishedRecomputationFormatter.ToCsv(this);

    /// <summary>Indented JSON (numbers as numbers, null where undefined).</summary>
    public string ToJson() => PublishedRecomputationFormatter.ToJson(this);
}
