using System.Runtime.ExceptionServices;

namespace GlobalMidt.Effects.Measurement;

/// <summary>
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> over the groups, whose failure is the exception
/// itself (not an <see cref="AggregateException"/>): the one of the first failing group by index, so the same input
/// fails with the same message whatever the number of threads.
/// </summary>
internal static class GroupLoop
{
    public static void For(int count, ParallelOptions options, Action<int> body)
    {
        var errors = new Exception?[count];
        Parallel.For(0, count, options, i =>
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
