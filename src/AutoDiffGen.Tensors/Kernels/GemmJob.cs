using System;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.Tensors.Kernels
{
    /// <summary>
    /// One GEMM call's loop nest, reused per calling thread so that a call allocates nothing.
    /// Phase 0 packs B panels (one task per panel); phase 1 computes C row blocks (one task per block).
    /// </summary>
    internal sealed unsafe class GemmJob : IParallelWork
    {
        private const int MR = GemmMicroKernel.MR;
        private const int NR = GemmMicroKernel.NR;
        private const int KC = 256;   // A and B panels of depth KC stay in L1/L2
        private const int NC = 2048;  // a KC×NC block of packed B is 2 MB, shared through L3
        private const int MCMax = 144;

        [ThreadStatic]
        private static AlignedBuffer? t_aPack;

        private AlignedBuffer? _bPack;
        private float[] _a = Array.Empty<float>();
        private float[] _b = Array.Empty<float>();
        private float[] _c = Array.Empty<float>();
        private bool _transA;
        private bool _transB;
        private int _m, _n, _k;
        private int _jc, _nc, _pc, _kc, _mc;
        private bool _packing;

        public void Run(float[] a, bool transA, float[] b, bool transB, float[] c, int m, int n, int k)
        {
            _a = a;
            _b = b;
            _c = c;
            _transA = transA;
            _transB = transB;
            _m = m;
            _n = n;
            _k = k;

            WorkerPool pool = WorkerPool.Shared;
            bool parallel = (long)m * n * k >= Gemm.ParallelThreshold && pool.Parallelism > 1;

            // Several row blocks per thread let the dynamic task counter even out the last one.
            _mc = parallel
                ? Math.Clamp(RoundUp((m + (4 * pool.Parallelism) - 1) / (4 * pool.Parallelism), MR), MR, MCMax)
                : Balanced(m, MCMax, MR);
            int rowBlocks = (m + _mc - 1) / _mc;

            // Equal depths (784 = 3 × 264 - 8, not 3 × 256 + 16): a thin last pass costs a full C update.
            int kcStep = Balanced(k, KC, 8);

            for (_jc = 0; _jc < n; _jc += NC)
            {
                _nc = Math.Min(NC, n - _jc);
                int panels = (_nc + NR - 1) / NR;
                AlignedBuffer.Ensure(ref _bPack, Math.Min(KC, k) * panels * NR);
                for (_pc = 0; _pc < k; _pc += kcStep)
                {
                    _kc = Math.Min(kcStep, k - _pc);
                    _packing = true;
                    Dispatch(pool, parallel, panels);
                    _packing = false;
                    Dispatch(pool, parallel, rowBlocks);
                }
            }

            // Drop references so the job does not keep tensors alive.
            _a = _b = _c = Array.Empty<float>();
        }

        public void Execute(int task)
        {
            if (_packing)
            {
                PackBPanel(task);
            }
            else
            {
                ComputeRowBlock(task);
            }
        }

        private void Dispatch(WorkerPool pool, bool parallel, int tasks)
        {
            if (parallel)
            {
                pool.Run(this, tasks);
                return;
            }

            for (int t = 0; t < tasks; t++)
            {
                Execute(t);
            }
        }

        private void PackBPanel(int panel)
        {
            int j0 = _jc + (panel * NR);
            fixed (float* b = _b)
            {
                GemmPacking.PackB(b, _transB, _n, _k, _pc, _kc, j0, Math.Min(NR, _jc + _nc - j0), _bPack!.Pointer + ((long)panel * _kc * NR));
            }
        }

        // Hot loops: fully optimized from the first call rather than after tiering.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ComputeRowBlock(int block)
        {
            int ic = block * _mc;
            int rows = Math.Min(_mc, _m - ic);
            int rowPanels = (rows + MR - 1) / MR;
            int colPanels = (_nc + NR - 1) / NR;
            float* aPack = AlignedBuffer.Ensure(ref t_aPack, (MCMax * KC) + 8).Pointer;
            float* bPack = _bPack!.Pointer;
            float* tile = stackalloc float[MR * NR];

            fixed (float* a = _a)
            fixed (float* c = _c)
            {
                for (int ir = 0; ir < rowPanels; ir++)
                {
                    int i0 = ic + (ir * MR);
                    GemmPacking.PackA(a, _transA, _m, _k, _pc, _kc, i0, Math.Min(MR, _m - i0), aPack + ((long)ir * _kc * MR));
                }

                // B panel outer, A panel inner: the kc×16 B panel stays in L1 while A streams from L2.
                for (int jr = 0; jr < colPanels; jr++)
                {
                    int j0 = _jc + (jr * NR);
                    int cols = Math.Min(NR, _n - j0);
                    float* bPanel = bPack + ((long)jr * _kc * NR);
                    for (int ir = 0; ir < rowPanels; ir++)
                    {
                        int i0 = ic + (ir * MR);
                        int panelRows = Math.Min(MR, _m - i0);
                        float* aPanel = aPack + ((long)ir * _kc * MR);
                        float* cTile = c + ((long)i0 * _n) + j0;
                        if (panelRows == MR && cols == NR)
                        {
                            GemmMicroKernel.Run(_kc, aPanel, bPanel, cTile, _n);
                        }
                        else
                        {
                            // Edge tile: compute into a scratch tile, then add only the valid part.
                            new Span<float>(tile, MR * NR).Clear();
                            GemmMicroKernel.Run(_kc, aPanel, bPanel, tile, NR);
                            for (int r = 0; r < panelRows; r++)
                            {
                                for (int col = 0; col < cols; col++)
                                {
                                    cTile[((long)r * _n) + col] += tile[(r * NR) + col];
                                }
                            }
                        }
                    }
                }
            }
        }

        /// <summary>The smallest multiple of <paramref name="multiple"/> that splits <paramref name="total"/> into as few blocks of at most <paramref name="max"/> as possible.</summary>
        private static int Balanced(int total, int max, int multiple)
        {
            int blocks = (total + max - 1) / max;
            return Math.Min(max, RoundUp((total + blocks - 1) / blocks, multiple));
        }

        private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
    }
}
