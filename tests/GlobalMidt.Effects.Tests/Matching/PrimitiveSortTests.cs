using GlobalMidt.Effects.Matching;

using GlobalMidt.Effects.Randomness;

namespace GlobalMidt.Effects.Tests.Matching;

/// <summary>The library's own sorts and parallel loop (used instead of generic framework code that a cold process
/// would have to compile first) against the framework's.</summary>
public sealed class PrimitiveSortTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(2048)]
    [InlineData(10007)]
    public void SortDoubles_EqualsArraySort_OnRangesWithTiesAndSortedRuns(int length)
    {
        var rng = new SplitMix64((ulong)length + 1);
        for (int kind = 0; kind < 5; kind++)
        {
            var a = new double[length + 6];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = kind switch
                {
                    0 => rng.NextInt(1_000_000) / 7.0,
                    1 => rng.NextInt(5), // many ties
                    2 => i, // sorted
                    3 => -i, // reversed
                    _ => i % 2 == 0 ? 1e300 : -rng.NextInt(3), // organ-pipe-like, extremes
                };
            }

            var expected = (double[])a.Clone();
            Array.Sort(expected, 3, length);
            PrimitiveSort.Sort(a, 3, length);
            Assert.Equal(expected, a); // the elements outside the range are untouched too
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    [InlineData(300_000)]
    public void ScoreSort_EqualsArraySort_KeepingEqualScoresInInputOrder(int length)
    {
        var rng = new SplitMix64((ulong)length + 7);
        for (int kind = 0; kind < 4; kind++)
        {
            var scores = new double[length + 3];
            for (int i = 0; i < scores.Length; i++)
            {
                scores[i] = kind switch
                {
                    0 => rng.NextInt(1_000_000) / 1e6 * Math.Pow(2, -rng.NextInt(30)), // propensity scores
                    1 => rng.NextInt(7) / 8.0, // many ties
                    2 => (rng.NextInt(2000) - 1000) * Math.Pow(10, rng.NextInt(600) - 300), // signs, huge and tiny
                    _ => new[] { 0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.NegativeInfinity, double.PositiveInfinity, 1 }[rng.NextInt(8)],
                };
            }

            var sorted = new double[length];
            var order = ScoreKernel.SortScores(scores, 3, sorted);
            var expected = scores.Skip(3).ToArray();
            Array.Sort(expected);
            Assert.Equal(expected, sorted); // equal as doubles (+0 and -0 are equal)
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(scores[3 + order[i]]), BitConverter.DoubleToInt64Bits(sorted[i]));
                if (i > 0 && sorted[i] == sorted[i - 1] && BitConverter.DoubleToInt64Bits(sorted[i]) == BitConverter.DoubleToInt64Bits(sorted[i - 1]))
                {
                    Assert.True(order[i] > order[i - 1], "equal scores keep their input order");
                }
            }
        }
    }

    [Fact]
    public void SortLongKeys_MovesItemsAlong()
    {
        var rng = new SplitMix64(5);
        var keys = new long[5000];
        var items = new int[5000];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)rng.NextInt(100_000) << 32) | (uint)i;
            items[i] = i;
        }

        var expectedKeys = (long[])keys.Clone();
        var expectedItems = (int[])items.Clone();
        Array.Sort(expectedKeys, expectedItems);
        PrimitiveSort.Sort(keys, items);
        Assert.Equal(expectedKeys, keys);
        Assert.Equal(expectedItems, items);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(5000)]
    public void SortDoubleKeysWithItems_And_IntRuns_EqualArraySort(int length)
    {
        // Scores with many ties (items distinct), then each run of equal scores by a distinct rank: the final
        // order is unique, whatever the sort, and equals the framework's.
        var rng = new SplitMix64((ulong)length + 11);
        var keys = new double[length];
        var items = new int[length];
        for (int i = 0; i < length; i++)
        {
            keys[i] = rng.NextInt(Math.Max(1, length / 20)) / 3.0;
            items[i] = i;
        }

        var expectedKeys = (double[])keys.Clone();
        var expectedItems = (int[])items.Clone();
        Array.Sort(expectedKeys, expectedItems);
        PrimitiveSort.Sort(keys, items);
        Assert.Equal(expectedKeys, keys);
        Assert.Equal(expectedKeys.Length, items.Length);
        var rank = new int[length];
        var rankExpected = new int[length];
        for (int i = 0; i < length; i++)
        {
            rank[i] = (items[i] * 7919) % 100_003;
            rankExpected[i] = (expectedItems[i] * 7919) % 100_003;
        }

        for (int i = 0; i < length;)
        {
            int j = i + 1;
            while (j < length && keys[j] == keys[i])
            {
                j++;
            }

            PrimitiveSort.Sort(rank, items, i, j - i);
            Array.Sort(rankExpected, expectedItems, i, j - i);
            i = j;
        }

        Assert.Equal(expectedItems, items);
        Assert.Equal(rankExpected, rank);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void WorkerLoop_RunsEveryItemOnce_AndRethrowsTheException(int workers)
    {
        var hits = new int[1000];
        var busy = new int[workers];
        WorkerLoop.For(hits.Length, workers, (i, w) =>
        {
            Assert.Equal(1, Interlocked.Increment(ref busy[w])); // one item at a time per worker
            Interlocked.Increment(ref hits[i]);
            Interlocked.Decrement(ref busy[w]);
        });
        Assert.All(hits, h => Assert.Equal(1, h));

        var e = Assert.Throws<InvalidOperationException>(() => WorkerLoop.For(100, workers, (i, _) =>
        {
            if (i == 37)
            {
                throw new InvalidOperationException("item 37");
            }
        }));
        Assert.Equal("item 37", e.Message);
    }
}
