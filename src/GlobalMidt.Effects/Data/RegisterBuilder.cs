using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// The single validation point of the register: every loader (CSV, records, DataFrame) feeds rows here, one
/// field at a time, and <see cref="Build"/> turns them into the columnar <see cref="Register"/>.
/// </summary>
/// <remarks>
/// <para>Per row: <see cref="BeginRow"/> (firm id), <see cref="SetPeriod(ReadOnlySpan{byte})"/>,
/// <see cref="SetAttributes"/>, <see cref="SetFte(ReadOnlySpan{byte})"/>,
/// <see cref="SetTurnover(ReadOnlySpan{byte})"/>, <see cref="EndRow"/>. Text arrives as UTF-8 bytes, trimmed.
/// Errors go to the collector with source, line, column, firm id and value; <see cref="Build"/> throws them
/// together.</para>
/// <para>Hot path: rows usually come grouped by firm, so the firm id and the four static attributes are first
/// compared byte-wise with the previous row's and only looked up (span-keyed dictionaries, no string per row)
/// when they differ. Rows are kept in 64K-row chunks (firm, period code, FTE, turnover: 22 bytes a row) and
/// scattered into the firm-major matrix at the end, a chunk at a time, so peak memory stays near the
/// final columns plus the chunks. The result depends only on the set of rows, never on their order.</para>
/// </remarks>
internal sealed class RegisterBuilder
{
    /// <summary>The columns of the firm register, in contract order.</summary>
    public static readonly string[] ColumnNames =
        ["firm_id", "period", "municipality", "region", "industry", "sector", "fte", "turnover"];

    /// <summary>The optional number columns of the firm register (docs/data-contract.md): export, value added.</summary>
    public static readonly string[] OptionalColumnNames = ["export", "value_added"];

    private const int ChunkShift = 16;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;
    private const byte ChangedFlag = 1 << 4;
    private static readonly string[] SectorNames = ["private", "public"];

    private readonly string _source;
    private readonly CultureInfo _culture;
    private readonly byte _decimalSeparator;
    private readonly bool _useLatest;
    private readonly DataErrorCollector _errors;

    private readonly Utf8Interner _firms = new(lazyNames: true);
    private int[] _firmMunicipality = new int[1024];
    private int[] _firmRegion = new int[1024];
    private int[] _firmIndustry = new int[1024];
    private sbyte[] _firmSector = new sbyte[1024];
    private int[] _firmAttrOrdinal = new int[1024];
    private long[] _firmAttrLine = new long[1024];
    private byte[] _firmFlags = new byte[1024];
    private ulong[] _firmSeen = new ulong[1024];
    private HashSet<long>? _seenBeyond64;
    private int _firmCount;

    private readonly Utf8Interner _municipalities = new();
    private readonly Utf8Interner _regions = new();
    private readonly Utf8Interner _industries = new();

    private readonly List<Period> _periods = [];
    private int _periodKind = -1;
    private long _periodKindLine;
    private Period _periodKindExample;
    private ulong[] _periodLabelKeys = new ulong[16];
    private int[] _periodLabelCodes = new int[16];
    private int _periodLabelCount;

    private readonly List<int[]?> _rowFirm = [];
    private readonly List<ushort[]?> _rowPeriod = [];
    private readonly List<double[]?> _rowFte = [];
    private readonly List<double[]?> _rowTurnover = [];
    private readonly List<double[]?> _rowExport = [];
    private readonly List<double[]?> _rowValueAdded = [];
    private int _rowCount;
    private int[] _curFirm = [];
    private ushort[] _curPeriod = [];
    private double[] _curFte = [];
    private double[] _curTurnover = [];
    private double[] _curExport = [];
    private double[] _curValueAdded = [];
    private readonly List<(int Row, long Delta)> _lineDeltas = [];
    private long _lastLineDelta = -1; // the last entry's delta (-1: none yet; a row's line is at least its index + 1)
    private readonly List<(long Line, int Firm, int Period)> _duplicates = [];

    // The current row.
    private long _line;
    private int _firm = -1;
    private bool _sameFirm;
    private int _period = -1;
    private double _fte;
    private double _turnover;
    private double _export;
    private double _valueAdded;

    // The previous row, for the grouped-by-firm fast path.
    private byte[] _prevId = new byte[64];
    private int _prevIdLength;
    private int _prevFirm = -1;
    private readonly byte[][] _prevAttr = [new byte[16], new byte[32], new byte[8], new byte[8]];
    private readonly int[] _prevAttrLength = new int[4];
    private bool _prevAttrConsistent;

    /// <summary>Creates a builder whose errors name <paramref name="source"/>.</summary>
    public RegisterBuilder(string source, RegisterLoadOptions options, DataErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _source = source;
        _culture = options.Culture;
        _decimalSeparator = options.UsesDecimalComma ? (byte)',' : (byte)'.';
        _useLatest = options.AttributeChangeRule == AttributeChangeRule.UseLatest;
        _errors = errors;
    }

    /// <summary>True when the rows carry an export value (<see cref="EnableOptionalColumns"/>).</summary>
    public bool WithExport { get; private set; }

    /// <summary>True when the rows carry a value added (<see cref="EnableOptionalColumns"/>).</summary>
    public bool WithValueAdded { get; private set; }

    /// <summary>Declares which optional columns every row carries; call before the first row.</summary>
    public void EnableOptionalColumns(bool export, bool valueAdded)
    {
        if (_rowCount > 0)
        {
            throw new InvalidOperationException("Optional columns are declared before the first row.");
        }

        WithExport = export;
        WithValueAdded = valueAdded;
    }

    /// <summary>The firm id of the current row as text, for messages (null when empty).</summary>
    public string? CurrentFirmId => _firm >= 0 ? _firms.Name(_firm) : null;

    /// <summary>Starts a row at <paramref name="line"/> (1-based; header = 1 for files, item index + 1 otherwise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BeginRow(long line, ReadOnlySpan<byte> firmId)
    {
        _line = line;
        _period = -1;
        _fte = 0;
        _turnover = 0;
        _export = 0;
        _valueAdded = 0;
        if (firmId.IsEmpty)
        {
            _firm = -1;
            _sameFirm = false;
            Error(ColumnNames[0], null, "", "empty firm id: every row needs a firm id (CVR number)");
            return;
        }

        if (_prevFirm >= 0 && firmId.SequenceEqual(_prevId.AsSpan(0, _prevIdLength)))
        {
            _firm = _prevFirm;
            _sameFirm = true;
            return;
        }

        _firm = FindOrAddFirm(firmId, line);
        _sameFirm = false;
        if (_firms.Problem(_firm) is string problem)
        {
            _firm = -1;
            _prevFirm = -1;
            Error(ColumnNames[0], null, FieldText.Show(firmId), problem);
            return;
        }

        _prevFirm = _firm;
        if (_prevId.Length < firmId.Length)
        {
            _prevId = new byte[firmId.Length * 2];
        }

        firmId.CopyTo(_prevId);
        _prevIdLength = firmId.Length;
    }

    /// <summary>Starts a row whose firm id the caller found byte for byte equal to the previous row's (not empty):
    /// what <see cref="BeginRow"/> does then, without comparing again. False (nothing done) when the previous row's
    /// firm is not usable; then call <see cref="BeginRow"/>.</summary>
    internal bool ContinueFirm(long line)
    {
        if (_prevFirm < 0)
        {
            return false;
        }

        _line = line;
        _period = -1;
        _fte = 0;
        _turnover = 0;
        _export = 0;
        _valueAdded = 0;
        _firm = _prevFirm;
        _sameFirm = true;
        return true;
    }

    /// <summary><see cref="SetAttributes"/> for a row begun by <see cref="ContinueFirm"/> whose four attributes the
    /// caller found byte for byte equal to the previous row's: when the previous row's were taken, this row's are
    /// the ones kept (the comparison <see cref="SetAttributes"/> would make succeeds), otherwise the full check.</summary>
    internal void SetSameAttributes(
        ReadOnlySpan<byte> municipality, ReadOnlySpan<byte> region, ReadOnlySpan<byte> industry, ReadOnlySpan<byte> sector)
    {
        if (!_prevAttrConsistent)
        {
            SetAttributes(municipality, region, industry, sector);
            return;
        }

        if (_useLatest && _period >= 0)
        {
            int f = _firm;
            int ordinal = _periods[_period].Ordinal;
            if (ordinal > _firmAttrOrdinal[f])
            {
                _firmAttrOrdinal[f] = ordinal;
                _firmAttrLine[f] = _line;
            }
        }
    }

    /// <summary>
    /// The whole of rows <paramref name="line"/>, <paramref name="line"/> + 1, ... of a run whose firm id and four
    /// attributes the caller found byte for byte equal to the previous row's, whose period labels have the keys
    /// <paramref name="periodKeys"/> (<see cref="PeriodLabelKey"/>) and whose numbers are parsed and within their
    /// ranges (<paramref name="numbers"/>, four per row): for each, what <see cref="ContinueFirm"/>,
    /// <see cref="SetPeriod(ReadOnlySpan{byte})"/>, <see cref="SetSameAttributes"/>, <see cref="SetCheckedNumbers"/>
    /// and <see cref="EndRow"/> do, without the calls (most rows of a register sorted by firm). Rows are taken while
    /// none of them would take another path (the previous row's firm or attributes not usable, or a label not seen
    /// before); returns how many (0: none), the others are the caller's to give the usual way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int ContinueRows(long line, ReadOnlySpan<ulong> periodKeys, ReadOnlySpan<double> numbers)
    {
        if (_prevFirm < 0 || !_prevAttrConsistent)
        {
            return 0;
        }

        int f = _prevFirm;
        int done = 0;
        int hint = -1; // the label index of the previous row's period: a run's periods usually follow the labels' order
        for (; done < periodKeys.Length; done++)
        {
            ulong key = periodKeys[done];
            int label = hint + 1 < _periodLabelCount && _periodLabelKeys[hint + 1] == key ? hint + 1 : KnownLabel(key);
            if (key == 0 || label < 0)
            {
                break;
            }

            hint = label;
            int period = _periodLabelCodes[label];
            long rowLine = line + done;
            if (_useLatest)
            {
                int ordinal = _periods[period].Ordinal;
                if (ordinal > _firmAttrOrdinal[f])
                {
                    _firmAttrOrdinal[f] = ordinal;
                    _firmAttrLine[f] = rowLine;
                }
            }

            int n = done * 4;
            Store(rowLine, f, period, numbers[n], numbers[n + 1], numbers[n + 2], numbers[n + 3]);
        }

        if (done > 0)
        {
            // The state those calls leave after the last row.
            int n = (done - 1) * 4;
            _line = line + done - 1;
            _firm = f;
            _sameFirm = true;
            _period = _periodLabelCodes[hint];
            _fte = numbers[n];
            _turnover = numbers[n + 1];
            _export = numbers[n + 2];
            _valueAdded = numbers[n + 3];
        }

        return done;
    }

    /// <summary>Starts a row that cannot be used (e.g. a null firm id, already reported): it is not stored.</summary>
    public void SkipRow(long line)
    {
        _line = line;
        _firm = -1;
        _sameFirm = false;
        _period = -1;
    }

    /// <summary>A period label of at most 7 bytes packed with its length into one word (0 for a longer one), so a
    /// label seen before is one compare away: labels are at most 6 bytes (<c>YYYYH2</c>).</summary>
    internal static ulong PeriodLabelKey(ReadOnlySpan<byte> label)
    {
        if (label.Length > 7)
        {
            return 0;
        }

        ulong key = (ulong)label.Length << 56;
        for (int i = 0; i < label.Length; i++)
        {
            key |= (ulong)label[i] << (8 * i);
        }

        return key;
    }

    /// <summary>The period code of a label key seen before (<see cref="PeriodLabelKey"/>), or -1.</summary>
    private int KnownPeriod(ulong key) => KnownLabel(key) is int label and >= 0 ? _periodLabelCodes[label] : -1;

    /// <summary>The index of a label key seen before among the labels, or -1.</summary>
    private int KnownLabel(ulong key)
    {
        for (int i = 0; i < _periodLabelCount; i++)
        {
            if (_periodLabelKeys[i] == key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Sets the period from its label (<c>YYYY</c>, <c>YYYYH1</c>, <c>YYYYH2</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SetPeriod(ReadOnlySpan<byte> label)
    {
        ulong key = PeriodLabelKey(label);
        if (key != 0 && KnownPeriod(key) is int known and >= 0)
        {
            _period = known;
            return;
        }

        if (!Period.TryParseUtf8(label, out var period))
        {
            _period = -1;
            Error(ColumnNames[1], CurrentFirmId, FieldText.Show(label),
                "not a period: expected YYYY, YYYYH1 or YYYYH2 (e.g. 2014 or 2014H2, years 1900-2999)");
            return;
        }

        SetPeriod(period);
        if (_period >= 0 && key != 0)
        {
            if (_periodLabelCount == _periodLabelKeys.Length)
            {
                Array.Resize(ref _periodLabelKeys, _periodLabelCount * 2);
                Array.Resize(ref _periodLabelCodes, _periodLabelCount * 2);
            }

            _periodLabelKeys[_periodLabelCount] = key;
            _periodLabelCodes[_periodLabelCount++] = _period;
        }
    }

    /// <summary>Sets the period.</summary>
    public void SetPeriod(Period period)
    {
        int kind = period.IsHalfYear ? 1 : 0;
        if (_periodKind < 0)
        {
            _periodKind = kind;
            _periodKindLine = _line;
            _periodKindExample = period;
        }
        else if (kind != _periodKind)
        {
            _period = -1;
            Error(ColumnNames[1], CurrentFirmId, period.ToString(), string.Create(
                CultureInfo.InvariantCulture,
                $"mixed annual and half-year periods: line {_periodKindLine} has {(_periodKind == 0 ? "annual" : "half-year")} period {_periodKindExample}; expected all rows to be one kind"));
            return;
        }

        for (int i = 0; i < _periods.Count; i++)
        {
            if (_periods[i] == period)
            {
                _period = i;
                return;
            }
        }

        if (_periods.Count >= ushort.MaxValue)
        {
            _period = -1;
            Error(ColumnNames[1], CurrentFirmId, period.ToString(), "too many distinct periods (at most 65,534)");
            return;
        }

        _periods.Add(period);
        _period = _periods.Count - 1;
    }

    /// <summary>Sets the static attributes from their text (trimmed UTF-8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SetAttributes(
        ReadOnlySpan<byte> municipality, ReadOnlySpan<byte> region, ReadOnlySpan<byte> industry, ReadOnlySpan<byte> sector)
    {
        if (_firm < 0)
        {
            return;
        }

        int f = _firm;
        if (_sameFirm && _prevAttrConsistent
            && municipality.SequenceEqual(_prevAttr[0].AsSpan(0, _prevAttrLength[0]))
            && region.SequenceEqual(_prevAttr[1].AsSpan(0, _prevAttrLength[1]))
            && industry.SequenceEqual(_prevAttr[2].AsSpan(0, _prevAttrLength[2]))
            && sector.SequenceEqual(_prevAttr[3].AsSpan(0, _prevAttrLength[3])))
        {
            if (_useLatest && _period >= 0)
            {
                int ordinal = _periods[_period].Ordinal;
                if (ordinal > _firmAttrOrdinal[f])
                {
                    _firmAttrOrdinal[f] = ordinal;
                    _firmAttrLine[f] = _line;
                }
            }

            return;
        }

        _prevAttrConsistent = false;
        int m = Code(_municipalities, municipality, 2, f, "a municipality code (e.g. 751)");
        int r = Code(_regions, region, 3, f, "a region name (e.g. Region Midtjylland)");
        bool ok = m >= 0 && r >= 0;
        int ind = -1;
        if (!FieldText.IsIndustryCode(industry))
        {
            ok = false;
            Error(ColumnNames[4], _firms.Name(f), FieldText.Show(industry),
                "not a DB07 industry code: expected 1-6 digits (e.g. 011100, kept as text so leading zeros survive)");
        }
        else
        {
            ind = _industries.GetOrAdd(industry);
        }

        int s = FieldText.ParseSector(sector);
        if (s < 0)
        {
            ok = false;
            Error(ColumnNames[5], _firms.Name(f), FieldText.Show(sector), "not a sector: expected 'private' or 'public'");
        }

        if (!ok)
        {
            return;
        }

        ApplyAttributes(f, m, r, ind, s);
        CopyPrev(0, municipality);
        CopyPrev(1, region);
        CopyPrev(2, industry);
        CopyPrev(3, sector);
    }

    /// <summary>The code of a municipality or region, or -1 after an error (empty, or a problem the codes name) at
    /// firm <paramref name="f"/>.</summary>
    private int Code(Utf8Interner codes, ReadOnlySpan<byte> text, int column, int f, string expected)
    {
        if (text.IsEmpty)
        {
            Error(ColumnNames[column], _firms.Name(f), "", "empty: expected " + expected);
            return -1;
        }

        int code = codes.GetOrAdd(text);
        if (codes.Problem(code) is string problem)
        {
            Error(ColumnNames[column], _firms.Name(f), FieldText.Show(text), problem);
            return -1;
        }

        return code;
    }

    /// <summary>Sets FTEs from text.</summary>
    public void SetFte(ReadOnlySpan<byte> text) => _fte = ParseNumber(text, ColumnNames[6], ValueBounds.Fte);

    /// <summary>Sets FTEs from a number.</summary>
    public void SetFte(double value) => _fte = CheckNumber(value, ColumnNames[6], ValueBounds.Fte);

    /// <summary>Sets turnover from text.</summary>
    public void SetTurnover(ReadOnlySpan<byte> text) => _turnover = ParseNumber(text, ColumnNames[7], ValueBounds.TurnoverTdkk);

    /// <summary>Sets turnover from a number.</summary>
    public void SetTurnover(double value) => _turnover = CheckNumber(value, ColumnNames[7], ValueBounds.TurnoverTdkk);

    /// <summary>Sets export (1,000 DKK) from text.</summary>
    public void SetExport(ReadOnlySpan<byte> text) => _export = ParseNumber(text, OptionalColumnNames[0], ValueBounds.ExportTdkk);

    /// <summary>Sets export (1,000 DKK) from a number.</summary>
    public void SetExport(double value) => _export = CheckNumber(value, OptionalColumnNames[0], ValueBounds.ExportTdkk);

    /// <summary>Sets value added (1,000 DKK, may be negative) from text.</summary>
    public void SetValueAdded(ReadOnlySpan<byte> text) => _valueAdded = ParseNumber(text, OptionalColumnNames[1], ValueBounds.ValueAddedTdkk);

    /// <summary>Sets value added (1,000 DKK, may be negative) from a number.</summary>
    public void SetValueAdded(double value) => _valueAdded = CheckNumber(value, OptionalColumnNames[1], ValueBounds.ValueAddedTdkk);

    /// <summary>Sets the numbers of the current row already parsed from text and found within their ranges
    /// (<see cref="ValueBounds"/>): what the text setters store for such text, without parsing it again.</summary>
    internal void SetCheckedNumbers(double fte, double turnover, double export, double valueAdded)
    {
        _fte = fte;
        _turnover = turnover;
        _export = export;
        _valueAdded = valueAdded;
    }

    /// <summary>Reports an error at the current row (for loader-specific problems such as a null value).</summary>
    public void Error(string? column, string? firmId, string? value, string message) =>
        _errors.Add(new DataError(_source, _line, column, firmId, value, message));

    /// <summary>Ends the row: stores it when its firm and period are valid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndRow()
    {
        if (_firm < 0 || _period < 0)
        {
            return;
        }

        Store(_line, _firm, _period, _fte, _turnover, _export, _valueAdded);
    }

    /// <summary>A row of firm <paramref name="f"/> and period <paramref name="p"/> at <paramref name="line"/> into the
    /// row chunks, or into the duplicates when the firm already has that period.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store(long line, int f, int p, double fte, double turnover, double export, double valueAdded)
    {
        if (p < 64)
        {
            ulong bit = 1UL << p;
            if ((_firmSeen[f] & bit) != 0)
            {
                _duplicates.Add((line, f, p));
                return;
            }

            _firmSeen[f] |= bit;
        }
        else
        {
            _seenBeyond64 ??= [];
            if (!_seenBeyond64.Add(((long)f << 16) | (uint)p))
            {
                _duplicates.Add((line, f, p));
                return;
            }
        }

        int row = _rowCount;
        int i = row & ChunkMask;
        if (i == 0)
        {
            _curFirm = GC.AllocateUninitializedArray<int>(ChunkSize);
            _curPeriod = GC.AllocateUninitializedArray<ushort>(ChunkSize);
            _curFte = GC.AllocateUninitializedArray<double>(ChunkSize);
            _curTurnover = GC.AllocateUninitializedArray<double>(ChunkSize);
            _rowFirm.Add(_curFirm);
            _rowPeriod.Add(_curPeriod);
            _rowFte.Add(_curFte);
            _rowTurnover.Add(_curTurnover);
            if (WithExport)
            {
                _curExport = GC.AllocateUninitializedArray<double>(ChunkSize);
                _rowExport.Add(_curExport);
            }

            if (WithValueAdded)
            {
                _curValueAdded = GC.AllocateUninitializedArray<double>(ChunkSize);
                _rowValueAdded.Add(_curValueAdded);
            }
        }

        _curFirm[i] = f;
        _curPeriod[i] = (ushort)p;
        _curFte[i] = fte;
        _curTurnover[i] = turnover;
        if (WithExport)
        {
            _curExport[i] = export;
        }

        if (WithValueAdded)
        {
            _curValueAdded[i] = valueAdded;
        }

        long delta = line - row;
        if (delta != _lastLineDelta)
        {
            _lineDeltas.Add((row, delta));
            _lastLineDelta = delta;
        }

        _rowCount = row + 1;
    }

    /// <summary>Checks the whole (duplicates, no rows), throws every error found, or builds the register.</summary>
    /// <param name="emptyMessage">The message when there were no rows at all.</param>
    public Register Build(string emptyMessage = "no data rows: the file has a header only; expected one row per firm and period")
    {
        if (_rowCount == 0 && _duplicates.Count == 0 && !_errors.HasErrors)
        {
            _errors.Add(new DataError(_source, 0, null, null, null, emptyMessage));
        }

        ReportDuplicates();
        _errors.ThrowIfAny();

        // Periods ascending.
        var periods = _periods.ToArray();
        Array.Sort(periods);
        int pCount = periods.Length;
        var periodMap = new int[pCount];
        for (int i = 0; i < pCount; i++)
        {
            periodMap[i] = Array.IndexOf(periods, _periods[i]);
        }

        // Firms in canonical order (a sorted extract needs no sort).
        int n = _firmCount;
        var (ids, rank, numericKeys) = CanonicalFirmOrder(n);

        var (municipalityNames, municipalityMap) = _municipalities.Sorted();
        var (regionNames, regionMap) = _regions.Sorted();
        var (industryNames, industryMap) = _industries.Sorted();
        var municipality = new int[n];
        var region = new int[n];
        var industry = new int[n];
        var isPublic = new bool[n];
        int changed = 0;
        for (int f = 0; f < n; f++)
        {
            int k = rank[f];
            municipality[k] = municipalityMap[_firmMunicipality[f]];
            region[k] = regionMap[_firmRegion[f]];
            industry[k] = industryMap[_firmIndustry[f]];
            isPublic[k] = _firmSector[f] == 1;
            if ((_firmFlags[f] & ChangedFlag) != 0)
            {
                changed++;
            }
        }

        // The cells that have a row get its value once; the others are NaN. When every stored row has its period's
        // bit in _firmSeen (codes below 64), those others are a firm's periods without a bit, set after the rows;
        // otherwise every cell is set to NaN first.
        var seen = _firmSeen;
        bool bitsComplete = _seenBeyond64 is null && pCount <= 64;
        _firmMunicipality = _firmRegion = _firmIndustry = _firmAttrOrdinal = [];
        _firmAttrLine = [];
        _firmSector = [];
        _firmFlags = [];
        _firmSeen = [];

        long cells = (long)n * pCount;
        if (cells > Array.MaxLength)
        {
            throw new InputDataException(new DataError(_source, 0, null, null, null, string.Create(
                CultureInfo.InvariantCulture,
                $"too large: {n} firms x {pCount} periods exceeds one array ({Array.MaxLength} cells)")));
        }

        double[] Matrix() => bitsComplete ? GC.AllocateUninitializedArray<double>((int)cells) : NaNs((int)cells);
        var fte = Matrix();
        var turnover = Matrix();
        double[]? export = WithExport ? Matrix() : null;
        double[]? valueAdded = WithValueAdded ? Matrix() : null;

        // The rows into the firm-major matrices, the chunks split among the threads (every (firm, period) has one
        // row at most, so no two threads write one cell; the matrices' pages are first written here, on every core,
        // instead of in a fill pass on one), each chunk released once copied.
        var firmChunks = _rowFirm.ToArray();
        var periodChunks = _rowPeriod.ToArray();
        var fteChunks = _rowFte.ToArray();
        var turnoverChunks = _rowTurnover.ToArray();
        var exportChunks = _rowExport.ToArray();
        var valueAddedChunks = _rowValueAdded.ToArray();
        _rowFirm.Clear();
        _rowPeriod.Clear();
        _rowFte.Clear();
        _rowTurnover.Clear();
        _rowExport.Clear();
        _rowValueAdded.Clear();
        int rowCount = _rowCount;
        Parallel.For(0, firmChunks.Length, c =>
        {
            int count = Math.Min(ChunkSize, rowCount - (c << ChunkShift));
            var firms = firmChunks[c]!;
            var codes = periodChunks[c]!;
            var fteChunk = fteChunks[c]!;
            var turnoverChunk = turnoverChunks[c]!;
            for (int i = 0; i < count; i++)
            {
                long cell = ((long)rank[firms[i]] * pCount) + periodMap[codes[i]];
                fte[cell] = fteChunk[i];
                turnover[cell] = turnoverChunk[i];
            }

            if (export is not null)
            {
                Scatter(export, exportChunks[c]!, firms, codes, count, rank, pCount, periodMap);
                exportChunks[c] = null;
            }

            if (valueAdded is not null)
            {
                Scatter(valueAdded, valueAddedChunks[c]!, firms, codes, count, rank, pCount, periodMap);
                valueAddedChunks[c] = null;
            }

            firmChunks[c] = null;
            periodChunks[c] = null;
            fteChunks[c] = null;
            turnoverChunks[c] = null;
        });

        if (bitsComplete)
        {
            double[][] matrices = [fte, turnover, .. export is null ? [] : new[] { export }, .. valueAdded is null ? [] : new[] { valueAdded }];
            ulong all = pCount == 64 ? ulong.MaxValue : (1UL << pCount) - 1;
            Parallel.For(0, (n + ChunkMask) >> ChunkShift, b =>
            {
                int end = Math.Min(n, (b + 1) << ChunkShift);
                for (int f = b << ChunkShift; f < end; f++)
                {
                    for (ulong missing = ~seen[f] & all; missing != 0; missing &= missing - 1)
                    {
                        long cell = ((long)rank[f] * pCount) + periodMap[BitOperations.TrailingZeroCount(missing)];
                        foreach (var m in matrices)
                        {
                            m[cell] = double.NaN;
                        }
                    }
                }
            });
        }

        return new Register(
            ids, periods, municipality, municipalityNames, region, regionNames, industry, industryNames, isPublic, fte, turnover, export, valueAdded)
        {
            FirmsWithAttributeChanges = _useLatest ? changed : 0,
            IdsInCanonicalOrder = true,
            NumericFirmKeys = numericKeys,
        };
    }

    /// <summary>The firms' ids in canonical order, each firm's rank in it, and the ids' numeric keys in that order
    /// (<see cref="FirmIdComparer.TryNumericKey(ReadOnlySpan{byte}, out ulong)"/>; empty when an id has none). With keys
    /// (CVR numbers) the order is checked and sorted on them, which order as the comparer does and are equal only for
    /// equal ids, and the ids stay UTF-8 bytes (<see cref="FirmIdList"/>: no million strings in the register);
    /// <see cref="Register.FindFirm"/> then searches the same keys. Other ids are made strings and sorted as such.</summary>
    private (FirmIdList Ids, int[] Rank, ulong[] Keys) CanonicalFirmOrder(int n)
    {
        // The keys and whether they ascend, from the bytes the interner kept, in parts on the cores.
        var keys = new ulong[n];
        int parts = Math.Clamp(n / (1 << 16), 1, Environment.ProcessorCount);
        var numericPart = new bool[parts];
        var ascendingPart = new bool[parts];
        var firms = _firms;
        Parallel.For(0, parts, p =>
        {
            int lo = (int)((long)n * p / parts);
            int hi = (int)((long)n * (p + 1) / parts);
            bool numeric = true;
            bool ascending = true;
            for (int i = lo; i < hi && numeric; i++)
            {
                numeric = FirmIdComparer.TryNumericKey(firms.Utf8(i), out keys[i]);
                ascending &= !numeric || i == lo || keys[i - 1] < keys[i];
            }

            numericPart[p] = numeric;
            ascendingPart[p] = ascending;
        });

        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        FirmIdList ids;
        if (Array.TrueForAll(numericPart, x => x))
        {
            bool sorted = Array.TrueForAll(ascendingPart, x => x);
            for (int p = 1; p < parts && sorted; p++)
            {
                int lo = (int)((long)n * p / parts);
                sorted = keys[lo - 1] < keys[lo];
            }

            if (!sorted)
            {
                Array.Sort(keys, order);
            }

            var (bytes, starts) = firms.Packed(sorted ? null : order);
            ids = FirmIdList.OfUtf8(bytes, starts);
        }
        else
        {
            keys = [];
            var strings = new string[n];
            Parallel.For(0, parts, p =>
            {
                for (int i = (int)((long)n * p / parts), hi = (int)((long)n * (p + 1) / parts); i < hi; i++)
                {
                    strings[i] = firms.Name(i);
                }
            });

            bool sorted = true;
            for (int i = 1; i < n && sorted; i++)
            {
                sorted = FirmIdComparer.Compare(strings[i - 1].AsSpan(), strings[i].AsSpan()) < 0;
            }

            if (!sorted)
            {
                Array.Sort(strings, order, FirmIdComparer.Instance);
            }

            ids = FirmIdList.Of(strings);
        }

        var rank = new int[n];
        for (int i = 0; i < n; i++)
        {
            rank[order[i]] = i;
        }

        return (ids, rank, keys);
    }

    private static double[] NaNs(int length)
    {
        var a = GC.AllocateUninitializedArray<double>(length);
        Array.Fill(a, double.NaN);
        return a;
    }

    /// <summary>Row i's value (of <paramref name="count"/>) into its firm's (canonical rank) and period's cell.</summary>
    private static void Scatter(double[] matrix, double[] values, int[] firms, ushort[] codes, int count, int[] rank, int pCount, int[] periodMap)
    {
        for (int i = 0; i < count; i++)
        {
            matrix[((long)rank[firms[i]] * pCount) + periodMap[codes[i]]] = values[i];
        }
    }

    private void ReportDuplicates()
    {
        if (_duplicates.Count == 0)
        {
            return;
        }

        // One pass over the stored rows finds the first line of each duplicated (firm, period).
        var first = new Dictionary<long, long>();
        foreach (var d in _duplicates)
        {
            first[((long)d.Firm << 16) | (uint)d.Period] = 0;
        }

        for (int row = 0; row < _rowCount; row++)
        {
            int c = row >> ChunkShift;
            int i = row & ChunkMask;
            long key = ((long)_rowFirm[c]![i] << 16) | _rowPeriod[c]![i];
            if (first.TryGetValue(key, out long line) && line == 0)
            {
                first[key] = LineOf(row);
            }
        }

        foreach (var d in _duplicates)
        {
            long firstLine = first[((long)d.Firm << 16) | (uint)d.Period];
            string period = _periods[d.Period].ToString();
            _errors.Add(new DataError(_source, d.Line, ColumnNames[1], _firms.Name(d.Firm), period, string.Create(
                CultureInfo.InvariantCulture,
                $"duplicate row: firm {_firms.Name(d.Firm)} already has period {period} at line {firstLine}; expected one row per firm and period")));
        }
    }

    private long LineOf(int row)
    {
        int lo = 0;
        int hi = _lineDeltas.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_lineDeltas[mid].Row <= row)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return row + _lineDeltas[lo].Delta;
    }

    private void ApplyAttributes(int f, int m, int r, int ind, int s)
    {
        int ordinal = _period >= 0 ? _periods[_period].Ordinal : int.MinValue;
        if (_firmMunicipality[f] < 0)
        {
            _firmMunicipality[f] = m;
            _firmRegion[f] = r;
            _firmIndustry[f] = ind;
            _firmSector[f] = (sbyte)s;
            _firmAttrOrdinal[f] = ordinal;
            _firmAttrLine[f] = _line;
            _prevAttrConsistent = true;
            return;
        }

        bool same = _firmMunicipality[f] == m && _firmRegion[f] == r && _firmIndustry[f] == ind && _firmSector[f] == s;
        if (same)
        {
            if (ordinal > _firmAttrOrdinal[f])
            {
                _firmAttrOrdinal[f] = ordinal;
                _firmAttrLine[f] = _line;
            }

            _prevAttrConsistent = true;
            return;
        }

        _firmFlags[f] |= ChangedFlag;
        if (_useLatest)
        {
            if (ordinal > _firmAttrOrdinal[f])
            {
                _firmMunicipality[f] = m;
                _firmRegion[f] = r;
                _firmIndustry[f] = ind;
                _firmSector[f] = (sbyte)s;
                _firmAttrOrdinal[f] = ordinal;
                _firmAttrLine[f] = _line;
                _prevAttrConsistent = true;
            }

            return;
        }

        if (_firmMunicipality[f] != m)
        {
            ReportChange(f, 0, 2, _municipalities.Names[_firmMunicipality[f]], _municipalities.Names[m]);
        }

        if (_firmRegion[f] != r)
        {
            ReportChange(f, 1, 3, _regions.Names[_firmRegion[f]], _regions.Names[r]);
        }

        if (_firmIndustry[f] != ind)
        {
            ReportChange(f, 2, 4, _industries.Names[_firmIndustry[f]], _industries.Names[ind]);
        }

        if (_firmSector[f] != s)
        {
            ReportChange(f, 3, 5, SectorNames[_firmSector[f]], SectorNames[s]);
        }
    }

    private void ReportChange(int f, int bit, int column, string before, string after)
    {
        byte mask = (byte)(1 << bit);
        if ((_firmFlags[f] & mask) != 0)
        {
            return;
        }

        _firmFlags[f] |= mask;
        string name = ColumnNames[column];
        Error(name, _firms.Name(f), after, string.Create(
            CultureInfo.InvariantCulture,
            $"{name} changes between periods: '{before}' at line {_firmAttrLine[f]}, '{after}' at line {_line}; expected one {name} per firm (fix the extract, or use --attribute-changes latest / AttributeChangeRule.UseLatest to take the latest period's value)"));
    }

    private void CopyPrev(int k, ReadOnlySpan<byte> value)
    {
        if (_prevAttr[k].Length < value.Length)
        {
            _prevAttr[k] = new byte[value.Length * 2];
        }

        value.CopyTo(_prevAttr[k]);
        _prevAttrLength[k] = value.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ParseNumber(ReadOnlySpan<byte> text, string column, ValueRange range)
    {
        if (FieldText.TryParseNumber(text, _decimalSeparator, _culture, out double v))
        {
            return CheckNumber(v, column, range, text);
        }

        Error(column, CurrentFirmId, FieldText.Show(text), FieldText.NotANumber(text, _culture, range.What));
        return 0;
    }

    private double CheckNumber(double v, string column, ValueRange range, ReadOnlySpan<byte> text = default)
    {
        if (range.Contains(v))
        {
            return v;
        }

        string shown = text.IsEmpty ? v.ToString("R", CultureInfo.InvariantCulture) : FieldText.Show(text);
        Error(column, CurrentFirmId, shown, range.Problem(v)!);
        return 0;
    }

    private int FindOrAddFirm(ReadOnlySpan<byte> id, long line)
    {
        int f = _firms.GetOrAdd(id);
        if (f < _firmCount)
        {
            return f;
        }

        if (f == _firmMunicipality.Length)
        {
            Grow();
        }

        _firmMunicipality[f] = -1;
        _firmRegion[f] = -1;
        _firmIndustry[f] = -1;
        _firmSector[f] = -1;
        _firmAttrOrdinal[f] = int.MinValue;
        _firmAttrLine[f] = line;
        _firmCount = f + 1;
        return f;
    }

    private void Grow()
    {
        int size = _firmMunicipality.Length * 2;
        Array.Resize(ref _firmMunicipality, size);
        Array.Resize(ref _firmRegion, size);
        Array.Resize(ref _firmIndustry, size);
        Array.Resize(ref _firmSector, size);
        Array.Resize(ref _firmAttrOrdinal, size);
        Array.Resize(ref _firmAttrLine, size);
        Array.Resize(ref _firmFlags, size);
        Array.Resize(ref _firmSeen, size);
    }
}
