using System.Runtime.ExceptionServices;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> over the groups, whose failure is the exception
/// itself (not an <see cref="AggregateException"/>): the one of the first failing group by index, so the same input
/// fails with the same message whatever the number of threads.
/// </summary>
internal static class GroupLoop
{
    public static void For(int count, ParallelOptions options, Action<int> body) => For(count, options, null, body);

    /// <summary>The group loop's threads: <paramref name="maxDegreeOfParallelism"/>, or every core for 0 (not more
    /// threads than cores, so the largest group, started first, keeps a core to itself).</summary>
    public static int Threads(int maxDegreeOfParallelism) => maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;

    /// <summary>
    /// The threads of one group's own parallel loops (matching strata, bootstrap replicates) when
    /// <paramref name="threads"/> run the groups: its share of the threads by size, at least 1. On few cores every
    /// group runs its loops serially, which costs less than splitting them (the bootstrap sums one replicate at a
    /// time while its counts are in cache), and the group loop keeps the cores busy; on many cores the largest
    /// groups split their loops. Results do not depend on it.
    /// </summary>
    public static int InnerThreads(int threads, long size, long total) =>
        total <= 0 ? 1 : (int)Math.Clamp(threads * size / total, 1, threads);

    /// <summary>
    /// As <see cref="For(int, ParallelOptions, Action{int})"/>, the groups started largest first by
    /// <paramref name="size"/> (ties by index): the cross-cutting group, as big as all others together, no longer
    /// starts last while the other thread runs out of groups. Each group's work and result are its own, so the order
    /// changes no result.
    /// </summary>
    public static void For(int count, ParallelOptions options, Func<int, long>? size, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(options);
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        if (size is not null)
        {
            var sizes = new long[count];
            for (int i = 0; i < count; i++)
            {
                sizes[i] = size(i);
            }

            Array.Sort(order, (a, b) => sizes[a] != sizes[b] ? sizes[b].CompareTo(sizes[a]) : a.CompareTo(b));
        }

        var errors = new Exception?[count];
        // One group per claim, in order: a range partition would hand the largest groups to one thread up front.
        var claims = System.Collections.Concurrent.Partitioner.Create((IEnumerable<int>)order, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(claims, options, i =>
        {
            try
            {
                body(i);
            }
#pragma warning disable CA1031 // rethrown below, on the calling thread
            catch (Exception e)
#pragma warning restore CA1031
            {
                errors[i] = e;
            }
        });

        foreach (var e in errors)
        {
            if (e is not null)
            {
                ExceptionDispatchInfo.Capture(e).Throw();
            }
        }
    }
}
