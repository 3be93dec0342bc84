using System.Globalization;
using System.Text;
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

    /// <summary>Covariates: a column whose values are all numbers is numeric; otherwise its values are categories
    /// (dummy variables, as R's <c>factor</c>).</summary>
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
public sealed class MatchingTable
{
    private readonly Dictionary<string, double[]> _extra;

    private MatchingTable(MatchingData data, string[] ids, long[] lines, Dictionary<string, double[]> extra)
    {
        Data = data;
        Ids = ids;
        Lines = lines;
        _extra = extra;
    }

    /// <summary>The matching input (rows in file order, dropped rows left out).</summary>
    public MatchingData Data { get; }

    /// <summary>Per row, its id.</summary>
    public string[] Ids { get; }

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
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return Parse(reader, Path.GetFileName(path), options);
    }

    /// <summary>Reads a table from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InputDataException">See <see cref="Read"/>.</exception>
    public static MatchingTable Parse(TextReader reader, string source, MatchingTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new DataErrorCollector();
        var lexer = new Lexer(reader);
        var header = new List<string>();
        string? firstLine = reader.ReadLine();
        if (firstLine is null)
        {
            throw new InputDataException(new DataError(source, 1, null, null, null, "the file is empty: expected a header line with column names."));
        }

        char delimiter = DetectDelimiter(firstLine);
        lexer.Delimiter = delimiter;
        lexer.SplitHeader(firstLine, header);

        int Col(string name, string role)
        {
            int i = header.FindIndex(h => string.Equals(h, name, StringComparison.Ordinal));
            if (i < 0)
            {
                i = header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
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

        // Raw text of the needed columns.
        var needed = new List<int> { treatCol, idCol };
        needed.AddRange(covCols);
        needed.AddRange(exactCols);
        needed.AddRange(extraCols);
        int[] neededCols = [.. needed.Distinct()];
        var raw = new Dictionary<int, List<string>>();
        foreach (int c in neededCols)
        {
            raw[c] = [];
        }

        var lines = new List<long>();
        var fields = new List<string>();
        while (lexer.ReadRecord(fields, out long line))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }

            if (fields.Count != header.Count)
            {
                errors.Add(new DataError(source, line, null, null, null, string.Create(CultureInfo.InvariantCulture, $"{fields.Count} fields, expected {header.Count} as in the header (delimiter '{delimiter}').")));
                continue;
            }

            lines.Add(line);
            foreach (int c in neededCols)
            {
                raw[c].Add(fields[c].Trim());
            }
        }

        errors.ThrowIfAny();
        int n = lines.Count;
        var idRaw = raw[idCol];

        // Missing values per needed column.
        var missing = new bool[n];
        var droppedBy = new Dictionary<string, int>();
        void CheckMissing(int col, string name)
        {
            int count = 0;
            int first = -1;
            var values = raw[col];
            for (int i = 0; i < n; i++)
            {
                if (IsMissing(values[i]))
                {
                    count++;
                    missing[i] = true;
                    if (first < 0)
                    {
                        first = i;
                    }
                }
            }

            if (count == 0)
            {
                return;
            }

            if (options.Missing == MissingValuePolicy.Error)
            {
                errors.Add(new DataError(source, lines[first], name, idRaw[first], values[first], string.Create(CultureInfo.InvariantCulture, $"{count} row{(count > 1 ? "s have" : " has")} no value in this column (first at line {lines[first]}); fill them, or use --missing drop to leave those rows out.")));
            }
            else
            {
                droppedBy[name] = count;
            }
        }

        CheckMissing(treatCol, options.Treat);
        CheckMissing(idCol, options.Id);
        for (int j = 0; j < covCols.Length; j++)
        {
            CheckMissing(covCols[j], options.Covariates[j]);
        }

        for (int j = 0; j < exactCols.Length; j++)
        {
            CheckMissing(exactCols[j], options.Exact[j]);
        }

        errors.ThrowIfAny();
        var keep = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            if (!missing[i])
            {
                keep.Add(i);
            }
        }

        int m = keep.Count;
        var ids = new string[m];
        var rowLines = new long[m];
        var treated = new bool[m];
        var seen = new Dictionary<string, long>(m, StringComparer.Ordinal);
        var treatRaw = raw[treatCol];
        for (int k = 0; k < m; k++)
        {
            int i = keep[k];
            ids[k] = idRaw[i];
            rowLines[k] = lines[i];
            if (!seen.TryAdd(idRaw[i], lines[i]))
            {
                errors.Add(new DataError(source, lines[i], options.Id, idRaw[i], idRaw[i], string.Create(CultureInfo.InvariantCulture, $"id already used at line {seen[idRaw[i]]}: ids must be unique.")));
            }

            switch (treatRaw[i].ToUpperInvariant())
            {
                case "1":
                case "TRUE":
                    treated[k] = true;
                    break;
                case "0":
                case "FALSE":
                    break;
                default:
                    errors.Add(new DataError(source, lines[i], options.Treat, idRaw[i], treatRaw[i], "expected 0/1 or true/false."));
                    break;
            }
        }

        errors.ThrowIfAny();
        bool decimalComma = delimiter == ';';
        var numNames = new List<string>();
        var numCols = new List<double[]>();
        var categorical = new List<CategoricalCovariate>();
        for (int j = 0; j < covCols.Length; j++)
        {
            var values = raw[covCols[j]];
            var parsed = new double[m];
            int bad = 0;
            int firstBad = -1;
            for (int k = 0; k < m; k++)
            {
                if (!TryParseNumber(values[keep[k]], decimalComma, out parsed[k]))
                {
                    bad++;
                    firstBad = firstBad < 0 ? k : firstBad;
                }
            }

            if (bad == 0)
            {
                numNames.Add(options.Covariates[j]);
                numCols.Add(parsed);
            }
            else if (bad * 10 < m)
            {
                // Mostly numbers: a typo, not a categorical column.
                int i = keep[firstBad];
                errors.Add(new DataError(source, lines[i], options.Covariates[j], idRaw[i], values[i], string.Create(CultureInfo.InvariantCulture, $"expected a number ({bad} of {m} values in this column are not numbers).")));
            }
            else
            {
                var (codes, levels) = Codes(keep, values);
                categorical.Add(new CategoricalCovariate(options.Covariates[j], codes, levels));
            }
        }

        errors.ThrowIfAny();
        int[]? strata = null;
        IReadOnlyList<string> strataNames = [];
        if (exactCols.Length > 0)
        {
            var keys = new string[n];
            var sb = new StringBuilder();
            foreach (int i in keep)
            {
                sb.Clear();
                for (int j = 0; j < exactCols.Length; j++)
                {
                    if (j > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(options.Exact[j]).Append('=').Append(raw[exactCols[j]][i]);
                }

                keys[i] = sb.ToString();
            }

            var (codes, levels) = Codes(keep, keys);
            strata = codes;
            strataNames = levels;
        }

        var extra = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int j = 0; j < extraCols.Length; j++)
        {
            var values = raw[extraCols[j]];
            var v = new double[m];
            for (int k = 0; k < m; k++)
            {
                int i = keep[k];
                if (IsMissing(values[i]))
                {
                    v[k] = double.NaN;
                }
                else if (!TryParseNumber(values[i], decimalComma, out v[k]))
                {
                    errors.Add(new DataError(source, lines[i], options.Extra[j], idRaw[i], values[i], "expected a number."));
                }
            }

            extra[options.Extra[j]] = v;
        }

        errors.ThrowIfAny();
        var data = new MatchingData(treated, numNames, [.. numCols], strata, null, categorical);
        return new MatchingTable(data, ids, rowLines, extra)
        {
            Delimiter = delimiter,
            RowsRead = n,
            DroppedByColumn = droppedBy,
            DroppedRows = n - m,
            StrataNames = strataNames,
        };
    }

    private static (int[] Codes, string[] Levels) Codes(List<int> keep, IReadOnlyList<string> values)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (int i in keep)
        {
            set.Add(values[i]);
        }

        string[] levels = [.. set];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int l = 0; l < levels.Length; l++)
        {
            index[levels[l]] = l;
        }

        var codes = new int[keep.Count];
        for (int k = 0; k < keep.Count; k++)
        {
            codes[k] = index[values[keep[k]]];
        }

        return (codes, levels);
    }

    private static bool IsMissing(string v) => v.Length == 0 || v is "NA" or "NaN" or "." or "na";

    private static bool TryParseNumber(string s, bool decimalComma, out double v)
    {
        if (decimalComma && s.Contains(',', StringComparison.Ordinal))
        {
            s = s.Replace(',', '.');
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);
    }

    private static char DetectDelimiter(string header)
    {
        int commas = 0, semis = 0, tabs = 0;
        bool quoted = false;
        foreach (char c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                semis += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return tabs > commas && tabs > semis ? '\t' : semis > commas ? ';' : ',';
    }

    /// <summary>Splits records (RFC 4180 quotes, quoted line breaks) and counts lines.</summary>
    private sealed class Lexer(TextReader reader)
    {
        private readonly StringBuilder _field = new();
        private long _line = 1;

        public char Delimiter { get; set; } = ',';

        public void SplitHeader(string line, List<string> fields)
        {
            fields.Clear();
            bool open = false;
            Split(line, fields, ref open);
            for (int i = 0; i < fields.Count; i++)
            {
                fields[i] = fields[i].Trim();
            }
        }

        public bool ReadRecord(List<string> fields, out long line)
        {
            fields.Clear();
            string? s = reader.ReadLine();
            if (s is null)
            {
                line = 0;
                return false;
            }

            line = ++_line;
            _field.Clear();
            bool open = false;
            Split(s, fields, ref open);
            while (open)
            {
                string? more = reader.ReadLine();
                if (more is null)
                {
                    break;
                }

                _line++;
                _field.Append('\n');
                Split(more, fields, ref open);
            }

            return true;
        }

        private void Split(string s, List<string> fields, ref bool open)
        {
            int i = 0;
            if (!open)
            {
                _field.Clear();
            }

            while (i <= s.Length)
            {
                if (open)
                {
                    int q = s.IndexOf('"', i);
                    if (q < 0)
                    {
                        _field.Append(s, i, s.Length - i);
                        return; // the field goes on on the next line
                    }

                    _field.Append(s, i, q - i);
                    if (q + 1 < s.Length && s[q + 1] == '"')
                    {
                        _field.Append('"');
                        i = q + 2;
                        continue;
                    }

                    open = false;
                    i = q + 1;
                    continue;
                }

                if (i == s.Length)
                {
                    fields.Add(_field.ToString());
                    _field.Clear();
                    return;
                }

                char c = s[i];
                if (c == Delimiter)
                {
                    fields.Add(_field.ToString());
                    _field.Clear();
                    i++;
                }
                else if (c == '"' && _field.Length == 0)
                {
                    open = true;
                    i++;
                }
                else
                {
                    int next = s.IndexOf(Delimiter, i);
                    int end = next < 0 ? s.Length : next;
                    _field.Append(s, i, end - i);
                    i = end;
                }
            }
        }
    }
}
