namespace GlobalMidt.Effects.Estimation;

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
