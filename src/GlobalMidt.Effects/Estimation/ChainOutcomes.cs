using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Inference;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Estimation;

/// <summary>
/// The chain's outcomes for a matched sample of the classic measurement (<see cref="GroupResult.Matches"/>): the same
/// participants and controls, the export and value added columns of the register at another pair of periods. A first
/// building block of <c>measure --series</c>; not yet used by <c>measure</c>.
/// </summary>
internal static class ChainOutcomes
{
    /// <summary>Computes the chain outcomes between <paramref name="baseline"/> and <paramref name="measurement"/>.</summary>
    /// <param name="register">The register the sample was matched in.</param>
    /// <param name="matches">The group's matched sample.</param>
    /// <param name="baseline">Baseline period (in the register).</param>
    /// <param name="measurement">Measurement period (in the register).</param>
    /// <param name="method">The share test.</param>
    /// <param name="options">Interval level and method; null for the defaults.</param>
    /// <exception cref="ArgumentException">A period or a firm of the sample is not in the register.</exception>
    public static ChainOutcomeSet FromMatches(
        Register register,
        MatchedSample matches,
        Period baseline,
        Period measurement,
        ShareTestMethod method = ShareTestMethod.KnownShare,
        ShareTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(matches);
        int b = register.FindPeriod(baseline);
        int m = register.FindPeriod(measurement);
        if (b < 0 || m < 0)
        {
            throw new ArgumentException($"Period {(b < 0 ? baseline : measurement)} is not in the register.", b < 0 ? nameof(baseline) : nameof(measurement));
        }

        // The pairs in participant order become CSR arrays over register firm indices.
        var participants = new List<int>();
        var offsets = new List<int> { 0 };
        var controls = new List<int>();
        string? current = null;
        foreach (var pair in matches.Pairs)
        {
            if (!string.Equals(pair.ParticipantId, current, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    offsets.Add(controls.Count);
                }

                current = pair.ParticipantId;
                participants.Add(Firm(register, pair.ParticipantId));
            }

            controls.Add(Firm(register, pair.ControlId));
        }

        if (current is not null)
        {
            offsets.Add(controls.Count);
        }

        int n = register.FirmCount;
        double effectiveN = ControlEffectiveN(offsets, controls);
        ChainOutcome? export = null;
        ChainOutcome? valueAdded = null;
        NewExportersResult? newExporters = null;
        if (register.HasExport)
        {
            var (x0, x1) = Column(register.ExportValues, n, register.PeriodCount, b, m);
            export = Outcome(new MatchedOutcomes(x0, x1, participants.ToArray(), offsets.ToArray(), controls.ToArray()), effectiveN, method, options);
            newExporters = NewExporters.Compute(x0, x1, participants.ToArray(), offsets.ToArray(), controls.ToArray(), method, options);
        }

        if (register.HasValueAdded)
        {
            var (v0, v1) = Column(register.ValueAddedValues, n, register.PeriodCount, b, m);
            valueAdded = Outcome(new MatchedOutcomes(v0, v1, participants.ToArray(), offsets.ToArray(), controls.ToArray()), effectiveN, method, options);
        }

        return new ChainOutcomeSet(export, valueAdded, newExporters);
    }

    private static int Firm(Register register, string id)
    {
        int f = register.FindFirm(id);
        return f >= 0 ? f : throw new ArgumentException($"Firm {id} of the matched sample is not in the register.", nameof(register));
    }

    private static (double[] Baseline, double[] Measurement) Column(ReadOnlySpan<double> values, int firms, int periods, int b, int m)
    {
        var y0 = new double[firms];
        var y1 = new double[firms];
        for (int f = 0; f < firms; f++)
        {
            y0[f] = values[(f * periods) + b];
            y1[f] = values[(f * periods) + m];
        }

        return (y0, y1);
    }

    private static double ControlEffectiveN(List<int> offsets, List<int> controls)
    {
        var weights = new SortedDictionary<int, double>();
        for (int t = 0; t + 1 < offsets.Count; t++)
        {
            double w = 1.0 / (offsets[t + 1] - offsets[t]);
            for (int j = offsets[t]; j < offsets[t + 1]; j++)
            {
                weights[controls[j]] = weights.GetValueOrDefault(controls[j]) + w;
            }
        }

        return weights.Count == 0 ? 0 : WeightedShares.KishEffectiveSize(weights.Values.ToArray());
    }

    private static ChainOutcome Outcome(MatchedOutcomes outcomes, double effectiveN, ShareTestMethod method, ShareTestOptions? options)
    {
        var s = outcomes.Statistics();
        if (s.N == 0)
        {
            return new ChainOutcome(s, null, ChainEffects.Effect(s));
        }

        int successes = (int)Math.Round(s.Growing);
        double controlShare = Math.Clamp(s.ControlShare, 0.0, 1.0);
        var test = method == ShareTestMethod.TwoSample
            ? ShareTest.TwoSample(successes, s.N, controlShare, effectiveN, options)
            : ShareTest.KnownShare(successes, s.N, controlShare, effectiveN, options);
        return new ChainOutcome(s, test, ChainEffects.Effect(s));
    }
}
