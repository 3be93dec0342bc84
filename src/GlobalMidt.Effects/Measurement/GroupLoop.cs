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

/// <summary>
/// Work items with dependencies run on a fixed number of threads (the caller's and dedicated ones): each free thread
/// takes the ready item of highest priority (ties: the earlier added). An item whose dependency failed is skipped.
/// Lets the groups' effects start as soon as their own matching is done, instead of after every group's matching.
/// Each item's work and result are its own, so the order changes no result.
/// </summary>
internal sealed class GroupWork
{
    private readonly List<Item> _items = [];

    /// <summary>Adds an item, run after the items <paramref name="after"/>; returns its id.</summary>
    public int Add(long priority, Action body, params int[] after)
    {
        var item = new Item(body, priority) { Waiting = after.Length };
        foreach (int a in after)
        {
            _items[a].Next.Add(_items.Count);
        }

        _items.Add(item);
        return _items.Count - 1;
    }

    /// <summary>The failure of item <paramref name="id"/> (null when it succeeded or was skipped).</summary>
    public Exception? Error(int id) => _items[id].Failure;

    /// <summary>Runs every item on <paramref name="threads"/> threads (the calling one included).</summary>
    public void Run(int threads)
    {
        var gate = new object();
        var ready = new List<int>();
        for (int i = 0; i < _items.Count; i++)
        {
            if (_items[i].Waiting == 0)
            {
                ready.Add(i);
            }
        }

        int pending = _items.Count;
        void Work()
        {
            while (true)
            {
                int pick;
                lock (gate)
                {
                    while (ready.Count == 0 && pending > 0)
                    {
                        Monitor.Wait(gate);
                    }

                    if (ready.Count == 0)
                    {
                        return;
                    }

                    int best = 0;
                    for (int k = 1; k < ready.Count; k++)
                    {
                        var a = _items[ready[k]];
                        var b = _items[ready[best]];
                        if (a.Priority > b.Priority || (a.Priority == b.Priority && ready[k] < ready[best]))
                        {
                            best = k;
                        }
                    }

                    pick = ready[best];
                    ready.RemoveAt(best);
                }

                var item = _items[pick];
                if (!item.Skipped)
                {
                    try
                    {
                        item.Body();
                    }
#pragma warning disable CA1031 // kept for the caller, who throws it
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        item.Failure = e;
                    }
                }

                lock (gate)
                {
                    pending--;
                    foreach (int n in item.Next)
                    {
                        var next = _items[n];
                        next.Skipped |= item.Skipped || item.Failure is not null;
                        if (--next.Waiting == 0)
                        {
                            ready.Add(n);
                        }
                    }

                    Monitor.PulseAll(gate);
                }
            }
        }

        var helpers = new Thread[Math.Max(0, Math.Min(threads, _items.Count) - 1)];
        for (int t = 0; t < helpers.Length; t++)
        {
            helpers[t] = new Thread(Work) { IsBackground = true, Name = "GroupWork" };
            helpers[t].Start();
        }

        Work();
        foreach (var h in helpers)
        {
            h.Join();
        }
    }

    private sealed class Item(Action body, long priority)
    {
        public Action Body { get; } = body;

        public long Priority { get; } = priority;

        public List<int> Next { get; } = [];

        public int Waiting { get; set; }

        public bool Skipped { get; set; }

        public Exception? Failure { get; set; }
    }
}
