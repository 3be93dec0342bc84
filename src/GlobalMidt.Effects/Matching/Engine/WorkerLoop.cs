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
/// each item writes only its own results, so the output does not depend on the number of threads.
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
        foreach (var t in threads)
        {
            t.Join();
        }

        if (state.Error is { } e)
        {
            ExceptionDispatchInfo.Capture(e).Throw();
        }
    }

    private sealed class LoopState(int count, Action<int, int> body)
    {
        private int _next = -1;
        private Exception? _error;

        public Exception? Error => Volatile.Read(ref _error);

        public void Work(int worker)
        {
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref _next)) < count && Error is null)
                {
                    body(i, worker);
                }
            }
#pragma warning disable CA1031 // rethrown on the calling thread
            catch (Exception e)
#pragma warning restore CA1031
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
        }
    }
}
