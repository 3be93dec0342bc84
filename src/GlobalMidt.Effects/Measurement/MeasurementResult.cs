using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The effect on one outcome (employment or turnover) of one group: Table 2's columns and the effect.</summary>
/// <param name="Test">Growth shares of participants and controls and their test; null when no participant was matched.</param>
/// <param name="Effect">The effect as published: the estimate when the share difference is significant (p &lt; alpha), else 0; null when undefined.</param>
/// <param name="Estimate">The raw estimate sum(Y1) - sum(Y0)(1 + G_C); null when undefined.</param>
/// <param name="Interval">Bootstrap percentile interval of <see cref="Estimate"/>; null when not computed.</param>
/// <param name="ControlGrowthRate">G_C, the weighted controls' growth rate; NaN when undefined.</param>
/// <param name="ParticipantsBaseline">Sum of the participants' baseline values.</param>
/// <param name="ParticipantsMeasurement">Sum of the participants' measurement values.</param>
public sealed record OutcomeEffect(
    ShareTest? Test,
    double? Effect,
    double? Estimate,
    Interval? Interval,
    double ControlGrowthRate,
    double ParticipantsBaseline,
    double ParticipantsMeasurement)
{
    /// <summary>Share of all control-pool firms (unmatched, unweighted) that grew: the naive comparison.</summary>
    public double NaiveControlShare { get; init; } = double.NaN;

    /// <summary>The effect estimated against the whole control pool without matching (same formula, G_C of the pool); shows what matching corrects.</summary>
    public double? NaiveEstimate { get; init; }
}

/// <summary>A measured participant that found no control at any level.</summary>
/// <param name="FirmId">The firm id.</param>
/// <param name="Reason">Why the last level found none.</param>
public sealed record UnmatchedParticipant(string FirmId, UnmatchedReason Reason);

/// <summary>Everything measured for one group (a row of Tables 1, 2 and 3).</summary>
public sealed record GroupResult
{
    /// <summary>The group name.</summary>
    public required string Group { get; init; }

    /// <summary>True for the cross-cutting row (all groups, each firm once).</summary>
    public required bool IsCrossCutting { get; init; }

    /// <summary>Table 1: reported, measured and excluded by reason.</summary>
    public required EligibilityCounts Eligibility { get; init; }

    /// <summary>Measured participants with at least one control.</summary>
    public required int Matched { get; init; }

    /// <summary>Measured participants without any control, with the reason.</summary>
    public required IReadOnlyList<UnmatchedParticipant> Unmatched { get; init; }

    /// <summary>Per matching level (same order as the options' levels), how many participants were matched there.</summary>
    public required IReadOnlyList<int> MatchedAtLevel { get; init; }

    /// <summary>Distinct control firms used.</summary>
    public required int DistinctControls { get; init; }

    /// <summary>Kish effective size of the weighted control group.</summary>
    public required double ControlEffectiveN { get; init; }

    /// <summary>Employment (FTE years): jobs created.</summary>
    public required OutcomeEffect Employment { get; init; }

    /// <summary>Turnover: added turnover in mio. DKK.</summary>
    public required OutcomeEffect Turnover { get; init; }

    /// <summary>The group's budget in mio. DKK, null when not given.</summary>
    public required double? BudgetMdkk { get; init; }

    /// <summary>Balance of the matching covariates before and after matching (cobalt conventions); null when nothing was matched.</summary>
    public BalanceTable? Balance { get; init; }

    /// <summary>Table 3: jobs, budget, cost per job, firms, spend per firm, jobs per firm.</summary>
    public required Table3Row Table3 { get; init; }

    /// <summary>
    /// The matched sample behind Table 2: every pair (participant, control, level, distance, weights) and every matched
    /// firm once with its weight (MatchIt's <c>get_matches()</c> / <c>match.data()</c>); empty when nothing was matched.
    /// </summary>
    public MatchedSample Matches { get; init; } = MatchedSample.Empty;

    /// <summary>Export, value added and new exporters (docs/effect-chain.md); null when the register has neither an
    /// <c>export</c> nor a <c>value_added</c> column.</summary>
    public ChainGroupEffects? Chain { get; init; }
}

/// <summary>The whole measurement: settings, the control pool and one <see cref="GroupResult"/> per group.</summary>
public sealed partial record MeasurementResult
{
    /// <summary>The periods used.</summary>
    public required MeasurementWindow Window { get; init; }

    /// <summary>The options used.</summary>
    public required MeasurementOptions Options { get; init; }

    /// <summary>Firms in the register.</summary>
    public required int RegisterFirms { get; init; }

    /// <summary>Eligible firms that took part in no project.</summary>
    public required int ControlPoolSize { get; init; }

    /// <summary>The cross-cutting row first, then the groups in ordinal name order.</summary>
    public required IReadOnlyList<GroupResult> Groups { get; init; }

    /// <summary>Wall-clock seconds of the pipeline's phases (not part of the reports, which stay byte-identical).</summary>
    public MeasurementTimings? Timings { get; init; }

    /// <summary>Things the user should know (groups without budget, budgets without participants, ...).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The output indicators (<see cref="OutputIndicators"/>) when <see cref="MeasurementOptions.Indicators"/>
    /// is set; null otherwise.</summary>
    public ProgrammeIndicators? Indicators { get; init; }

    /// <summary>With <see cref="MeasurementOptions.Series"/>: the measurement of every period after the project end
    /// (this result is then that of the last period); null otherwise.</summary>
    public SeriesResult? Series { get; init; }
}

/// <summary>Wall-clock seconds of the measurement's phases.</summary>
/// <param name="Eligibility">Eligibility, control pool, covariates.</param>
/// <param name="Matching">Matching of every group (the cross-cutting set included).</param>
/// <param name="Effects">Shares, tests, effects, bootstrap intervals, balance, Table 3.</param>
public sealed record MeasurementTimings(double Eligibility, double Matching, double Effects);
