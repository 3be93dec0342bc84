using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// Nearest-neighbour matching within propensity subclasses (<see cref="MeasurementOptions.PropensityMatchWidth"/>;
/// docs/accuracy.md, "Nearest neighbours within propensity subclasses"): the propensity model and subclasses of
/// <see cref="PropensitySubclasses"/> (fitted per group on the participants and the whole control pool) take the
/// place of the exact region x industry x history cells, and within each subclass the usual k nearest neighbours on
/// the measurement's covariates (the engine's distance, ratio and replacement) are the participant's controls.
/// </summary>
/// <remarks>
/// With <c>logOddsCovariate</c> there is no stratum at all and the fitted log odds are one more matching covariate
/// (study modifier <c>plin</c>).
/// The subclasses hold at least max(10, ratio) controls, so every participant is matched. The hybrid aims at both
/// problems seen in the study: the depleted exact cells (the propensity stratum pools all regions and industries of
/// the same participation odds) and the subclassification's spread (a participant's controls are its nearest
/// neighbours, of its size, not every firm of its odds).
/// </remarks>
internal static class PropensityBandMatcher
{
    /// <summary>The group's matched sample (the pairs' level is 0, the first of <paramref name="levels"/>, which
    /// is only carried for the output).</summary>
    public static MatchedSample Match(
        Register register,
        FirmCovariates covariates,
        int[] participants,
        int[] pool,
        IReadOnlyList<FirmCovariate> covariateList,
        IReadOnlyList<MatchingLevel> levels,
        double width,
        MatchingOptions options,
        int maxDegreeOfParallelism,
        bool logOddsCovariate = false)
    {
        var lin = PropensitySubclasses.LinearPredictor(register, covariates, participants, pool, covariateList, maxDegreeOfParallelism);
        int minControls = Math.Max(PropensitySubclasses.MinControls, options.Ratio);
        var (participantClass, classControls) = PropensitySubclasses.Subclasses(lin, participants.Length, width, minControls);

        // Rows: the participants, then the pool, each with its subclass as the exact stratum.
        int n = participants.Length + pool.Length;
        var rows = new int[n];
        participants.CopyTo(rows, 0);
        pool.CopyTo(rows, participants.Length);
        var strata = new int[n];
        if (!logOddsCovariate)
        {
            Array.Copy(participantClass, strata, participants.Length);
            for (int s = 0; s < classControls.Length; s++)
            {
                foreach (int r in classControls[s])
                {
                    strata[r] = s;
                }
            }
        }

        var treated = new bool[n];
        Array.Fill(treated, true, 0, participants.Length);
        var cols = new double[covariateList.Count + (logOddsCovariate ? 1 : 0)][];
        var names = new string[cols.Length];
        if (logOddsCovariate)
        {
            // One stratum; the fitted log odds as a further matching covariate.
            cols[^1] = lin;
            names[^1] = "log_odds";
        }

        for (int j = 0; j < covariateList.Count; j++)
        {
            var source = covariates.Column(covariateList[j]);
            var col = new double[n];
            for (int i = 0; i < n; i++)
            {
                col[i] = source[rows[i]];
            }

            cols[j] = col;
            names[j] = FirmCovariates.Name(covariateList[j]);
        }

        var data = new MatchingData(treated, names, cols, strata, tieRank: rows);
        var result = MatchingPlan.Create(data, options).Match();
        var fallbacks = new List<(int Level, DistanceFallback Fallback)>();
        if (result.DistanceFallback != DistanceFallback.None)
        {
            fallbacks.Add((0, result.DistanceFallback));
        }

        // The engine's pairs are grouped by treated row; the sample lists the participants in their given order.
        var controlsOf = new Dictionary<int, (int[] Controls, double[] Distances)>();
        foreach (var (firm, controls, distances) in FirmMatcher.ControlsByTreated(result.Pairs, rows))
        {
            controlsOf[firm] = (controls, distances);
        }

        var matched = new List<int>();
        var offsets = new List<int> { 0 };
        var all = new List<int>();
        var dist = new List<double>();
        var unmatched = new List<(int, UnmatchedReason)>();
        var reasonOf = result.Unmatched.ToDictionary(u => rows[u.Row], u => u.Reason);
        foreach (int f in participants)
        {
            if (controlsOf.TryGetValue(f, out var m))
            {
                matched.Add(f);
                all.AddRange(m.Controls);
                dist.AddRange(m.Distances);
                offsets.Add(all.Count);
            }
            else
            {
                unmatched.Add((f, reasonOf.GetValueOrDefault(f, UnmatchedReason.NoControlInStratum)));
            }
        }

        return MatchedSample.Create(register.FirmIds, levels, [.. matched], [.. offsets], [.. all], [.. dist], new int[matched.Count], unmatched, fallbacks, covariates);
    }
}
