using System;
using AutoDiffGen.Tensors;
using TwoLayerNet;
using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks
{
    /// <summary>
    /// MatMul kernels at the 2-layer net's shapes and at 512³, on 1 and 2 threads. BenchmarkDotNet reports the
    /// time; bench.sh turns the mean into GFLOPS (2·m·k·n / mean). Results come from an arena, as in training.
    /// </summary>
    [MemoryDiagnoser]
    public class MatMulBenchmarks
    {
        private readonly TensorArena _arena = new();
        private Tensor _x = null!, _w1 = null!, _dH1 = null!, _a512 = null!, _b512 = null!;

        [Params(1, 2)]
        public int Threads { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            TensorThreading.MaxThreads = Threads;
            var random = new Random(1);
            _x = Tensor.RandomNormal(64, 784, 1f, random);
            _w1 = Tensor.RandomNormal(784, 100, 0.05f, random);
            _dH1 = Tensor.RandomNormal(64, 100, 1f, random);
            _a512 = Tensor.RandomNormal(512, 512, 1f, random);
            _b512 = Tensor.RandomNormal(512, 512, 1f, random);
        }

        [GlobalCleanup]
        public void Cleanup() => TensorThreading.MaxThreads = 0;

        /// <summary>Forward of layer 1: [64,784]·[784,100].</summary>
        [Benchmark]
        public Tensor MatMul_64x784x100()
        {
            using TensorArena.Scope scope = _arena.Activate();
            _arena.Reset();
            return Tensor.MatMul(_x, _w1);
        }

        /// <summary>dW1 = xᵀ·dH1: [784,64]·[64,100].</summary>
        [Benchmark]
        public Tensor MatMulTransposeA_784x64x100()
        {
            using TensorArena.Scope scope = _arena.Activate();
            _arena.Reset();
            return Tensor.MatMulTransposeA(_x, _dH1);
        }

        /// <summary>dX = dH1·W1ᵀ: [64,100]·[100,784].</summary>
        [Benchmark]
        public Tensor MatMulTransposeB_64x100x784()
        {
            using TensorArena.Scope scope = _arena.Activate();
            _arena.Reset();
            return Tensor.MatMulTransposeB(_dH1, _w1);
        }

        [Benchmark]
        public Tensor MatMul_512x512x512()
        {
            using TensorArena.Scope scope = _arena.Activate();
            _arena.Reset();
            return Tensor.MatMul(_a512, _b512);
        }
    }

    /// <summary>
    /// One SGD step of the 784-100-10 net on a batch of 64 (float32): zero the gradients, forward + backward,
    /// W -= lr·dW for the four parameters; in a TensorArena reset every step. Same work as benchmarks/peers/numpy_step.py.
    /// </summary>
    [MemoryDiagnoser]
    public class TwoLayerStepBenchmarks
    {
        private const float LearningRate = 1e-4f;
        private readonly TensorArena _arena = new();
        private Tensor _x = null!, _w1 = null!, _b1 = null!, _w2 = null!, _b2 = null!;
        private Tensor _dW1 = null!, _dB1 = null!, _dW2 = null!, _dB2 = null!;
        private int[] _labels = null!;

        [Params(1, 2)]
        public int Threads { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            TensorThreading.MaxThreads = Threads;
            var random = new Random(1);
            _x = Tensor.RandomNormal(64, 784, 1f, random);
            _w1 = Tensor.RandomNormal(784, 100, MathF.Sqrt(2f / 784), random);
            _b1 = new Tensor(100);
            _w2 = Tensor.RandomNormal(100, 10, MathF.Sqrt(2f / 100), random);
            _b2 = new Tensor(10);
            _dW1 = new Tensor(784, 100);
            _dB1 = new Tensor(100);
            _dW2 = new Tensor(100, 10);
            _dB2 = new Tensor(10);
            _labels = new int[64];
            for (int i = 0; i < _labels.Length; i++) _labels[i] = random.Next(10);
        }

        [GlobalCleanup]
        public void Cleanup() => TensorThreading.MaxThreads = 0;

        [Benchmark(Baseline = true)]
        public float HandWritten()
        {
            using TensorArena.Scope scope = _arena.Activate();
            _arena.Reset();
            ClearGradients();
            float loss = HandWrittenBackward.LossBackward(_x, _w1, _b1, _w2, _b2, _labels, _dW1, _dB1, _dW2, _dB2);
            Update();
            return loss;
        }

        [Benchmark]
        public float Generated()
        {
            using TensorArena.Scope scope = _arena.Activate();
            _arena.Reset();
            ClearGradients();
            float loss = TwoLayerLoss.LossBackward(_x, _w1, _b1, _w2, _b2, _labels, _dW1, _dB1, _dW2, _dB2);
            Update();
            return loss;
        }

        /// <summary>The forward pass alone (the loss), for scale.</summary>
        [Benchmark]
        public float Primal()
        {
            using TensorArena.Scope scope = _arena.Activate();
            _arena.Reset();
            return TwoLayerLoss.Loss(_x, _w1, _b1, _w2, _b2, _labels);
        }

        private void ClearGradients()
        {
            _dW1.Clear();
            _dB1.Clear();
            _dW2.Clear();
            _dB2.Clear();
        }

        private void Update()
        {
            _w1.AddScaledInPlace(_dW1, -LearningRate);
            _b1.AddScaledInPlace(_dB1, -LearningRate);
            _w2.AddScaledInPlace(_dW2, -LearningRate);
            _b2.AddScaledInPlace(_dB2, -LearningRate);
        }
    }
}
