using System.Runtime.ExceptionServices;

namespace GlobalMidt.Effects.Matching;

/// <summary>
/// A parallel loop over independent work items on dedicated threads (the calling thread plus up to
/// <c>threads - 1</c> started for the call), for loops that run once per command.
/// </summary>
/// <remarks>
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> costs a cold process about 10 ms before its
/// first item (thread-pool start-up, the TPL event source, just-in-time compilation of its generic workers); two
/// plain threads cost a fraction of a millisecond. Items are taken in increasing order from a shared counter, and
/// each item writes only its own results, so the output does not depend on the number of threads. The call returns
/// when every item is done, without waiting for a started thread that has not taken one (on a busy machine a new
/// thread may get a core only after the calling thread has done all the items: it then finds none and ends).
/// </remarks>
internal static class WorkerLoop
{
    /// <summary>The threads to use for <paramref name="maxDegreeOfParallelism"/> (0 or less: all cores).</summary>
    public static int Threads(int maxDegreeOfParallelism) =>
        maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;

    /// <summary>Runs <paramref name="body"/>(item, worker) for item 0 .. <paramref name="count"/> - 1, worker being
    /// 0 .. <paramref name="workers"/> - 1 (at most one item at a time per worker: per-worker scratch is safe).</summary>
    /// <exception cref="Exception">The first exception of any item, rethrown with its stack trace.</exception>
    public static void For(int count, int workers, Action<int, int> body)
    {
        if (workers <= 1 || count <= 1)
        {
            for (int i = 0; i < count; i++)
            {
                body(i, 0);
            }

            return;
        }

        var state = new LoopState(count, body);
        var threads = new Thread[workers - 1];
        for (int w = 0; w < threads.Length; w++)
        {
            int worker = w + 1;
            threads[w] = new Thread(() => state.Work(worker)) { IsBackground = true, Name = "match worker" };
            threads[w].Start();
        }

        state.Work(0);
        state.WaitUntilIdle();
        if (state.Error is { } e)
        {
            ExceptionDispatchInfo.Capture(e).Throw();
        }
    }

    private sealed class LoopState(int count, Action<int, int> body)
    {
        private readonly object _gate = new();
        private int _next = -1;
        private int _busy; // threads between taking a number from the counter and finishing its item
        private Exception? _error;

        public Exception? Error => Volatile.Read(ref _error);

        public void Work(int worker)
        {
            while (true)
            {
                // Counted as busy before taking a number: once the counter is past the end and no thread is busy,
                // every item is done.
                Interlocked.Increment(ref _busy);
                try
                {
                    int i = Interlocked.Increment(ref _next);
                    if (i >= count || Error is not null)
                    {
                        return;
                    }

                    body(i, worker);
                }
#pragma warning disable CA1031 // rethrown on the calling thread
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Interlocked.CompareExchange(ref _error, e, null);
                    return;
                }
                finally
                {
                    if (Interlocked.Decrement(ref _busy) == 0)
                    {
                        lock (_gate)
                        {
                            Monitor.PulseAll(_gate);
                        }
                    }
                }
            }
        }

        /// <summary>Waits until no thread is inside an item (called after the calling thread's own
        /// <see cref="Work"/>, which ends only when the counter is past the end).</summary>
        public void WaitUntilIdle()
        {
            lock (_gate)
            {
                while (Volatile.Read(ref _busy) > 0)
                {
                    Monitor.Wait(_gate);
                }
            }
        }
    }
}
