using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace AutoDiffGen.Tensors.Kernels
{
    /// <summary>A unit of parallel work: tasks 0 … n−1, each independent of the others.</summary>
    internal interface IParallelWork
    {
        void Execute(int task);
    }

    /// <summary>
    /// A fixed set of background threads that run <see cref="IParallelWork"/> tasks together with the
    /// calling thread. Unlike <c>Parallel.For</c> it allocates nothing per call, which keeps a training
    /// step at zero bytes. One job runs at a time; a second caller (or a nested call) runs inline.
    /// </summary>
    /// <remarks>
    /// Tasks are claimed from one 64-bit counter, generation in the high half and next task in the low
    /// half, by compare-and-swap. The caller waits for its tasks to complete, not for helpers to wake:
    /// on a busy machine a helper that is scheduled late finds the generation changed and claims nothing,
    /// so it can neither delay the caller nor run a task of the next job twice.
    /// </remarks>
    internal sealed class WorkerPool
    {
        public static readonly WorkerPool Shared = new(Environment.ProcessorCount - 1);

        /// <summary>How long a worker polls for the next job before it blocks (GEMMs come in bursts).</summary>
        private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 5000; // 200 µs

        private readonly SemaphoreSlim _wake = new(0);
        private readonly int _workerCount;
        private int _sleepers;
        private int _busy;
        private int _started;
        private int _generation;
        private long _counter;
        private int _completed;
        private IParallelWork? _work;
        private int _taskCount;
        private ExceptionDispatchInfo? _failure;

        private WorkerPool(int workerCount) => _workerCount = Math.Max(0, workerCount);

        /// <summary>Threads that can run tasks at once: the workers plus the caller.</summary>
        public int Parallelism => _workerCount + 1;

        public void Run(IParallelWork work, int taskCount)
        {
            int helpers = Math.Min(_workerCount, taskCount - 1);
            if (TensorThreading.MaxThreads > 0)
            {
                helpers = Math.Min(helpers, TensorThreading.MaxThreads - 1);
            }

            if (helpers <= 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
            {
                for (int t = 0; t < taskCount; t++)
                {
                    work.Execute(t);
                }

                return;
            }

            try
            {
                EnsureStarted();
                Volatile.Write(ref _work, work);
                Volatile.Write(ref _taskCount, taskCount);
                _completed = 0;
                _failure = null;
                int generation = _generation = (_generation % int.MaxValue) + 1; // never 0: 0 means "no job"
                Interlocked.Exchange(ref _counter, (long)generation << 32);

                // Workers still polling see the new generation themselves; wake only those that sleep.
                // (A worker counts itself a sleeper before its last look at the counter, so one of the
                // two always sees the other; a spare release only costs the worker one empty loop.)
                if (Volatile.Read(ref _sleepers) > 0)
                {
                    int sleepers = Interlocked.Exchange(ref _sleepers, 0);
                    if (sleepers > 0)
                    {
                        _wake.Release(sleepers);
                    }
                }

                Drain(generation, work, taskCount);
                var spin = default(SpinWait);
                while (Volatile.Read(ref _completed) < taskCount)
                {
                    spin.SpinOnce(sleep1Threshold: -1); // yield, never Sleep(1): jobs last microseconds
                }

                // Retire the generation before the next job rewrites _work (see remarks).
                Interlocked.Exchange(ref _counter, 0);
                _work = null;
                _failure?.Throw();
            }
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
        }

        /// <summary>Claims and runs tasks of <paramref name="generation"/> until none are left.</summary>
        private void Drain(int generation, IParallelWork work, int taskCount)
        {
            while (true)
            {
                long current = Volatile.Read(ref _counter);
                int task = (int)current;
                if ((int)(current >> 32) != generation || task >= taskCount)
                {
                    return;
                }

                if (Interlocked.CompareExchange(ref _counter, current + 1, current) != current)
                {
                    continue;
                }

                try
                {
                    work.Execute(task);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
                }

                Interlocked.Increment(ref _completed);
            }
        }

        private void EnsureStarted()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0)
            {
                return;
            }

            for (int i = 0; i < _workerCount; i++)
            {
                var thread = new Thread(WorkerLoop) { IsBackground = true, Name = "AutoDiffGen.Tensors worker " + i };
                thread.Start();
            }
        }

        private void WorkerLoop()
        {
            int seen = 0;
            while (true)
            {
                // Poll for the next job for a short while: a GEMM dispatches several phases, and a training
                // step several GEMMs, microseconds apart; waking a blocked thread costs more than that.
                int generation = AwaitJob(seen);
                if (generation == 0)
                {
                    Interlocked.Increment(ref _sleepers);
                    generation = (int)(Volatile.Read(ref _counter) >> 32);
                    if (generation == 0 || generation == seen)
                    {
                        _wake.Wait();
                        continue;
                    }
                }

                seen = generation;

                // Read the generation first, then the job: if the job changed in between, the
                // generation check in Drain's compare-and-swap fails and nothing runs.
                IParallelWork? work = Volatile.Read(ref _work);
                int taskCount = Volatile.Read(ref _taskCount);
                if (work is not null)
                {
                    Drain(generation, work, taskCount);
                }
            }
        }

        /// <summary>The generation of a job other than <paramref name="seen"/>, or 0 if none came within <see cref="SpinTicks"/>.</summary>
        private int AwaitJob(int seen)
        {
            long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
            int spins = 0;
            while (true)
            {
                int generation = (int)(Volatile.Read(ref _counter) >> 32);
                if (generation != 0 && generation != seen)
                {
                    return generation;
                }

                if ((++spins & 63) == 0)
                {
                    if (System.Diagnostics.Stopwatch.GetTimestamp() > deadline)
                    {
                        return 0;
                    }

                    Thread.Yield(); // give the core away if another thread wants it
                }
                else
                {
                    Thread.SpinWait(8);
                }
            }
        }
    }
}
