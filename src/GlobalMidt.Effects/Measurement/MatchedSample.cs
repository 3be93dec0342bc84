using GlobalMidt.Effects.Matching;
using Microsoft.Data.Analysis;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// The matched sample of one group (MatchIt's <c>get_matches()</c> and <c>match.data()</c>): every pair with its level,
/// distance and weights (<see cref="Pairs"/>) and every matched firm once with its weight and outcomes
/// (<see cref="Firms"/>). Enough to redo any analysis of the group's matched comparison.
/// </summary>
/// <remarks>
/// <para>The one shape of a group's matched sample: made once by the firm matcher (all levels together) and read by
/// the effects and their bootstrap (per participant, its controls through CSR offsets), the balance table and the
/// effective sample size (the controls' weights) and the <c>--matches</c> export (<see cref="Pairs"/>). The weights
/// are computed once, here, by <see cref="Matching.MatchWeights"/>'s rules.</para>
/// <para>Weights follow the measurement: each participant weighs 1 and gives each of its k controls 1/k, whatever the
/// level at which it was matched (MatchIt's ATT weights). With <see cref="MeasurementOptions.BiasAdjust"/> the
/// measurement scales the controls' measurement values by a regression factor, which this view does not carry: G_C
/// recomputed from it is then the unadjusted one.</para>
/// </remarks>
public sealed class MatchedSample
{
    private readonly IReadOnlyList<string> _ids;
    private readonly IReadOnlyList<MatchingLevel> _levels;

    // Outcome values (FTE and turnover at baseline and measurement) per participant and per pair entry's control,
    // copied out of the register-wide columns so the result does not keep those alive.
    private readonly double[][] _participantValues;
    private readonly double[][] _controlValues;
    private IReadOnlyList<MatchedFirmPair>? _pairs;
    private IReadOnlyList<MatchedFirm>? _firms;

    private MatchedSample(
        IReadOnlyList<string> ids,
        IReadOnlyList<MatchingLevel> levels,
        int[] participants,
        int[] offsets,
        int[] controls,
        double[] distances,
        int[] participantLevels,
        double[][] participantValues,
        double[][] controlValues)
    {
        _ids = ids;
        _levels = levels;
        ParticipantFirms = participants;
        Offsets = offsets;
        ControlFirms = controls;
        Distances = distances;
        ParticipantLevels = participantLevels;
        PairShares = MatchWeights.PairShares(offsets);
        Distinct = DistinctControls.Create(offsets, controls, PairShares);
        _participantValues = participantValues;
        _controlValues = controlValues;
    }

    /// <summary>A sample without pairs (a group with no matched participant).</summary>
    public static MatchedSample Empty { get; } = new([], [], [], [0], [], [], [], [[], [], [], []], [[], [], [], []]);

    /// <summary>Matched participants.</summary>
    public int ParticipantCount => ParticipantFirms.Length;

    /// <summary>Distinct control firms.</summary>
    public int ControlCount => Distinct.Firms.Length;

    /// <summary>Pairs (participant, control): the sum over participants of their number of controls.</summary>
    public int PairCount => ControlFirms.Length;

    /// <summary>
    /// Every pair, participants in firm-id order (numeric for CVR numbers), each participant's controls nearest first.
    /// </summary>
    public IReadOnlyList<MatchedFirmPair> Pairs => _pairs ??= BuildPairs();

    /// <summary>
    /// <c>match.data()</c>: every matched participant (weight 1), then every distinct control with its weight, each in
    /// firm-id order.
    /// </summary>
    public IReadOnlyList<MatchedFirm> Firms => _firms ??= BuildFirms();

    /// <summary>Register index of each matched participant (canonical id order).</summary>
    internal int[] ParticipantFirms { get; }

    /// <summary>CSR offsets into <see cref="ControlFirms"/> (length participants + 1).</summary>
    internal int[] Offsets { get; }

    /// <summary>Register indices of the controls, per participant in slot order.</summary>
    internal int[] ControlFirms { get; }

    /// <summary>Distance of each control (entry of <see cref="ControlFirms"/>) from its participant.</summary>
    internal double[] Distances { get; }

    /// <summary>Per participant, the index into the levels of the level at which it was matched.</summary>
    internal int[] ParticipantLevels { get; }

    /// <summary>Per participant, the share 1/k it gives each of its k controls (<see cref="MatchWeights.PairShares"/>).</summary>
    internal double[] PairShares { get; }

    /// <summary>The distinct controls with their raw and MatchIt weights, computed once.</summary>
    internal DistinctControls Distinct { get; }

    /// <summary>Participants without any control at every level, with the last reason (register indices).</summary>
    internal IReadOnlyList<(int Firm, UnmatchedReason Reason)> Unmatched { get; private init; } = [];

    /// <summary>The levels (index into the levels) at which the requested distance could not be used, and what was.</summary>
    internal IReadOnlyList<(int Level, DistanceFallback Fallback)> Fallbacks { get; private init; } = [];

    /// <summary>The pairs as a DataFrame, one row per pair (columns as in <c>measure --matches</c>, without the group).</summary>
    public DataFrame ToDataFrame()
    {
        var pairs = Pairs;
        return new DataFrame(
            new StringDataFrameColumn("participant", pairs.Select(p => p.ParticipantId)),
            new StringDataFrameColumn("control", pairs.Select(p => p.ControlId)),
            new Int32DataFrameColumn("slot", pairs.Select(p => p.Slot)),
            new StringDataFrameColumn("level", pairs.Select(p => p.Level.ToString())),
            new DoubleDataFrameColumn("distance", pairs.Select(p => p.Distance)),
            new DoubleDataFrameColumn("pair_weight", pairs.Select(p => p.PairWeight)),
            new DoubleDataFrameColumn("control_weight", pairs.Select(p => p.ControlWeight)));
    }

    /// <summary>Builds the sample from the firm matcher's arrays (register indices) and the measurement's outcome columns.</summary>
    /// <param name="firmIds">The register's firm ids.</param>
    /// <param name="levels">The matching levels.</param>
    /// <param name="participants">Register index of each matched participant (canonical id order).</param>
    /// <param name="offsets">CSR offsets into <paramref name="controls"/> (length participants + 1).</param>
    /// <param name="controls">Register indices of the controls, per participant in slot order.</param>
    /// <param name="distances">Distance of each control from its participant.</param>
    /// <param name="participantLevels">Per participant, the index of the level at which it was matched.</param>
    /// <param name="unmatched">Participants without any control at every level, with the last reason.</param>
    /// <param name="fallbacks">Levels at which the requested distance could not be used.</param>
    /// <param name="covariates">The measurement's firm columns (outcome values).</param>
    internal static MatchedSample Create(
        IReadOnlyList<string> firmIds,
        IReadOnlyList<MatchingLevel> levels,
        int[] participants,
        int[] offsets,
        int[] controls,
        double[] distances,
        int[] participantLevels,
        IReadOnlyList<(int Firm, UnmatchedReason Reason)> unmatched,
        IReadOnlyList<(int Level, DistanceFallback Fallback)> fallbacks,
        FirmCovariates covariates)
    {
        var ids = firmIds;
        double[][] sources = [covariates.FteBaseline, covariates.FteMeasurement, covariates.TurnoverBaseline, covariates.TurnoverMeasurement];
        return new MatchedSample(ids, levels, participants, offsets, controls, distances, participantLevels, Gather(sources, participants), Gather(sources, controls))
        {
            Unmatched = unmatched,
            Fallbacks = fallbacks,
        };
    }

    /// <summary>
    /// The sample of some of the participants, each with its controls, distances and level as here (the
    /// weights computed again, over the subset's pairs): a group's sample from the cross-cutting set's when the
    /// matching is shared (<see cref="GroupMatching.Shared"/>). Participants of <paramref name="firms"/> that are not
    /// matched here are taken over from <see cref="Unmatched"/> with their reason; the distance fallbacks are this
    /// sample's (reported once, with the matching that had them), so the subset has none.
    /// </summary>
    /// <param name="firms">Register indices of the subset's participants (each among this sample's matched or
    /// unmatched participants).</param>
    internal MatchedSample Subset(int[] firms)
    {
        var wanted = new HashSet<int>(firms);
        var keep = new List<int>(firms.Length);
        int entries = 0;
        for (int t = 0; t < ParticipantFirms.Length; t++)
        {
            if (wanted.Contains(ParticipantFirms[t]))
            {
                keep.Add(t);
                entries += Offsets[t + 1] - Offsets[t];
            }
        }

        var participants = new int[keep.Count];
        var offsets = new int[keep.Count + 1];
        var controls = new int[entries];
        var distances = new double[entries];
        var levels = new int[keep.Count];
        var participantValues = new double[_participantValues.Length][];
        var controlValues = new double[_controlValues.Length][];
        for (int s = 0; s < participantValues.Length; s++)
        {
            participantValues[s] = new double[keep.Count];
            controlValues[s] = new double[entries];
        }

        for (int i = 0, e = 0; i < keep.Count; i++)
        {
            int t = keep[i];
            participants[i] = ParticipantFirms[t];
            levels[i] = ParticipantLevels[t];
            for (int s = 0; s < participantValues.Length; s++)
            {
                participantValues[s][i] = _participantValues[s][t];
            }

            for (int j = Offsets[t]; j < Offsets[t + 1]; j++, e++)
            {
                controls[e] = ControlFirms[j];
                distances[e] = Distances[j];
                for (int s = 0; s < controlValues.Length; s++)
                {
                    controlValues[s][e] = _controlValues[s][j];
                }
            }

            offsets[i + 1] = e;
        }

        return new MatchedSample(_ids, _levels, participants, offsets, controls, distances, levels, participantValues, controlValues)
        {
            Unmatched = [.. Unmatched.Where(u => wanted.Contains(u.Firm))],
        };
    }

    /// <summary>A sample of bare pairs over <paramref name="firmCount"/> firms (ids are the indices, no levels,
    /// distances 0, outcome columns 0), for code and tests that read only the pair structure.</summary>
    internal static MatchedSample OfPairs(int[] participants, int[] offsets, int[] controls, int firmCount)
    {
        var ids = Enumerable.Range(0, firmCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var zero = new double[firmCount];
        double[][] sources = [zero, zero, zero, zero];
        return new MatchedSample(ids, [], participants, offsets, controls, new double[controls.Length], new int[participants.Length], Gather(sources, participants), Gather(sources, controls));
    }

    private static double[][] Gather(double[][] sources, int[] firms)
    {
        var result = new double[sources.Length][];
        for (int s = 0; s < sources.Length; s++)
        {
            var column = new double[firms.Length];
            for (int i = 0; i < firms.Length; i++)
            {
                column[i] = sources[s][firms[i]];
            }

            result[s] = column;
        }

        return result;
    }

    private List<MatchedFirmPair> BuildPairs()
    {
        var distinct = Distinct;
        var pairs = new List<MatchedFirmPair>(ControlFirms.Length);
        for (int t = 0; t < ParticipantFirms.Length; t++)
        {
            int from = Offsets[t];
            int to = Offsets[t + 1];
            double w = PairShares[t];
            int level = ParticipantLevels[t];
            for (int j = from; j < to; j++)
            {
                pairs.Add(new MatchedFirmPair(_ids[ParticipantFirms[t]], _ids[ControlFirms[j]], j - from + 1, _levels[level], level, Distances[j], w, distinct.Weight[distinct.OfEntry[j]]));
            }
        }

        return pairs;
    }

    private List<MatchedFirm> BuildFirms()
    {
        var distinct = Distinct;
        var firms = new List<MatchedFirm>(ParticipantFirms.Length + distinct.Firms.Length);
        var v = _participantValues;
        for (int t = 0; t < ParticipantFirms.Length; t++)
        {
            firms.Add(new MatchedFirm(_ids[ParticipantFirms[t]], true, 1.0, Offsets[t + 1] - Offsets[t], v[0][t], v[1][t], v[2][t], v[3][t]));
        }

        v = _controlValues;
        for (int i = 0; i < distinct.Firms.Length; i++)
        {
            int e = distinct.FirstEntry[i];
            firms.Add(new MatchedFirm(_ids[distinct.Firms[i]], false, distinct.Weight[i], distinct.Uses[i], v[0][e], v[1][e], v[2][e], v[3][e]));
        }

        return firms;
    }
}
