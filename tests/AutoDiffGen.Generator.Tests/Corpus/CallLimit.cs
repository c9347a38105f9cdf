using System.Reflection;
using System.Runtime.ExceptionServices;
using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>
/// Calls a corpus method with a time limit, so a method that never returns at a sampled point (a series that
/// diverges outside its domain) fails the corpus test with its name instead of hanging the whole run. The call
/// keeps running on its thread: the test process ends anyway.
/// </summary>
/// <remarks>
/// Each calling thread hands its calls to one worker thread of its own, which it keeps while calls return in time:
/// starting a thread per call (as this did with a long-running task each time) cost more than most calls, over the
/// hundred thousand calls of the natural batch and peer suites, and far more on a loaded machine, where every new
/// thread waits to be scheduled. A call that overruns the limit abandons its worker (left running, a background
/// thread) and the next call starts a new one, so one stuck method never delays another's limit.
/// </remarks>
internal static class CallLimit
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [ThreadStatic]
    private static Worker? _worker;

    /// <summary>MethodInfo.Invoke, or a <see cref="TimeoutException"/> after <see cref="Limit"/>.</summary>
    public static object? Invoke(MethodInfo method, object? receiver, object?[] args)
    {
        using var _ = HarnessProfile.Time("CallLimit.Invoke (corpus, peer judges)");
        var worker = _worker ??= new Worker();
        if (!worker.TryRun(() => method.Invoke(receiver, args), Limit, out var result, out var error))
        {
            _worker = null;
            throw new TimeoutException(method.DeclaringType?.Name + "." + method.Name + " did not return within " + Limit.TotalSeconds + " s");
        }
        // The method's own exception (a TargetInvocationException), as awaiting the task rethrew it.
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
        return result;
    }

    /// <summary>One background thread that runs the calls handed to it, one at a time, in the caller's execution context.</summary>
    private sealed class Worker
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private Func<object?>? _call;
        private ExecutionContext? _context;
        private object? _result;
        private Exception? _error;

        public Worker()
        {
            new Thread(Loop) { IsBackground = true, Name = "adg-call-limit" }.Start();
        }

        /// <summary>Runs <paramref name="call"/> on the worker; false when it has not returned within <paramref name="limit"/>.</summary>
        public bool TryRun(Func<object?> call, TimeSpan limit, out object? result, out Exception? error)
        {
            _call = call;
            _context = ExecutionContext.Capture();
            _start.Release();
            if (!_done.Wait(limit))
            {
                result = null;
                error = null;
                return false;
            }
            (result, error) = (_result, _error);
            (_result, _error, _call, _context) = (null, null, null, null);
            return true;
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                try
                {
                    if (_context is { } context) ExecutionContext.Run(context, _ => _result = _call!(), null);
                    else _result = _call!();
                }
                catch (Exception e)
                {
                    _error = e;
                }
                _done.Release();
            }
        }
    }
}
