using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// One outcome (FTEs or turnover) of a matched sample, reduced to per-participant numbers: the participant's own
/// baseline and measurement values and the 1/k-weighted means of its k controls. Every statistic of the measurement
/// (shares, control growth rate, effect) is a sum over participants of these, which makes the bootstrap O(n).
/// </summary>
internal sealed class MatchedOutcomes
{
    /// <summary>Builds the per-participant arrays.</summary>
    /// <param name="baseline">Outcome at baseline per unit (participants and controls share the index space).</param>
    /// <param name="measurement">Outcome at measurement per unit.</param>
    /// <param name="participants">Unit index of each matched participant.</param>
    /// <param name="controlOffsets">CSR offsets (length participants + 1) into <paramref name="controls"/>.</param>
    /// <param name="controls">Unit indices of the controls of each participant.</param>
    /// <param name="controlAdjustment">Optional, per entry of <paramref name="controls"/>, a factor applied to the
    /// control's measurement value (regression bias adjustment); empty for none.</param>
    public MatchedOutcomes(ReadOnlySpan<double> baseline, ReadOnlySpan<double> measurement, ReadOnlySpan<int> participants, ReadOnlySpan<int> controlOffsets, ReadOnlySpan<int> controls, ReadOnlySpan<double> controlAdjustment = default)
        : this(baseline, measurement, participants, controlOffsets, controls, controlAdjustment, Shares(participants.Length, controlOffsets))
    {
    }

    /// <summary>One outcome of a group's matched sample (its participants, controls and 1/k shares).</summary>
    /// <param name="sample">The matched sample.</param>
    /// <param name="baseline">Outcome at baseline per register firm.</param>
    /// <param name="measurement">Outcome at measurement per register firm.</param>
    /// <param name="controlAdjustment">Per pair entry of the sample, a factor on the control's measurement value;
    /// null for none.</param>
    internal MatchedOutcomes(MatchedSample sample, double[] baseline, double[] measurement, double[]? controlAdjustment)
        : this(baseline, measurement, sample.ParticipantFirms, sample.Offsets, sample.ControlFirms, controlAdjustment, sample.PairShares)
    {
    }

    private MatchedOutcomes(ReadOnlySpan<double> baseline, ReadOnlySpan<double> measurement, ReadOnlySpan<int> participants, ReadOnlySpan<int> controlOffsets, ReadOnlySpan<int> controls, ReadOnlySpan<double> controlAdjustment, double[] shares)
    {
        if (!controlAdjustment.IsEmpty && controlAdjustment.Length != controls.Length)
        {
            throw new ArgumentException("controlAdjustment needs one factor per control entry.", nameof(controlAdjustment));
        }

        int n = participants.Length;
        Y0 = new double[n];
        Y1 = new double[n];
        Growth = new double[n];
        ControlY0 = new double[n];
        ControlY1 = new double[n];
        ControlGrowth = new double[n];
        ControlRatio = new double[n];
        for (int t = 0; t < n; t++)
        {
            int u = participants[t];
            Y0[t] = baseline[u];
            Y1[t] = measurement[u];
            Growth[t] = measurement[u] > baseline[u] ? 1.0 : 0.0;
            int from = controlOffsets[t];
            int to = controlOffsets[t + 1];
            if (to <= from)
            {
                throw new ArgumentException("Every matched participant needs at least one control.", nameof(controlOffsets));
            }

            double share = shares[t]; // 1/k, MatchIt's weight of each of the k controls
            double c0 = 0;
            double c1 = 0;
            double cg = 0;
            for (int j = from; j < to; j++)
            {
                int c = controls[j];
                c0 += baseline[c];
                c1 += controlAdjustment.IsEmpty ? measurement[c] : measurement[c] * controlAdjustment[j];
                cg += measurement[c] > baseline[c] ? 1.0 : 0.0;
            }

            ControlY0[t] = c0 * share;
            ControlY1[t] = c1 * share;
            ControlGrowth[t] = cg * share;
            ControlRatio[t] = c0 > 0 ? c1 / c0 : double.NaN;
        }
    }

    /// <summary>Number of matched participants.</summary>
    public int Count => Y0.Length;

    /// <summary>Participant value at baseline.</summary>
    public double[] Y0 { get; }

    /// <summary>Participant value at measurement.</summary>
    public double[] Y1 { get; }

    /// <summary>1 when the participant grew strictly, else 0.</summary>
    public double[] Growth { get; }

    /// <summary>Mean baseline value of the participant's controls.</summary>
    public double[] ControlY0 { get; }

    /// <summary>Mean measurement value of the participant's controls.</summary>
    public double[] ControlY1 { get; }

    /// <summary>Share of the participant's controls that grew strictly.</summary>
    public double[] ControlGrowth { get; }

    /// <summary>The growth factor of the participant's controls, sum(Y1) / sum(Y0); NaN when their baseline sum is 0.</summary>
    public double[] ControlRatio { get; }

    /// <summary>
    /// The participant's level at measurement had it grown like its own controls: Y0 x sum(Y1)/sum(Y0) of the controls,
    /// or Y0 + (mean Y1 - mean Y0) of the controls when their baseline sum is 0.
    /// </summary>
    public double Counterfactual(int participant) => double.IsNaN(ControlRatio[participant])
        ? Y0[participant] + (ControlY1[participant] - ControlY0[participant])
        : Y0[participant] * ControlRatio[participant];

    /// <summary>The shares 1/k of <see cref="MatchWeights.PairShares"/>, after checking the offsets' length.</summary>
    private static double[] Shares(int participants, ReadOnlySpan<int> controlOffsets) =>
        controlOffsets.Length == participants + 1
            ? MatchWeights.PairShares(controlOffsets)
            : throw new ArgumentException("controlOffsets needs one more entry than participants.", nameof(controlOffsets));

    /// <summary>The statistics for the whole sample (every participant once).</summary>
    public GrowthStatistics Statistics() => Statistics(ReadOnlySpan<int>.Empty);

    /// <summary>
    /// The statistics for a resample: <paramref name="counts"/>[t] is how often participant t is drawn (empty for
    /// each once).
    /// </summary>
    public GrowthStatistics Statistics(ReadOnlySpan<int> counts)
    {
        bool all = counts.IsEmpty;
        double n = 0;
        double growth = 0;
        double controlGrowth = 0;
        double p0 = 0;
        double p1 = 0;
        double c0 = 0;
        double c1 = 0;
        double pairwise = 0;
        for (int t = 0; t < Y0.Length; t++)
        {
            double c = all ? 1.0 : counts[t];
            if (c == 0)
            {
                continue;
            }

            n += c;
            growth += c * Growth[t];
            controlGrowth += c * ControlGrowth[t];
            p0 += c * Y0[t];
            p1 += c * Y1[t];
            c0 += c * ControlY0[t];
            c1 += c * ControlY1[t];
            pairwise += c * (Y1[t] - Counterfactual(t));
        }

        return new GrowthStatistics((int)n, growth, controlGrowth, p0, p1, c0, c1, pairwise);
    }
}

