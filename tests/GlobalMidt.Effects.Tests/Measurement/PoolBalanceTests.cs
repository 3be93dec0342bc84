using System.Globalization;
using System.Text;
using GlobalMidt.Effects.Diagnostics;
using GlobalMidt.Effects.Measurement;

namespace GlobalMidt.Effects.Tests.Measurement;

public sealed class PoolBalanceTests
{
    private static readonly ParallelOptions TwoThreads = new() { MaxDegreeOfParallelism = 2 };

    /// <summary>Every figure of the table, doubles as their bits, so that equal text means equal bits.</summary>
    private static string Bits(BalanceTable t)
    {
        var sb = new StringBuilder();
        static string B(double v) => BitConverter.DoubleToInt64Bits(v).ToString("X16", CultureInfo.InvariantCulture);
        foreach (var r in t.Rows)
        {
            sb.Append(r.Covariate).Append(' ').Append(r.Type).Append(' ').Append(r.SmdBalanced).Append(' ').Append(r.VarianceRatioBalanced).Append('\n');
            foreach (var s in new[] { r.Before, r.After })
            {
                sb.Append(string.Join(' ', B(s.TreatedMean), B(s.ControlMean), B(s.Smd), B(s.VarianceRatio), B(s.EcdfMean), B(s.EcdfMax))).Append('\n');
            }
        }

        var z = t.SampleSizes;
        sb.Append(CultureInfo.InvariantCulture, $"{z.TreatedAll} {z.ControlAll} {z.TreatedMatched} {z.ControlMatched} {B(z.TreatedEss)} {B(z.ControlEss)}");
        return sb.ToString();
    }

    /// <summary>Firms with tied values (few distinct FTE levels, many zero growths), a 0/1 column, a pool, a group of
    /// participants outside it, and matches of 1-3 controls each (controls reused, some participants unmatched).</summary>
    private static (string[] Names, double[][] Columns, int[] Pool, int[] Measured, MatchedSample Matches) Case(int seed, int firms = 3000)
    {
        var rng = new Random(seed);
        var fte = new double[firms];
        var turnover = new double[firms];
        var growth = new double[firms];
        var flag = new double[firms];
        for (int f = 0; f < firms; f++)
        {
            fte[f] = Math.Log(1 + rng.Next(0, 12));
            turnover[f] = rng.Next(4) == 0 ? 0 : Math.Round(rng.NextDouble() * 50, 1);
            growth[f] = rng.Next(3) == 0 ? 0.0 : rng.Next(2) == 0 ? -0.0 : Math.Round((rng.NextDouble() - 0.5) * 2, 2);
            flag[f] = rng.Next(2);
        }

        var firmsShuffled = Enumerable.Range(0, firms).OrderBy(_ => rng.Next()).ToArray();
        int[] pool = firmsShuffled[..(firms * 3 / 4)];
        int[] measured = firmsShuffled[(firms * 3 / 4)..(firms * 3 / 4 + 300)];
        var participants = new List<int>();
        var offsets = new List<int> { 0 };
        var controls = new List<int>();
        foreach (int p in measured)
        {
            if (rng.Next(5) == 0)
            {
                continue;
            }

            participants.Add(p);
            int k = 1 + rng.Next(3);
            for (int j = 0; j < k; j++)
            {
                controls.Add(pool[rng.Next(pool.Length / 10)]); // a small part of the pool: controls reused
            }

            offsets.Add(controls.Count);
        }

        var matches = MatchedSample.OfPairs([.. participants], [.. offsets], [.. controls], fte.Length);
        return (["fte", "turnover", "growth", "flag"], [fte, turnover, growth, flag], pool, measured, matches);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Compute_EqualsTheReferenceBitForBit(int seed)
    {
        var (names, columns, pool, measured, matches) = Case(seed);
        var balance = new PoolBalance(names, columns, pool, TwoThreads);

        var expected = PoolBalance.Reference(names, columns, measured, pool, matches);
        var actual = balance.Compute(measured, matches);

        Assert.Equal(Bits(expected), Bits(actual));
        Assert.Equal(CovariateType.Binary, actual.Rows[3].Type);
    }

    [Fact]
    public void Compute_SeveralGroupsOnOnePool_EachEqualsTheReference()
    {
        var (names, columns, pool, measured, matches) = Case(7, firms: 5000);
        var balance = new PoolBalance(names, columns, pool, TwoThreads);
        for (int g = 0; g < 4; g++)
        {
            var (group, m) = Group(measured, matches, g * 40, 120, columns[0].Length);

            Assert.Equal(Bits(PoolBalance.Reference(names, columns, group, pool, m)), Bits(balance.Compute(group, m)));
        }
    }

    [Fact]
    public void Compute_GroupsOfEverySizeOnSeveralThreads_EachEqualsTheReference()
    {
        // The groups share the pool's sorted columns and pass their scratch blocks on to the next group: small after
        // large, large after small, several at once.
        var (names, columns, pool, measured, matches) = Case(11, firms: 6000);
        var balance = new PoolBalance(names, columns, pool, TwoThreads);
        int[] sizes = [300, 12, 150, 1, 290, 40, 75, 300, 5, 200];
        var groups = sizes.Select((size, g) => Group(measured, matches, (g * 7) % (measured.Length - size + 1), size, columns[0].Length)).ToArray();
        var actual = new string[groups.Length];

        Parallel.For(0, groups.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, g => actual[g] = Bits(balance.Compute(groups[g].Group, groups[g].Matches)));

        for (int g = 0; g < groups.Length; g++)
        {
            Assert.Equal(Bits(PoolBalance.Reference(names, columns, groups[g].Group, pool, groups[g].Matches)), actual[g]);
        }
    }

    /// <summary>The measured firms skip .. skip + take - 1 and their pairs in <paramref name="matches"/>.</summary>
    private static (int[] Group, MatchedSample Matches) Group(int[] measured, MatchedSample matches, int skip, int take, int firms)
    {
        int[] group = [.. measured.Skip(skip).Take(take)];
        var kept = matches.ParticipantFirms.Select((p, i) => (p, i)).Where(x => group.Contains(x.p)).ToArray();
        var offsets = new List<int> { 0 };
        var controls = new List<int>();
        foreach (var (_, i) in kept)
        {
            for (int j = matches.Offsets[i]; j < matches.Offsets[i + 1]; j++)
            {
                controls.Add(matches.ControlFirms[j]);
            }

            offsets.Add(controls.Count);
        }

        return (group, MatchedSample.OfPairs([.. kept.Select(x => x.p)], [.. offsets], [.. controls], firms));
    }

    [Fact]
    public void Compute_ParticipantInThePool_FallsBackToTheReference()
    {
        var (names, columns, pool, measured, matches) = Case(4);
        int[] overlapping = [.. measured, pool[^1]];
        var balance = new PoolBalance(names, columns, pool, TwoThreads);

        Assert.Equal(Bits(PoolBalance.Reference(names, columns, overlapping, pool, matches)), Bits(balance.Compute(overlapping, matches)));
    }

    [Fact]
    public void Compute_NotFiniteValue_FailsAsTheReference()
    {
        var (names, columns, pool, measured, matches) = Case(5);
        columns[1][pool[3]] = double.NaN;
        var balance = new PoolBalance(names, columns, pool, TwoThreads);

        var expected = Assert.Throws<ArgumentException>(() => PoolBalance.Reference(names, columns, measured, pool, matches));
        var actual = Assert.Throws<ArgumentException>(() => balance.Compute(measured, matches));
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void Compute_NoControlWeight_FailsAsTheReference()
    {
        var (names, columns, pool, measured, _) = Case(6);
        var none = MatchedSample.OfPairs([measured[0]], [0, 0], [], columns[0].Length);
        var balance = new PoolBalance(names, columns, pool, TwoThreads);

        var expected = Assert.Throws<ArgumentException>(() => PoolBalance.Reference(names, columns, measured, pool, none));
        var actual = Assert.Throws<ArgumentException>(() => balance.Compute(measured, none));
        Assert.Equal(expected.Message, actual.Message);
    }
}
