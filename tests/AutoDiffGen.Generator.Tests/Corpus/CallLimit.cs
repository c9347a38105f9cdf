using System.Reflection;

namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>
/// Calls a corpus method with a time limit, so a method that never returns at a sampled point (a series that
/// diverges outside its domain) fails the corpus test with its name instead of hanging the whole run. The call
/// keeps running on its thread: the test process ends anyway.
/// </summary>
internal static class CallLimit
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>MethodInfo.Invoke, or a <see cref="TimeoutException"/> after <see cref="Limit"/>.</summary>
    public static object? Invoke(MethodInfo method, object? receiver, object?[] args)
    {
        var call = Task.Factory.StartNew(() => method.Invoke(receiver, args), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // Wait on the handle: Task.Wait would wrap the method's own exception in an AggregateException.
        if (!((IAsyncResult)call).AsyncWaitHandle.WaitOne(Limit)) throw new TimeoutException(method.DeclaringType?.Name + "." + method.Name + " did not return within " + Limit.TotalSeconds + " s");
        return call.GetAwaiter().GetResult();
    }
}
