using System.Globalization;
using System.Numerics;
using System.Text;
using CsvHelper;
using GlobalMidt.Effects.Data;

namespace GlobalMidt.Effects.Matching;

/// <summary>What to do with rows that lack a value the matching needs.</summary>
public enum MissingValuePolicy
{
    /// <summary>Stop with an error that names each column, how many rows lack a value and the first line.</summary>
    Error,

    /// <summary>Drop those rows and report how many were dropped per column.</summary>
    Drop,
}

/// <summary>Which columns of a table to match on (see <see cref="MatchingTable.Read"/>).</summary>
public sealed record MatchingTableOptions
{
    /// <summary>Treatment column: 0/1 or true/false.</summary>
    public required string Treat { get; init; }

    /// <summary>Id column: unique, non-empty text that names each row in the output.</summary>
    public required string Id { get; init; }

    /// <summary>Covariates: a column whose values are all numbers is numeric; a column whose values are all text
    /// holds categories (dummy variables, as R's <c>factor</c>); a column mixing numbers and text is an error naming
    /// the first text value (a stray value never turns a numeric column into categories).</summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];

    /// <summary>Exact-matching columns (any values, compared as text).</summary>
    public IReadOnlyList<string> Exact { get; init; } = [];

    /// <summary>Further numeric columns to keep (e.g. an outcome); missing values there become NaN.</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>Rows with a missing treatment, covariate or exact value: error (default) or drop.</summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;
}

/// <summary>
/// Any delimited table read for matching: comma, semicolon or tab separated (detected from the header), quoted
/// fields as RFC 4180; with semicolons a decimal comma is accepted. Missing values: empty, <c>NA</c>, <c>NaN</c>,
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

    private MatchingTable(MatchingData data, Utf8Column ids, long[] lines, Dictionary<string, double[]> extra)
    {
        Data = data;
        _ids = ids;
        Lines = lines;
        _extra = extra;
    }

    /// <summary>The matching input (rows in file order, dropped rows left out).</summary>
    public MatchingData Data { get; }

    /// <summary>Per row, its id (made on first use; <see cref="Id"/> gives one without making all).</summary>
    public string[] Ids => _idStrings ??= _ids.ToStrings();

    /// <summary>Per row, the line of the file where it starts (header = line 1).</summary>
    public long[] Lines { get; }

    /// <summary>The delimiter found.</summary>
    public char Delimiter { get; private init; }

    /// <summary>Data rows in the file.</summary>
    public int RowsRead { get; private init; }

    /// <summary>Rows dropped for missing values (with <see cref="MissingValuePolicy.Drop"/>), per column.</summary>
    public IReadOnlyDictionary<string, int> DroppedByColumn { get; private init; } = new Dictionary<string, int>();

    /// <summary>Rows dropped for missing values in all.</summary>
    public int DroppedRows { get; private init; }

    /// <summary>Per stratum code, its description (<c>region=North, industry=62</c>); empty without exact columns.</summary>
    public IReadOnlyList<string> StrataNames { get; private init; } = [];

    /// <summary>The id of row <paramref name="row"/>.</summary>
    public string Id(int row) => _idStrings is { } s ? s[row] : _ids.GetString(row);

    /// <summary>The UTF-8 bytes of the id of row <paramref name="row"/> (for writing output without strings).</summary>
    public ReadOnlySpan<byte> IdUtf8(int row) => _ids.Get(row);

    /// <summary>An <see cref="MatchingTableOptions.Extra"/> column (NaN where missing).</summary>
    public double[] Extra(string name) => _extra.TryGetValue(name, out var v)
        ? v
        : throw new ArgumentException($"Column '{name}' was not requested as an extra column.", nameof(name));

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InputDataException">A column is missing, a value is malformed, ids repeat, or values are
    /// missing with <see cref="MissingValuePolicy.Error"/>; every error names file, line, column, id and value.</exception>
    public static MatchingTable Read(string path, MatchingTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string source = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw new InputDataException(new DataError(source, 0, null, null, null, $"is a directory, expected a CSV file ('{Path.GetFullPath(path)}')."));
        }

        if (!File.Exists(path))
        {
            throw new InputDataException(new DataError(source, 0, null, null, null, $"file not found ('{Path.GetFullPath(path)}')."));
        }

        long length = new FileInfo(path).Length;
        return Load(new FileInput(path), source, options, length);
    }

    /// <summary>Reads a table from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <remarks>The text is read into memory first; for large files use <see cref="Read"/>.</remarks>
    /// <exception cref="InputDataException">See <see cref="Read"/>.</exception>
    public static MatchingTable Parse(TextReader reader, string source, MatchingTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        string text = reader.ReadToEnd();
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return Load(new TextInput(text), source, options, -1);
    }

    private static MatchingTable Load(TableInput input, string source, MatchingTableOptions options, long byteLength)
    {
        ReadOnlySpan<byte> headerLine = input.HeaderLine();
        if (headerLine.IsEmpty)
        {
            throw new InputDataException(new DataError(source, 1, null, null, null, "the file is empty: expected a header line with column names."));
        }

        char delimiter = DetectDelimiter(headerLine);
        var errors = new DataErrorCollector();
        using var csv = input.Open(delimiter);
        string[] header;
        try
        {
            header = [.. csv.Headers.Select(h => h.Trim())];
        }
        catch (CsvHelper.CsvFormatException e)
        {
            throw new InputDataException(new DataError(source, 1, null, null, null, $"unreadable header: {e.Message}"));
        }

        int Col(string name, string role)
        {
            int i = Array.FindIndex(header, h => string.Equals(h, name, StringComparison.Ordinal));
            if (i < 0)
            {
                i = Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            }

            if (i < 0)
            {
                errors.Add(new DataError(source, 1, name, null, null, $"no {role} column '{name}' in the header (columns: {string.Join(", ", header)})."));
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
            throw new InputDataException(new DataError(source, 1, null, null, null, "no covariates given: name at least one column to match on."));
        }

        var reader = new RowReader(source, delimiter, header, treatCol, idCol, covCols, exactCols, extraCols, errors);
        try
        {
            reader.ReadAll(csv, byteLength);
        }
        catch (CsvHelper.CsvFormatException e)
        {
            errors.Add(new DataError(source, e.LineNumber > 0 ? e.LineNumber : csv.LineNumber, null, null, null, $"unreadable CSV: {e.Message}"));
        }

        errors.ThrowIfAny();
        return reader.Finish(input, options);
    }

    private static char DetectDelimiter(ReadOnlySpan<byte> header)
    {
        int commas = 0, semis = 0, tabs = 0;
        bool quoted = false;
        foreach (byte c in header)
        {
            if (c == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                commas += c == (byte)',' ? 1 : 0;
                semis += c == (byte)';' ? 1 : 0;
                tabs += c == (byte)'\t' ? 1 : 0;
            }
        }

        return tabs > commas && tabs > semis ? '\t' : semis > commas ? ';' : ',';
    }

    /// <summary>The one message for a covariate column that mixes numbers and text (used by <c>match</c> and
    /// <c>balance</c> alike): <paramref name="bad"/> text values of <paramref name="values"/>.</summary>
    internal static string MixedColumnMessage(int bad, int values) =>
        string.Create(CultureInfo.InvariantCulture, $"expected a number: this column mixes numbers and text ({bad} of {values} values are not numbers, {values - bad} are); a covariate is numeric (every value a number) or categorical (every value text, one dummy per value as R's factor).");

    internal static bool IsMissing(ReadOnlySpan<byte> v) =>
        v.IsEmpty || v.SequenceEqual("NA"u8) || v.SequenceEqual("NaN"u8) || v.SequenceEqual("."u8) || v.SequenceEqual("na"u8);

    /// <summary>A finite number with '.' (or, with <paramref name="decimalComma"/>, also ',') as decimal point; the
    /// same result as <c>double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture)</c>.</summary>
    internal static bool TryParseNumber(ReadOnlySpan<byte> s, bool decimalComma, out double v)
    {
        if (decimalComma && s.IndexOf((byte)',') >= 0)
        {
            Span<byte> copy = s.Length <= 128 ? stackalloc byte[s.Length] : new byte[s.Length];
            s.CopyTo(copy);
            copy.Replace((byte)',', (byte)'.');
            return FieldText.TryParseNumber(copy, (byte)'.', CultureInfo.InvariantCulture, out v) && double.IsFinite(v);
        }

        return FieldText.TryParseNumber(s, (byte)'.', CultureInfo.InvariantCulture, out v) && double.IsFinite(v);
    }

    /// <summary>Where the table comes from: opened once for the main pass, again for a categorical covariate.</summary>
    private abstract class TableInput
    {
        public abstract ReadOnlySpan<byte> HeaderLine();

        public abstract CsvReader Open(char delimiter);

        protected static CsvReaderOptions Options(char delimiter) => CsvReaderOptions.Default with
        {
            Separator = delimiter,
            DetectSeparatorHint = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            BufferSize = 1 << 18,
        };

        /// <summary>The first line (without a BOM or line end), or empty.</summary>
        protected static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> text)
        {
            if (text.StartsWith("\xEF\xBB\xBF"u8))
            {
                text = text[3..];
            }

            int end = text.IndexOfAny((byte)'\n', (byte)'\r');
            return end >= 0 ? text[..end] : text;
        }
    }

    private sealed class FileInput(string path) : TableInput
    {
        public override ReadOnlySpan<byte> HeaderLine()
        {
            var buffer = new byte[1 << 20];
            int length = 0;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12);
            while (length < buffer.Length)
            {
                int read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0 || Array.IndexOf(buffer, (byte)'\n', length, read) >= 0)
                {
                    length += read;
                    break;
                }

                length += read;
            }

            return FirstLine(buffer.AsSpan(0, length));
        }

        public override CsvReader Open(char delimiter) => CsvReader.FromFile(path, Options(delimiter));
    }

    private sealed class TextInput(string text) : TableInput
    {
        public override ReadOnlySpan<byte> HeaderLine()
        {
            int end = text.AsSpan().IndexOfAny('\n', '\r');
            return Encoding.UTF8.GetBytes(end >= 0 ? text[..end] : text);
        }

        public override CsvReader Open(char delimiter) => CsvReader.FromText(text, Options(delimiter));
    }

    /// <summary>One pass over the rows: typed columns, missing-value flags, and the few texts errors need.</summary>
    private sealed class RowReader(
        string source,
        char delimiter,
        string[] header,
        int treatCol,
        int idCol,
        int[] covCols,
        int[] exactCols,
        int[] extraCols,
        DataErrorCollector errors)
    {
        private const byte TreatMissing = 2;
        private const byte TreatInvalid = 3;
        private readonly int fieldCount = header.Length;
        private readonly bool _decimalComma = delimiter == ';';
        private readonly Utf8Column _ids = new();
        private readonly Utf8Interner[] _exactValues = [.. exactCols.Select(_ => new Utf8Interner())];
        private readonly Dictionary<long, string> _badText = [];
        private int _n;
        private int _capacity;
        private long[] _lines = [];
        private byte[] _treat = [];
        private readonly double[][] _cov = [.. covCols.Select(_ => Array.Empty<double>())];
        private readonly int[][] _exact = [.. exactCols.Select(_ => Array.Empty<int>())];
        private readonly double[][] _extra = [.. extraCols.Select(_ => Array.Empty<double>())];
        private bool[] _missing = [];
        private readonly bool[]?[] _covBad = new bool[covCols.Length][];
        private readonly int[] _covBadCount = new int[covCols.Length];
        private readonly MissingCount[] _missingBy = new MissingCount[2 + covCols.Length + exactCols.Length];

        public void ReadAll(CsvReader csv, long byteLength)
        {
            Grow(1024);
            bool estimated = byteLength < 0;
            while (csv.Read())
            {
                int fields = csv.FieldCount;
                if (fields != fieldCount)
                {
                    errors.Add(new DataError(source, csv.LineNumber, null, null, null, string.Create(CultureInfo.InvariantCulture, $"{fields} fields, expected {fieldCount} as in the header (delimiter '{delimiter}').")));
                    continue;
                }

                if (_n == _capacity)
                {
                    int next = _capacity * 2;
                    if (!estimated)
                    {
                        // Rows so far tell the row length: size the columns for the whole file at once.
                        estimated = true;
                        long guess = (long)(byteLength / Math.Max(1.0, (double)csv.ByteOffset / _n) * 1.05) + 1024;
                        next = (int)Math.Clamp(guess, next, Array.MaxLength);
                    }

                    Grow(next);
                }

                Row(csv, _n++);
            }
        }

        private void Row(CsvReader csv, int i)
        {
            _lines[i] = csv.LineNumber;
            bool missing = false;
            var id = csv.GetSpan(idCol);
            _ids.Add(id);
            if (IsMissing(id))
            {
                missing = true;
                NoteMissing(1, i, id);
            }

            var t = csv.GetSpan(treatCol);
            byte tv;
            if (t.Length == 1 && (t[0] == (byte)'1' || t[0] == (byte)'0'))
            {
                tv = (byte)(t[0] - '0');
            }
            else if (IsMissing(t))
            {
                tv = TreatMissing;
                missing = true;
                NoteMissing(0, i, t);
            }
            else if (Ascii.EqualsIgnoreCase(t, "true"u8))
            {
                tv = 1;
            }
            else if (Ascii.EqualsIgnoreCase(t, "false"u8))
            {
                tv = 0;
            }
            else
            {
                tv = TreatInvalid;
                _badText[BadKey(-1, i)] = FieldText.Show(t);
            }

            _treat[i] = tv;
            for (int j = 0; j < covCols.Length; j++)
            {
                var s = csv.GetSpan(covCols[j]);
                if (TryParseNumber(s, _decimalComma, out double v))
                {
                    _cov[j][i] = v;
                }
                else
                {
                    _cov[j][i] = double.NaN;
                    if (IsMissing(s))
                    {
                        missing = true;
                        NoteMissing(2 + j, i, s);
                    }
                    else
                    {
                        (_covBad[j] ??= new bool[_capacity])[i] = true;
                        if (_covBadCount[j]++ == 0)
                        {
                            _badText[BadKey(j, i)] = FieldText.Show(s);
                        }
                    }
                }
            }

            for (int j = 0; j < exactCols.Length; j++)
            {
                var s = csv.GetSpan(exactCols[j]);
                if (IsMissing(s))
                {
                    missing = true;
                    NoteMissing(2 + covCols.Length + j, i, s);
                    _exact[j][i] = -1;
                }
                else
                {
                    int code = _exactValues[j].GetOrAdd(s);
                    _exact[j][i] = code;
                    if (_exactValues[j].Problem(code) is string problem)
                    {
                        errors.Add(new DataError(source, csv.LineNumber, header[exactCols[j]], FieldText.Show(id), FieldText.Show(s), problem));
                    }
                }
            }

            for (int j = 0; j < extraCols.Length; j++)
            {
                var s = csv.GetSpan(extraCols[j]);
                if (TryParseNumber(s, _decimalComma, out double v))
                {
                    _extra[j][i] = v;
                }
                else
                {
                    _extra[j][i] = double.NaN;
                    if (!IsMissing(s))
                    {
                        _badText[BadKey(-2 - j, i)] = FieldText.Show(s);
                    }
                }
            }

            _missing[i] = missing;
        }

        /// <summary>Ids that are not UTF-8 or hold control characters are errors (they would print as the same
        /// text as another id). One vectorized pass over all ids; row by row only when it finds something.</summary>
        private void CheckIds(MatchingTableOptions options)
        {
            if (!_ids.MayHaveTextProblems())
            {
                return;
            }

            for (int i = 0; i < _n; i++)
            {
                var id = _ids.Get(i);
                if (FieldText.TextProblem(id) is string problem)
                {
                    errors.Add(new DataError(source, _lines[i], options.Id, null, FieldText.Show(id), problem));
                }
            }
        }

        private static long BadKey(int column, int row) => ((long)row << 20) + column + (1 << 19);

        private void NoteMissing(int column, int row, ReadOnlySpan<byte> value)
        {
            ref var m = ref _missingBy[column];
            if (m.Count++ == 0)
            {
                m.FirstRow = row;
                m.FirstValue = FieldText.Show(value);
            }
        }

        private void Grow(int capacity)
        {
            _capacity = capacity;
            Array.Resize(ref _lines, capacity);
            Array.Resize(ref _treat, capacity);
            Array.Resize(ref _missing, capacity);
            for (int j = 0; j < _cov.Length; j++)
            {
                Array.Resize(ref _cov[j], capacity);
                if (_covBad[j] is not null)
                {
                    Array.Resize(ref _covBad[j], capacity);
                }
            }

            for (int j = 0; j < _exact.Length; j++)
            {
                Array.Resize(ref _exact[j], capacity);
            }

            for (int j = 0; j < _extra.Length; j++)
            {
                Array.Resize(ref _extra[j], capacity);
            }
        }

        public MatchingTable Finish(TableInput input, MatchingTableOptions options)
        {
            int n = _n;
            var droppedBy = new Dictionary<string, int>();
            string[] names = [options.Treat, options.Id, .. options.Covariates, .. options.Exact];
            for (int c = 0; c < names.Length; c++)
            {
                var m = _missingBy[c];
                if (m.Count == 0)
                {
                    continue;
                }

                if (options.Missing == MissingValuePolicy.Error)
                {
                    long line = _lines[m.FirstRow];
                    errors.Add(new DataError(source, line, names[c], _ids.GetString(m.FirstRow), m.FirstValue, string.Create(CultureInfo.InvariantCulture, $"{m.Count} row{(m.Count > 1 ? "s have" : " has")} no value in this column (first at line {line}); fill them, or use --missing drop to leave those rows out.")));
                }
                else
                {
                    droppedBy[names[c]] = m.Count;
                }
            }

            CheckIds(options);
            errors.ThrowIfAny();

            // Rows kept (all unless dropped for missing values).
            int m2 = 0;
            int[]? keep = null;
            if (droppedBy.Count > 0)
            {
                keep = new int[n];
                for (int i = 0; i < n; i++)
                {
                    if (!_missing[i])
                    {
                        keep[m2++] = i;
                    }
                }

                Array.Resize(ref keep, m2);
            }
            else
            {
                m2 = n;
            }

            var ids = keep is null ? _ids : _ids.Select(keep);
            var lines = Compact(_lines, keep, n);
            var treated = new bool[m2];
            var seen = new Utf8Index(ids, m2);
            for (int k = 0; k < m2; k++)
            {
                int i = keep is null ? k : keep[k];
                int first = seen.AddOrFind(k);
                if (first >= 0)
                {
                    string idText = ids.GetString(k);
                    errors.Add(new DataError(source, lines[k], options.Id, idText, idText, string.Create(CultureInfo.InvariantCulture, $"id already used at line {lines[first]}: ids must be unique.")));
                }

                switch (_treat[i])
                {
                    case 1:
                        treated[k] = true;
                        break;
                    case 0:
                        break;
                    default:
                        errors.Add(new DataError(source, lines[k], options.Treat, ids.GetString(k), _badText[BadKey(-1, i)], "expected 0/1 or true/false."));
                        break;
                }
            }

            errors.ThrowIfAny();
            var numNames = new List<string>();
            var numCols = new List<double[]>();
            var categorical = new List<CategoricalCovariate>();
            for (int j = 0; j < covCols.Length; j++)
            {
                int bad = 0;
                int firstBad = -1;
                if (_covBad[j] is { } flags)
                {
                    for (int k = 0; k < m2; k++)
                    {
                        if (flags[keep is null ? k : keep[k]])
                        {
                            bad++;
                            firstBad = firstBad < 0 ? k : firstBad;
                        }
                    }
                }

                if (bad == 0)
                {
                    numNames.Add(options.Covariates[j]);
                    numCols.Add(Compact(_cov[j], keep, n));
                }
                else if (bad < m2)
                {
                    // Numbers and text mixed: a typo (or a number column spoilt by a stray value), never silently
                    // a categorical column; a deliberate text column has no numbers.
                    int i = keep is null ? firstBad : keep[firstBad];
                    string value = _badText.TryGetValue(BadKey(j, i), out var v) ? v : "?";
                    errors.Add(new DataError(source, lines[firstBad], options.Covariates[j], ids.GetString(firstBad), value, MixedColumnMessage(bad, m2)));
                }
                else
                {
                    categorical.Add(ReadCategorical(input, options.Covariates[j], covCols[j], keep, n));
                }
            }

            errors.ThrowIfAny();
            int[]? strata = null;
            IReadOnlyList<string> strataNames = [];
            if (exactCols.Length > 0)
            {
                (strata, strataNames) = Strata(options, keep, m2);
            }

            var extra = new Dictionary<string, double[]>(StringComparer.Ordinal);
            for (int j = 0; j < extraCols.Length; j++)
            {
                var col = Compact(_extra[j], keep, n);
                for (int k = 0; k < m2; k++)
                {
                    int i = keep is null ? k : keep[k];
                    if (double.IsNaN(col[k]) && _badText.TryGetValue(BadKey(-2 - j, i), out var v))
                    {
                        errors.Add(new DataError(source, lines[k], options.Extra[j], ids.GetString(k), v, "expected a number."));
                    }
                }

                extra[options.Extra[j]] = col;
            }

            errors.ThrowIfAny();
            var data = new MatchingData(treated, numNames, [.. numCols], strata, null, categorical);
            return new MatchingTable(data, ids, lines, extra)
            {
                Delimiter = delimiter,
                RowsRead = n,
                DroppedByColumn = droppedBy,
                DroppedRows = n - m2,
                StrataNames = strataNames,
            };
        }

        /// <summary>Stratum codes: one per distinct combination of exact values, numbered in ordinal order of
        /// the description <c>a=x, b=y</c>.</summary>
        private (int[] Codes, string[] Names) Strata(MatchingTableOptions options, int[]? keep, int m)
        {
            // Dense combination key per row (mixed radix over the per-column value codes).
            var combos = new Dictionary<long, int>();
            var comboKeys = new List<long>();
            var rowCombo = new int[m];
            for (int k = 0; k < m; k++)
            {
                int i = keep is null ? k : keep[k];
                long key = 0;
                for (int j = 0; j < exactCols.Length; j++)
                {
                    key = checked((key * _exactValues[j].Count) + _exact[j][i]);
                }

                if (!combos.TryGetValue(key, out int c))
                {
                    c = comboKeys.Count;
                    combos.Add(key, c);
                    comboKeys.Add(key);
                }

                rowCombo[k] = c;
            }

            var names = new string[comboKeys.Count];
            var sb = new StringBuilder();
            for (int c = 0; c < names.Length; c++)
            {
                long key = comboKeys[c];
                var codes = new int[exactCols.Length];
                for (int j = exactCols.Length - 1; j >= 0; j--)
                {
                    int count = _exactValues[j].Count;
                    codes[j] = (int)(key % count);
                    key /= count;
                }

                sb.Clear();
                for (int j = 0; j < exactCols.Length; j++)
                {
                    if (j > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(options.Exact[j]).Append('=').Append(_exactValues[j].Names[codes[j]]);
                }

                names[c] = sb.ToString();
            }

            var order = new int[names.Length];
            for (int c = 0; c < order.Length; c++)
            {
                order[c] = c;
            }

            Array.Sort(names, order, StringComparer.Ordinal);
            var map = new int[names.Length];
            for (int c = 0; c < order.Length; c++)
            {
                map[order[c]] = c;
            }

            for (int k = 0; k < m; k++)
            {
                rowCombo[k] = map[rowCombo[k]];
            }

            return (rowCombo, names);
        }

        /// <summary>A covariate that holds text: read again, its values interned; levels in ordinal order.</summary>
        private CategoricalCovariate ReadCategorical(TableInput input, string name, int col, int[]? keep, int n)
        {
            var values = new Utf8Interner();
            var codes = new int[n];
            using (var csv = input.Open(delimiter))
            {
                int i = 0;
                while (csv.Read())
                {
                    if (csv.FieldCount == fieldCount)
                    {
                        var value = csv.GetSpan(col);
                        int code = values.GetOrAdd(value);
                        if (values.Problem(code) is string problem)
                        {
                            errors.Add(new DataError(source, csv.LineNumber, name, _ids.GetString(i), FieldText.Show(value), problem));
                        }

                        codes[i++] = code;
                    }
                }
            }

            var kept = Compact(codes, keep, n);
            var (sorted, map) = values.Sorted();
            var present = new bool[sorted.Length];
            foreach (int c in kept)
            {
                present[map[c]] = true;
            }

            var rank = new int[sorted.Length];
            var levels = new List<string>();
            for (int l = 0; l < sorted.Length; l++)
            {
                rank[l] = levels.Count;
                if (present[l])
                {
                    levels.Add(sorted[l]);
                }
            }

            for (int k = 0; k < kept.Length; k++)
            {
                kept[k] = rank[map[kept[k]]];
            }

            return new CategoricalCovariate(name, kept, levels);
        }

        private static T[] Compact<T>(T[] values, int[]? keep, int n)
        {
            if (keep is null)
            {
                if (values.Length != n)
                {
                    Array.Resize(ref values, n);
                }

                return values;
            }

            var r = new T[keep.Length];
            for (int k = 0; k < keep.Length; k++)
            {
                r[k] = values[keep[k]];
            }

            return r;
        }

        private struct MissingCount
        {
            public int Count;
            public int FirstRow;
            public string FirstValue;
        }
    }
}

/// <summary>Text values kept as UTF-8 in one growing buffer, one slice per row.</summary>
internal sealed class Utf8Column
{
    private byte[] _bytes = new byte[1 << 12];
    private int[] _ends = new int[1 << 10];
    private int _count;

    public int Count => _count;

    public void Add(ReadOnlySpan<byte> value)
    {
        int start = _count == 0 ? 0 : _ends[_count - 1];
        if (start + value.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max((long)_bytes.Length * 2, start + value.Length)));
        }

        if (_count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        value.CopyTo(_bytes.AsSpan(start));
        _ends[_count++] = start + value.Length;
    }

    public ReadOnlySpan<byte> Get(int i)
    {
        int start = i == 0 ? 0 : _ends[i - 1];
        return _bytes.AsSpan(start, _ends[i] - start);
    }

    public string GetString(int i) => Encoding.UTF8.GetString(Get(i));

    /// <summary>False when every value is printable ASCII (one vectorized pass over all of them); true when some
    /// value may be invalid UTF-8 or hold a control character (then check them one by one).</summary>
    public bool MayHaveTextProblems()
    {
        var all = _bytes.AsSpan(0, _count == 0 ? 0 : _ends[_count - 1]);
        return all.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0;
    }

    public string[] ToStrings()
    {
        var r = new string[_count];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = GetString(i);
        }

        return r;
    }

    public Utf8Column Select(int[] rows)
    {
        var r = new Utf8Column();
        foreach (int i in rows)
        {
            r.Add(Get(i));
        }

        return r;
    }
}

/// <summary>Finds repeated values of a <see cref="Utf8Column"/> (open addressing on the bytes).</summary>
internal sealed class Utf8Index
{
    private readonly Utf8Column _column;
    private readonly int[] _slots;
    private readonly int _mask;

    public Utf8Index(Utf8Column column, int count)
    {
        _column = column;
        int size = (int)Math.Min(1 << 30, BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count * 2)));
        _slots = new int[size];
        _mask = size - 1;
    }

    /// <summary>Adds row <paramref name="row"/>; returns the earlier row with the same value, or -1.</summary>
    public int AddOrFind(int row)
    {
        var value = _column.Get(row);
        int slot = (int)((uint)HashCode(value) & (uint)_mask);
        while (true)
        {
            int entry = _slots[slot] - 1;
            if (entry < 0)
            {
                _slots[slot] = row + 1;
                return -1;
            }

            if (value.SequenceEqual(_column.Get(entry)))
            {
                return entry;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static int HashCode(ReadOnlySpan<byte> s)
    {
        var h = default(HashCode);
        h.AddBytes(s);
        return h.ToHashCode();
    }
}
