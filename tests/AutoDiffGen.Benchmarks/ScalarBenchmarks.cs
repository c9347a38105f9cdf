using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks
{
    // Each class: the hand-written gradient is the baseline; the primal, the generated Backward and central
    // differences (2n primal calls, an inline loop: no allocation) run in the same job.

    [MemoryDiagnoser]
    public class NeuronBenchmarks
    {
        private double _w0 = 2, _x0 = -1, _w1 = -3, _x1 = -2, _w2 = -3;

        [Benchmark]
        public double Primal() => ScalarFunctions.Neuron(_w0, _x0, _w1, _x1, _w2);

        [Benchmark(Baseline = true)]
        public double HandWritten()
        {
            double a = 0, b = 0, c = 0, d = 0, e = 0;
            double f = AutoDiffGen.Benchmarks.HandWritten.NeuronBackward(_w0, _x0, _w1, _x1, _w2, ref a, ref b, ref c, ref d, ref e);
            return f + a + b + c + d + e;
        }

        [Benchmark]
        public double Generated()
        {
            double a = 0, b = 0, c = 0, d = 0, e = 0;
            double f = ScalarFunctions.NeuronBackward(_w0, _x0, _w1, _x1, _w2, ref a, ref b, ref c, ref d, ref e);
            return f + a + b + c + d + e;
        }

        [Benchmark]
        public double CentralDifferences()
        {
            const double h = 1e-5;
            double s = 0;
            s += (ScalarFunctions.Neuron(_w0 + h, _x0, _w1, _x1, _w2) - ScalarFunctions.Neuron(_w0 - h, _x0, _w1, _x1, _w2)) / (2 * h);
            s += (ScalarFunctions.Neuron(_w0, _x0 + h, _w1, _x1, _w2) - ScalarFunctions.Neuron(_w0, _x0 - h, _w1, _x1, _w2)) / (2 * h);
            s += (ScalarFunctions.Neuron(_w0, _x0, _w1 + h, _x1, _w2) - ScalarFunctions.Neuron(_w0, _x0, _w1 - h, _x1, _w2)) / (2 * h);
            s += (ScalarFunctions.Neuron(_w0, _x0, _w1, _x1 + h, _w2) - ScalarFunctions.Neuron(_w0, _x0, _w1, _x1 - h, _w2)) / (2 * h);
            s += (ScalarFunctions.Neuron(_w0, _x0, _w1, _x1, _w2 + h) - ScalarFunctions.Neuron(_w0, _x0, _w1, _x1, _w2 - h)) / (2 * h);
            return s;
        }
    }

    [MemoryDiagnoser]
    public class RosenbrockBenchmarks
    {
        private double _x = -1.2, _y = 1.0;

        [Benchmark]
        public double Primal() => ScalarFunctions.Rosenbrock(_x, _y);

        [Benchmark(Baseline = true)]
        public double HandWritten()
        {
            double dx = 0, dy = 0;
            double f = AutoDiffGen.Benchmarks.HandWritten.RosenbrockBackward(_x, _y, ref dx, ref dy);
            return f + dx + dy;
        }

        [Benchmark]
        public double Generated()
        {
            double dx = 0, dy = 0;
            double f = ScalarFunctions.RosenbrockBackward(_x, _y, ref dx, ref dy);
            return f + dx + dy;
        }

        [Benchmark]
        public double CentralDifferences()
        {
            const double h = 1e-5;
            double gx = (ScalarFunctions.Rosenbrock(_x + h, _y) - ScalarFunctions.Rosenbrock(_x - h, _y)) / (2 * h);
            double gy = (ScalarFunctions.Rosenbrock(_x, _y + h) - ScalarFunctions.Rosenbrock(_x, _y - h)) / (2 * h);
            return gx + gy;
        }
    }

    [MemoryDiagnoser]
    public class Gates20Benchmarks
    {
        private double _x = 0.7, _y = -1.3, _z = 0.4, _w = 2.1;

        [Benchmark]
        public double Primal() => ScalarFunctions.Gates20(_x, _y, _z, _w);

        [Benchmark(Baseline = true)]
        public double HandWritten()
        {
            double a = 0, b = 0, c = 0, d = 0;
            double f = AutoDiffGen.Benchmarks.HandWritten.Gates20Backward(_x, _y, _z, _w, ref a, ref b, ref c, ref d);
            return f + a + b + c + d;
        }

        [Benchmark]
        public double Generated()
        {
            double a = 0, b = 0, c = 0, d = 0;
            double f = ScalarFunctions.Gates20Backward(_x, _y, _z, _w, ref a, ref b, ref c, ref d);
            return f + a + b + c + d;
        }

        /// <summary>The generated code with tanh′ as 1 − y² instead of the overflow-safe form (a measurement, not shipped).</summary>
        [Benchmark]
        public double GeneratedPlainTanh()
        {
            double a = 0, b = 0, c = 0, d = 0;
            double f = Before.Gates20Variants.Gates20BackwardPlainTanh(_x, _y, _z, _w, ref a, ref b, ref c, ref d);
            return f + a + b + c + d;
        }

        [Benchmark]
        public double CentralDifferences()
        {
            const double h = 1e-5;
            double s = 0;
            s += (ScalarFunctions.Gates20(_x + h, _y, _z, _w) - ScalarFunctions.Gates20(_x - h, _y, _z, _w)) / (2 * h);
            s += (ScalarFunctions.Gates20(_x, _y + h, _z, _w) - ScalarFunctions.Gates20(_x, _y - h, _z, _w)) / (2 * h);
            s += (ScalarFunctions.Gates20(_x, _y, _z + h, _w) - ScalarFunctions.Gates20(_x, _y, _z - h, _w)) / (2 * h);
            s += (ScalarFunctions.Gates20(_x, _y, _z, _w + h) - ScalarFunctions.Gates20(_x, _y, _z, _w - h)) / (2 * h);
            return s;
        }
    }

    [MemoryDiagnoser]
    public class HornerBenchmarks
    {
        private readonly double[] _c = new double[64];
        private readonly double[] _dC = new double[64];
        private double _x = 0.97;

        [GlobalSetup]
        public void Setup()
        {
            var random = new System.Random(1);
            for (int i = 0; i < _c.Length; i++) _c[i] = random.NextDouble() - 0.5;
        }

        [Benchmark]
        public double Primal() => ScalarFunctions.Horner(_c, _x);

        [Benchmark(Baseline = true)]
        public double HandWritten()
        {
            System.Array.Clear(_dC);
            double dx = 0;
            double f = AutoDiffGen.Benchmarks.HandWritten.HornerBackward(_c, _x, _dC, ref dx);
            return f + dx + _dC[63];
        }

        [Benchmark]
        public double Generated()
        {
            System.Array.Clear(_dC);
            double dx = 0;
            double f = ScalarFunctions.HornerBackward(_c, _x, _dC, ref dx);
            return f + dx + _dC[63];
        }

        /// <summary>The generator's output before 2026-12-02's loop-parameter copies (frozen), for old vs new in one run.</summary>
        [Benchmark]
        public double GeneratedBefore()
        {
            System.Array.Clear(_dC);
            double dx = 0;
            double f = Before.HornerBefore.HornerBackward(_c, _x, _dC, ref dx);
            return f + dx + _dC[63];
        }

        /// <summary>The generator's output at 44ed7dc (frozen): trip count on the int tape, a countdown reverse loop.</summary>
        [Benchmark]
        public double GeneratedCountdown()
        {
            System.Array.Clear(_dC);
            double dx = 0;
            double f = Before.HornerCountdown.HornerBackward(_c, _x, _dC, ref dx);
            return f + dx + _dC[63];
        }

        /// <summary>Central differences over all 65 inputs: 130 primal calls (perturbing c in place, then restoring it).</summary>
        [Benchmark]
        public double CentralDifferences()
        {
            const double h = 1e-5;
            double[] c = _c;
            double s = 0;
            for (int i = 0; i < c.Length; i++)
            {
                double ci = c[i];
                c[i] = ci + h;
                double fp = ScalarFunctions.Horner(c, _x);
                c[i] = ci - h;
                double fm = ScalarFunctions.Horner(c, _x);
                c[i] = ci;
                _dC[i] = (fp - fm) / (2 * h);
            }

            s += (ScalarFunctions.Horner(c, _x + h) - ScalarFunctions.Horner(c, _x - h)) / (2 * h);
            return s + _dC[63];
        }
    }

    /// <summary>Issue 14: Horner-64's forward derivative p′(x) against the hand-written one, and the primal.</summary>
    [MemoryDiagnoser]
    public class HornerForwardBenchmarks
    {
        private readonly double[] _c = new double[64];
        private readonly double[] _tC = new double[64];
        private double _x = 0.97;

        [GlobalSetup]
        public void Setup()
        {
            var random = new System.Random(1);
            for (int i = 0; i < _c.Length; i++) _c[i] = random.NextDouble() - 0.5;
        }

        [Benchmark]
        public double Primal() => ScalarFunctions.HornerOfX(_c, _x);

        [Benchmark(Baseline = true)]
        public double HandWritten() => AutoDiffGen.Benchmarks.HandWritten.HornerDerivative(_c, _x, out double dp) + dp;

        /// <summary>HornerOfXForward (c is [NoDiff]): exactly p′(x).</summary>
        [Benchmark]
        public double Generated() => ScalarFunctions.HornerOfXForward(_c, _x, 1.0, out double dp) + dp;

        /// <summary>HornerForward with c differentiable and its tangent zero: the general JVP, which also reads tC.</summary>
        [Benchmark]
        public double GeneratedAllInputs() => ScalarFunctions.HornerForward(_c, _x, _tC, 1.0, out double dp) + dp;
    }
}
