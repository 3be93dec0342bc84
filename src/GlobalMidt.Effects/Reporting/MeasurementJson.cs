using System.Text;
using System.Text.Json;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Reporting;

/// <summary>
/// The measurement as JSON: <c>{"settings": {...}, "control_pool": n, "notes": [...], "groups": [...]}</c> with one
/// object per group in the documented shape; numbers as JSON numbers, null where undefined.
/// </summary>
internal static class MeasurementJson
{
    /// <summary>The JSON text (UTF-8 letters kept, indented, LF line ends).</summary>
    public static string Write(MeasurementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonLf.Options))
        {
            w.WriteStartObject();
            WriteSettings(w, result);
            w.WriteNumber("register_firms", result.RegisterFirms);
            w.WriteNumber("control_pool", result.ControlPoolSize);
            JsonLf.Strings(w, "notes", result.Notes);
            w.WriteStartArray("groups");
            foreach (var g in result.Groups)
            {
                WriteGroup(w, g, result.Options);
            }

            w.WriteEndArray();
            if (result.Indicators is { } indicators)
            {
                IndicatorReport.WriteJson(w, indicators);
            }

            SeriesReport.WriteSeries(w, result, Outcome);
            w.WriteEndObject();
        }

        string text = Encoding.UTF8.GetString(stream.ToArray());
        return (JsonLf.NeedsRewrite ? text.Replace("\r\n", "\n", StringComparison.Ordinal) : text) + "\n";
    }

    private static void WriteSettings(Utf8JsonWriter w, MeasurementResult r)
    {
        var o = r.Options;
        w.WriteStartObject("settings");
        w.WriteString("history", r.Window.History.ToString());
        w.WriteString("baseline", r.Window.Baseline.ToString());
        w.WriteString("measurement", r.Window.Measurement.ToString());
        w.WriteNumber("alpha", o.Alpha);
        w.WriteString("test", o.Test == ShareTestMethod.KnownShare ? "known_share" : "two_sample");
        w.WriteString("distance", o.Matching.Distance.ToString().ToLowerInvariant());
        w.WriteNumber("ratio", o.Matching.Ratio);
        w.WriteBoolean("replace", o.Matching.Replace);
        JsonLf.Number(w, "caliper", o.Matching.Caliper);
        w.WriteNumber("trajectory_weight", o.TrajectoryWeight);
        w.WriteString("group_matching", o.SharesGroupMatching ? "shared" : "per_group");
        JsonLf.Strings(w, "levels", o.Levels.Select(l => l.ToString()));
        JsonLf.Strings(w, "covariates", o.MainCovariates.Select(c => c.ToString().ToLowerInvariant()));
        if (o.ChainMatchedApart)
        {
            JsonLf.Strings(w, "chain_covariates", o.ChainCovariates.Select(c => c.ToString().ToLowerInvariant()));
        }

        w.WriteString("method", o.Method.ToString().ToLowerInvariant());
        w.WriteString("estimator", o.Estimator.ToString().ToLowerInvariant());
        w.WriteBoolean("bias_adjust", o.BiasAdjust);
        w.WriteNumber("confidence_level", o.ConfidenceLevel);
        w.WriteNumber("bootstrap_replicates", o.BootstrapReplicates);
        w.WriteString("bootstrap_scheme", o.BootstrapScheme == BootstrapScheme.Controls ? "controls" : "matched_sets");
        w.WriteNumber("seed", o.Seed);
        if (o.By == ParticipantGrouping.Activity)
        {
            w.WriteString("by", "activity");
        }

        w.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter w, GroupResult g, MeasurementOptions o)
    {
        w.WriteStartObject();
        w.WriteString("group", g.Group);
        w.WriteBoolean("cross_cutting", g.IsCrossCutting);
        w.WriteNumber("reported", g.Eligibility.Reported);
        w.WriteNumber("measured", g.Eligibility.Measured);
        w.WriteStartObject("excluded");
        w.WriteNumber("unknown", g.Eligibility.Unknown);
        w.WriteNumber("public", g.Eligibility.Public);
        w.WriteNumber("ceased", g.Eligibility.Ceased);
        w.WriteNumber("inactive", g.Eligibility.Inactive);
        w.WriteEndObject();
        w.WriteNumber("matched", g.Matched);
        w.WriteNumber("unmatched", g.Unmatched.Count);
        w.WriteStartArray("unmatched_firms");
        foreach (var u in g.Unmatched)
        {
            w.WriteStartObject();
            w.WriteString("firm_id", u.FirmId);
            w.WriteString("reason", u.Reason.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("matched_at_level");
        for (int l = 0; l < o.Levels.Count; l++)
        {
            w.WriteNumber(o.Levels[l].ToString(), g.MatchedAtLevel[l]);
        }

        w.WriteEndObject();
        w.WriteNumber("distinct_controls", g.DistinctControls);
        JsonLf.Number(w, "control_effective_n", g.ControlEffectiveN);
        Outcome(w, "employment", "jobs_created", "jobs_created_estimate", g.Employment);
        Outcome(w, "turnover", "added_turnover_mdkk", "added_turnover_estimate_mdkk", g.Turnover);
        SeriesReport.WriteChain(w, g);
        w.WriteStartArray("balance");
        foreach (var row in g.Balance?.Rows ?? [])
        {
            w.WriteStartObject();
            w.WriteString("covariate", row.Covariate);
            JsonLf.Number(w, "treated_mean", row.After.TreatedMean);
            JsonLf.Number(w, "control_mean_before", row.Before.ControlMean);
            JsonLf.Number(w, "control_mean_after", row.After.ControlMean);
            JsonLf.Number(w, "smd_before", row.Before.Smd);
            JsonLf.Number(w, "smd_after", row.After.Smd);
            JsonLf.Number(w, "variance_ratio_after", row.After.VarianceRatio);
            JsonLf.Number(w, "ecdf_max_after", row.After.EcdfMax);
            w.WriteBoolean("smd_balanced", row.SmdBalanced);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        JsonLf.Number(w, "budget_mdkk", g.Table3.BudgetMdkk);
        JsonLf.Number(w, "cost_per_job_tdkk", g.Table3.CostPerJobTdkk);
        JsonLf.Number(w, "spend_per_firm_tdkk", g.Table3.SpendPerFirmTdkk);
        JsonLf.Number(w, "jobs_per_firm", g.Table3.JobsPerFirm);
        w.WriteEndObject();
    }

    private static void Outcome(Utf8JsonWriter w, string name, string effectName, string estimateName, OutcomeEffect e)
    {
        w.WriteStartObject(name);
        JsonLf.EffectFields(w, e.Test, effectName, e.Effect, estimateName, e.Estimate, e.Interval);
        JsonLf.Number(w, "n", e.Test?.N);
        JsonLf.Number(w, "z", e.Test?.Statistic);
        JsonLf.Number(w, "difference", e.Test?.Difference);
        JsonLf.Number(w, "difference_ci_low", e.Test?.DifferenceInterval.Low);
        JsonLf.Number(w, "difference_ci_high", e.Test?.DifferenceInterval.High);
        JsonLf.Number(w, "participant_share_ci_low", e.Test?.ParticipantInterval.Low);
        JsonLf.Number(w, "participant_share_ci_high", e.Test?.ParticipantInterval.High);
        JsonLf.Number(w, "control_share_ci_low", e.Test?.ControlInterval.Low);
        JsonLf.Number(w, "control_share_ci_high", e.Test?.ControlInterval.High);
        JsonLf.Number(w, "control_growth_rate", e.ControlGrowthRate);
        JsonLf.Number(w, "naive_control_share", e.NaiveControlShare);
        JsonLf.Number(w, "naive_estimate", e.NaiveEstimate);
        w.WriteEndObject();
    }
}
