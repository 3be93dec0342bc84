namespace GlobalMidt.Effects.Data;

/// <summary>
/// A columnar firm register: one entry per firm (sorted by <see cref="FirmIdComparer"/>) with its static attributes
/// as interned codes, and a firm x period matrix of FTEs and turnover (NaN where the firm did not exist).
/// </summary>
/// <remarks>
/// Build it with the loaders (<c>RegisterCsv</c>, <c>RegisterDataFrame</c>, <c>RegisterBuilder</c>); they validate
/// every value. Values are stored firm-major: the value of firm <c>f</c> in period <c>p</c> is at
/// <c>f * PeriodCount + p</c>.
/// </remarks>
public sealed class Register
{
    private readonly FirmIdList _firmIds;
    private readonly Period[] _periods;
    private readonly int[] _municipality;
    private readonly string[] _municipalityCodes;
    private readonly int[] _region;
    private readonly string[] _regionNames;
    private readonly int[] _industry;
    private readonly string[] _industryCodes;
    private readonly bool[] _isPublic;
    private readonly double[] _fte;
    private readonly double[] _turnover;
    private readonly double[]? _export;
    private readonly double[]? _valueAdded;
    private Dictionary<string, int>? _index;
    private ulong[]? _numericKeys;

    /// <summary>True when the firm ids are in <see cref="FirmIdComparer"/>'s order (the loaders sort them), so
    /// <see cref="FindFirm"/> searches them.</summary>
    internal bool IdsInCanonicalOrder { get; init; }

    /// <summary>With <see cref="IdsInCanonicalOrder"/>, the ids' numeric keys (<see cref="FirmIdComparer.TryNumericKey(ReadOnlySpan{char}, out ulong)"/>,
    /// ascending) when the loader computed them, or an empty array when an id has none; null: computed by the first
    /// <see cref="FindFirm"/>.</summary>
    internal ulong[]? NumericFirmKeys
    {
        get => _numericKeys;
        init => _numericKeys = value;
    }

    /// <summary>Creates a register from validated columns (no copies are made).</summary>
    internal Register(
        FirmIdList firmIds,
        Period[] periods,
        int[] municipality,
        string[] municipalityCodes,
        int[] region,
        string[] regionNames,
        int[] industry,
        string[] industryCodes,
        bool[] isPublic,
        double[] fte,
        double[] turnover,
        double[]? export = null,
        double[]? valueAdded = null)
    {
        int n = firmIds.Count;
        int cells = n * periods.Length;
        if (municipality.Length != n || region.Length != n || industry.Length != n || isPublic.Length != n
            || fte.Length != cells || turnover.Length != cells
            || (export is not null && export.Length != cells) || (valueAdded is not null && valueAdded.Length != cells))
        {
            throw new ArgumentException("Register columns differ in length.", nameof(firmIds));
        }

        _firmIds = firmIds;
        _periods = periods;
        _municipality = municipality;
        _municipalityCodes = municipalityCodes;
        _region = region;
        _regionNames = regionNames;
        _industry = industry;
        _industryCodes = industryCodes;
        _isPublic = isPublic;
        _fte = fte;
        _turnover = turnover;
        _export = export;
        _valueAdded = valueAdded;
    }

    /// <summary>
    /// How many firms had a municipality, region, industry or sector that changed between periods and were given the
    /// value of their latest period (<see cref="AttributeChangeRule.UseLatest"/>); 0 otherwise.
    /// </summary>
    public int FirmsWithAttributeChanges { get; internal init; }

    /// <summary>Number of firm-period rows (cells where the firm existed).</summary>
    public long RowCount
    {
        get
        {
            long n = 0;
            foreach (double v in _fte)
            {
                if (!double.IsNaN(v))
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>
    /// Builds a register from rows given in code, validated exactly as the CSV loader validates a file (source
    /// <c>records</c>, line = item index + 1).
    /// </summary>
    /// <param name="records">One record per firm and period, in any order.</param>
    /// <param name="options">Loader options (attribute-change rule, error cap); the culture does not apply.</param>
    /// <exception cref="InputDataException">A record is invalid; every error found is listed.</exception>
    public static Register FromRecords(IEnumerable<FirmPeriodRecord> records, RegisterLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        options ??= RegisterLoadOptions.Default;
        options.Validate();
        var builder = new RegisterBuilder("records", options, new DataErrorCollector(options.MaxErrors));
        var utf8 = new Utf8Scratch();
        long line = 0;
        foreach (var r in records)
        {
            line++;
            if (r is null)
            {
                builder.BeginRow(line, "?"u8);
                builder.Error(null, null, null, "null record: expected a FirmPeriodRecord");
                continue;
            }

            builder.BeginRow(line, utf8.Trimmed(0, r.FirmId));
            if (r.Period == default)
            {
                builder.Error(RegisterBuilder.ColumnNames[1], builder.CurrentFirmId, null, "missing period: expected a Period such as 2014 or 2014H2");
            }
            else
            {
                builder.SetPeriod(r.Period);
            }

            builder.SetAttributes(
                utf8.Trimmed(1, r.Municipality),
                utf8.Trimmed(2, r.Region),
                utf8.Trimmed(3, r.Industry),
                r.IsPublic ? "public"u8 : "private"u8);
            builder.SetFte(r.Fte);
            builder.SetTurnover(r.Turnover);
            if (line == 1)
            {
                builder.EnableOptionalColumns(r.Export is not null, r.ValueAdded is not null);
            }

            SetOptional(builder, r.Export, builder.WithExport, RegisterBuilder.OptionalColumnNames[0], "Export", builder.SetExport);
            SetOptional(builder, r.ValueAdded, builder.WithValueAdded, RegisterBuilder.OptionalColumnNames[1], "ValueAdded", builder.SetValueAdded);
            builder.EndRow();
        }

        return builder.Build("no records: expected one record per firm and period");
    }

    private static void SetOptional(RegisterBuilder builder, double? value, bool enabled, string column, string property, Action<double> set)
    {
        if (enabled && value is double v)
        {
            set(v);
        }
        else if (enabled)
        {
            builder.Error(column, builder.CurrentFirmId, null,
                $"missing {property}: the first record has one, so every record needs one (or leave it null in all)");
        }
        else if (value is not null)
        {
            builder.Error(column, builder.CurrentFirmId, null,
                $"unexpected {property}: the first record has none, so no record may have one (or give it in all)");
        }
    }

    /// <summary>Number of firms.</summary>
    public int FirmCount => _firmIds.Count;

    /// <summary>Number of periods.</summary>
    public int PeriodCount => _periods.Length;

    /// <summary>The periods, ascending.</summary>
    public IReadOnlyList<Period> Periods => _periods;

    /// <summary>Firm ids in canonical order (<see cref="FirmIdComparer"/>); a firm's index is its position here.</summary>
    public IReadOnlyList<string> FirmIds => _firmIds;

    /// <summary>Distinct region names; <see cref="RegionCodes"/> index into it.</summary>
    public IReadOnlyList<string> RegionNames => _regionNames;

    /// <summary>Distinct DB07 industry codes (digits); <see cref="IndustryCodes"/> index into it.</summary>
    public IReadOnlyList<string> IndustryNames => _industryCodes;

    /// <summary>Distinct municipality codes; <see cref="MunicipalityCodes"/> index into it.</summary>
    public IReadOnlyList<string> MunicipalityNames => _municipalityCodes;

    /// <summary>Per firm, the index of its region in <see cref="RegionNames"/>.</summary>
    public ReadOnlySpan<int> RegionCodes => _region;

    /// <summary>Per firm, the index of its industry in <see cref="IndustryNames"/>.</summary>
    public ReadOnlySpan<int> IndustryCodes => _industry;

    /// <summary>Per firm, the index of its municipality in <see cref="MunicipalityNames"/>.</summary>
    public ReadOnlySpan<int> MunicipalityCodes => _municipality;

    /// <summary>Per firm, true for a public-sector firm.</summary>
    public ReadOnlySpan<bool> PublicFlags => _isPublic;

    /// <summary>FTEs, firm-major (<c>f * PeriodCount + p</c>), NaN where the firm did not exist.</summary>
    public ReadOnlySpan<double> FteValues => _fte;

    /// <summary>Turnover in 1,000 DKK, firm-major, NaN where the firm did not exist.</summary>
    public ReadOnlySpan<double> TurnoverValues => _turnover;

    /// <summary>True when the register has an export column (optional <c>export</c> in firms.csv).</summary>
    public bool HasExport => _export is not null;

    /// <summary>True when the register has a value added column (optional <c>value_added</c> in firms.csv).</summary>
    public bool HasValueAdded => _valueAdded is not null;

    /// <summary>Export in 1,000 DKK, firm-major, NaN where the firm did not exist; empty when
    /// <see cref="HasExport"/> is false.</summary>
    public ReadOnlySpan<double> ExportValues => _export;

    /// <summary>Value added in 1,000 DKK (may be negative), firm-major, NaN where the firm did not exist; empty when
    /// <see cref="HasValueAdded"/> is false.</summary>
    public ReadOnlySpan<double> ValueAddedValues => _valueAdded;

    /// <summary>Export (1,000 DKK) of a firm in a period; NaN when absent or when the register has no export.</summary>
    public double Export(int firm, int period) => _export is null ? double.NaN : _export[(firm * _periods.Length) + period];

    /// <summary>Value added (1,000 DKK) of a firm in a period; NaN when absent or when the register has none.</summary>
    public double ValueAdded(int firm, int period) =>
        _valueAdded is null ? double.NaN : _valueAdded[(firm * _periods.Length) + period];

    /// <summary>The id of firm <paramref name="firm"/>.</summary>
    public string FirmId(int firm) => _firmIds[firm];

    /// <summary>The region name of a firm.</summary>
    public string Region(int firm) => _regionNames[_region[firm]];

    /// <summary>The DB07 industry code of a firm.</summary>
    public string Industry(int firm) => _industryCodes[_industry[firm]];

    /// <summary>The municipality code of a firm.</summary>
    public string Municipality(int firm) => _municipalityCodes[_municipality[firm]];

    /// <summary>True when the firm is in the public sector.</summary>
    public bool IsPublic(int firm) => _isPublic[firm];

    /// <summary>True when the firm exists (has a row) in period <paramref name="period"/>.</summary>
    public bool IsPresent(int firm, int period) => !double.IsNaN(_fte[(firm * _periods.Length) + period]);

    /// <summary>FTEs of a firm in a period; NaN when absent.</summary>
    public double Fte(int firm, int period) => _fte[(firm * _periods.Length) + period];

    /// <summary>Turnover (1,000 DKK) of a firm in a period; NaN when absent.</summary>
    public double Turnover(int firm, int period) => _turnover[(firm * _periods.Length) + period];

    /// <summary>The index of a firm id, or -1 when the register does not hold it.</summary>
    public int FindFirm(string firmId)
    {
        ArgumentNullException.ThrowIfNull(firmId);
        if (IdsInCanonicalOrder)
        {
            // Distinct ids in the canonical order, where only equal ids compare equal: a binary search, not a
            // table of every firm built for the first lookup; over numeric keys when every id has one (CVR numbers).
            string id = firmId.Trim();
            var keys = _numericKeys ??= NumericKeys(_firmIds);
            if (keys.Length == _firmIds.Count)
            {
                return FirmIdComparer.TryNumericKey(id, out ulong key) && Array.BinarySearch(keys, key) is int k and >= 0 ? k : -1;
            }

            int at = Array.BinarySearch(_firmIds.Strings(), id, FirmIdComparer.Instance);
            return at >= 0 ? at : -1;
        }

        var index = _index;
        if (index is null)
        {
            var ids = _firmIds.Strings();
            index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
            for (int i = 0; i < ids.Length; i++)
            {
                index[ids[i]] = i;
            }

            _index = index;
        }

        return index.TryGetValue(firmId.Trim(), out int f) ? f : -1;
    }

    /// <summary>The numeric keys of <paramref name="ids"/> (<see cref="FirmIdComparer.TryNumericKey(ReadOnlySpan{char}, out ulong)"/>), ascending
    /// as the ids are; empty when an id has none.</summary>
    private static ulong[] NumericKeys(FirmIdList ids)
    {
        var keys = new ulong[ids.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            if (!(ids.IsUtf8 ? FirmIdComparer.TryNumericKey(ids.Utf8(i), out keys[i]) : FirmIdComparer.TryNumericKey(ids[i], out keys[i])))
            {
                return [];
            }
        }

        return keys;
    }

    /// <summary>The index of a period, or -1 when the register does not hold it.</summary>
    public int FindPeriod(Period period) => Array.IndexOf(_periods, period);
}
