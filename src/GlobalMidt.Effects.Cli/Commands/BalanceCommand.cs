using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Cli.Commands;

/// <summary>
/// The <c>balance</c> command: covariate balance (cobalt's conventions) of a dataset whose weights came from any
/// matching, or whose pairs came from the <c>match</c> command; optional Love plot.
/// </summary>
public sealed class BalanceCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "balance";

    /// <inheritdoc />
    public string Summary => "Covariate balance before and after matching (cobalt conventions)";

    /// <inheritdoc />
    public string Help =>
        """
        Usage: globalmidt-effects balance --data FILE --treat COL --covariates a,b,c
                                         (--weights COL | --pairs FILE --id COL) [options]

        Covariate balance before and after matching, for the ATT, as R's cobalt::bal.tab reports it:
        standardized mean differences (denominator: SD of the treated before matching; binary 0/1
        covariates as raw differences in proportions), variance ratios, eCDF mean/max differences,
        effective sample sizes.

        Input:
          --data FILE          CSV (comma or semicolon, detected; UTF-8, BOM allowed). With ';' a decimal
                               comma is accepted (12,5). - reads standard input (gzip recognised).
          --treat COL          Treatment column: 1/0 or true/false.
          --covariates LIST    Comma-separated covariate columns. Numeric; a column without any number is
                               taken as categorical and split into 0/1 dummies named COL_level (two levels:
                               one dummy for the second level, as cobalt's splitfactor(drop.first = "if2")).
          --weights COL        Matching weights (e.g. MatchIt's m$weights): >= 0, 0 = not matched.
          --pairs FILE         Instead of --weights: the pairs written by 'match' (columns treated,control;
                               optional slot and weight). The weights are MatchIt's, computed from the
                               pairs: a treated unit in a pair 1; a control the sum over its pairs of
                               1/(controls of that treated unit), rescaled so control weights sum to the
                               number of distinct matched controls. A weight column, when present, is the
                               control's MatchIt weight (as 'match' writes it) and must agree.
          --id COL             With --pairs: the id column of --data that the pairs refer to.

        Options:
          --threshold X        |SMD| threshold (default 0.1).
          --vr-threshold X     Variance-ratio threshold: balanced when VR is within (1/X, X) (default 2).
          --binary raw|std     Binary covariates as raw differences (default) or standardized.
          --format F           table (default), markdown, csv, json or html.
          --out PATH           Write the table to PATH instead of standard output (- for stdout).
          --plot PATH          Also draw the Love plot (.png or .svg).

        Example:
          globalmidt-effects balance --data lalonde.csv --treat treat --covariates age,educ,re74 --weights w --plot love.png

        """;

    /// <inheritdoc />
    public int Run(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        string dataPath = args.Required("data");
        string treatCol = args.Required("treat");
        var covariateCols = args.List("covariates");
        if (covariateCols.Count == 0)
        {
            throw new UsageException("option --covariates is required: give a comma-separated list of columns.");
        }

        string? weightsCol = args.String("weights");
        string? pairsPath = args.String("pairs");
        string? idCol = args.String("id");
        double threshold = args.Double("threshold", 0.1, 0, 100);
        double vrThreshold = args.Double("vr-threshold", 2, 1, 1000);
        string binary = args.Choice("binary", "raw", "raw", "std");
        string format = args.Choice("format", "table", "table", "markdown", "csv", "json", "html");
        string? outPath = args.String("out");
        string? plotPath = args.String("plot");
        args.ThrowIfUnused();

        if ((weightsCol is null) == (pairsPath is null))
        {
            throw new UsageException("give either --weights COL or --pairs FILE (with --id COL), not both and not neither.");
        }

        if (pairsPath is not null && idCol is null)
        {
            throw new UsageException("option --pairs needs --id COL: the id column of --data that the pairs refer to.");
        }

        if (pairsPath is null && idCol is not null)
        {
            throw new UsageException("option --id is only used with --pairs.");
        }

        if (threshold <= 0)
        {
            throw new UsageException("option --threshold must be above 0 (got 0).");
        }

        if (vrThreshold <= 1)
        {
            throw new UsageException("option --vr-threshold must be above 1 (got 1).");
        }

        if (plotPath is not null)
        {
            string ext = Path.GetExtension(plotPath).ToUpperInvariant();
            if (ext is not ".PNG" and not ".SVG")
            {
                throw new UsageException($"option --plot needs a .png or .svg file name (got '{plotPath}').");
            }
        }

        if (outPath is not null)
        {
            OutputFile.Check(outPath);
        }

        if (plotPath is not null)
        {
            OutputFile.Check(plotPath, "--plot");
        }

        var options = new BalanceOptions
        {
            SmdThreshold = threshold,
            VarianceRatioThreshold = vrThreshold,
            Binary = binary == "std" ? BinaryDifference.Standardized : BinaryDifference.Raw,
        };

        CliInput.AtMostOneStdin(("data", dataPath), ("pairs", pairsPath));
        var data = CsvTable.Read(dataPath, args.Host);
        var errors = new DataErrorCollector();
        bool[] treated = ReadTreatment(data, treatCol, errors);
        var (names, columns) = ReadCovariates(data, covariateCols, errors);
        double[] weights = weightsCol is not null
            ? ReadWeights(data, weightsCol, errors)
            : WeightsFromPairs(data, idCol!, treated, CsvTable.Read(pairsPath!, args.Host), errors);
        errors.ThrowIfAny();

        CheckAnalysable(treated, weights, dataPath);
        var table = Balance.Compute(names, columns, treated, weights, options);
        string text = format switch
        {
            "markdown" => table.ToMarkdown(),
            "csv" => table.ToCsv(),
            "json" => table.ToJson(),
            "html" => table.ToHtml(),
            _ => table.ToConsole(),
        };

        OutputFile.Write(outPath, text, stdout);
        if (outPath is not null && !CliInput.IsDash(outPath))
        {
            stdout.WriteLine($"Balance table written to {outPath}.");
        }

        if (plotPath is not null)
        {
            OutputFile.Write(plotPath, "--plot", temp => LovePlot.Render(table, temp, new LovePlotOptions()));
            stdout.WriteLine($"Love plot written to {plotPath}.");
        }

        return ExitCodes.Success;
    }

    private static void CheckAnalysable(bool[] treated, double[] weights, string file)
    {
        int t = 0, c = 0, tm = 0, cm = 0;
        for (int i = 0; i < treated.Length; i++)
        {
            if (treated[i])
            {
                t++;
                tm += weights[i] > 0 ? 1 : 0;
            }
            else
            {
                c++;
                cm += weights[i] > 0 ? 1 : 0;
            }
        }

        if (t == 0 || c == 0)
        {
            throw new AnalysisException($"{file} has {t} treated and {c} control rows; balance needs both.");
        }

        if (tm == 0 || cm == 0)
        {
            throw new AnalysisException($"after matching, {tm} treated and {cm} control rows of {file} have a positive weight; balance needs both.");
        }
    }

    private static bool[] ReadTreatment(CsvTable data, string column, DataErrorCollector errors)
    {
        int col = data.Column(column);
        var treated = new bool[data.RowCount];
        for (int i = 0; i < data.RowCount; i++)
        {
            string v = data.Cell(i, col);
            switch (v)
            {
                case "1" or "TRUE" or "true" or "True":
                    treated[i] = true;
                    break;
                case "0" or "FALSE" or "false" or "False":
                    break;
                default:
                    errors.Add(data.Error(i, column, v, "expected 1 (treated) or 0 (control), or true/false"));
                    break;
            }
        }

        return treated;
    }

    private static (List<string> Names, double[][] Columns) ReadCovariates(CsvTable data, IReadOnlyList<string> covariates, DataErrorCollector errors)
    {
        var names = new List<string>();
        var columns = new List<double[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in covariates)
        {
            if (!seen.Add(name))
            {
                throw new UsageException($"option --covariates lists '{name}' twice.");
            }

            int col = data.Column(name);
            var values = new double[data.RowCount];
            bool anyNumber = false;
            for (int i = 0; i < data.RowCount; i++)
            {
                if (data.TryNumber(data.Cell(i, col), out values[i]))
                {
                    anyNumber = true;
                }
            }

            if (anyNumber || data.RowCount == 0)
            {
                for (int i = 0; i < data.RowCount; i++)
                {
                    string cell = data.Cell(i, col);
                    if (!data.TryNumber(cell, out _))
                    {
                        errors.Add(data.Error(i, name, cell, cell.Length == 0 ? "missing value; balance needs a number in every row" : "expected a number (invariant culture, '.' as decimal point; ',' also with ';'-separated files)"));
                    }
                }

                names.Add(name);
                columns.Add(values);
                continue;
            }

            // A text column: one 0/1 dummy per level (ordinal order); with two levels only the second.
            var levels = new SortedSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < data.RowCount; i++)
            {
                string cell = data.Cell(i, col);
                if (cell.Length == 0)
                {
                    errors.Add(data.Error(i, name, cell, "missing value; balance needs a level in every row"));
                }
                else
                {
                    levels.Add(cell);
                }
            }

            var list = levels.ToList();
            foreach (string level in list.Count == 2 ? list.Skip(1) : list)
            {
                var dummy = new double[data.RowCount];
                for (int i = 0; i < data.RowCount; i++)
                {
                    dummy[i] = data.Cell(i, col) == level ? 1 : 0;
                }

                names.Add(name + "_" + level);
                columns.Add(dummy);
            }
        }

        return (names, columns.ToArray());
    }

    private static double[] ReadWeights(CsvTable data, string column, DataErrorCollector errors)
    {
        int col = data.Column(column);
        var w = new double[data.RowCount];
        for (int i = 0; i < data.RowCount; i++)
        {
            string cell = data.Cell(i, col);
            if (!data.TryNumber(cell, out w[i]) || w[i] < 0)
            {
                errors.Add(data.Error(i, column, cell, "expected a matching weight: a number >= 0 (0 = not matched)"));
            }
        }

        return w;
    }

    /// <summary>
    /// MatchIt's weights from pairs (<see cref="MatchWeights.Compute"/>: treated 1; a control the sum over its pairs of
    /// 1/(controls of that treated unit), rescaled). An optional <c>weight</c> column holds the control's MatchIt weight,
    /// as <c>match</c> writes it; it is checked against the weights the pairs give, not used as a share.
    /// </summary>
    private static double[] WeightsFromPairs(CsvTable data, string idColumn, bool[] treated, CsvTable pairs, DataErrorCollector errors)
    {
        int idCol = data.Column(idColumn);
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < data.RowCount; i++)
        {
            string id = data.Cell(i, idCol);
            if (id.Length == 0)
            {
                errors.Add(data.Error(i, idColumn, id, "missing id"));
            }
            else if (!rowOf.TryAdd(id, i))
            {
                errors.Add(data.Error(i, idColumn, id, string.Create(CultureInfo.InvariantCulture, $"duplicate id (first on line {data.Line(rowOf[id])})")));
            }
        }

        int tCol = pairs.Column("treated");
        int cCol = pairs.Column("control");
        int sCol = pairs.TryColumn("slot");
        int wCol = pairs.TryColumn("weight");
        var parsed = new List<(int Treated, int Slot, int Control, double Weight, int PairRow)>(pairs.RowCount);
        var seen = new HashSet<(int, int)>();
        for (int p = 0; p < pairs.RowCount; p++)
        {
            string tId = pairs.Cell(p, tCol), cId = pairs.Cell(p, cCol);
            bool ok = true;
            if (!rowOf.TryGetValue(tId, out int t))
            {
                errors.Add(pairs.Error(p, "treated", tId, $"id not found in column '{idColumn}' of {data.File}"));
                ok = false;
            }
            else if (!treated[t])
            {
                errors.Add(pairs.Error(p, "treated", tId, $"this id is a control in {data.File} (line {data.Line(t).ToString(CultureInfo.InvariantCulture)})"));
                ok = false;
            }

            if (!rowOf.TryGetValue(cId, out int c))
            {
                errors.Add(pairs.Error(p, "control", cId, $"id not found in column '{idColumn}' of {data.File}"));
                ok = false;
            }
            else if (treated[c])
            {
                errors.Add(pairs.Error(p, "control", cId, $"this id is treated in {data.File} (line {data.Line(c).ToString(CultureInfo.InvariantCulture)})"));
                ok = false;
            }

            int slot = 0;
            if (sCol >= 0)
            {
                string cell = pairs.Cell(p, sCol);
                if (!int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out slot) || slot < 1)
                {
                    errors.Add(pairs.Error(p, "slot", cell, "expected the control's slot: a whole number >= 1"));
                    ok = false;
                }
            }

            double weight = double.NaN;
            if (wCol >= 0)
            {
                string cell = pairs.Cell(p, wCol);
                if (!pairs.TryNumber(cell, out weight) || weight <= 0)
                {
                    errors.Add(pairs.Error(p, "weight", cell, "expected the control's matching weight: a number > 0"));
                    ok = false;
                }
            }

            if (ok && !seen.Add((t, c)))
            {
                errors.Add(pairs.Error(p, "control", cId, $"the pair {tId},{cId} is listed twice"));
                ok = false;
            }

            if (ok)
            {
                parsed.Add((t, slot, c, weight, p));
            }
        }

        // In (treated row, slot, control row) order, the order 'match' writes, so the weights do not depend on the
        // order of the pairs file.
        parsed.Sort((a, b) => a.Treated != b.Treated ? a.Treated.CompareTo(b.Treated)
            : a.Slot != b.Slot ? a.Slot.CompareTo(b.Slot) : a.Control.CompareTo(b.Control));
        var matched = parsed.Select(p => new MatchedPair(p.Treated, p.Control, p.Slot, 0)).ToArray();
        double[] w = MatchWeights.Compute(data.RowCount, treated, matched);
        foreach (var (_, _, c, given, pairRow) in parsed)
        {
            if (!double.IsNaN(given) && Math.Abs(given - w[c]) > 1e-9 * Math.Max(1, w[c]))
            {
                errors.Add(pairs.Error(pairRow, "weight", given.ToString("R", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture,
                    $"the control's matching weight from the pairs is {w[c]:R}; the weight column holds each control's MatchIt weight (as 'match' writes it), not the pair's share. Drop the column to have the weights computed from the pairs alone")));
            }
        }

        return w;
    }

    /// <summary>A small RFC 4180 CSV reader: comma or semicolon (detected from the header), quotes, UTF-8 with or
    /// without BOM; keeps each record's starting line for error messages.</summary>
    internal sealed class CsvTable
    {
        private readonly List<string[]> _rows;
        private readonly List<long> _lines;
        private readonly Dictionary<string, int> _columns;

        private CsvTable(string file, char delimiter, string[] header, List<string[]> rows, List<long> lines)
        {
            File = file;
            Delimiter = delimiter;
            Header = header;
            _rows = rows;
            _lines = lines;
            _columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int j = 0; j < header.Length; j++)
            {
                _columns.TryAdd(header[j], j);
            }
        }

        public string File { get; }

        public char Delimiter { get; }

        public string[] Header { get; }

        public int RowCount => _rows.Count;

        public static CsvTable Read(string path, CliHost host)
        {
            if (CliInput.IsDash(path))
            {
                using var stdin = CliInput.StdinText(host);
                return Read(stdin, "stdin");
            }

            using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            return Read(reader, Path.GetFileName(path));
        }

        public static CsvTable Read(TextReader reader, string name)
        {
            string text;
            {
                try
                {
                    text = reader.ReadToEnd();
                }
                catch (DecoderFallbackException)
                {
                    throw new InputDataException(new DataError(name, 0, null, null, null, "the file is not valid UTF-8; save it as UTF-8 (CSV UTF-8 in Excel)"));
                }
            }

            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text[1..];
            }

            char delimiter = DetectDelimiter(text);
            var records = new List<string[]>();
            var lines = new List<long>();
            var fields = new List<string>();
            var field = new StringBuilder();
            long line = 1, recordLine = 1;
            bool inQuotes = false, quoted = false, any = false;
            for (int i = 0; i <= text.Length; i++)
            {
                char ch = i < text.Length ? text[i] : '\n';
                bool atEnd = i == text.Length;
                if (inQuotes && !atEnd)
                {
                    if (ch == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else
                        {
                            inQuotes = false;
                        }
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            line++;
                        }

                        field.Append(ch);
                    }

                    continue;
                }

                if (inQuotes && atEnd)
                {
                    throw new InputDataException(new DataError(name, recordLine, null, null, null, "a quoted field is not closed before the end of the file"));
                }

                if (ch == '"' && field.Length == 0 && !quoted)
                {
                    inQuotes = quoted = any = true;
                }
                else if (ch == delimiter)
                {
                    fields.Add(quoted ? field.ToString() : field.ToString().Trim());
                    field.Clear();
                    quoted = false;
                    any = true;
                }
                else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    // handled with the '\n'
                }
                else if (ch == '\n' || ch == '\r')
                {
                    if (any || field.Length > 0)
                    {
                        fields.Add(quoted ? field.ToString() : field.ToString().Trim());
                        records.Add(fields.ToArray());
                        lines.Add(recordLine);
                    }

                    fields.Clear();
                    field.Clear();
                    quoted = any = false;
                    line++;
                    recordLine = line;
                }
                else if (quoted)
                {
                    if (!char.IsWhiteSpace(ch))
                    {
                        throw new InputDataException(new DataError(name, recordLine, null, null, null, $"unexpected character '{ch}' after a closing quote"));
                    }
                }
                else
                {
                    field.Append(ch);
                    any = true;
                }
            }

            if (records.Count == 0)
            {
                throw new InputDataException(new DataError(name, 0, null, null, null, "the file is empty; expected a header line and data rows"));
            }

            string[] header = records[0];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string h in header)
            {
                if (!seen.Add(h))
                {
                    throw new InputDataException(new DataError(name, 1, h, null, null, "the header names this column twice"));
                }
            }

            var errors = new DataErrorCollector();
            for (int r = 1; r < records.Count; r++)
            {
                if (records[r].Length != header.Length)
                {
                    errors.Add(new DataError(name, lines[r], null, null, null, string.Create(CultureInfo.InvariantCulture, $"{records[r].Length} fields, but the header has {header.Length} (separator '{delimiter}')")));
                }
            }

            errors.ThrowIfAny();
            return new CsvTable(name, delimiter, header, records.GetRange(1, records.Count - 1), lines.GetRange(1, lines.Count - 1));
        }

        /// <summary>Semicolon when the header line has more semicolons than commas outside quotes, else comma.</summary>
        private static char DetectDelimiter(string text)
        {
            int commas = 0, semicolons = 0;
            bool inQuotes = false;
            foreach (char ch in text)
            {
                if (ch == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (!inQuotes && (ch == '\n' || ch == '\r'))
                {
                    break;
                }
                else if (!inQuotes && ch == ',')
                {
                    commas++;
                }
                else if (!inQuotes && ch == ';')
                {
                    semicolons++;
                }
            }

            return semicolons > commas ? ';' : ',';
        }

        public int TryColumn(string name) => _columns.TryGetValue(name, out int j) ? j : -1;

        public int Column(string name)
        {
            int j = TryColumn(name);
            if (j < 0)
            {
                throw new InputDataException(new DataError(File, 1, name, null, null, $"no such column; the header has: {string.Join(", ", Header)}"));
            }

            return j;
        }

        public string Cell(int row, int column) => _rows[row][column];

        public long Line(int row) => _lines[row];

        public DataError Error(int row, string column, string? value, string message) =>
            new(File, _lines[row], column, null, value, message);

        /// <summary>A number in the invariant culture; with ';' as separator a decimal comma too (no thousands
        /// separators). NA, NaN and empty cells are not numbers.</summary>
        public bool TryNumber(string cell, out double value)
        {
            const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
            if (double.TryParse(cell, Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            {
                return true;
            }

            if (Delimiter == ';' && cell.Contains(',', StringComparison.Ordinal) && !cell.Contains('.', StringComparison.Ordinal)
                && double.TryParse(cell.Replace(',', '.'), Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            {
                return true;
            }

            value = 0;
            return false;
        }
    }
}
