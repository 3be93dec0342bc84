using GlobalMidt.Effects.Data;
using Microsoft.Data.Analysis;

namespace GlobalMidt.Effects;

/// <summary>Converts between a <see cref="Register"/> and a long-format <see cref="DataFrame"/> (one row per firm
/// and period), e.g. for notebooks.</summary>
/// <remarks>Column names and rules are those of <c>firms.csv</c> (see <see cref="RegisterCsv"/>); validation is
/// the same (source <c>DataFrame</c>, line = row index + 1).</remarks>
public static class RegisterDataFrame
{
    /// <summary>Builds a validated register from a DataFrame with the columns of <c>firms.csv</c>.</summary>
    /// <param name="df">Columns <c>firm_id, period, municipality, region, industry, sector, fte, turnover</c>
    /// (any order, case-insensitive). Text columns are <see cref="StringDataFrameColumn"/>s; <c>firm_id</c>,
    /// <c>period</c> (years) and <c>municipality</c> may also be whole-number columns; <c>fte</c> and <c>turnover</c>
    /// are double, float, int, long, short or decimal columns; optional numeric <c>export</c> and <c>value_added</c>
    /// (<see cref="Register.HasExport"/>) are read when present.</param>
    /// <param name="options">Attribute-change rule and error cap; null for the defaults.</param>
    /// <exception cref="InputDataException">A column is missing or of the wrong type, or a value is null or invalid.</exception>
    public static Register FromDataFrame(DataFrame df, RegisterLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(df);
        options ??= RegisterLoadOptions.Default;
        options.Validate();
        var names = RegisterBuilder.ColumnNames;
        var cols = DataFrameColumns.Find(df, names);
        var text = new DataFrameColumns.Text[6];
        for (int c = 0; c < 6; c++)
        {
            text[c] = new DataFrameColumns.Text(cols[c], names[c], allowWholeNumbers: c is 0 or 1 or 2);
        }

        var (fte, fteNull) = DataFrameColumns.Numbers(cols[6], names[6]);
        var (turnover, turnoverNull) = DataFrameColumns.Numbers(cols[7], names[7]);
        var optional = RegisterBuilder.OptionalColumnNames;
        var exportColumn = Optional(df, optional[0]);
        var valueAddedColumn = Optional(df, optional[1]);
        var (export, exportNull) = exportColumn is null ? ([], []) : DataFrameColumns.Numbers(exportColumn, optional[0]);
        var (valueAdded, valueAddedNull) = valueAddedColumn is null ? ([], []) : DataFrameColumns.Numbers(valueAddedColumn, optional[1]);
        var errors = new DataErrorCollector(options.MaxErrors);
        var builder = new RegisterBuilder(DataFrameColumns.Source, options, errors);
        builder.EnableOptionalColumns(exportColumn is not null, valueAddedColumn is not null);
        int rows = (int)df.Rows.Count;
        for (int i = 0; i < rows; i++)
        {
            long line = i + 1L;
            if (text[0].IsNull(i))
            {
                builder.SkipRow(line);
                builder.Error(names[0], null, null, "null value: expected a firm id (CVR number)");
                continue;
            }

            builder.BeginRow(line, text[0].Utf8(i));
            bool attributesNull = false;
            for (int c = 1; c < 6; c++)
            {
                if (text[c].IsNull(i))
                {
                    attributesNull |= c > 1;
                    builder.Error(names[c], builder.CurrentFirmId, null, $"null value: expected a {names[c]}");
                }
            }

            if (!text[1].IsNull(i))
            {
                builder.SetPeriod(text[1].Utf8(i));
            }

            if (!attributesNull)
            {
                builder.SetAttributes(text[2].Utf8(i), text[3].Utf8(i), text[4].Utf8(i), text[5].Utf8(i));
            }

            if (fteNull[i])
            {
                builder.Error(names[6], builder.CurrentFirmId, null, "null value: expected a non-negative number of FTE years");
            }
            else
            {
                builder.SetFte(fte[i]);
            }

            if (turnoverNull[i])
            {
                builder.Error(names[7], builder.CurrentFirmId, null, "null value: expected a non-negative turnover in 1,000 DKK");
            }
            else
            {
                builder.SetTurnover(turnover[i]);
            }

            if (exportColumn is not null)
            {
                if (exportNull[i])
                {
                    builder.Error(optional[0], builder.CurrentFirmId, null, "null value: expected " + ValueBounds.ExportTdkk.What);
                }
                else
                {
                    builder.SetExport(export[i]);
                }
            }

            if (valueAddedColumn is not null)
            {
                if (valueAddedNull[i])
                {
                    builder.Error(optional[1], builder.CurrentFirmId, null, "null value: expected " + ValueBounds.ValueAddedTdkk.What);
                }
                else
                {
                    builder.SetValueAdded(valueAdded[i]);
                }
            }

            builder.EndRow();
        }

        return builder.Build("no rows: the DataFrame is empty; expected one row per firm and period");
    }

    /// <summary>The optional column <paramref name="name"/> (case-insensitive, trimmed; the first of that name), or
    /// null.</summary>
    private static DataFrameColumn? Optional(DataFrame df, string name) =>
        df.Columns.FirstOrDefault(c => string.Equals(c.Name.Trim(), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The register in long format: one row per firm and period where the firm exists, firms in canonical
    /// order and periods ascending; columns as in <c>firms.csv</c> (text columns as strings, <c>sector</c> as
    /// <c>private</c>/<c>public</c>, <c>fte</c> and <c>turnover</c> as doubles).</summary>
    public static DataFrame ToDataFrame(Register register)
    {
        ArgumentNullException.ThrowIfNull(register);
        long rows = register.RowCount;
        var firm = new string[rows];
        var period = new string[rows];
        var municipality = new string[rows];
        var region = new string[rows];
        var industry = new string[rows];
        var sector = new string[rows];
        var fte = new double[rows];
        var turnover = new double[rows];
        var export = register.HasExport ? new double[rows] : null;
        var valueAdded = register.HasValueAdded ? new double[rows] : null;
        var labels = register.Periods.Select(p => p.ToString()).ToArray();
        int pCount = register.PeriodCount;
        var fteValues = register.FteValues;
        var turnoverValues = register.TurnoverValues;
        long k = 0;
        for (int f = 0; f < register.FirmCount; f++)
        {
            for (int p = 0; p < pCount; p++)
            {
                int cell = (f * pCount) + p;
                if (double.IsNaN(fteValues[cell]))
                {
                    continue;
                }

                firm[k] = register.FirmId(f);
                period[k] = labels[p];
                municipality[k] = register.Municipality(f);
                region[k] = register.Region(f);
                industry[k] = register.Industry(f);
                sector[k] = register.IsPublic(f) ? "public" : "private";
                fte[k] = fteValues[cell];
                turnover[k] = turnoverValues[cell];
                if (export is not null)
                {
                    export[k] = register.ExportValues[cell];
                }

                if (valueAdded is not null)
                {
                    valueAdded[k] = register.ValueAddedValues[cell];
                }

                k++;
            }
        }

        var names = RegisterBuilder.ColumnNames;
        var df = new DataFrame(
            new StringDataFrameColumn(names[0], firm),
            new StringDataFrameColumn(names[1], period),
            new StringDataFrameColumn(names[2], municipality),
            new StringDataFrameColumn(names[3], region),
            new StringDataFrameColumn(names[4], industry),
            new StringDataFrameColumn(names[5], sector),
            new DoubleDataFrameColumn(names[6], fte),
            new DoubleDataFrameColumn(names[7], turnover));
        if (export is not null)
        {
            df.Columns.Add(new DoubleDataFrameColumn(RegisterBuilder.OptionalColumnNames[0], export));
        }

        if (valueAdded is not null)
        {
            df.Columns.Add(new DoubleDataFrameColumn(RegisterBuilder.OptionalColumnNames[1], valueAdded));
        }

        return df;
    }
}
