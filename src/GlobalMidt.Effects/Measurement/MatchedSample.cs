using Microsoft.Data.Analysis;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// One matched pair of a group: a participant, one of its controls, the matching level that found it, the distance
/// and the two weights (MatchIt's <c>get_matches()</c> and <c>match.data()</c> conventions).
/// </summary>
/// <param name="ParticipantId">Firm id of the participant (the treated unit).</param>
/// <param name="ControlId">Firm id of the control.</param>
/// <param name="Slot">1-based rank of the control among the participant's controls, nearest first (MatchIt's
/// <c>match.matrix</c> column).</param>
/// <param name="Level">The exact-matching level at which the participant was matched (finest first).</param>
/// <param name="LevelIndex">0-based index of <paramref name="Level"/> in the options' levels.</param>
/// <param name="Distance">Distance of the control from the participant (in the metric of the options, computed on
/// the level's rows).</param>
/// <param name="PairWeight">The pair's weight 1/k, k = the number of controls of this participant: the control row's
/// weight in MatchIt's <c>get_matches()</c>. Summed over a group's pairs it gives the weighted control sample of
/// Table 2: <c>G_C = Σ PairWeight·Y1(control) / Σ PairWeight·Y0(control) - 1</c> and control share
/// <c>= Σ PairWeight·grew(control) / participants</c>.</param>
/// <param name="ControlWeight">The control firm's weight in the group's weighted control sample: the sum of its
/// <paramref name="PairWeight"/>s over every participant it serves, rescaled so a group's control weights sum to its
/// number of distinct controls (MatchIt's <c>match.data()</c> weight, the <c>weight</c> of <c>match</c>'s pairs file).
/// The same on every pair of the control: use it once per distinct control (<see cref="MatchedSample.Firms"/>), not per
/// pair.</param>
public sealed record MatchedFirmPair(
    string ParticipantId,
    string ControlId,
    int Slot,
    MatchingLevel Level,
    int LevelIndex,
    double Distance,
    double PairWeight,
    double ControlWeight);

/// <summary>
/// One firm of a group's matched sample, as MatchIt's <c>match.data()</c> gives it: every matched participant once
/// with weight 1 and every distinct control once with its matching weight, together with the outcome values of the
/// measurement (so Table 2's shares and G_C can be recomputed from this view alone).
/// </summary>
/// <param name="FirmId">The firm id.</param>
/// <param name="IsParticipant">True for a matched participant (treated), false for a control.</param>
/// <param name="Weight">1 for a participant; for a control its <see cref="MatchedFirmPair.ControlWeight"/>
/// (sum of 1/k over its uses, rescaled so the group's control weights sum to the number of distinct controls).</param>
/// <param name="Uses">For a participant the number of its controls (k); for a control the number of participants it
/// serves.</param>
/// <param name="FteBaseline">FTEs at baseline.</param>
/// <param name="FteMeasurement">FTEs at measurement.</param>
/// <param name="TurnoverBaseline">Turnover at baseline (1,000 DKK).</param>
/// <param name="TurnoverMeasurement">Turnover at measurement (1,000 DKK).</param>
public sealed record MatchedFirm(
    string FirmId,
    bool IsParticipant,
    double Weight,
    int Uses,
    double FteBaseline,
    double FteMeasurement,
    double TurnoverBaseline,
    double TurnoverMeasurement);

/// <summary>
/// The matched sample of one group (MatchIt's <c>get_matches()</c> and <c>match.data()</c>): every pair with its level,
/// distance and weights (<see cref="Pairs"/>) and every matched firm once with its weight and outcomes
/// (<see cref="Firms"/>). Enough to redo any analysis of the group's matched comparison.
/// </summary>
/// <remarks>
/// Weights follow the measurement: each participant weighs 1 and gives each of its k controls 1/k, whatever the level
/// at which it was matched (MatchIt's ATT weights). With <see cref="MeasurementOptions.BiasAdjust"/> the measurement
/// scales the controls' measurement values by a regression factor, which this view does not carry: G_C recomputed
/// from it is then the unadjusted one.
/// </remarks>
public sealed class MatchedSample
{
    private readonly string[] _ids;
    private readonly IReadOnlyList<MatchingLevel> _levels;
    private readonly int[] _participants;
    private readonly int[] _offsets;
    private readonly int[] _controls;
    private readonly double[] _distances;
    private readonly int[] _participantLevels;

    // Outcome values (FTE and turnover at baseline and measurement) per participant and per pair entry's control,
    // copied out of the register-wide columns so the result does not keep those alive.
    private readonly double[][] _participantValues;
    private readonly double[][] _controlValues;
    private readonly Func<DistinctControls> _distinct;
    private IReadOnlyList<MatchedFirmPair>? _pairs;
    private IReadOnlyList<MatchedFirm>? _firms;

    private MatchedSample(
        string[] ids,
        IReadOnlyList<MatchingLevel> levels,
        int[] participants,
        int[] offsets,
        int[] controls,
        double[] distances,
        int[] participantLevels,
        double[][] sources,
        Func<DistinctControls> distinct)
    {
        _ids = ids;
        _levels = levels;
        _participants = participants;
        _offsets = offsets;
        _controls = controls;
        _distances = distances;
        _participantLevels = participantLevels;
        _distinct = distinct;
        _participantValues = Gather(sources, participants);
        _controlValues = Gather(sources, controls);
    }

    /// <summary>A sample without pairs (a group with no matched participant).</summary>
    public static MatchedSample Empty { get; } = new([], [], [], [0], [], [], [], [[], [], [], []], () => DistinctControls.Create(0, [0], []));

    /// <summary>Matched participants.</summary>
    public int ParticipantCount => _participants.Length;

    /// <summary>Distinct control firms.</summary>
    public int ControlCount => Distinct.Firms.Length;

    /// <summary>Pairs (participant, control): the sum over participants of their number of controls.</summary>
    public int PairCount => _controls.Length;

    /// <summary>
    /// Every pair, participants in firm-id order (numeric for CVR numbers), each participant's controls nearest first.
    /// </summary>
    public IReadOnlyList<MatchedFirmPair> Pairs => _pairs ??= BuildPairs();

    /// <summary>
    /// <c>match.data()</c>: every matched participant (weight 1), then every distinct control with its weight, each in
    /// firm-id order.
    /// </summary>
    public IReadOnlyList<MatchedFirm> Firms => _firms ??= BuildFirms();

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

    /// <summary>Builds the sample from the matcher's arrays (register indices) and the measurement's outcome columns.</summary>
    internal static MatchedSample Create(IReadOnlyList<string> firmIds, IReadOnlyList<MatchingLevel> levels, FirmMatches matches, FirmCovariates covariates)
    {
        if (matches.Participants.Length == 0)
        {
            return Empty;
        }

        var ids = firmIds as string[] ?? [.. firmIds];
        return new MatchedSample(
            ids,
            levels,
            matches.Participants,
            matches.ControlOffsets,
            matches.Controls,
            matches.Distances,
            matches.Levels,
            [covariates.FteBaseline, covariates.FteMeasurement, covariates.TurnoverBaseline, covariates.TurnoverMeasurement],
            () => matches.Distinct);
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

    /// <summary>The distinct controls with their weights, made once per group by <see cref="FirmMatches.Distinct"/>.</summary>
    private DistinctControls Distinct => _distinct();

    private List<MatchedFirmPair> BuildPairs()
    {
        var distinct = Distinct;
        var pairs = new List<MatchedFirmPair>(_controls.Length);
        for (int t = 0; t < _participants.Length; t++)
        {
            int from = _offsets[t];
            int to = _offsets[t + 1];
            double w = 1.0 / (to - from);
            int level = _participantLevels[t];
            for (int j = from; j < to; j++)
            {
                pairs.Add(new MatchedFirmPair(_ids[_participants[t]], _ids[_controls[j]], j - from + 1, _levels[level], level, _distances[j], w, distinct.Weight[distinct.OfEntry[j]]));
            }
        }

        return pairs;
    }

    private List<MatchedFirm> BuildFirms()
    {
        var distinct = Distinct;
        var firms = new List<MatchedFirm>(_participants.Length + distinct.Firms.Length);
        var v = _participantValues;
        for (int t = 0; t < _participants.Length; t++)
        {
            firms.Add(new MatchedFirm(_ids[_participants[t]], true, 1.0, _offsets[t + 1] - _offsets[t], v[0][t], v[1][t], v[2][t], v[3][t]));
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
