using GlobalMidt.Effects.Inference;

namespace GlobalMidt.Effects.Estimation;

/// <summary>Computes <see cref="NewExportersResult"/> from a matched sample.</summary>
internal static class NewExporters
{
    /// <summary>
    /// The new-exporter comparison. Participants and controls share one index space (as in
    /// <see cref="MatchedOutcomes"/>); a unit "has export" when its export is &gt; 0.
    /// </summary>
    /// <remarks>
    /// <para>Only participants with export exactly 0 at baseline (and a value at the measurement) count, all of them
    /// (n). Of each one's controls only those with export 0 at baseline (and a value at the measurement) count, each
    /// with weight 1/k' (k' = such controls); the control share is the mean of these per-participant shares over the
    /// participants that have such a control. A participant left with no such control (typically a large
    /// non-exporter, whose size-matched controls export) keeps its place in n and its counterfactual is that control
    /// share (<see cref="NewExportersResult.ImputedParticipants"/>): the estimate n x (participant share - control
    /// share) is then the reweighting estimator sum(Y) - (n / n') x sum(control share_i) over the n' participants
    /// with such controls. Dropping those participants instead (before 2026-11-29) shrank n and biased the count of
    /// additional exporters towards 0 (docs/effect-chain.md).</para>
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
        int imputed = 0;
        int withControls = 0;
        double controlSum = 0;
        var weights = new SortedDictionary<int, double>();
        for (int t = 0; t < participants.Length; t++)
        {
            int u = participants[t];
            if (exportBaseline[u] != 0 || double.IsNaN(exportMeasurement[u]))
            {
                continue;
            }

            n++;
            if (exportMeasurement[u] > 0)
            {
                exporting++;
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
                imputed++;
                continue;
            }

            withControls++;
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

        if (withControls == 0)
        {
            // No participant has a comparable control: no counterfactual, no estimate.
            return new NewExportersResult(0, 0, double.NaN, 0, imputed, null);
        }

        double controlShare = Math.Clamp(controlSum / withControls, 0.0, 1.0);
        double effectiveN = WeightedShares.KishEffectiveSize(weights.Values.ToArray());
        var test = method == ShareTestMethod.TwoSample
            ? ShareTest.TwoSample(exporting, n, controlShare, effectiveN, options)
            : ShareTest.KnownShare(exporting, n, controlShare, effectiveN, options);
        return new NewExportersResult(n, exporting, controlShare, effectiveN, imputed, test);
    }
}
