using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// The published tables of the seed (<c>published_tables.csv</c>): loading them, and recomputing Table 3, the
/// p-values of Table 2 and the forecast from them within the rounding of the printed figures.
/// </summary>
public static class PublishedTables
{
    /// <summary>The default planned budget of the forecast: the GLOBALmidt 2.0 programme, 37.4 mio. DKK.</summary>
    public const double DefaultPlanBudgetMdkk = 37.4;

    /// <summary>The default group of the forecast's cost per job: <c>VF Midtjylland</c>.</summary>
    public const string DefaultForecastGroup = "VF Midtjylland";

    /// <summary>The columns of <c>published_tables.csv</c>, in the published order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "group", "reported", "measured", "emp_share_participants", "emp_share_control", "emp_p_value", "jobs_created",
        "turn_share_participants", "turn_share_control", "turn_p_value", "added_turnover_mdkk", "budget_mdkk",
        "cost_per_job_tdkk", "spend_per_firm_tdkk", "jobs_per_firm",
    ];

    /// <summary>
    /// Reads <c>published_tables.csv</c> through the one table reader (docs/data-contract.md: comma, semicolon or tab,
    /// quotes, UTF-8 with or without BOM), lines starting with <c>#</c> are comments, a header naming the
    /// <see cref="Columns"/> (any order, extra columns ignored), one row per group; numbers use <c>.</c> as the decimal
    /// point and no thousands separator; <c>-</c> means "not defined" (allowed for the budget and Table 3's C, E, F).
    /// </summary>
    /// <exception cref="InputDataException">Every problem found, with file, line, column and value.</exception>
    /// <param name="path">The file.</param>
    public static IReadOnlyList<PublishedTableRow> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = TextInput.OpenFile(path);
        return Parse(reader, Path.GetFileName(path));
    }

    /// <summary>Reads the published tables from text; see <see cref="Load"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">The name used in error messages (e.g. the file name).</param>
    public static IReadOnlyList<PublishedTableRow> Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        using var input = CsvInput.Open(CsvInput.ReadText(reader, source), source, RegisterLoadOptions.Default, Columns, commentPrefix: '#');
        var errors = input.Errors;
        var rows = new List<PublishedTableRow>();
        var groups = new Dictionary<string, long>(StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < Columns.Count; k++)
        {
            index.Add(Columns[k], k);
        }

        var fields = new string[Columns.Count];
        try
        {
            while (input.Read())
            {
                long lineNo = input.Line;
                for (int k = 0; k < fields.Length; k++)
                {
                    fields[k] = Encoding.UTF8.GetString(input.Field(k));
                }

                var row = ReadRow(fields, index, source, lineNo, errors);
                if (row is null)
                {
                    continue;
                }

                if (groups.TryGetValue(row.Group, out long first))
                {
                    errors.Add(new DataError(
                        source, lineNo, "group", null, row.Group,
                        string.Create(CultureInfo.InvariantCulture, $"the group appears twice (first on line {first}).")));
                    continue;
                }

                groups.Add(row.Group, lineNo);
                rows.Add(row);
            }
        }
        catch (Exception e) when (e is CsvHelper.CsvFormatException or InvalidDataException)
        {
            throw CsvInput.Unreadable(input, e);
        }

        if (!errors.HasErrors && rows.Count == 0)
        {
            errors.Add(new DataError(source, 0, null, null, null, "the file has a header but no rows."));
        }

        errors.ThrowIfAny();
        return rows;
    }

    /// <summary>
    /// The range of two-sided p-values consistent with shares printed to <paramref name="shareDecimals"/> decimals:
    /// p1 = x/n for every integer x with x/n in [s - h, s + h], p0 in [c - h, c + h] (h half a unit of the last printed
    /// digit; both ends included because the rounding rule at exact halves is unknown).
    /// </summary>
    /// <remarks>
    /// For a fixed p1 the z statistic of both tests is strictly decreasing in p0, so the extremes over p0 are at the
    /// interval's ends (or p = 1 when p1 lies inside it). <see cref="ShareTestMethod.TwoSample"/> uses a control size of
    /// <paramref name="controlSize"/> (default n, the 1:1 test).
    /// </remarks>
    /// <param name="participantShare">The printed participants' share (e.g. 0.46).</param>
    /// <param name="controlShare">The printed control share (e.g. 0.53).</param>
    /// <param name="n">Participants: the published "measured" count (e.g. 67), at least 1.</param>
    /// <param name="shareDecimals">Decimals printed for the shares (default 2).</param>
    /// <param name="method">The test (default the known-share test).</param>
    /// <param name="controlSize">Control size of the two-sample test; default n. Ignored for the known-share test.</param>
    public static PValueRange PValueRange(
        double participantShare,
        double controlShare,
        int n,
        int shareDecimals = 2,
        ShareTestMethod method = ShareTestMethod.KnownShare,
        double? controlSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shareDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shareDecimals, 10);
        return PValueRange(
            new PrintedNumber(participantShare, shareDecimals), new PrintedNumber(controlShare, shareDecimals), n, method, controlSize);
    }

    /// <summary>The range of p-values consistent with printed shares; see the other overload.</summary>
    /// <param name="participantShare">The printed participants' share.</param>
    /// <param name="controlShare">The printed control share.</param>
    /// <param name="n">Participants, at least 1.</param>
    /// <param name="method">The test.</param>
    /// <param name="controlSize">Control size of the two-sample test; default n.</param>
    public static PValueRange PValueRange(
        PrintedNumber participantShare,
        PrintedNumber controlShare,
        int n,
        ShareTestMethod method = ShareTestMethod.KnownShare,
        double? controlSize = null)
    {
        CheckShare(participantShare, nameof(participantShare));
        CheckShare(controlShare, nameof(controlShare));
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (!Enum.IsDefined(method))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Undefined test method {(int)method}."), nameof(method));
        }

        double? n0 = method == ShareTestMethod.TwoSample ? controlSize ?? n : null;
        if (n0 is double size && (double.IsNaN(size) || size <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(controlSize), controlSize, "The control size must be greater than 0.");
        }

        // integers x with x/n in [s - h, s + h] (a small tolerance absorbs the binary representation of the bounds)
        const double eps = 1e-9;
        int xLow = (int)Math.Max(0, Math.Ceiling((n * participantShare.Low) - eps));
        int xHigh = (int)Math.Min(n, Math.Floor((n * participantShare.High) + eps));
        if (xLow > xHigh)
        {
            return new PValueRange(method, n, n0, participantShare, controlShare, null, null, null, null);
        }

        double p0Low = Math.Max(controlShare.Low, 0);
        double p0High = Math.Min(controlShare.High, 1);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int x = xLow; x <= xHigh; x++)
        {
            double p1 = (double)x / n;
            double a = PValue(x, n, p0Low, method, n0);
            double b = PValue(x, n, p0High, method, n0);
            low = Math.Min(low, Math.Min(a, b));
            high = Math.Max(high, p1 >= p0Low && p1 <= p0High ? 1 : Math.Max(a, b));
        }

        return new PValueRange(method, n, n0, participantShare, controlShare, xLow, xHigh, low, high);
    }

    /// <summary>
    /// Recomputes Table 3's C, E and F of every row from its printed A, B and D, checks them and the Table 2 p-values
    /// against the published figures within the rounding of the printed inputs, and recomputes the forecast.
    /// </summary>
    /// <param name="rows">The published rows (<see cref="Load"/>).</param>
    /// <param name="planBudgetMdkk">The planned budget of the forecast (default 37.4 mio. DKK).</param>
    /// <param name="forecastGroup">The group whose cost per job the forecast uses (default <c>VF Midtjylland</c>).</param>
    /// <exception cref="ArgumentException">No row has the forecast group.</exception>
    public static PublishedRecomputation Recompute(
        IReadOnlyList<PublishedTableRow> rows,
        double planBudgetMdkk = DefaultPlanBudgetMdkk,
        string forecastGroup = DefaultForecastGroup)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(forecastGroup);
        if (!double.IsFinite(planBudgetMdkk) || planBudgetMdkk < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(planBudgetMdkk), planBudgetMdkk, "The planned budget must be a finite, non-negative number of mio. DKK.");
        }

        var checks = new List<PublishedRowCheck>(rows.Count);
        PublishedRowCheck? forecastRow = null;
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            var check = Check(row);
            checks.Add(check);
            if (row.Group == forecastGroup)
            {
                forecastRow = check;
            }
        }

        if (forecastRow is null)
        {
            throw new ArgumentException(
                $"No published row has the forecast group '{forecastGroup}'. Groups: {string.Join(", ", rows.Select(r => r.Group))}.",
                nameof(forecastGroup));
        }

        double? cost = forecastRow.Recomputed.CostPerJobTdkk;
        var publishedCost = forecastRow.Published.CostPerJobTdkk;
        var forecast = new ForecastCheck(
            forecastGroup,
            planBudgetMdkk,
            cost,
            publishedCost,
            cost is double c ? Forecast.ExpectedJobs(planBudgetMdkk, c) : null,
            publishedCost is { Value: > 0 } pc ? Forecast.ExpectedJobs(planBudgetMdkk, pc.Value) : null);
        return new PublishedRecomputation(checks, forecast);
    }

    private static PublishedRowCheck Check(PublishedTableRow row)
    {
        var a = row.JobsCreated;
        var b = row.BudgetMdkk;
        int d = row.Measured;
        var t3 = Table3.Compute(row.Group, a.Value, b?.Value, d);

        // C = B*1000/A: increasing in B, decreasing in A (A > 0 with A - h > 0 since A is a positive printed multiple of 2h).
        (double, double)? cRange = b is PrintedNumber bb && t3.CostPerJobTdkk is not null && a.Low > 0
            ? (Math.Max(bb.Low, 0) * 1000 / a.High, bb.High * 1000 / a.Low)
            : null;
        (double, double)? eRange = b is PrintedNumber be && t3.SpendPerFirmTdkk is not null
            ? (Math.Max(be.Low, 0) * 1000 / d, be.High * 1000 / d)
            : null;
        (double, double)? fRange = t3.JobsPerFirm is not null ? (a.Low / d, a.High / d) : null;

        return new PublishedRowCheck(
            row,
            t3,
            Figure("C", row.CostPerJobTdkk, t3.CostPerJobTdkk, cRange),
            Figure("E", row.SpendPerFirmTdkk, t3.SpendPerFirmTdkk, eRange),
            Figure("F", row.JobsPerFirm, t3.JobsPerFirm, fRange),
            PCheck("employment", row.EmploymentShareParticipants, row.EmploymentShareControl, row.EmploymentPValue, row.Measured),
            PCheck("turnover", row.TurnoverShareParticipants, row.TurnoverShareControl, row.TurnoverPValue, row.Measured));
    }

    private static FigureCheck Figure(string name, PrintedNumber? published, double? recomputed, (double Low, double High)? range)
    {
        if (published is not PrintedNumber p || recomputed is not double r || range is not (double lo, double hi))
        {
            bool bothUndefined = published is null && recomputed is null;
            return new FigureCheck(name, published, recomputed, range?.Low, range?.High, bothUndefined, null);
        }

        double slack = 1e-9 * Math.Max(1, Math.Abs(p.Value));
        bool agrees = hi >= p.Low - slack && lo <= p.High + slack;
        return new FigureCheck(name, p, r, lo, hi, agrees, p.IsRoundingOf(r));
    }

    private static PValueCheck PCheck(string outcome, PrintedNumber share1, PrintedNumber share0, PrintedNumber published, int n)
    {
        int x = (int)Math.Clamp(Math.Round(share1.Value * n, MidpointRounding.AwayFromZero), 0, n);
        double point = ShareTest.KnownShare(x, n, share0.Value).PValue;
        return new PValueCheck(
            outcome,
            published,
            point,
            PValueRange(share1, share0, n),
            PValueRange(share1, share0, n, ShareTestMethod.TwoSample, n));
    }

    private static double PValue(int x, int n, double p0, ShareTestMethod method, double? n0) =>
        method == ShareTestMethod.KnownShare
            ? ShareTest.KnownShare(x, n, p0).PValue
            : ShareTest.TwoSample(x, n, p0, n0!.Value).PValue;

    private static void CheckShare(PrintedNumber share, string name)
    {
        if (double.IsNaN(share.Value) || share.Value < 0 || share.Value > 1)
        {
            throw new ArgumentOutOfRangeException(name, share.Value, "A printed share must be a number in [0, 1].");
        }

        if (share.Decimals is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(name, share.Decimals, "The printed decimals must be between 0 and 10.");
        }
    }

    private static PublishedTableRow? ReadRow(
        string[] fields, Dictionary<string, int> index, string source, long line, DataErrorCollector errors)
    {
        int before = errors.Count;
        string group = fields[index["group"]].Trim();
        if (group.Length == 0)
        {
            errors.Add(new DataError(source, line, "group", null, "", "the group name is empty."));
        }

        int Count(string column)
        {
            string s = fields[index[column]].Trim();
            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v))
            {
                return v;
            }

            errors.Add(new DataError(source, line, column, null, s, "expected a whole, non-negative number without thousands separator (e.g. 1401)."));
            return 0;
        }

        PrintedNumber? Number(string column, double min, double max, bool allowDash)
        {
            string s = fields[index[column]].Trim();
            if (allowDash && s == "-")
            {
                return null;
            }

            if (!TryParsePrinted(s, out var p))
            {
                string expected = s.Contains(',', StringComparison.Ordinal)
                    ? "expected a number with '.' as the decimal point and no thousands separator (e.g. 623.8)"
                    : "expected a number such as 0.55 or 623.8";
                errors.Add(new DataError(source, line, column, null, s, expected + (allowDash ? ", or '-' when not defined." : ".")));
                return null;
            }

            if (p.Value < min || p.Value > max)
            {
                errors.Add(new DataError(
                    source, line, column, null, s,
                    string.Create(CultureInfo.InvariantCulture, $"expected a number between {min} and {max}.")));
                return null;
            }

            return p;
        }

        int reported = Count("reported");
        int measured = Count("measured");
        var emp1 = Number("emp_share_participants", 0, 1, false);
        var emp0 = Number("emp_share_control", 0, 1, false);
        var empP = Number("emp_p_value", 0, 1, false);
        var jobs = Number("jobs_created", double.MinValue, double.MaxValue, false);
        var tur1 = Number("turn_share_participants", 0, 1, false);
        var tur0 = Number("turn_share_control", 0, 1, false);
        var turP = Number("turn_p_value", 0, 1, false);
        var added = Number("added_turnover_mdkk", double.MinValue, double.MaxValue, false);
        var budget = Number("budget_mdkk", 0, double.MaxValue, true);
        var cost = Number("cost_per_job_tdkk", 0, double.MaxValue, true);
        var spend = Number("spend_per_firm_tdkk", 0, double.MaxValue, true);
        var perFirm = Number("jobs_per_firm", double.MinValue, double.MaxValue, true);

        if (errors.Count == before && measured > reported)
        {
            errors.Add(new DataError(
                source, line, "measured", null, measured.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"the firms measured cannot exceed the firms reported ({reported}).")));
        }

        if (errors.Count == before && measured == 0)
        {
            errors.Add(new DataError(source, line, "measured", null, "0", "expected at least 1 firm measured (the n of the share tests)."));
        }

        if (errors.Count != before)
        {
            return null;
        }

        return new PublishedTableRow(
            group, reported, measured, emp1!.Value, emp0!.Value, empP!.Value, jobs!.Value, tur1!.Value, tur0!.Value,
            turP!.Value, added!.Value, budget, cost, spend, perFirm, line);
    }

    private static bool TryParsePrinted(string s, out PrintedNumber value)
    {
        value = default;
        if (s.Length == 0 || !double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v)
            || !double.IsFinite(v))
        {
            return false;
        }

        int dot = s.IndexOf('.', StringComparison.Ordinal);
        value = new PrintedNumber(v, dot < 0 ? 0 : s.Length - dot - 1);
        return true;
    }
}
