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

    /// <summary>The batch (<see cref="Run"/>) this thread, a worker, is running: its calls are made directly and watched by the caller.</summary>
    [ThreadStatic]
    private static Watch? _watch;

    /// <summary>MethodInfo.Invoke, or a <see cref="TimeoutException"/> after <see cref="Limit"/>.</summary>
    public static object? Invoke(MethodInfo method, object? receiver, object?[] args)
    {
        using var _ = HarnessProfile.Time("CallLimit.Invoke (corpus, peer judges)");
        if (_watch is { } watch) return watch.Call(method, receiver, args);
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

    /// <summary>
    /// Runs <paramref name="batch"/> (a corpus method's whole judgement) on this thread's worker in one hand-over: every
    /// <see cref="Invoke"/> inside it is then a direct call, and this thread watches each call's start, so a call that has
    /// not returned within <see cref="Limit"/> (or <paramref name="limit"/>) still throws a <see cref="TimeoutException"/>
    /// naming it, here, as <see cref="Invoke"/> would have at that call. Handing each call over cost two thread switches
    /// a call, over the natural batch's hundred thousand calls (docs/testing.md). The batch's own exceptions are rethrown.
    /// </summary>
    public static void Run(Action batch, TimeSpan? limit = null)
    {
        var within = limit ?? Limit;
        var watch = new Watch();
        var worker = _worker ??= new Worker();
        worker.Start(() =>
        {
            _watch = watch;
            try { batch(); }
            finally { _watch = null; }
            return null;
        });
        while (!worker.WaitDone(watch.TimeLeft(within)))
        {
            if (watch.Overrun(within) is { } stuck)
            {
                _worker = null;
                throw new TimeoutException(stuck.DeclaringType?.Name + "." + stuck.Name + " did not return within " + within.TotalSeconds + " s");
            }
        }
        var (_, error) = worker.Take();
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
    }

    /// <summary>The call a batch's worker is making, and since when (null between calls).</summary>
    private sealed class Watch
    {
        private sealed record Current(MethodInfo Method, long Started);

        private Current? _current;

        private bool _abandoned;

        /// <summary>
        /// The call, made directly. Once the caller has given up on it (<see cref="Overrun"/>), the batch stops where the call
        /// returns, so an abandoned judgement never writes a verdict after the caller's.
        /// </summary>
        public object? Call(MethodInfo method, object? receiver, object?[] args)
        {
            Volatile.Write(ref _current, new Current(method, System.Diagnostics.Stopwatch.GetTimestamp()));
            try { return method.Invoke(receiver, args); }
            finally
            {
                lock (this)
                {
                    Volatile.Write(ref _current, null);
                    if (_abandoned) throw new OperationCanceledException("abandoned after the time limit");
                }
            }
        }

        /// <summary>How long to wait before looking again: until the current call's limit, or a whole limit between calls.</summary>
        public TimeSpan TimeLeft(TimeSpan limit) =>
            Volatile.Read(ref _current) is { } c ? Max(limit - System.Diagnostics.Stopwatch.GetElapsedTime(c.Started), TimeSpan.FromMilliseconds(1)) : limit;

        /// <summary>The method of a call that has run longer than <paramref name="limit"/>, if any.</summary>
        public MethodInfo? Overrun(TimeSpan limit)
        {
            lock (this)
            {
                if (Volatile.Read(ref _current) is not { } c || System.Diagnostics.Stopwatch.GetElapsedTime(c.Started) < limit) return null;
                _abandoned = true;
                return c.Method;
            }
        }

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
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
            Start(call);
            if (!WaitDone(limit))
            {
                result = null;
                error = null;
                return false;
            }
            (result, error) = Take();
            return true;
        }

        /// <summary>Hands <paramref name="call"/> to the worker, in the caller's execution context.</summary>
        public void Start(Func<object?> call)
        {
            _call = call;
            _context = ExecutionContext.Capture();
            _start.Release();
        }

        /// <summary>True once the call handed over has returned or thrown; false after <paramref name="wait"/> without.</summary>
        public bool WaitDone(TimeSpan wait) => _done.Wait(wait);

        /// <summary>The finished call's result or exception; the worker is ready for the next.</summary>
        public (object? Result, Exception? Error) Take()
        {
            var outcome = (_result, _error);
            (_result, _error, _call, _context) = (null, null, null, null);
            return outcome;
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
