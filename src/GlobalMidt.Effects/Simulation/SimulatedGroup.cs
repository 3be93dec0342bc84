namespace GlobalMidt.Effects.Simulation;

/// <summary>
/// A group (growth forum / programme) of the simulated programme: who it recruits, its budget and its true effect.
/// </summary>
/// <param name="Name">Group name as written to <c>participants.csv</c>, e.g. <c>VF Midtjylland</c>.</param>
/// <param name="Region">Region it recruits from (mostly), or null for a national group recruiting anywhere.</param>
/// <param name="ReportWeight">Relative share of all participant reports that fall to this group (positive).</param>
/// <param name="BudgetMdkk">Budget in millions of DKK, written to <c>budgets.csv</c>.</param>
/// <param name="FteEffect">
/// True effect on FTEs: a participant's FTEs at measurement are its counterfactual FTEs times
/// <c>1 + FteEffect</c> (phased in linearly from baseline). 0 for no effect.
/// </param>
/// <param name="TurnoverEffect">True effect on turnover, same form as <paramref name="FteEffect"/>.</param>
/// <param name="UnknownShare">Share of the group's reports that are ids not in the register (reporting errors).</param>
/// <param name="ProjectPrefix">Prefix of the group's project ids, e.g. <c>MID</c> gives <c>MID-01</c>.</param>
public sealed record SimulatedGroup(
    string Name,
    string? Region,
    double ReportWeight,
    double BudgetMdkk,
    double FteEffect,
    double TurnoverEffect,
    double UnknownShare,
    string ProjectPrefix)
{
    /// <summary>
    /// True effect on export, same form as <see cref="TurnoverEffect"/>: a participant's export at measurement
    /// is its counterfactual export times <c>1 + ExportEffect</c>. Used only when the register has export
    /// (<see cref="SimulationOptions.Export"/>). Default 0; <see cref="Defaults"/> sets one per group.
    /// </summary>
    public double ExportEffect { get; init; }

    /// <summary>
    /// The five regional growth forums with the published budgets (seed Table 3) and reported counts as weights
    /// (seed Table 1), plus a national group whose budget makes the published total of 623.8 mio. DKK.
    /// </summary>
    /// <remarks>
    /// Effects are chosen so the simulated Table 2/3 resemble the published ones: large in Midtjylland, none in
    /// Sjælland (published 0 jobs at p = 0.97), none on turnover in Syddanmark (published 0 at p = 0.27). Unknown
    /// shares mimic the published ratios of measured to reported (e.g. Hovedstaden 54 of 204). Export effects (used
    /// only with <see cref="SimulationOptions.Export"/>): 0.08-0.25 of the exporters' export, none in Sjælland.
    /// </remarks>
    public static IReadOnlyList<SimulatedGroup> Defaults { get; } =
    [
        new("VF Hovedstaden", "Region Hovedstaden", 204, 74.5, 0.10, 0.08, 0.52, "HOV") { ExportEffect = 0.15 },
        new("VF Sjælland", "Region Sjælland", 120, 15.7, 0.0, 0.0, 0.18, "SJA"),
        new("VF Syddanmark", "Region Syddanmark", 501, 50.2, 0.08, 0.0, 0.30, "SYD") { ExportEffect = 0.10 },
        new("VF Midtjylland", "Region Midtjylland", 802, 130.9, 0.20, 0.12, 0.03, "MID") { ExportEffect = 0.25 },
        new("VF Nordjylland", "Region Nordjylland", 905, 339.9, 0.06, 0.05, 0.20, "NOR") { ExportEffect = 0.08 },
        new("Nationale projekter", null, 150, 12.6, 0.08, 0.06, 0.10, "NAT") { ExportEffect = 0.20 },
    ];
}
