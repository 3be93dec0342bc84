using System.Globalization;
using System.Text;
using System.Text.Json;
using GlobalMidt.Effects.Reporting;

namespace GlobalMidt.Effects.Simulation;

/// <summary>
/// What the simulator knows and an estimator should recover: the settings and, per group and cross-cutting, the
/// Table 1 counts and the true effects. Written as <c>truth.json</c> (fixed key order, numbers with 6 decimals).
/// </summary>
/// <param name="Seed">The seed.</param>
/// <param name="Firms">Number of firms in the register.</param>
/// <param name="Periods">Period labels, ascending.</param>
/// <param name="HistoryStart">History start label.</param>
/// <param name="Baseline">Baseline label.</param>
/// <param name="Measurement">Measurement label.</param>
/// <param name="Groups">Per group, in the order of the options.</param>
/// <param name="CrossCutting">All groups together, each firm counted once.</param>
/// <param name="GroupSettings">The group definitions used (budgets, effects).</param>
public sealed record SimulationTruth(
    ulong Seed,
    int Firms,
    IReadOnlyList<string> Periods,
    string HistoryStart,
    string Baseline,
    string Measurement,
    IReadOnlyList<GroupTruth> Groups,
    GroupTruth CrossCutting,
    IReadOnlyList<SimulatedGroup> GroupSettings)
{
    /// <summary>The export model of the register, or null when it has no export column (then <c>truth.json</c> is
    /// as before: no export keys). Read back from <c>truth.json</c> as <see cref="RegisterExport.Default"/>'s
    /// record with the written parameters.</summary>
    public RegisterExport? Export { get; init; }

    /// <summary>The key of the cross-cutting row in <c>truth.json</c> and <see cref="GroupTruth.Group"/>.</summary>
    public const string CrossCuttingKey = "cross_cutting";

    /// <summary>The truth of a group by name, or the cross-cutting row for <see cref="CrossCuttingKey"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such group.</exception>
    public GroupTruth this[string group]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(group);
            if (group == CrossCuttingKey)
            {
                return CrossCutting;
            }

            foreach (var g in Groups)
            {
                if (g.Group == group)
                {
                    return g;
                }
            }

            throw new KeyNotFoundException($"truth has no group '{group}'.");
        }
    }

    /// <summary>The JSON text of <c>truth.json</c> (UTF-8 without BOM when written; LF line ends).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        WriteJson(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <c>truth.json</c> to a stream.</summary>
    public void WriteJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (JsonLf.NeedsRewrite)
        {
            using var buffer = new MemoryStream();
            WriteJsonText(buffer);
            JsonLf.CopyWithoutCr(buffer, stream);
            return;
        }

        WriteJsonText(stream);
    }

    private void WriteJsonText(Stream stream)
    {
        using (var w = new Utf8JsonWriter(stream, JsonLf.Options))
        {
            w.WriteStartObject();
            w.WriteString("generator", "GlobalMidt.Effects RegisterSimulator");
            w.WriteStartObject("settings");
            w.WriteNumber("seed", Seed);
            w.WriteNumber("firms", Firms);
            w.WriteStartArray("periods");
            foreach (var p in Periods)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteString("history_start", HistoryStart);
            w.WriteString("baseline", Baseline);
            w.WriteString("measurement", Measurement);
            w.WriteStartArray("groups");
            foreach (var g in GroupSettings)
            {
                w.WriteStartObject();
                w.WriteString("group", g.Name);
                if (g.Region is null)
                {
                    w.WriteNull("region");
                }
                else
                {
                    w.WriteString("region", g.Region);
                }

                Fixed(w, "budget_mdkk", g.BudgetMdkk);
                Fixed(w, "fte_effect", g.FteEffect);
                Fixed(w, "turnover_effect", g.TurnoverEffect);
                if (Export is not null)
                {
                    Fixed(w, "export_effect", g.ExportEffect);
                }

                Fixed(w, "unknown_share", g.UnknownShare);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (Export is { } x)
            {
                w.WriteStartObject("export");
                Fixed(w, "exporter_logit", x.ExporterLogit);
                Fixed(w, "exporter_size_slope", x.ExporterSizeSlope);
                Fixed(w, "start_offset", x.StartOffset);
                Fixed(w, "stop_base", x.StopBase);
                Fixed(w, "stop_small", x.StopSmall);
                Fixed(w, "max_share", x.MaxShare);
                Fixed(w, "share_logit", x.ShareLogit);
                Fixed(w, "sd_share_firm", x.SdShareFirm);
                Fixed(w, "share_persistence", x.SharePersistence);
                Fixed(w, "sd_share_shock", x.SdShareShock);
                Fixed(w, "sd_transitory_share", x.SdTransitoryShare);
                Fixed(w, "selection_exporter", x.SelectionExporter);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartObject("groups");
            foreach (var g in Groups)
            {
                w.WritePropertyName(g.Group);
                WriteGroup(w, g);
            }

            w.WriteEndObject();
            w.WritePropertyName(CrossCuttingKey);
            WriteGroup(w, CrossCutting);
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>Reads a <c>truth.json</c> written by <see cref="WriteJson"/>.</summary>
    /// <remarks>
    /// The file does not hold the groups' report weights and project prefixes; the <see cref="GroupSettings"/> read
    /// back carry weight 1 and placeholder prefixes (<c>G0</c>, <c>G1</c>, ...).
    /// </remarks>
    /// <exception cref="FormatException">The text is not a truth file.</exception>
    public static SimulationTruth Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var settings = root.GetProperty("settings");
            var periods = settings.GetProperty("periods").EnumerateArray().Select(e => e.GetString()!).ToArray();
            var groupSettings = new List<SimulatedGroup>();
            foreach (var g in settings.GetProperty("groups").EnumerateArray())
            {
                var region = g.GetProperty("region");
                groupSettings.Add(new SimulatedGroup(
                    g.GetProperty("group").GetString()!,
                    region.ValueKind == JsonValueKind.Null ? null : region.GetString(),
                    1,
                    g.GetProperty("budget_mdkk").GetDouble(),
                    g.GetProperty("fte_effect").GetDouble(),
                    g.GetProperty("turnover_effect").GetDouble(),
                    g.GetProperty("unknown_share").GetDouble(),
                    "G" + groupSettings.Count.ToString(CultureInfo.InvariantCulture))
                {
                    ExportEffect = g.TryGetProperty("export_effect", out var xe) ? xe.GetDouble() : 0,
                });
            }

            var groups = new List<GroupTruth>();
            foreach (var p in root.GetProperty("groups").EnumerateObject())
            {
                groups.Add(ReadGroup(p.Name, p.Value));
            }

            return new SimulationTruth(
                settings.GetProperty("seed").GetUInt64(),
                settings.GetProperty("firms").GetInt32(),
                periods,
                settings.GetProperty("history_start").GetString()!,
                settings.GetProperty("baseline").GetString()!,
                settings.GetProperty("measurement").GetString()!,
                groups,
                ReadGroup(CrossCuttingKey, root.GetProperty(CrossCuttingKey)),
                groupSettings)
            {
                Export = settings.TryGetProperty("export", out var x) ? ReadExport(x) : null,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("not a truth.json written by the simulator: " + e.Message, e);
        }
    }

    /// <summary>Reads a <c>truth.json</c> file.</summary>
    public static SimulationTruth Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));

    private static void WriteGroup(Utf8JsonWriter w, GroupTruth g)
    {
        w.WriteStartObject();
        w.WriteNumber("reported", g.Reported);
        w.WriteNumber("measured", g.Measured);
        w.WriteStartObject("excluded");
        w.WriteNumber("unknown", g.Excluded.Unknown);
        w.WriteNumber("public", g.Excluded.Public);
        w.WriteNumber("ceased", g.Excluded.Ceased);
        w.WriteNumber("inactive", g.Excluded.Inactive);
        w.WriteEndObject();
        Fixed(w, "true_jobs_created", g.TrueJobsCreated);
        Fixed(w, "true_added_turnover_mdkk", g.TrueAddedTurnoverMdkk);
        if (g.TrueAddedExportMdkk is { } addedExport)
        {
            Fixed(w, "true_added_export_mdkk", addedExport);
        }

        Fixed(w, "actual_fte_measurement", g.ActualFteMeasurement);
        Fixed(w, "counterfactual_fte_measurement", g.CounterfactualFteMeasurement);
        Fixed(w, "fte_baseline", g.FteBaseline);
        Fixed(w, "emp_share_actual", g.EmploymentGrowthShare);
        Fixed(w, "emp_share_counterfactual", g.CounterfactualEmploymentGrowthShare);
        Fixed(w, "turn_share_actual", g.TurnoverGrowthShare);
        Fixed(w, "turn_share_counterfactual", g.CounterfactualTurnoverGrowthShare);
        if (g.TrueAddedExportMdkk is not null)
        {
            Fixed(w, "export_share_actual", g.ExportGrowthShare ?? double.NaN);
            Fixed(w, "export_share_counterfactual", g.CounterfactualExportGrowthShare ?? double.NaN);
        }

        w.WriteEndObject();
    }

    private static GroupTruth ReadGroup(string name, JsonElement e)
    {
        var x = e.GetProperty("excluded");
        return new GroupTruth(
            name,
            e.GetProperty("reported").GetInt32(),
            e.GetProperty("measured").GetInt32(),
            new ExclusionCounts(
                x.GetProperty("unknown").GetInt32(),
                x.GetProperty("public").GetInt32(),
                x.GetProperty("ceased").GetInt32(),
                x.GetProperty("inactive").GetInt32()),
            Number(e, "true_jobs_created"),
            Number(e, "true_added_turnover_mdkk"),
            Number(e, "actual_fte_measurement"),
            Number(e, "counterfactual_fte_measurement"),
            Number(e, "fte_baseline"),
            Number(e, "emp_share_actual"),
            Number(e, "emp_share_counterfactual"),
            Number(e, "turn_share_actual"),
            Number(e, "turn_share_counterfactual"))
        {
            TrueAddedExportMdkk = e.TryGetProperty("true_added_export_mdkk", out _) ? Number(e, "true_added_export_mdkk") : null,
            ExportGrowthShare = e.TryGetProperty("export_share_actual", out _) ? Number(e, "export_share_actual") : null,
            CounterfactualExportGrowthShare = e.TryGetProperty("export_share_counterfactual", out _) ? Number(e, "export_share_counterfactual") : null,
        };
    }

    private static RegisterExport ReadExport(JsonElement x) => new()
    {
        ExporterLogit = x.GetProperty("exporter_logit").GetDouble(),
        ExporterSizeSlope = x.GetProperty("exporter_size_slope").GetDouble(),
        StartOffset = x.GetProperty("start_offset").GetDouble(),
        StopBase = x.GetProperty("stop_base").GetDouble(),
        StopSmall = x.GetProperty("stop_small").GetDouble(),
        MaxShare = x.GetProperty("max_share").GetDouble(),
        ShareLogit = x.GetProperty("share_logit").GetDouble(),
        SdShareFirm = x.GetProperty("sd_share_firm").GetDouble(),
        SharePersistence = x.GetProperty("share_persistence").GetDouble(),
        SdShareShock = x.GetProperty("sd_share_shock").GetDouble(),
        SdTransitoryShare = x.GetProperty("sd_transitory_share").GetDouble(),
        SelectionExporter = x.GetProperty("selection_exporter").GetDouble(),
    };

    private static double Number(JsonElement e, string name)
    {
        var v = e.GetProperty(name);
        return v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble();
    }

    private static void Fixed(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        // Rounded first, so -0.0000001 and -0.0 are written as 0.000000, not -0.000000.
        double rounded = Math.Round(value, 6, MidpointRounding.AwayFromZero);
        w.WriteRawValue(double.IsFinite(value) ? (rounded == 0 ? 0.0 : rounded).ToString("F6", CultureInfo.InvariantCulture) : "null");
    }
}
