using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Estimation;

namespace GlobalMidt.Effects.Measurement;

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
