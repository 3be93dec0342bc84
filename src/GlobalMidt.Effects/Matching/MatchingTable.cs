using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Matching;

/// <summary>
/// Any delimited table read for matching, through the one table reader of <c>Data/</c> (the rules of every input:
/// comma, semicolon or tab separated, detected from the header; quoted fields as RFC 4180; UTF-8 with or without BOM;
/// docs/data-contract.md); with semicolons a decimal comma is accepted. Missing values: empty, <c>NA</c>, <c>NaN</c>,
/// <c>.</c>. Row order is kept: it is the tie-break and default matching order, as in MatchIt.
/// </summary>
/// <remarks>
/// Streamed with CsvHelper's UTF-8 reader: numbers are parsed from the field bytes straight into columns, exact
/// columns are interned on their bytes, ids are kept as UTF-8 in one buffer (strings are made only when asked
/// for: <see cref="Id"/>, <see cref="Ids"/>); no text of the file is kept. A covariate column that turns out to
/// hold text (categories) is read a second time for its values.
/// </remarks>
public sealed class MatchingTable
{
    private readonly Dictionary<string, double[]> _extra;
    private readonly Utf8Column _ids;
    private string[]? _idStrings;

    internal MatchingTable(
        MatchingData data,
        Utf8Column ids,
        long[] lines,
        Dictionary<string, double[]> extra,
        char delimiter,
        int rowsRead,
        IReadOnlyDictionary<string, int> droppedByColumn,
        int droppedRows,
        IReadOnlyList<string> strataNames)
    {
        Data = data;
        _ids = ids;
        Lines = lines;
        _extra = extra;
        Delimiter = delimiter;
        RowsRead = rowsRead;
        DroppedByColumn = droppedByColumn;
        DroppedRows = droppedRows;
        StrataNames = strataNames;
    }

    /// <summary>The matching input (rows in file order, dropped rows left out).</summary>
    public MatchingData Data { get; }

    /// <summary>Per row, its id (made on first use; <see cref="Id"/> gives one without making all).</summary>
    public IReadOnlyList<string> Ids => _idStrings ??= _ids.ToStrings();

    /// <summary>Per row, the line of the file where it starts (header = line 1).</summary>
    public IReadOnlyList<long> Lines { get; }

    /// <summary>The delimiter found.</summary>
    public char Delimiter { get; }

    /// <summary>Data rows in the file.</summary>
    public int RowsRead { get; }

    /// <summary>Rows dropped for missing values (with <see cref="MissingValuePolicy.Drop"/>), per column.</summary>
    public IReadOnlyDictionary<string, int> DroppedByColumn { get; }

    /// <summary>Rows dropped for missing values in all.</summary>
    public int DroppedRows { get; }

    /// <summary>Per stratum code, its description (<c>region=North, industry=62</c>); empty without exact columns.</summary>
    public IReadOnlyList<string> StrataNames { get; }

    /// <summary>The id of row <paramref name="row"/>.</summary>
    public string Id(int row) => _idStrings is { } s ? s[row] : _ids.GetString(row);

    /// <summary>The UTF-8 bytes of the id of row <paramref name="row"/> (for writing output without strings).</summary>
    public ReadOnlySpan<byte> IdUtf8(int row) => _ids.Get(row);

    /// <summary>An <see cref="MatchingTableOptions.Extra"/> column (NaN where missing).</summary>
    public IReadOnlyList<double> Extra(string name) => _extra.TryGetValue(name, out var v)
        ? v
        : throw new ArgumentException($"Column '{name}' was not requested as an extra column.", nameof(name));

    /// <summary>Reads <paramref name="path"/> (a name ending in <c>.gz</c> is read through gzip).</summary>
    /// <exception cref="InputDataException">A column is missing, a value is malformed, ids repeat, or values are
    /// missing with <see cref="MissingValuePolicy.Error"/>; every error names file, line, column, id and value.</exception>
    /// <exception cref="ArgumentException">A <see cref="MatchingTableOptions.Factors"/> name is not a covariate.</exception>
    public static MatchingTable Read(string path, MatchingTableOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        CheckFactors(options);
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && File.Exists(path) && ReadWhole(path) is { } text
            && Fast(text, Path.GetFileName(path), options) is { } table)
        {
            return table;
        }

        var input = CsvInput.Open(path, RegisterLoadOptions.Default, []);
        long length = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? -1 : new FileInfo(path).Length;
        return Load(input, () => CsvInput.Open(path, RegisterLoadOptions.Default, []), options, length);
    }

    /// <summary>Reads a table from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <remarks>The text is read into memory first; for large files use <see cref="Read"/>.</remarks>
    /// <exception cref="InputDataException">See <see cref="Read"/>.</exception>
    /// <exception cref="ArgumentException">See <see cref="Read"/>.</exception>
    public static MatchingTable Parse(TextReader reader, string source, MatchingTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        CheckFactors(options);
        byte[] text = CsvInput.ReadText(reader, source);
        if (Fast(text, source, options) is { } table)
        {
            return table;
        }

        return Load(CsvInput.Open(text, source, RegisterLoadOptions.Default, []), () => CsvInput.Open(text, source, RegisterLoadOptions.Default, []), options, text.Length);
    }

    /// <summary>Every factor is a covariate (a factor alone would not enter the model).</summary>
    private static void CheckFactors(MatchingTableOptions options)
    {
        foreach (string f in options.Factors)
        {
            if (!options.Covariates.Contains(f, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Factor '{f}' is not one of the covariates ({string.Join(", ", options.Covariates)}): a factor is a covariate read as categories.", nameof(options));
            }
        }
    }

    /// <summary>The table through <see cref="MatchingTableBlocks"/> when <paramref name="text"/> is plain and valid,
    /// else null (the CSV reader then reads it and gives every error).</summary>
    private static MatchingTable? Fast(byte[] text, string source, MatchingTableOptions options)
    {
        var reader = MatchingTableBlocks.TryRead(text, source, options, out _);
        if (reader is null)
        {
            return null;
        }

        // Finish's checks (ids, column types) throw the same errors as after the CSV reader; a categorical
        // covariate is never reached here (its text is not a number).
        return reader.Finish(() => CsvInput.Open(text, source, RegisterLoadOptions.Default, []), options);
    }

    /// <summary>The bytes of a file of at most 1 GB (a larger one, or one that cannot be read whole: null, and the
    /// CSV reader streams it).</summary>
    private static byte[]? ReadWhole(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            long length = RandomAccess.GetLength(handle);
            if (length <= 0 || length > (1L << 30))
            {
                return null;
            }

            var text = GC.AllocateUninitializedArray<byte>((int)length);
            int read = 0;
            while (read < text.Length)
            {
                int got = RandomAccess.Read(handle, text.AsSpan(read), read);
                if (got <= 0)
                {
                    return null;
                }

                read += got;
            }

            return text;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static MatchingTable Load(CsvInput opened, Func<CsvInput> reopen, MatchingTableOptions options, long byteLength)
    {
        using var input = opened;
        var errors = input.Errors;
        int Col(string name, string role)
        {
            int i = input.Find(name);
            if (i < 0)
            {
                errors.Add(input.MissingColumn(name, role));
            }

            return i;
        }

        int treatCol = Col(options.Treat, "treatment");
        int idCol = Col(options.Id, "id");
        int[] covCols = [.. options.Covariates.Select(c => Col(c, "covariate"))];
        int[] exactCols = [.. options.Exact.Select(c => Col(c, "exact"))];
        int[] extraCols = [.. options.Extra.Select(c => Col(c, "extra"))];
        errors.ThrowIfAny();
        if (options.Covariates.Count == 0)
        {
            throw new InputDataException(new DataError(input.Source, 1, null, null, null, "no covariates given: name at least one column to match on."));
        }

        var reader = new MatchingTableReader(input.Source, input.Separator, input.Headers, treatCol, idCol, covCols, exactCols, extraCols, errors);
        try
        {
            reader.ReadAll(input, byteLength);
        }
        catch (Exception e) when (e is CsvHelper.CsvFormatException or InvalidDataException)
        {
            throw CsvInput.Unreadable(input, e);
        }

        errors.ThrowIfAny();
        return reader.Finish(reopen, options);
    }
}
