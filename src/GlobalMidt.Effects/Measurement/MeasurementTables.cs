namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// The tables of a measurement report, to render one or a few of them (<see cref="MeasurementResult.ToConsole(MeasurementTables)"/>,
/// <see cref="MeasurementResult.ToDataFrame(MeasurementTables)"/>, ...). Combine with <c>|</c>.
/// </summary>
[Flags]
public enum MeasurementTables
{
    /// <summary>No table.</summary>
    None = 0,

    /// <summary>Table 1: reported participants, measured participants and exclusions by reason.</summary>
    Table1 = 1,

    /// <summary>Table 2: shares with growth of participants and matched controls, p-values, jobs created and added turnover with intervals.</summary>
    Table2 = 2,

    /// <summary>Table 3: jobs, budget, cost per job, firms, spend per firm, jobs per firm.</summary>
    Table3 = 4,

    /// <summary>Balance of the matching covariates (standardized mean differences before and after matching, control ESS).</summary>
    Balance = 8,

    /// <summary>Every table: the whole report.</summary>
    All = Table1 | Table2 | Table3 | Balance,
}
