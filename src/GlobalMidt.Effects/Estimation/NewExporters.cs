using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// New exporters (issue 8): among matched participants without export at baseline, the share exporting at the
/// measurement against the weighted share of their controls that also had no export at baseline.
/// </summary>
/// <param name="Participants">Participants without export at baseline that kept at least one control without export
/// at baseline (n).</param>
/// <param name="Exporting">Of these, participants with export &gt; 0 at the measurement.</param>
/// <param name="ControlShare">Weighted share of their controls exporting at the measurement (each participant's
/// non-exporting controls weigh 1 in all, 1/k' each).</param>
/// <param name="ControlEffectiveN">Kish effective size of the controls (weights summed per distinct control).</param>
/// <param name="DroppedParticipants">Participants without export at baseline all of whose controls exported at
/// baseline (no comparison possible).</param>
/// <param name="Test">The share test of the participants' share against <see cref="ControlShare"/>; null when
/// <see cref="Participants"/> is 0.</param>
public sealed record NewExportersResult(
    int Participants,
    int Exporting,
    double ControlShare,
    double ControlEffectiveN,
    int DroppedParticipants,
    ShareTest? Test)
{
    /// <summary>Share of the participants exporting at the measurement; NaN when there are none.</summary>
    public double ParticipantShare => Participants == 0 ? double.NaN : (double)Exporting / Participants;

    /// <summary>Additional exporting firms: n x (participant share - control share); NaN when there are no
    /// participants.</summary>
    public double AdditionalExportersEstimate => Participants == 0 ? double.NaN : Participants * (ParticipantShare - ControlShare);

    /// <summary>The reported figure: <see cref="AdditionalExportersEstimate"/> where the test's p-value is below
    /// <paramref name="alpha"/>, else 0; null when there are no participants.</summary>
    /// <param name="alpha">Significance level, e.g. 0.05.</param>
    public double? AdditionalExporters(double alpha) =>
        Test is null ? null : ChainEffects.Reported(AdditionalExportersEstimate, Test.PValue, alpha);
}

/// <summary>Computes <see cref="NewExportersResult"/> from a matched sample.</summary>
public static class NewExporters
{
    /// <summary>
    /// The new-exporter comparison. Participants and controls share one index space (as in
    /// <see cref="MatchedOutcomes"/>); a unit "has export" when its export is &gt; 0.
    /// </summary>
    /// <remarks>
    /// <para>Only participants with export exactly 0 at baseline count; of each one's controls only those with export 0
    /// at baseline (and a value at the measurement) count, each with weight 1/k' (k' = such controls). A participant
    /// left with no such control is dropped (<see cref="NewExportersResult.DroppedParticipants"/>).</para>
    /// <para>The test is the project's share test: the known-share z test with the controls' effective size for the
    /// intervals (<see cref="ShareTest.KnownShare(int, int, double, double, ShareTestOptions?)"/>), or the pooled
    /// two-sample test (<paramref name="method"/>).</para>
    /// </remarks>
    /// <param name="exportBaseline">Export at baseline per unit (NaN = absent).</param>
    /// <param name="exportMeasurement">Export at the measurement per unit (NaN = absent).</param>
    /// <param name="participants">Unit index of each matched participant.</param>
    /// <param name="controlOffsets">CSR offsets (participants + 1) into <paramref name="controls"/>.</param>
    /// <param name="controls">Unit indices of each participant's controls.</param>
    /// <param name="method">The share test.</param>
    /// <param name="options">Interval level and method; null for the defaults.</param>
    public static NewExportersResult Compute(
        ReadOnlySpan<double> exportBaseline,
        ReadOnlySpan<double> exportMeasurement,
        ReadOnlySpan<int> participants,
        ReadOnlySpan<int> controlOffsets,
        ReadOnlySpan<int> controls,
        ShareTestMethod method = ShareTestMethod.KnownShare,
        ShareTestOptions? options = null)
    {
        if (controlOffsets.Length != participants.Length + 1)
        {
            throw new ArgumentException("controlOffsets needs one more entry than participants.", nameof(controlOffsets));
        }

        int n = 0;
        int exporting = 0;
        int dropped = 0;
        double controlSum = 0;
        var weights = new SortedDictionary<int, double>();
        for (int t = 0; t < participants.Length; t++)
        {
            int u = participants[t];
            if (exportBaseline[u] != 0 || double.IsNaN(exportMeasurement[u]))
            {
                continue;
            }

            int k = 0;
            for (int j = controlOffsets[t]; j < controlOffsets[t + 1]; j++)
            {
                int c = controls[j];
                if (exportBaseline[c] == 0 && !double.IsNaN(exportMeasurement[c]))
                {
                    k++;
                }
            }

            if (k == 0)
            {
                dropped++;
                continue;
            }

            n++;
            if (exportMeasurement[u] > 0)
            {
                exporting++;
            }

            double w = 1.0 / k;
            double share = 0;
            for (int j = controlOffsets[t]; j < controlOffsets[t + 1]; j++)
            {
                int c = controls[j];
                if (exportBaseline[c] == 0 && !double.IsNaN(exportMeasurement[c]))
                {
                    share += exportMeasurement[c] > 0 ? w : 0;
                    weights[c] = weights.GetValueOrDefault(c) + w;
                }
            }

            controlSum += share;
        }

        if (n == 0)
        {
            return new NewExportersResult(0, 0, double.NaN, 0, dropped, null);
        }

        double controlShare = Math.Clamp(controlSum / n, 0.0, 1.0);
        double effectiveN = WeightedShares.KishEffectiveSize(weights.Values.ToArray());
        var test = method == ShareTestMethod.TwoSample
            ? ShareTest.TwoSample(exporting, n, controlShare, effectiveN, options)
            : ShareTest.KnownShare(exporting, n, controlShare, effectiveN, options);
        return new NewExportersResult(n, exporting, controlShare, effectiveN, dropped, test);
    }
}
