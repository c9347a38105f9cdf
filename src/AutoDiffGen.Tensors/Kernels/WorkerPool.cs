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
    /// step at zero bytes; one job runs at a time and a second caller (or a nested call) runs inline.
    /// </summary>
    internal sealed class WorkerPool
    {
        public static readonly WorkerPool Shared = new(Environment.ProcessorCount - 1);

        private readonly SemaphoreSlim _start = new(0);
        private readonly ManualResetEventSlim _done = new(false);
        private readonly int _workerCount;
        private int _busy;
        private int _started;
        private IParallelWork? _work;
        private int _taskCount;
        private int _nextTask;
        private int _remainingHelpers;
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
                _work = work;
                _taskCount = taskCount;
                _nextTask = -1;
                _failure = null;
                _remainingHelpers = helpers;
                _done.Reset();
                _start.Release(helpers);
                Drain();
                _done.Wait();
                _work = null;
                _failure?.Throw();
            }
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
        }

        private void Drain()
        {
            IParallelWork work = _work!;
            int task;
            while ((task = Interlocked.Increment(ref _nextTask)) < _taskCount)
            {
                try
                {
                    work.Execute(task);
                }
                catch (Exception e)
                {
                    _failure ??= ExceptionDispatchInfo.Capture(e);
                }
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
            while (true)
            {
                _start.Wait();
                Drain();
                if (Interlocked.Decrement(ref _remainingHelpers) == 0)
                {
                    _done.Set();
                }
            }
        }
    }
}
