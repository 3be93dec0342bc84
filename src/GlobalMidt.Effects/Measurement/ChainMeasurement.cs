using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Eligibility;
using GlobalMidt.Effects.Estimation;
using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Measurement;

/// <summary>The export and value added columns of a register at a window's baseline and measurement (register-wide,
/// shared by every group of one measurement).</summary>
internal sealed class ChainColumns
{
    internal ChainColumns(double[]? x0, double[]? x1, double[]? v0, double[]? v1)
    {
        ExportBaseline = x0;
        ExportMeasurement = x1;
        ValueAddedBaseline = v0;
        ValueAddedMeasurement = v1;
    }

    public double[]? ExportBaseline { get; }

    public double[]? ExportMeasurement { get; }

    public double[]? ValueAddedBaseline { get; }

    public double[]? ValueAddedMeasurement { get; }

    /// <summary>The columns of <paramref name="window"/>; null when the register has neither export nor value added
    /// (the classic measurement, whose reports then stay as they were).</summary>
    /// <param name="register">The register.</param>
    /// <param name="window">The window.</param>
    /// <param name="shared">The columns of another window with the same baseline (the series), whose baseline
    /// columns are reused; null for none.</param>
    public static ChainColumns? For(Register register, MeasurementWindow window, ChainColumns? shared = null)
    {
        if (!register.HasExport && !register.HasValueAdded)
        {
            return null;
        }

        double[]? x0 = null, x1 = null, v0 = null, v1 = null;
        if (register.HasExport)
        {
            (x0, x1) = Gather(register.ExportValues, register.FirmCount, register.PeriodCount, window, shared?.ExportBaseline);
        }

        if (register.HasValueAdded)
        {
            (v0, v1) = Gather(register.ValueAddedValues, register.FirmCount, register.PeriodCount, window, shared?.ValueAddedBaseline);
        }

        return new ChainColumns(x0, x1, v0, v1);
    }

    private static (double[], double[]) Gather(ReadOnlySpan<double> values, int firms, int periods, MeasurementWindow window, double[]? baseline)
    {
        var y0 = baseline ?? new double[firms];
        var y1 = new double[firms];
        for (int f = 0; f < firms; f++)
        {
            if (baseline is null)
            {
                y0[f] = values[(f * periods) + window.BaselineIndex];
            }

            y1[f] = values[(f * periods) + window.MeasurementIndex];
        }

        return (y0, y1);
    }
}

/// <summary>
/// The effect chain's outcomes on a group's matched sample of the measurement (docs/effect-chain.md): the same
/// participants, controls and 1/k weights as employment and turnover, the same share test, the same bootstrap draws
/// (same seed, same participants), and "0 where p &gt;= alpha".
/// </summary>
internal static class ChainMeasurement
{
    /// <summary>The chain's outcomes of one group, or null when <paramref name="columns"/> is null.</summary>
    public static ChainGroupEffects? Compute(ChainColumns? columns, MatchedSample matches, double controlEffectiveN, MeasurementOptions options, ulong seed)
    {
        var prepared = Prepare(columns, matches, options);
        if (prepared is null)
        {
            return null;
        }

        (double Low, double High)[]? intervals = null;
        if (options.BootstrapReplicates > 0 && matches.ParticipantFirms.Length > 1)
        {
            intervals = EffectBootstrap.PercentileIntervals(prepared.Bootstrapped, options.BootstrapReplicates, options.ConfidenceLevel, seed, EffectEstimator.Aggregate, options.MaxDegreeOfParallelism, SumsEffect);
        }

        return prepared.Finish(intervals, controlEffectiveN, options);
    }

    /// <summary>The chain's outcomes of one group before the bootstrap, or null when <paramref name="columns"/> is
    /// null: the caller resamples <see cref="Prepared.Bootstrapped"/> (each with <see cref="SumsEffect"/>), with the
    /// group's other outcomes when it will (the same draws), and hands the intervals to <see cref="Prepared.Finish"/>.</summary>
    public static Prepared? Prepare(ChainColumns? columns, MatchedSample matches, MeasurementOptions options)
    {
        if (columns is null)
        {
            return null;
        }

        var participants = matches.ParticipantFirms;
        var offsets = matches.Offsets;
        var controls = matches.ControlFirms;
        MatchedOutcomes? export = columns.ExportBaseline is { } x0 ? new MatchedOutcomes(x0, columns.ExportMeasurement, participants, offsets, controls) : null;
        MatchedOutcomes? valueAdded = columns.ValueAddedBaseline is { } v0 ? new MatchedOutcomes(v0, columns.ValueAddedMeasurement, participants, offsets, controls) : null;
        NewExportersResult? newExporters = columns.ExportBaseline is { } e0
            ? NewExporters.Compute(e0, columns.ExportMeasurement, participants, offsets, controls, options.Test, new ShareTestOptions { Level = options.ConfidenceLevel })
            : null;

        var bootstrapped = new List<MatchedOutcomes>(3);
        if (export is not null)
        {
            bootstrapped.Add(export);
            bootstrapped.Add(NewExporterContributions(columns.ExportBaseline!, columns.ExportMeasurement!, matches));
        }

        if (valueAdded is not null)
        {
            bootstrapped.Add(valueAdded);
        }

        return new Prepared(export, valueAdded, newExporters, bootstrapped);
    }

    /// <summary>The chain effect of a replicate's sums (the replicate carries no N).</summary>
    public static double SumsEffect(GrowthStatistics sums) => ChainEffects.Effect(sums with { N = 1 }).Value;

    /// <summary>A group's chain outcomes before the bootstrap (<see cref="Prepare"/>).</summary>
    internal sealed class Prepared(MatchedOutcomes? export, MatchedOutcomes? valueAdded, NewExportersResult? newExporters, List<MatchedOutcomes> bootstrapped)
    {
        /// <summary>True when the register has export (the first of <see cref="Bootstrapped"/> is added export).</summary>
        public bool HasExport => export is not null;

        /// <summary>The outcomes to resample, in the order of the intervals <see cref="Finish"/> takes.</summary>
        public IReadOnlyList<MatchedOutcomes> Bootstrapped => bootstrapped;

        /// <summary>The outcomes with <paramref name="intervals"/> (one per <see cref="Bootstrapped"/>; null for none).</summary>
        public ChainGroupEffects Finish((double Low, double High)[]? intervals, double controlEffectiveN, MeasurementOptions options)
        {
            int k = 0;
            ChainOutcomeEffect? exportEffect = null;
            NewExportersEffect? newExportersEffect = null;
            if (export is not null)
            {
                exportEffect = Outcome(export, controlEffectiveN, intervals?[k], options, ExportPairwise(options));
                newExportersEffect = NewExportersOutcome(newExporters!, intervals?[k + 1], options);
                k += 2;
            }

            var valueAddedEffect = valueAdded is null ? null : Outcome(valueAdded, controlEffectiveN, intervals?[k], options, false);
            return new ChainGroupEffects(exportEffect, valueAddedEffect, newExportersEffect);
        }
    }

    /// <summary>True when added export takes the pairwise formula (<see cref="MeasurementOptions.ChainPairwise"/> with
    /// the pairwise estimator): sum over participants of X1 - the participant's counterfactual
    /// (<see cref="MatchedOutcomes.Counterfactual"/>), instead of the aggregate ratio.</summary>
    public static bool ExportPairwise(MeasurementOptions options) => options.ChainPairwise && options.Estimator == EffectEstimator.Pairwise;

    private static ChainOutcomeEffect Outcome(MatchedOutcomes outcomes, double controlEffectiveN, (double Low, double High)? interval, MeasurementOptions options, bool pairwise)
    {
        var s = outcomes.Statistics();
        var effect = pairwise && s.N > 0 ? new ChainEffect(s.PairwiseEffect, ChainEffectRule.Ratio) : ChainEffects.Effect(s);
        if (s.N == 0)
        {
            return new ChainOutcomeEffect(null, null, null, null, effect.Rule);
        }

        var testOptions = new ShareTestOptions { Level = options.ConfidenceLevel };
        int successes = (int)Math.Round(s.Growing);
        double controlShare = Math.Clamp(s.ControlShare, 0.0, 1.0);
        var test = options.Test == ShareTestMethod.TwoSample
            ? ShareTest.TwoSample(successes, s.N, controlShare, controlEffectiveN, testOptions)
            : ShareTest.KnownShare(successes, s.N, controlShare, controlEffectiveN, testOptions);
        double? estimate = double.IsFinite(effect.Mdkk) ? effect.Mdkk : null;
        double? reported = estimate is null ? null : ChainEffects.Reported(effect.Mdkk, test.PValue, options.Alpha);
        return new ChainOutcomeEffect(test, reported, estimate, Scaled(interval, 1.0 / 1000.0, options), effect.Rule);
    }

    private static NewExportersEffect NewExportersOutcome(NewExportersResult result, (double Low, double High)? interval, MeasurementOptions options)
    {
        double estimate = result.AdditionalExportersEstimate;
        return new NewExportersEffect(
            result,
            result.AdditionalExporters(options.Alpha),
            double.IsFinite(estimate) ? estimate : null,
            result.Participants == 0 ? null : Scaled(interval, 1.0, options));
    }

    private static Interval? Scaled((double Low, double High)? interval, double scale, MeasurementOptions options) =>
        interval is { } iv && double.IsFinite(iv.Low) && double.IsFinite(iv.High)
            ? new Interval(iv.Low * scale, iv.High * scale, options.ConfidenceLevel)
            : null;

    /// <summary>
    /// New exporters as a <see cref="MatchedOutcomes"/> over the same participants (so the bootstrap draws them with the
    /// other outcomes). A participant without export at baseline (and a value at the measurement) contributes Y1 = 1
    /// when it exports at the measurement; its control side is the mean of the same indicator over its controls
    /// without export at baseline, scaled by n / n' (n = such participants, n' = those of them with such a control),
    /// or 0 when it has no such control (an imputed participant, <see cref="NewExportersResult.ImputedParticipants"/>).
    /// Any other participant contributes 0 everywhere. The difference rule of <see cref="ChainEffects"/> then gives
    /// sum(Y1) - (n / n') x sum(control share_i) = n x (participant share - control share), the additional exporters
    /// of <see cref="NewExportersResult.AdditionalExportersEstimate"/>. The bootstrap keeps the factor n / n' of the
    /// full sample (a resample's own ratio differs a little; the factor's own variation is left out).
    /// </summary>
    internal static MatchedOutcomes NewExporterContributions(double[] x0, double[] x1, MatchedSample matches)
    {
        var (values, participants, offsets, controls, _) = NewExporterUnits(x0, x1, matches);
        return new MatchedOutcomes(new double[values.Length], values, participants, offsets, controls);
    }

    /// <summary>The units of <see cref="NewExporterContributions"/>: their measurement values (baseline 0), the unit of
    /// each participant, CSR offsets, the unit of each control entry and the sample's pair entry it comes from (-1 for
    /// the zero unit).</summary>
    internal static (double[] Values, int[] Participants, int[] Offsets, int[] Controls, int[] Origin) NewExporterUnits(double[] x0, double[] x1, MatchedSample matches)
    {
        // n and n' first (the scale factor).
        int n = 0;
        int withControls = 0;
        for (int t = 0; t < matches.ParticipantFirms.Length; t++)
        {
            int u = matches.ParticipantFirms[t];
            if (x0[u] != 0 || double.IsNaN(x1[u]))
            {
                continue;
            }

            n++;
            for (int j = matches.Offsets[t]; j < matches.Offsets[t + 1]; j++)
            {
                int c = matches.ControlFirms[j];
                if (x0[c] == 0 && !double.IsNaN(x1[c]))
                {
                    withControls++;
                    break;
                }
            }
        }

        double scale = withControls == 0 ? 0.0 : (double)n / withControls;
        var measurement = new List<double> { 0.0 }; // unit 0: the zero unit of participants that do not count
        var participants = new int[matches.ParticipantFirms.Length];
        var offsets = new int[participants.Length + 1];
        var controls = new List<int>();
        var origin = new List<int>();
        for (int t = 0; t < participants.Length; t++)
        {
            int u = matches.ParticipantFirms[t];
            bool counts = withControls > 0 && x0[u] == 0 && !double.IsNaN(x1[u]);
            int from = controls.Count;
            if (counts)
            {
                for (int j = matches.Offsets[t]; j < matches.Offsets[t + 1]; j++)
                {
                    int c = matches.ControlFirms[j];
                    if (x0[c] == 0 && !double.IsNaN(x1[c]))
                    {
                        controls.Add(measurement.Count);
                        origin.Add(j);
                        measurement.Add(x1[c] > 0 ? scale : 0.0);
                    }
                }
            }

            if (counts)
            {
                if (controls.Count == from)
                {
                    controls.Add(0); // imputed: no control side of its own (the scale carries it)
                    origin.Add(-1);
                }

                participants[t] = measurement.Count;
                measurement.Add(x1[u] > 0 ? 1.0 : 0.0);
            }
            else
            {
                participants[t] = 0;
                controls.Add(0);
                origin.Add(-1);
            }

            offsets[t + 1] = controls.Count;
        }

        return (measurement.ToArray(), participants, offsets, controls.ToArray(), origin.ToArray());
    }
}
