using GlobalMidt.Effects.Data;
using GlobalMidt.Effects.Matching;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// Propensity-score subclassification for the ATT (<see cref="MeasurementOptions.PropensitySubclassWidth"/>;
/// docs/accuracy.md, "Propensity subclassification"): instead of k nearest neighbours in exact cells, a logistic model
/// of participation among the group's participants and all eligible non-participants, and fine subclasses of its
/// linear predictor; each participant's controls are every non-participant of its subclass.
/// </summary>
/// <remarks>
/// <para>Model: <c>glm(participant ~ covariates + has_history + factor(region) + factor(industry2), binomial)</c>
/// (<see cref="OneHotLogisticRegression"/>, R's <c>glm</c> step for step), fitted per group: the group's measured
/// participants against the whole control pool, so each group gets its own propensity.</para>
/// <para>Subclasses: the firms sorted by the fitted linear predictor (log odds), highest first; a subclass is closed
/// once it spans at least the width and holds at least <see cref="MinControls"/> controls, or holds
/// <see cref="MaxControls"/> controls (at least the minimum); a last subclass with too few controls joins the one
/// before. Every participant therefore has at least <see cref="MinControls"/> controls when the pool has them.</para>
/// <para>Weights: participant t gives each of the n_c,s controls of its subclass 1/n_c,s, so a control's weight is
/// n_t,s / n_c,s (MatchIt's <c>method = "subclass", estimand = "ATT"</c> weights, up to their normalisation): G_C of
/// the aggregate formula is sum_s n_t,s mean(Y1 of controls_s) / sum_s n_t,s mean(Y0 of controls_s); the pairwise
/// formula gives each participant Y0 x sum(Y1)/sum(Y0) of its subclass's controls, the participants' own size
/// weights (the oracle of docs/accuracy.md's diagnosis).</para>
/// </remarks>
internal static class PropensitySubclasses
{
    /// <summary>The fewest controls a subclass may have.</summary>
    public const int MinControls = 10;

    /// <summary>A subclass is closed once it holds this many controls (keeps the pairs and memory bounded).</summary>
    public const int MaxControls = 400;

    /// <summary>The group's sample: every measured participant with the controls of its propensity subclass.</summary>
    public static MatchedSample Match(
        Register register,
        FirmCovariates covariates,
        int[] participants,
        int[] pool,
        IReadOnlyList<FirmCovariate> covariateList,
        IReadOnlyList<MatchingLevel> levels,
        double width,
        int maxDegreeOfParallelism,
        int minControls = MinControls,
        bool withinSize = false)
    {
        var lin = LinearPredictor(register, covariates, participants, pool, covariateList, maxDegreeOfParallelism);
        var (participantClass, classControls) = withinSize
            ? WithinSizeClasses(lin, participants, pool, covariates.FteBaseline, width, minControls)
            : Subclasses(lin, participants.Length, width, minControls);
        var offsets = new int[participants.Length + 1];
        for (int t = 0; t < participants.Length; t++)
        {
            offsets[t + 1] = offsets[t] + classControls[participantClass[t]].Length;
        }

        var controls = new int[offsets[^1]];
        var distances = new double[offsets[^1]];
        for (int t = 0; t < participants.Length; t++)
        {
            var rows = classControls[participantClass[t]];
            for (int j = 0; j < rows.Length; j++)
            {
                controls[offsets[t] + j] = pool[rows[j] - participants.Length];
                distances[offsets[t] + j] = Math.Abs(lin[t] - lin[rows[j]]);
            }
        }

        return MatchedSample.Create(register.FirmIds, levels, participants, offsets, controls, distances, new int[participants.Length], [], [], covariates);
    }

    /// <summary>The subclasses of <see cref="Subclasses"/> formed within each FTE size class (the participants of a
    /// size class without a control of it join the next smaller size class that has controls).</summary>
    internal static (int[] ParticipantClass, int[][] ClassControls) WithinSizeClasses(double[] lin, int[] participants, int[] pool, double[] fteBaseline, double width, int minControls)
    {
        int n = lin.Length;
        var size = new int[n];
        for (int i = 0; i < n; i++)
        {
            size[i] = SizeClass(fteBaseline[i < participants.Length ? participants[i] : pool[i - participants.Length]]);
        }

        // Size classes with fewer than minControls controls merge into the next smaller one.
        var controlsPer = new int[SizeClasses.Length];
        for (int i = participants.Length; i < n; i++)
        {
            controlsPer[size[i]]++;
        }

        var target = new int[SizeClasses.Length];
        for (int c = SizeClasses.Length - 1; c >= 0; c--)
        {
            target[c] = c;
        }

        for (int c = SizeClasses.Length - 1; c > 0; c--)
        {
            if (controlsPer[c] < minControls)
            {
                controlsPer[c - 1] += controlsPer[c];
                for (int d = c; d < SizeClasses.Length; d++)
                {
                    if (target[d] == c)
                    {
                        target[d] = c - 1;
                    }
                }
            }
        }

        var participantClass = new int[participants.Length];
        var classControls = new List<int[]>();
        for (int c = 0; c < SizeClasses.Length; c++)
        {
            var rows = Enumerable.Range(0, n).Where(i => target[size[i]] == c).ToArray();
            int p = rows.Count(i => i < participants.Length);
            if (rows.Length == p)
            {
                continue; // no row, or participants only (only possible when every control is in a larger class)
            }

            var (pc, cc) = Subclasses([.. rows.Select(i => lin[i])], p, width, minControls);
            for (int k = 0; k < p; k++)
            {
                participantClass[rows[k]] = classControls.Count + pc[k];
            }

            classControls.AddRange(cc.Select(set => set.Select(j => rows[j]).ToArray()));
        }

        return (participantClass, classControls.ToArray());
    }

    /// <summary>The fitted log odds of participation per row (participants, then the pool).</summary>
    internal static double[] LinearPredictor(Register register, FirmCovariates covariates, int[] participants, int[] pool, IReadOnlyList<FirmCovariate> covariateList, int maxDegreeOfParallelism)
    {
        int n = participants.Length + pool.Length;
        var firms = new int[n];
        participants.CopyTo(firms, 0);
        pool.CopyTo(firms, participants.Length);
        var y = new bool[n];
        Array.Fill(y, true, 0, participants.Length);
        var numeric = new List<double[]>();
        var names = new List<string>();
        foreach (var c in covariateList)
        {
            var source = covariates.Column(c);
            numeric.Add(firms.Select(f => source[f]).ToArray());
            names.Add(FirmCovariates.Name(c));
        }

        numeric.Add(firms.Select(f => covariates.HasHistory[f] ? 1.0 : 0.0).ToArray());
        names.Add("has_history");
        var regions = register.RegionCodes.ToArray();
        var industry2 = FirmCatalogue(register);
        var factors = new[]
        {
            Factor("region", firms.Select(f => regions[f]).ToArray(), register.RegionNames),
            Factor("industry2", firms.Select(f => industry2.Codes[register.IndustryCodes[f]]).ToArray(), industry2.Names),
            Factor("size", firms.Select(f => SizeClass(covariates.FteBaseline[f])).ToArray(), SizeClasses),
        };
        return LogOdds(OneHotLogisticRegression.Fit(y, numeric, names, factors, maxDegreeOfParallelism));
    }

    /// <summary>The fitted log odds of a fit, per row (R's <c>predict(fit, type = "link")</c> from the fitted values).</summary>
    internal static double[] LogOdds(LogisticRegressionFit fit)
    {
        var lin = new double[fit.Fitted.Count];
        for (int i = 0; i < lin.Length; i++)
        {
            double p = Math.Clamp(fit.Fitted[i], 1e-300, 1 - 1e-16);
            lin[i] = Math.Log(p / (1 - p));
        }

        return lin;
    }

    /// <summary>Subclasses of the rows (participants first, then the pool) by their log odds: per
    /// participant its subclass, and per subclass its control rows (ascending).</summary>
    internal static (int[] ParticipantClass, int[][] ClassControls) Subclasses(double[] lin, int participantCount, double width, int minControls = MinControls)
    {
        int n = lin.Length;
        var order = Enumerable.Range(0, n).ToArray();
        // Highest log odds first; ties by row, so the result does not depend on anything but the rows' order.
        Array.Sort(order, (a, b) => lin[b] != lin[a] ? lin[b].CompareTo(lin[a]) : a.CompareTo(b));
        var classOf = new int[n];
        var classControls = new List<List<int>>();
        var current = new List<int>();
        double top = double.NaN;
        int cls = 0;
        foreach (int r in order)
        {
            if (double.IsNaN(top))
            {
                top = lin[r];
            }
            else if (current.Count >= minControls && (top - lin[r] >= width || current.Count >= Math.Max(MaxControls, minControls)))
            {
                classControls.Add(current);
                current = [];
                cls++;
                top = lin[r];
            }

            classOf[r] = cls;
            if (r >= participantCount)
            {
                current.Add(r);
            }
        }

        classControls.Add(current);
        if (current.Count < minControls && classControls.Count > 1)
        {
            // The last subclass joins the one before.
            classControls[^2].AddRange(current);
            classControls.RemoveAt(classControls.Count - 1);
            int last = classControls.Count - 1;
            for (int r = 0; r < n; r++)
            {
                classOf[r] = Math.Min(classOf[r], last);
            }
        }

        var participantClass = classOf[..participantCount];
        return (participantClass, classControls.Select(c => c.Order().ToArray()).ToArray());
    }

    /// <summary>Statistics Denmark's size classes of FTE (the last one, 250 and more, the EU's large firms).</summary>
    internal static readonly string[] SizeClasses = ["0", "1-4", "5-9", "10-19", "20-49", "50-99", "100-249", "250+"];

    /// <summary>The index into <see cref="SizeClasses"/> of a baseline FTE.</summary>
    internal static int SizeClass(double fte) => fte switch
    {
        < 1 => 0,
        < 5 => 1,
        < 10 => 2,
        < 20 => 3,
        < 50 => 4,
        < 100 => 5,
        < 250 => 6,
        _ => 7,
    };

    private static OneHotFactor Factor(string name, int[] codes, IReadOnlyList<string> levelNames)
    {
        // Levels present, in name order; the first is the reference (R's treatment contrasts).
        var present = codes.Distinct().OrderBy(c => levelNames[c], StringComparer.Ordinal).ToArray();
        var dummy = new int[levelNames.Count];
        Array.Fill(dummy, -1);
        for (int i = 1; i < present.Length; i++)
        {
            dummy[present[i]] = i - 1;
        }

        return new OneHotFactor(codes.Select(c => dummy[c]).ToArray(), present.Skip(1).Select(c => name + levelNames[c]).ToArray());
    }

    /// <summary>Per interned industry, its 2-digit prefix code and the prefixes' names.</summary>
    private static (int[] Codes, string[] Names) FirmCatalogue(Register register)
    {
        var codes = FirmMatcher.IndustryPrefixCodes(register, 2);
        var names = new string[codes.Length == 0 ? 0 : codes.Max() + 1];
        for (int i = 0; i < codes.Length; i++)
        {
            var full = register.IndustryNames[i];
            names[codes[i]] = full[..Math.Min(2, full.Length)];
        }

        return (codes, names);
    }
}
