using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GlobalMidt.Effects.Matching;
using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Matching;

/// <summary>One random matching problem: rows, covariates (a coarse grid gives exact ties), optional exact strata,
/// options, and a permutation of the rows (for the permutation property).</summary>
public sealed record MatchingCase(bool[] Treated, double[][] Columns, int[]? Strata, MatchingOptions Options, int[] Permutation, bool Ties)
{
    public MatchingData Data(int[]? tieRank = null) =>
        new(Treated, [.. Enumerable.Range(0, Columns.Length).Select(j => "x" + j)], Columns, Strata, tieRank);

    public override string ToString() =>
        $"n={Treated.Length}, treated={Treated.Count(t => t)}, dims={Columns.Length}, ties={Ties}, strata={(Strata is null ? "none" : string.Join(' ', Strata))}, " +
        $"{Options.Distance} ratio {Options.Ratio} replace {Options.Replace} caliper {Options.Caliper} discard {Options.Discard} order {Options.Order}; " +
        $"x0 = {string.Join(' ', Columns[0])}; treated = {string.Join("", Treated.Select(t => t ? '1' : '0'))}";
}

/// <summary>A <see cref="MatchingCase"/> whose covariates are continuous unless the distance is Euclidean, so no two
/// distances tie up to rounding (the transforms' sums depend on the row order in the last bits).</summary>
public sealed record ContinuousMatchingCase(MatchingCase Case)
{
    public override string ToString() => Case.ToString();
}

/// <summary>FsCheck generators of matching problems.</summary>
public static class MatchingCases
{
    public static Arbitrary<MatchingCase> Cases() => Generator(forceContinuous: false).ToArbitrary();

    public static Arbitrary<ContinuousMatchingCase> ContinuousCases() =>
        Generator(forceContinuous: true).Select(c => new ContinuousMatchingCase(c)).ToArbitrary();

    private static Gen<MatchingCase> Generator(bool forceContinuous) =>
        from n in Gen.Choose(2, 50)
        from dims in Gen.Choose(1, 3)
        from grid in Gen.Choose(0, 8)
        from treatedPercent in Gen.Choose(10, 60)
        from coin in Gen.ArrayOf(Gen.Choose(0, 99), n)
        from strataCount in Gen.Choose(0, 3)
        from strata in Gen.ArrayOf(Gen.Choose(0, 2), n)
        from values in Gen.ArrayOf(Gen.Choose(0, 1_000_000), n * dims)
        from distance in Gen.Elements(DistanceMetric.Glm, DistanceMetric.Mahalanobis, DistanceMetric.ScaledEuclidean, DistanceMetric.Euclidean)
        from ratio in Gen.Choose(1, 4)
        from replace in Gen.Elements(true, false)
        from caliper in Gen.Choose(0, 150)
        from discard in Gen.Choose(0, 3)
        from order in Gen.Choose(0, 4)
        from permutationSeed in Gen.Choose(0, int.MaxValue)
        select Build(n, dims, forceContinuous && distance != DistanceMetric.Euclidean ? 0 : grid, treatedPercent, coin, strataCount, strata, values, distance, ratio, replace, caliper, discard, order, permutationSeed);

    private static MatchingCase Build(int n, int dims, int grid, int treatedPercent, int[] coin, int strataCount, int[] strata, int[] values, DistanceMetric distance, int ratio, bool replace, int caliper, int discard, int order, int permutationSeed)
    {
        var treated = coin.Select(c => c < treatedPercent).ToArray();
        treated[0] = true;
        treated[1] = false;
        var cols = new double[dims][];
        for (int j = 0; j < dims; j++)
        {
            cols[j] = new double[n];
            for (int i = 0; i < n; i++)
            {
                int v = values[(i * dims) + j];
                cols[j][i] = grid > 0 ? v % grid : (v / 1000.0) + (treated[i] ? 0.3 * j : 0);
            }
        }

        bool glm = distance == DistanceMetric.Glm;
        var options = new MatchingOptions
        {
            Distance = distance,
            Ratio = ratio,
            Replace = replace,
            Caliper = glm && caliper > 0 ? caliper / 100.0 : null,
            Discard = glm ? (CommonSupportDiscard)discard : CommonSupportDiscard.None,
            Order = glm ? (MatchOrder)order : (order % 2 == 0 ? MatchOrder.Data : MatchOrder.Random),
            Seed = (ulong)permutationSeed,
            MaxDegreeOfParallelism = 1,
        };
        var perm = Enumerable.Range(0, n).ToArray();
        var rng = new SplitMix64((ulong)permutationSeed);
        for (int i = n - 1; i > 0; i--)
        {
            int k = rng.NextInt(i + 1);
            (perm[i], perm[k]) = (perm[k], perm[i]);
        }

        return new MatchingCase(treated, cols, strataCount == 0 ? null : strata.Select(s => s % strataCount).ToArray(), options, perm, grid > 0);
    }
}

/// <summary>
/// Property tests (FsCheck) of the matching invariants on random problems (issue 9): exact strata, each control
/// at most once without replacement, the caliper, at most <c>ratio</c> controls, MatchIt's weights, invariance under
/// a permutation of the rows, and equality with <see cref="BruteForceMatcher"/>.
/// </summary>
[Properties(Arbitrary = [typeof(MatchingCases)], MaxTest = 150)]
public sealed class MatchingPropertyTests
{
    [Property]
    public void Pairs_RespectStrataReplacementRatioAndCaliper(MatchingCase c)
    {
        var r = NearestNeighbourMatcher.Match(c.Data(), c.Options);
        var byTreated = r.Pairs.GroupBy(p => p.Treated).ToList();
        foreach (var p in r.Pairs)
        {
            Assert.True(c.Treated[p.Treated] && !c.Treated[p.Control], $"pair {p} does not join a treated and a control row");
            if (c.Strata is { } s)
            {
                Assert.Equal(s[p.Treated], s[p.Control]);
            }

            if (r.CaliperWidth is double width)
            {
                Assert.True(p.Distance <= width, $"pair {p} lies outside the caliper {width}");
            }

            Assert.False(r.Discarded![p.Treated] || r.Discarded[p.Control], $"pair {p} uses a discarded row");
        }

        foreach (var g in byTreated)
        {
            // At most ratio controls, in slots 1..k, each a different control.
            Assert.InRange(g.Count(), 1, c.Options.Ratio);
            Assert.Equal(Enumerable.Range(1, g.Count()), g.Select(p => p.Slot).Order());
            Assert.Equal(g.Count(), g.Select(p => p.Control).Distinct().Count());
        }

        if (!c.Options.Replace)
        {
            Assert.Equal(r.Pairs.Count, r.Pairs.Select(p => p.Control).Distinct().Count());
        }

        // Every treated row is matched or listed as unmatched, never both.
        var matched = byTreated.Select(g => g.Key).ToHashSet();
        var unmatched = r.Unmatched.Select(u => u.Row).ToList();
        Assert.DoesNotContain(unmatched, matched.Contains);
        Assert.Equal(c.Treated.Count(t => t), matched.Count + unmatched.Count);
    }

    [Property]
    public void Weights_FollowMatchItsRules(MatchingCase c)
    {
        // MatchIt (get_weights_from_mm): 1 for a matched treated row, 0 for unmatched rows; a control gets the sum of
        // 1/k over the treated rows it serves (k = that row's controls), then all control weights are rescaled to sum
        // to the number of distinct matched controls.
        var r = NearestNeighbourMatcher.Match(c.Data(), c.Options);
        int n = c.Treated.Length;
        var k = r.Pairs.GroupBy(p => p.Treated).ToDictionary(g => g.Key, g => g.Count());
        var raw = new double[n];
        foreach (var p in r.Pairs)
        {
            raw[p.Control] += 1.0 / k[p.Treated];
        }

        int distinct = r.Pairs.Select(p => p.Control).Distinct().Count();
        double sum = raw.Sum();
        for (int i = 0; i < n; i++)
        {
            double expected = c.Treated[i] ? (k.ContainsKey(i) ? 1.0 : 0.0) : (sum > 0 ? raw[i] * distinct / sum : 0.0);
            Assert.Equal(expected, r.Weights[i], 12);
        }

        double controlTotal = Enumerable.Range(0, n).Where(i => !c.Treated[i]).Sum(i => r.Weights[i]);
        Assert.Equal(distinct, controlTotal, 9);
    }

    [Property]
    public void Match_EqualsTheBruteForceMatcher(MatchingCase c)
    {
        var fast = NearestNeighbourMatcher.Match(c.Data(), c.Options);
        var slow = BruteForceMatcher.Match(c.Data(), c.Options);
        Assert.Equal(slow.Pairs, fast.Pairs);
        Assert.Equal(slow.Unmatched, fast.Unmatched);
        Assert.Equal(slow.Weights, fast.Weights);
        Assert.Equal(slow.DistanceFallback, fast.DistanceFallback);
    }

    [Property]
    public void PermutedRows_GiveTheSamePairsById(ContinuousMatchingCase pc)
    {
        // Row i of the permuted data is row perm[i] of the original; its tie rank is its original position, which
        // is how ids order ties. The pairs, mapped back, must be the same.
        var c = pc.Case;
        int n = c.Treated.Length;
        var perm = c.Permutation;
        var permuted = new MatchingCase(
            [.. perm.Select(i => c.Treated[i])],
            [.. c.Columns.Select(col => perm.Select(i => col[i]).ToArray())],
            c.Strata is { } s ? [.. perm.Select(i => s[i])] : null,
            c.Options,
            perm,
            c.Ties);
        var original = NearestNeighbourMatcher.Match(c.Data(), c.Options);
        var shuffled = NearestNeighbourMatcher.Match(permuted.Data(tieRank: perm), c.Options);

        var mapped = shuffled.Pairs.Select(p => (T: perm[p.Treated], C: perm[p.Control], p.Slot, p.Distance)).OrderBy(p => p.T).ThenBy(p => p.Slot).ToList();
        Assert.Equal(original.Pairs.Select(p => (p.Treated, p.Control, p.Slot)), mapped.Select(p => (p.T, p.C, p.Slot)));
        for (int i = 0; i < mapped.Count; i++)
        {
            Assert.Equal(original.Pairs[i].Distance, mapped[i].Distance, 1e-9 * (1 + Math.Abs(mapped[i].Distance)));
        }

        Assert.Equal(original.Unmatched.Select(u => (u.Row, u.Reason)).Order(), shuffled.Unmatched.Select(u => (perm[u.Row], u.Reason)).Order());
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(original.Weights[perm[i]], shuffled.Weights[i], 12);
        }
    }
}
