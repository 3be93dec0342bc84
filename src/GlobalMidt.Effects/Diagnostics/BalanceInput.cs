using System.Globalization;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Diagnostics;

/// <summary>
/// Reads the <c>balance</c> command's input: a table with treatment, covariates and either a weight column or an id
/// column that a pairs table (as <c>match</c> writes it) refers to; the weights from pairs are MatchIt's
/// (<see cref="MatchWeights.FromPairs"/>). Every problem is a located <see cref="DataError"/>.
/// </summary>
internal static class BalanceInput
{
    /// <summary>Reads <paramref name="data"/> (and <paramref name="pairs"/> when the options name no weight column);
    /// the paths (<c>-</c> for standard input) name the tables in messages.</summary>
    /// <exception cref="InputDataException">A column is missing or a value is malformed (file, line, column, value).</exception>
    /// <exception cref="AnalysisException">The table lacks treated or control rows, before or after matching.</exception>
    public static BalanceInputData Read(TextReader data, string dataPath, BalanceInputOptions options, TextReader? pairs = null, string? pairsPath = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var table = BalanceCsv.Read(data, Name(dataPath));
        BalanceCsv? pairTable = options.Weights is null
            ? BalanceCsv.Read(pairs ?? throw new ArgumentException("Without a weight column the pairs are needed.", nameof(pairs)), Name(pairsPath ?? "pairs"))
            : null;
        var errors = new DataErrorCollector();
        bool[] treated = ReadTreatment(table, options.Treat, errors);
        var (names, columns) = ReadCovariates(table, options.Covariates, options.Id, errors, options.Factors);
        double[] weights = options.Weights is not null
            ? ReadWeights(table, options.Weights, errors)
            : WeightsFromPairs(table, options.Id ?? throw new ArgumentException("Pairs need the id column.", nameof(options)), treated, pairTable!, errors);
        errors.ThrowIfAny();
        CheckAnalysable(treated, weights, dataPath);
        return new BalanceInputData(names, columns, treated, weights);
    }

    private static string Name(string path) => path == "-" ? "stdin" : Path.GetFileName(path);

    internal static void CheckAnalysable(bool[] treated, double[] weights, string file)
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

    internal static bool[] ReadTreatment(BalanceCsv data, string column, DataErrorCollector errors)
    {
        int col = data.Column(column, "treatment");
        var treated = new bool[data.RowCount];
        for (int i = 0; i < data.RowCount; i++)
        {
            string v = data.Cell(i, col);
            if (!ColumnTyping.TryParseTreatment(v, out treated[i]))
            {
                errors.Add(data.Error(i, column, v, "expected 1 (treated) or 0 (control), or true/false"));
            }
        }

        return treated;
    }

    /// <summary>
    /// Covariate columns typed by the one rule of <see cref="ColumnTyping"/> (as <see cref="MatchingTable"/>): a column
    /// whose values are all numbers is numeric; a column whose values are all text is categorical, split into 0/1
    /// dummies named <c>COL_level</c> (ordinal order; with two levels only the second, as cobalt's
    /// <c>splitfactor(drop.first = "if2")</c>); a column mixing numbers and text is one located error at its first text
    /// value (the error <c>match</c> gives). Missing values (empty, NA, NaN, '.') are errors: balance needs a value in
    /// every row. A column among <paramref name="factors"/> is categorical whatever its values, its levels by value
    /// when they are all numbers (as <c>match --factors</c>).
    /// </summary>
    internal static (List<string> Names, double[][] Columns) ReadCovariates(BalanceCsv data, IReadOnlyList<string> covariates, string? idColumn, DataErrorCollector errors, IReadOnlyList<string>? factors = null)
    {
        var names = new List<string>();
        var columns = new List<double[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int idCol = idColumn is null ? -1 : data.TryColumn(idColumn);
        foreach (string name in covariates)
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"option --covariates lists '{name}' twice.", nameof(covariates));
            }

            int col = data.Column(name, "covariate");
            var values = new double[data.RowCount];
            int numbers = 0, texts = 0, firstText = -1;
            for (int i = 0; i < data.RowCount; i++)
            {
                string cell = data.Cell(i, col);
                if (ColumnTyping.IsMissing(cell))
                {
                    continue;
                }

                if (data.TryNumber(cell, out values[i]))
                {
                    numbers++;
                }
                else
                {
                    texts++;
                    firstText = firstText < 0 ? i : firstText;
                }
            }

            var kind = ColumnTyping.Classify(numbers, texts);
            bool factor = factors?.Contains(name, StringComparer.Ordinal) ?? false;
            if (kind == ColumnKind.Mixed && !factor)
            {
                string value = data.Cell(firstText, col);
                errors.Add(new DataError(data.File, data.Line(firstText), name, idCol >= 0 ? data.Cell(firstText, idCol) : null, value, ColumnTyping.MixedColumnMessage(texts, numbers + texts)));
                continue;
            }

            if (kind == ColumnKind.Numeric && !factor)
            {
                for (int i = 0; i < data.RowCount; i++)
                {
                    string cell = data.Cell(i, col);
                    if (ColumnTyping.IsMissing(cell))
                    {
                        errors.Add(data.Error(i, name, cell, "missing value; balance needs a number in every row"));
                    }
                }

                names.Add(name);
                columns.Add(values);
                continue;
            }

            // A text column (or a factor): one 0/1 dummy per level (ordinal order); with two levels only the second.
            var levels = new SortedSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < data.RowCount; i++)
            {
                string cell = data.Cell(i, col);
                if (ColumnTyping.IsMissing(cell))
                {
                    errors.Add(data.Error(i, name, cell, "missing value; balance needs a level in every row"));
                }
                else
                {
                    levels.Add(cell);
                }
            }

            var list = levels.ToList();
            if (factor && kind == ColumnKind.Numeric)
            {
                // Codes written as numbers: by value (9 before 10), equal values (10, 10.0) by text.
                list = [.. list.Select(l => (Level: l, Value: data.TryNumber(l, out double v) ? v : double.NaN)).OrderBy(x => x.Value).ThenBy(x => x.Level, StringComparer.Ordinal).Select(x => x.Level)];
            }

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

    internal static double[] ReadWeights(BalanceCsv data, string column, DataErrorCollector errors)
    {
        int col = data.Column(column, "weight");
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
    /// MatchIt's weights from pairs (<see cref="MatchWeights.FromPairs"/>: treated 1; a control the sum over its pairs of
    /// 1/(controls of that treated unit), rescaled). An optional <c>weight</c> column holds the control's MatchIt weight,
    /// as <c>match</c> writes it; it is checked against the weights the pairs give, not used as a share.
    /// </summary>
    internal static double[] WeightsFromPairs(BalanceCsv data, string idColumn, bool[] treated, BalanceCsv pairs, DataErrorCollector errors)
    {
        int idCol = data.Column(idColumn, "id");
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

        int tCol = pairs.Column("treated", "pairs");
        int cCol = pairs.Column("control", "pairs");
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
        double[] w = MatchWeights.FromPairs(data.RowCount, treated, parsed.ConvertAll(p => (p.Treated, p.Control)));
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
}
