namespace GlobalMidt.Effects.Data;

/// <summary>What a register holds: the first check of an extract (<c>globalmidt-effects validate</c>).</summary>
/// <param name="Rows">Firm-period rows.</param>
/// <param name="Firms">Distinct firms.</param>
/// <param name="Periods">The periods, ascending.</param>
/// <param name="Regions">Distinct region names, in ordinal order.</param>
/// <param name="Industries">Number of distinct DB07 codes.</param>
/// <param name="Municipalities">Number of distinct municipality codes.</param>
/// <param name="PublicFirms">Firms in the public sector.</param>
/// <param name="FirmsWithAttributeChanges">Firms whose attributes changed and were given their latest value.</param>
public sealed record RegisterSummary(
    long Rows,
    int Firms,
    IReadOnlyList<Period> Periods,
    IReadOnlyList<string> Regions,
    int Industries,
    int Municipalities,
    int PublicFirms,
    int FirmsWithAttributeChanges)
{
    /// <summary>Rows with an export value (the optional <c>export</c> column); null without the column.</summary>
    public int? ExportRows { get; init; }

    /// <summary>Rows with export above 0; null without the <c>export</c> column.</summary>
    public int? ExportingRows { get; init; }

    /// <summary>Rows with negative value added (the optional <c>value_added</c> column); null without the column.</summary>
    public int? NegativeValueAddedRows { get; init; }

    /// <summary>Summarises a register.</summary>
    public static RegisterSummary Of(Register register)
    {
        ArgumentNullException.ThrowIfNull(register);
        int publicFirms = 0;
        foreach (bool p in register.PublicFlags)
        {
            if (p)
            {
                publicFirms++;
            }
        }

        return new RegisterSummary(
            register.RowCount,
            register.FirmCount,
            register.Periods,
            register.RegionNames,
            register.IndustryNames.Count,
            register.MunicipalityNames.Count,
            publicFirms,
            register.FirmsWithAttributeChanges)
        {
            ExportRows = register.HasExport ? Count(register.ExportValues, v => !double.IsNaN(v)) : null,
            ExportingRows = register.HasExport ? Count(register.ExportValues, v => v > 0) : null,
            NegativeValueAddedRows = register.HasValueAdded ? Count(register.ValueAddedValues, v => v < 0) : null,
        };
    }

    private static int Count(ReadOnlySpan<double> values, Func<double, bool> test)
    {
        int n = 0;
        foreach (double v in values)
        {
            n += test(v) ? 1 : 0;
        }

        return n;
    }
}
