using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// Reads a matching table (<see cref="MatchingTable"/>) through the one table reader (<see cref="CsvInput"/>): one
/// pass over the rows into typed columns, missing-value flags and the few texts errors need; then the columns typed
/// by <see cref="ColumnTyping"/>'s rule, a categorical covariate read a second time for its values.
/// </summary>
internal sealed class MatchingTableReader(
    string source,
    char delimiter,
    IReadOnlyList<string> header,
    int treatCol,
    int idCol,
    int[] covCols,
    int[] exactCols,
    int[] extraCols,
    DataErrorCollector errors)
{
    private const byte TreatMissing = 2;
    private const byte TreatInvalid = 3;
    private readonly bool _decimalComma = ColumnTyping.DecimalComma(delimiter);
    private Utf8Column _ids = new();
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

    /// <summary>Reads every row of <paramref name="csv"/> (rows with another field count than the header are
    /// reported by the reader and skipped); <paramref name="byteLength"/> (-1 when unknown) sizes the columns.</summary>
    public void ReadAll(CsvInput csv, long byteLength)
    {
        Grow(1024);
        bool estimated = byteLength < 0;
        while (csv.Read())
        {
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

    /// <summary>Takes the rows read by <see cref="MatchingTableBlocks"/> (plain rows, every value present and valid:
    /// the state <see cref="ReadAll"/> leaves after such rows), instead of <see cref="ReadAll"/>.</summary>
    public void Adopt(int n, long[] lines, byte[] treat, double[][] cov, int[][] exact, double[][] extra, Utf8Column ids, Utf8Interner[] exactValues)
    {
        _n = n;
        _capacity = n;
        _lines = lines;
        _treat = treat;
        _ids = ids;
        for (int j = 0; j < _cov.Length; j++)
        {
            _cov[j] = cov[j];
        }

        for (int j = 0; j < _exact.Length; j++)
        {
            _exact[j] = exact[j];
            _exactValues[j] = exactValues[j];
        }

        for (int j = 0; j < _extra.Length; j++)
        {
            _extra[j] = extra[j];
        }

        _missing = new bool[n];
    }

    private void Row(CsvInput csv, int i)
    {
        _lines[i] = csv.Line;
        bool missing = false;
        var id = csv.FieldAt(idCol);
        _ids.Add(id);
        if (ColumnTyping.IsMissing(id))
        {
            missing = true;
            NoteMissing(1, i, id);
        }

        var t = csv.FieldAt(treatCol);
        byte tv;
        if (ColumnTyping.TryParseTreatment(t, out bool treated))
        {
            tv = treated ? (byte)1 : (byte)0;
        }
        else if (ColumnTyping.IsMissing(t))
        {
            tv = TreatMissing;
            missing = true;
            NoteMissing(0, i, t);
        }
        else
        {
            tv = TreatInvalid;
            _badText[BadKey(-1, i)] = FieldText.Show(t);
        }

        _treat[i] = tv;
        for (int j = 0; j < covCols.Length; j++)
        {
            var s = csv.FieldAt(covCols[j]);
            if (ColumnTyping.TryParseNumber(s, _decimalComma, out double v))
            {
                _cov[j][i] = v;
            }
            else
            {
                _cov[j][i] = double.NaN;
                if (ColumnTyping.IsMissing(s))
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
            var s = csv.FieldAt(exactCols[j]);
            if (ColumnTyping.IsMissing(s))
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
                    errors.Add(new DataError(source, csv.Line, header[exactCols[j]], FieldText.Show(id), FieldText.Show(s), problem));
                }
            }
        }

        for (int j = 0; j < extraCols.Length; j++)
        {
            var s = csv.FieldAt(extraCols[j]);
            if (ColumnTyping.TryParseNumber(s, _decimalComma, out double v))
            {
                _extra[j][i] = v;
            }
            else
            {
                _extra[j][i] = double.NaN;
                if (!ColumnTyping.IsMissing(s))
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

    /// <summary>Checks what needs all rows (missing values, ids, treatment), types the covariates and makes the
    /// table; <paramref name="reopen"/> opens the input again for a categorical covariate.</summary>
    public MatchingTable Finish(Func<CsvInput> reopen, MatchingTableOptions options)
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
        // Ids in increasing order (a sorted table) are distinct: no index needed.
        var seen = ids.StrictlyIncreasing() ? null : new Utf8Index(ids, m2);
        for (int k = 0; k < m2; k++)
        {
            int i = keep is null ? k : keep[k];
            int first = seen?.AddOrFind(k) ?? -1;
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

            // Every kept row has a value here (missing ones are an error or dropped): m2 - bad numbers, bad texts.
            var kind = ColumnTyping.Classify(m2 - bad, bad);
            if (options.Factors.Contains(options.Covariates[j], StringComparer.Ordinal))
            {
                // Declared categories: levels by value when every value is a number (its row's parsed number).
                categorical.Add(ReadCategorical(reopen, options.Covariates[j], covCols[j], keep, n, kind == ColumnKind.Numeric ? _cov[j] : null));
            }
            else if (kind == ColumnKind.Numeric)
            {
                numNames.Add(options.Covariates[j]);
                numCols.Add(Compact(_cov[j], keep, n));
            }
            else if (kind == ColumnKind.Mixed)
            {
                // Numbers and text mixed: a typo (or a number column spoilt by a stray value), never silently
                // a categorical column; a deliberate text column has no numbers.
                int i = keep is null ? firstBad : keep[firstBad];
                string value = _badText.TryGetValue(BadKey(j, i), out var v) ? v : "?";
                errors.Add(new DataError(source, lines[firstBad], options.Covariates[j], ids.GetString(firstBad), value, ColumnTyping.MixedColumnMessage(bad, m2)));
            }
            else
            {
                categorical.Add(ReadCategorical(reopen, options.Covariates[j], covCols[j], keep, n));
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
        return new MatchingTable(data, ids, lines, extra, delimiter, n, droppedBy, n - m2, strataNames);
    }

    /// <summary>Stratum codes: one per distinct combination of exact values, numbered in ordinal order of
    /// the description <c>a=x, b=y</c>.</summary>
    private (int[] Codes, string[] Names) Strata(MatchingTableOptions options, int[]? keep, int m)
    {
        // Dense combination key per row (mixed radix over the per-column value codes), numbered in order of first
        // appearance: through a table when the keys are few (region x industry: 50 or so), else a dictionary.
        var comboKeys = new List<long>();
        var rowCombo = new int[m];
        long range = 1;
        for (int j = 0; j < exactCols.Length && range <= (4L * m) + 1024; j++)
        {
            range *= Math.Max(1, _exactValues[j].Count);
        }

        if (range <= (4L * m) + 1024)
        {
            var comboOf = new int[range]; // combination code + 1, 0 when not seen yet
            for (int k = 0; k < m; k++)
            {
                int i = keep is null ? k : keep[k];
                long key = 0;
                for (int j = 0; j < exactCols.Length; j++)
                {
                    key = (key * _exactValues[j].Count) + _exact[j][i];
                }

                int c = comboOf[key] - 1;
                if (c < 0)
                {
                    c = comboKeys.Count;
                    comboOf[key] = c + 1;
                    comboKeys.Add(key);
                }

                rowCombo[k] = c;
            }
        }
        else
        {
            var combos = new Dictionary<long, int>();
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

    /// <summary>A covariate that holds categories: read again, its values interned; levels in ordinal order, or
    /// with <paramref name="numbers"/> (per row, its value as a number) by number, then ordinal.</summary>
    private CategoricalCovariate ReadCategorical(Func<CsvInput> reopen, string name, int col, int[]? keep, int n, double[]? numbers = null)
    {
        var values = new Utf8Interner();
        var codes = new int[n];
        using (var csv = reopen())
        {
            int i = 0;
            while (csv.Read())
            {
                {
                    var value = csv.FieldAt(col);
                    int code = values.GetOrAdd(value);
                    if (values.Problem(code) is string problem)
                    {
                        errors.Add(new DataError(source, csv.Line, name, _ids.GetString(i), FieldText.Show(value), problem));
                    }

                    codes[i++] = code;
                }
            }
        }

        var kept = Compact(codes, keep, n);
        var (sorted, map) = values.Sorted();
        if (numbers is not null)
        {
            // By value, equal values (10 and 10.0) by text: a permutation of the ordinal order.
            var value = new double[sorted.Length];
            for (int i = 0; i < n; i++)
            {
                value[map[codes[i]]] = numbers[i];
            }

            var byValue = new int[sorted.Length];
            for (int l = 0; l < byValue.Length; l++)
            {
                byValue[l] = l;
            }

            Array.Sort(byValue, (a, b) => value[a].CompareTo(value[b]) is int c and not 0 ? c : a.CompareTo(b));
            var position = new int[sorted.Length];
            for (int l = 0; l < byValue.Length; l++)
            {
                position[byValue[l]] = l;
            }

            sorted = [.. byValue.Select(l => sorted[l])];
            for (int c = 0; c < map.Length; c++)
            {
                map[c] = position[map[c]];
            }
        }

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
