using AutoDiffGen;
using System.Numerics;
using Users.Throw8.MathNet.Interpolation;
using Users.Throw8.MathNet.Statistics;

// X10_throw8.cs (2026-12-04, throw8).
// Users.Throw8.Mix: the sixth session's additions combined with each other and with branches, early returns,
// break/continue, float, guards that throw and the other modes: the mixed MBackward (one scalar beside arrays and a loop),
// calls and reads inside try/catch, IEnumerable/ICollection/IList parameters, struct-array parameters in Hessian mode; and
// dead statements that may throw beside them (the first-rule class throw8 fixed).
// Users.Throw8.MathNet: Math.NET Numerics (mathnet/mathnet-numerics, MIT) copied word for word with [Differentiable] added,
// namespaces renamed: StreamingStatistics whole (but Complex32; seven double methods are in lists7's X09 too, kept here
// as the float overloads call them), CubicSpline's evaluation
// methods (Interpolate, Differentiate, Differentiate2, Integrate) with its constructor, Hermite builder and IInterpolation,
// and calls of them as a user writes them (Users.Throw8.MathNetCalls).

namespace Users.Throw8.Mix
{
    public struct Pt
    {
        public double X;
        public double Y;
    }

    public static partial class Throw8Mix
    {
        static int Bucket(int n) => 100 / n;

        [Differentiable(Forward = true, Hessian = true)]
        public static double ScaledSum(double[] xs, double k)
        {
            double s = 0;
            for (int i = 0; i < xs.Length; i++)
            {
                if (xs[i] < -0.9) continue;
                s += xs[i] * k;
                if (s > 50) break;
            }
            return s * k;
        }

        [Differentiable(Forward = true)]
        public static double SeqMean(IEnumerable<double> xs, double w)
        {
            double s = 0;
            int n = 0;
            foreach (var v in xs)
            {
                s += v * w;
                n++;
            }
            if (n == 0) throw new ArgumentException("empty", nameof(xs));
            return s / n;
        }

        [Differentiable]
        public static double CollectionNorm(ICollection<double> xs, double p)
        {
            if (xs.Count == 0) return 0;
            double s = 0;
            foreach (var v in xs) s += v * v * p;
            return Math.Sqrt(s + 1) / xs.Count;
        }

        [Differentiable(Hessian = true)]
        public static double SpringEnergy(Pt[] ps, double k)
        {
            double e = 0;
            for (int i = 1; i < ps.Length; i++)
            {
                double dx = ps[i].X - ps[i - 1].X, dy = ps[i].Y - ps[i - 1].Y;
                if (dx * dx + dy * dy > 100) continue;
                e += 0.5 * k * (dx * dx + dy * dy);
            }
            return e;
        }

        [Differentiable(Forward = true)]
        public static double GuardedRatio(double x, double y)
        {
            double r;
            try
            {
                r = x / Math.Max(y * y, 0.1) + Math.Sin(x);
            }
            catch (DivideByZeroException)
            {
                r = 0;
            }
            return r * x;
        }

        [Differentiable]
        public static float FloatEarly(float[] a, float t)
        {
            float s = 0f;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] > 10f) return s;
                s += a[i] * t;
            }
            return s * t;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double DeadCountInMixed(double[] xs, double k)
        {
            double s = 0;
            for (int i = 0; i < xs.Length; i++)
            {
                int q = 12 / (xs.Length + 1);
                double first = xs[0];
                s += xs[i] * k * k;
            }
            return s;
        }

        [Differentiable(Forward = true)]
        public static double SequenceWithDeadElement(IEnumerable<double> xs, double[] ws, double k)
        {
            double s = 0;
            foreach (var v in xs)
            {
                double w0 = ws[0];
                s += Math.Tanh(v * k);
            }
            return s;
        }

        [Differentiable(Hessian = true)]
        public static double StructsInTry(Pt[] ps, double k)
        {
            double e = 0;
            try
            {
                for (int i = 0; i < ps.Length; i++) e += k * ps[i].X * ps[i].Y;
            }
            catch (IndexOutOfRangeException)
            {
                e = -1;
            }
            return e * k;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double DeadPlainCall(double x, double y)
        {
            int b = Bucket(2);
            double s = x * y;
            if (s > 0.5) return s * s;
            return s + y;
        }

        [Differentiable]
        public static double ListTrimmedMean(IList<double> xs, double a)
        {
            double s = 0;
            int used = 0;
            for (int i = 0; i < xs.Count; i++)
            {
                if (Math.Abs(xs[i]) > 0.95) continue;
                s += xs[i] * a;
                used++;
            }
            return used == 0 ? 0 : s / used;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static float FloatMixed(float[] a, float k)
        {
            float s = 0f;
            int i = 0;
            while (i < a.Length)
            {
                s += a[i] * k;
                if (s > 100f) break;
                i++;
            }
            return s * k;
        }
    }
}

namespace Users.Throw8.MathNet.Statistics
{
    /// <summary>
    /// Statistics operating on an IEnumerable in a single pass, without keeping the full data in memory.
    /// Can be used in a streaming way, e.g. on large datasets not fitting into memory.
    /// </summary>
    /// <seealso cref="SortedArrayStatistics"/>
    /// <seealso cref="StreamingStatistics"/>
    /// <seealso cref="Statistics"/>
    public static partial class StreamingStatistics
    {
        /// <summary>
        /// Returns the smallest value from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double Minimum(IEnumerable<double> stream)
        {
            double min = double.PositiveInfinity;
            bool any = false;

            foreach (var d in stream)
            {
                if (d < min || double.IsNaN(d))
                {
                    min = d;
                }

                any = true;
            }

            return any ? min : double.NaN;
        }

        /// <summary>
        /// Returns the smallest value from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static float Minimum(IEnumerable<float> stream)
        {
            float min = float.PositiveInfinity;
            bool any = false;

            foreach (var d in stream)
            {
                if (d < min || float.IsNaN(d))
                {
                    min = d;
                }

                any = true;
            }

            return any ? min : float.NaN;
        }

        /// <summary>
        /// Returns the largest value from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double Maximum(IEnumerable<double> stream)
        {
            double max = double.NegativeInfinity;
            bool any = false;

            foreach (var d in stream)
            {
                if (d > max || double.IsNaN(d))
                {
                    max = d;
                }

                any = true;
            }

            return any ? max : double.NaN;
        }

        /// <summary>
        /// Returns the largest value from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static float Maximum(IEnumerable<float> stream)
        {
            float max = float.NegativeInfinity;
            bool any = false;

            foreach (var d in stream)
            {
                if (d > max || float.IsNaN(d))
                {
                    max = d;
                }

                any = true;
            }

            return any ? max : float.NaN;
        }

        /// <summary>
        /// Returns the smallest absolute value from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double MinimumAbsolute(IEnumerable<double> stream)
        {
            double min = double.PositiveInfinity;
            bool any = false;

            foreach (var d in stream)
            {
                if (Math.Abs(d) < min || double.IsNaN(d))
                {
                    min = Math.Abs(d);
                }

                any = true;
            }

            return any ? min : double.NaN;
        }

        /// <summary>
        /// Returns the smallest absolute value from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static float MinimumAbsolute(IEnumerable<float> stream)
        {
            float min = float.PositiveInfinity;
            bool any = false;

            foreach (var d in stream)
            {
                if (Math.Abs(d) < min || float.IsNaN(d))
                {
                    min = Math.Abs(d);
                }

                any = true;
            }

            return any ? min : float.NaN;
        }

        /// <summary>
        /// Returns the largest absolute value from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double MaximumAbsolute(IEnumerable<double> stream)
        {
            double max = 0.0d;
            bool any = false;

            foreach (var d in stream)
            {
                if (Math.Abs(d) > max || double.IsNaN(d))
                {
                    max = Math.Abs(d);
                }

                any = true;
            }

            return any ? max : double.NaN;
        }

        /// <summary>
        /// Returns the largest absolute value from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static float MaximumAbsolute(IEnumerable<float> stream)
        {
            float max = 0.0f;
            bool any = false;

            foreach (var d in stream)
            {
                if (Math.Abs(d) > max || float.IsNaN(d))
                {
                    max = Math.Abs(d);
                }

                any = true;
            }

            return any ? max : float.NaN;
        }

        /// <summary>
        /// Returns the smallest absolute value from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        public static Complex MinimumMagnitudePhase(IEnumerable<Complex> stream)
        {
            double minMagnitude = double.PositiveInfinity;
            Complex min = new Complex(double.PositiveInfinity, double.PositiveInfinity);
            bool any = false;

            foreach (var d in stream)
            {
                double magnitude = d.Magnitude;
                if (double.IsNaN(magnitude))
                {
                    return new Complex(double.NaN, double.NaN);
                }
                if (magnitude < minMagnitude || magnitude == minMagnitude && d.Phase < min.Phase)
                {
                    minMagnitude = magnitude;
                    min = d;
                }

                any = true;
            }

            return any ? min : new Complex(double.NaN, double.NaN);
        }


        /// <summary>
        /// Returns the largest absolute value from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        public static Complex MaximumMagnitudePhase(IEnumerable<Complex> stream)
        {
            double maxMagnitude = 0.0d;
            Complex max = Complex.Zero;
            bool any = false;

            foreach (var d in stream)
            {
                double magnitude = d.Magnitude;
                if (double.IsNaN(magnitude))
                {
                    return new Complex(double.NaN, double.NaN);
                }
                if (magnitude > maxMagnitude || magnitude == maxMagnitude && d.Phase > max.Phase)
                {
                    maxMagnitude = magnitude;
                    max = d;
                }

                any = true;
            }

            return any ? max : new Complex(double.NaN, double.NaN);
        }


        /// <summary>
        /// Estimates the arithmetic sample mean from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double Mean(IEnumerable<double> stream)
        {
            double mean = 0;
            ulong m = 0;
            bool any = false;

            foreach (var d in stream)
            {
                mean += (d - mean)/++m;
                any = true;
            }

            return any ? mean : double.NaN;
        }

        /// <summary>
        /// Estimates the arithmetic sample mean from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double Mean(IEnumerable<float> stream)
        {
            return Mean(stream.Select(x => (double)x));
        }

        /// <summary>
        /// Evaluates the geometric mean of the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double GeometricMean(IEnumerable<double> stream)
        {
            ulong m = 0;
            double sum = 0;

            foreach (var d in stream)
            {
                sum += Math.Log(d);
                m++;
            }

            return m > 0 ? Math.Exp(sum / m) : double.NaN;
        }

        /// <summary>
        /// Evaluates the geometric mean of the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double GeometricMean(IEnumerable<float> stream)
        {
            return GeometricMean(stream.Select(x => (double)x));
        }

        /// <summary>
        /// Evaluates the harmonic mean of the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double HarmonicMean(IEnumerable<double> stream)
        {
            ulong m = 0;
            double sum = 0;

            foreach (var d in stream)
            {
                sum += 1.0 / d;
                m++;
            }

            return m > 0 ? m/sum : double.NaN;
        }

        /// <summary>
        /// Evaluates the harmonic mean of the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double HarmonicMean(IEnumerable<float> stream)
        {
            return HarmonicMean(stream.Select(x => (double)x));
        }

        /// <summary>
        /// Estimates the unbiased population variance from the provided samples as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N-1 normalizer (Bessel's correction).
        /// Returns NaN if data has less than two entries or if any entry is NaN.
        /// </summary>
        /// <param name="samples">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double Variance(IEnumerable<double> samples)
        {
            double variance = 0;
            double sum = 0;
            ulong count = 0;

            using (var iterator = samples.GetEnumerator())
            {
                if (iterator.MoveNext())
                {
                    count++;
                    sum = iterator.Current;
                }

                while (iterator.MoveNext())
                {
                    count++;
                    double xi = iterator.Current;
                    sum += xi;
                    double diff = (count*xi) - sum;
                    variance += (diff*diff)/(count*(count - 1));
                }
            }

            return count > 1 ? variance/(count - 1) : double.NaN;
        }

        /// <summary>
        /// Estimates the unbiased population variance from the provided samples as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N-1 normalizer (Bessel's correction).
        /// Returns NaN if data has less than two entries or if any entry is NaN.
        /// </summary>
        /// <param name="samples">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double Variance(IEnumerable<float> samples)
        {
            return Variance(samples.Select(x => (double)x));
        }

        /// <summary>
        /// Evaluates the population variance from the full population provided as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N normalizer and would thus be biased if applied to a subset.
        /// Returns NaN if data is empty or if any entry is NaN.
        /// </summary>
        /// <param name="population">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double PopulationVariance(IEnumerable<double> population)
        {
            double variance = 0;
            double sum = 0;
            ulong count = 0;

            using (var iterator = population.GetEnumerator())
            {
                if (iterator.MoveNext())
                {
                    count++;
                    sum = iterator.Current;
                }

                while (iterator.MoveNext())
                {
                    count++;
                    double xi = iterator.Current;
                    sum += xi;
                    double diff = (count*xi) - sum;
                    variance += (diff*diff)/(count*(count - 1));
                }
            }

            return variance/count;
        }

        /// <summary>
        /// Evaluates the population variance from the full population provided as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N normalizer and would thus be biased if applied to a subset.
        /// Returns NaN if data is empty or if any entry is NaN.
        /// </summary>
        /// <param name="population">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double PopulationVariance(IEnumerable<float> population)
        {
            return PopulationVariance(population.Select(x => (double)x));
        }

        /// <summary>
        /// Estimates the unbiased population standard deviation from the provided samples as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N-1 normalizer (Bessel's correction).
        /// Returns NaN if data has less than two entries or if any entry is NaN.
        /// </summary>
        /// <param name="samples">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double StandardDeviation(IEnumerable<double> samples)
        {
            return Math.Sqrt(Variance(samples));
        }

        /// <summary>
        /// Estimates the unbiased population standard deviation from the provided samples as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N-1 normalizer (Bessel's correction).
        /// Returns NaN if data has less than two entries or if any entry is NaN.
        /// </summary>
        /// <param name="samples">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double StandardDeviation(IEnumerable<float> samples)
        {
            return Math.Sqrt(Variance(samples));
        }

        /// <summary>
        /// Evaluates the population standard deviation from the full population provided as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N normalizer and would thus be biased if applied to a subset.
        /// Returns NaN if data is empty or if any entry is NaN.
        /// </summary>
        /// <param name="population">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double PopulationStandardDeviation(IEnumerable<double> population)
        {
            return Math.Sqrt(PopulationVariance(population));
        }

        /// <summary>
        /// Evaluates the population standard deviation from the full population provided as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N normalizer and would thus be biased if applied to a subset.
        /// Returns NaN if data is empty or if any entry is NaN.
        /// </summary>
        /// <param name="population">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double PopulationStandardDeviation(IEnumerable<float> population)
        {
            return Math.Sqrt(PopulationVariance(population));
        }

        /// <summary>
        /// Estimates the arithmetic sample mean and the unbiased population variance from the provided samples as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N-1 normalizer (Bessel's correction).
        /// Returns NaN for mean if data is empty or any entry is NaN, and NaN for variance if data has less than two entries or if any entry is NaN.
        /// </summary>
        /// <param name="samples">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static (double Mean, double Variance) MeanVariance(IEnumerable<double> samples)
        {
            double mean = 0;
            double variance = 0;
            double sum = 0;
            ulong count = 0;

            using (var iterator = samples.GetEnumerator())
            {
                if (iterator.MoveNext())
                {
                    count++;
                    sum = mean = iterator.Current;
                }

                while (iterator.MoveNext())
                {
                    count++;
                    double xi = iterator.Current;
                    sum += xi;
                    double diff = (count * xi) - sum;
                    variance += (diff * diff) / (count * (count - 1));
                    mean += (xi - mean) / count;
                }
            }

            return (count > 0 ? mean : double.NaN, count > 1 ? variance/(count - 1) : double.NaN);
        }

        /// <summary>
        /// Estimates the arithmetic sample mean and the unbiased population variance from the provided samples as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N-1 normalizer (Bessel's correction).
        /// Returns NaN for mean if data is empty or any entry is NaN, and NaN for variance if data has less than two entries or if any entry is NaN.
        /// </summary>
        /// <param name="samples">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static (double Mean, double Variance) MeanVariance(IEnumerable<float> samples)
        {
            return MeanVariance(samples.Select(x => (double)x));
        }

        /// <summary>
        /// Estimates the arithmetic sample mean and the unbiased population standard deviation from the provided samples as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N-1 normalizer (Bessel's correction).
        /// Returns NaN for mean if data is empty or any entry is NaN, and NaN for standard deviation if data has less than two entries or if any entry is NaN.
        /// </summary>
        /// <param name="samples">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static (double Mean, double StandardDeviation) MeanStandardDeviation(IEnumerable<double> samples)
        {
            var meanVariance = MeanVariance(samples);
            return (meanVariance.Item1, Math.Sqrt(meanVariance.Item2));
        }

        /// <summary>
        /// Estimates the arithmetic sample mean and the unbiased population standard deviation from the provided samples as enumerable sequence, in a single pass without memoization.
        /// On a dataset of size N will use an N-1 normalizer (Bessel's correction).
        /// Returns NaN for mean if data is empty or any entry is NaN, and NaN for standard deviation if data has less than two entries or if any entry is NaN.
        /// </summary>
        /// <param name="samples">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static (double Mean, double StandardDeviation) MeanStandardDeviation(IEnumerable<float> samples)
        {
            return MeanStandardDeviation(samples.Select(x => (double)x));
        }

        /// <summary>
        /// Estimates the unbiased population covariance from the provided two sample enumerable sequences, in a single pass without memoization.
        /// On a dataset of size N will use an N-1 normalizer (Bessel's correction).
        /// Returns NaN if data has less than two entries or if any entry is NaN.
        /// </summary>
        /// <param name="samples1">First sample stream.</param>
        /// <param name="samples2">Second sample stream.</param>
        [Differentiable]
        public static double Covariance(IEnumerable<double> samples1, IEnumerable<double> samples2)
        {
            // https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance
            var n = 0;
            var mean1 = 0.0;
            var mean2 = 0.0;
            var comoment = 0.0;

            using (var s1 = samples1.GetEnumerator())
            using (var s2 = samples2.GetEnumerator())
            {
                while (s1.MoveNext())
                {
                    if (!s2.MoveNext())
                    {
                        throw new ArgumentException("All vectors must have the same dimensionality.");
                    }

                    var mean2Prev = mean2;
                    n++;
                    mean1 += (s1.Current - mean1)/n;
                    mean2 += (s2.Current - mean2)/n;
                    comoment += (s1.Current - mean1)*(s2.Current - mean2Prev);
                }

                if (s2.MoveNext())
                {
                    throw new ArgumentException("All vectors must have the same dimensionality.");
                }
            }

            return n > 1 ? comoment/(n - 1) : double.NaN;
        }

        /// <summary>
        /// Estimates the unbiased population covariance from the provided two sample enumerable sequences, in a single pass without memoization.
        /// On a dataset of size N will use an N-1 normalizer (Bessel's correction).
        /// Returns NaN if data has less than two entries or if any entry is NaN.
        /// </summary>
        /// <param name="samples1">First sample stream.</param>
        /// <param name="samples2">Second sample stream.</param>
        [Differentiable]
        public static double Covariance(IEnumerable<float> samples1, IEnumerable<float> samples2)
        {
            return Covariance(samples1.Select(x => (double)x), samples2.Select(x => (double)x));
        }

        /// <summary>
        /// Evaluates the population covariance from the full population provided as two enumerable sequences, in a single pass without memoization.
        /// On a dataset of size N will use an N normalizer and would thus be biased if applied to a subset.
        /// Returns NaN if data is empty or if any entry is NaN.
        /// </summary>
        /// <param name="population1">First population stream.</param>
        /// <param name="population2">Second population stream.</param>
        [Differentiable]
        public static double PopulationCovariance(IEnumerable<double> population1, IEnumerable<double> population2)
        {
            // https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance
            var n = 0;
            var mean1 = 0.0;
            var mean2 = 0.0;
            var comoment = 0.0;

            using (var p1 = population1.GetEnumerator())
            using (var p2 = population2.GetEnumerator())
            {
                while (p1.MoveNext())
                {
                    if (!p2.MoveNext())
                    {
                        throw new ArgumentException("All vectors must have the same dimensionality.");
                    }

                    var mean2Prev = mean2;
                    n++;
                    mean1 += (p1.Current - mean1) / n;
                    mean2 += (p2.Current - mean2) / n;
                    comoment += (p1.Current - mean1) * (p2.Current - mean2Prev);
                }

                if (p2.MoveNext())
                {
                    throw new ArgumentException("All vectors must have the same dimensionality.");
                }
            }

            return comoment/n;
        }

        /// <summary>
        /// Evaluates the population covariance from the full population provided as two enumerable sequences, in a single pass without memoization.
        /// On a dataset of size N will use an N normalizer and would thus be biased if applied to a subset.
        /// Returns NaN if data is empty or if any entry is NaN.
        /// </summary>
        /// <param name="population1">First population stream.</param>
        /// <param name="population2">Second population stream.</param>
        [Differentiable]
        public static double PopulationCovariance(IEnumerable<float> population1, IEnumerable<float> population2)
        {
            return PopulationCovariance(population1.Select(x => (double)x), population2.Select(x => (double)x));
        }

        /// <summary>
        /// Estimates the root mean square (RMS) also known as quadratic mean from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double RootMeanSquare(IEnumerable<double> stream)
        {
            double mean = 0;
            ulong m = 0;
            bool any = false;

            foreach (var d in stream)
            {
                mean += (d*d - mean)/++m;
                any = true;
            }

            return any ? Math.Sqrt(mean) : double.NaN;
        }

        /// <summary>
        /// Estimates the root mean square (RMS) also known as quadratic mean from the enumerable, in a single pass without memoization.
        /// Returns NaN if data is empty or any entry is NaN.
        /// </summary>
        /// <param name="stream">Sample stream, no sorting is assumed.</param>
        [Differentiable]
        public static double RootMeanSquare(IEnumerable<float> stream)
        {
            return RootMeanSquare(stream.Select(x => (double)x));
        }

        /// <summary>
        /// Calculates the entropy of a stream of double values.
        /// Returns NaN if any of the values in the stream are NaN.
        /// </summary>
        /// <param name="stream">The input stream to evaluate.</param>
        /// <returns></returns>
        [Differentiable]
        public static double Entropy(IEnumerable<double> stream)
        {
            // http://en.wikipedia.org/wiki/Shannon_entropy

            var index = new Dictionary<double, double>();

            // count the number of occurrences of each item in the stream
            int totalCount = 0;
            foreach (double value in stream)
            {
                if (double.IsNaN(value))
                {
                    return double.NaN;
                }

                double currentValueCount;
                if (index.TryGetValue(value, out currentValueCount))
                {
                    index[value] = ++currentValueCount;
                }
                else
                {
                    index.Add(value, 1);
                }

                ++totalCount;
            }

            // calculate the entropy of the stream
            double entropy = 0;
            foreach (var item in index)
            {
                double p = item.Value / totalCount;
                entropy += p * Math.Log(p, 2);
            }

            return -entropy;
        }
    }
}

namespace Users.Throw8.MathNet.Interpolation
{
    /// <summary>
    /// Interpolation within the range of a discrete set of known data points.
    /// </summary>
    public interface IInterpolation
    {
        /// <summary>
        /// Gets a value indicating whether the algorithm supports differentiation (interpolated derivative).
        /// </summary>
        bool SupportsDifferentiation { get; }

        /// <summary>
        /// Gets a value indicating whether the algorithm supports integration (interpolated quadrature).
        /// </summary>
        bool SupportsIntegration { get; }

        /// <summary>
        /// Interpolate at point t.
        /// </summary>
        /// <param name="t">Point t to interpolate at.</param>
        /// <returns>Interpolated value x(t).</returns>
        double Interpolate(double t);

        /// <summary>
        /// Differentiate at point t.
        /// </summary>
        /// <param name="t">Point t to interpolate at.</param>
        /// <returns>Interpolated first derivative at point t.</returns>
        double Differentiate(double t);

        /// <summary>
        /// Differentiate twice at point t.
        /// </summary>
        /// <param name="t">Point t to interpolate at.</param>
        /// <returns>Interpolated second derivative at point t.</returns>
        double Differentiate2(double t);

        /// <summary>
        /// Indefinite integral at point t.
        /// </summary>
        /// <param name="t">Point t to integrate at.</param>
        double Integrate(double t);

        /// <summary>
        /// Definite integral between points a and b.
        /// </summary>
        /// <param name="a">Left bound of the integration interval [a,b].</param>
        /// <param name="b">Right bound of the integration interval [a,b].</param>
        double Integrate(double a, double b);
    }
}

namespace Users.Throw8.MathNet.Interpolation
{
    /// <summary>
    /// Cubic Spline Interpolation.
    /// </summary>
    /// <remarks>Supports both differentiation and integration.</remarks>
    public partial class CubicSpline : IInterpolation
    {
        readonly double[] _x;
        readonly double[] _c0;
        readonly double[] _c1;
        readonly double[] _c2;
        readonly double[] _c3;
        readonly Lazy<double[]> _indefiniteIntegral;

        /// <param name="x">sample points (N+1), sorted ascending</param>
        /// <param name="c0">Zero order spline coefficients (N)</param>
        /// <param name="c1">First order spline coefficients (N)</param>
        /// <param name="c2">second order spline coefficients (N)</param>
        /// <param name="c3">third order spline coefficients (N)</param>
        public CubicSpline(double[] x, double[] c0, double[] c1, double[] c2, double[] c3)
        {
            if (x.Length != c0.Length + 1 || x.Length != c1.Length + 1 || x.Length != c2.Length + 1 || x.Length != c3.Length + 1)
            {
                throw new ArgumentException("All vectors must have the same dimensionality.");
            }

            if (x.Length < 2)
            {
                throw new ArgumentException("The given array is too small. It must be at least 2 long.", nameof(x));
            }

            _x = x;
            _c0 = c0;
            _c1 = c1;
            _c2 = c2;
            _c3 = c3;
            _indefiniteIntegral = new Lazy<double[]>(ComputeIndefiniteIntegral);
        }

        /// <summary>
        /// Create a Hermite cubic spline interpolation from a set of (x,y) value pairs and their slope (first derivative), sorted ascendingly by x.
        /// </summary>
        public static CubicSpline InterpolateHermiteSorted(double[] x, double[] y, double[] firstDerivatives)
        {
            if (x.Length != y.Length || x.Length != firstDerivatives.Length)
            {
                throw new ArgumentException("All vectors must have the same dimensionality.");
            }

            if (x.Length < 2)
            {
                throw new ArgumentException("The given array is too small. It must be at least 2 long.", nameof(x));
            }

            var c0 = new double[x.Length - 1];
            var c1 = new double[x.Length - 1];
            var c2 = new double[x.Length - 1];
            var c3 = new double[x.Length - 1];
            for (int i = 0; i < c1.Length; i++)
            {
                double w = x[i + 1] - x[i];
                double w2 = w*w;
                c0[i] = y[i];
                c1[i] = firstDerivatives[i];
                c2[i] = (3*(y[i + 1] - y[i])/w - 2*firstDerivatives[i] - firstDerivatives[i + 1])/w;
                c3[i] = (2*(y[i] - y[i + 1])/w + firstDerivatives[i] + firstDerivatives[i + 1])/w2;
            }

            return new CubicSpline(x, c0, c1, c2, c3);
        }

        bool IInterpolation.SupportsDifferentiation => true;

        /// <summary>
        /// Gets a value indicating whether the algorithm supports integration (interpolated quadrature).
        /// </summary>
        bool IInterpolation.SupportsIntegration => true;

        /// <summary>
        /// Interpolate at point t.
        /// </summary>
        /// <param name="t">Point t to interpolate at.</param>
        /// <returns>Interpolated value x(t).</returns>
        [Differentiable]
        public double Interpolate(double t)
        {
            int k = LeftSegmentIndex(t);
            var x = t - _x[k];
            return _c0[k] + x*(_c1[k] + x*(_c2[k] + x*_c3[k]));
        }

        /// <summary>
        /// Differentiate at point t.
        /// </summary>
        /// <param name="t">Point t to interpolate at.</param>
        /// <returns>Interpolated first derivative at point t.</returns>
        [Differentiable]
        public double Differentiate(double t)
        {
            int k = LeftSegmentIndex(t);
            var x = t - _x[k];
            return _c1[k] + x*(2*_c2[k] + x*3*_c3[k]);
        }

        /// <summary>
        /// Differentiate twice at point t.
        /// </summary>
        /// <param name="t">Point t to interpolate at.</param>
        /// <returns>Interpolated second derivative at point t.</returns>
        [Differentiable]
        public double Differentiate2(double t)
        {
            int k = LeftSegmentIndex(t);
            var x = t - _x[k];
            return 2*_c2[k] + x*6*_c3[k];
        }

        /// <summary>
        /// Indefinite integral at point t.
        /// </summary>
        /// <param name="t">Point t to integrate at.</param>
        [Differentiable]
        public double Integrate(double t)
        {
            int k = LeftSegmentIndex(t);
            var x = t - _x[k];
            return _indefiniteIntegral.Value[k] + x*(_c0[k] + x*(_c1[k]/2 + x*(_c2[k]/3 + x*_c3[k]/4)));
        }

        /// <summary>
        /// Definite integral between points a and b.
        /// </summary>
        /// <param name="a">Left bound of the integration interval [a,b].</param>
        /// <param name="b">Right bound of the integration interval [a,b].</param>
        [Differentiable]
        public double Integrate(double a, double b) => Integrate(b) - Integrate(a);

        double[] ComputeIndefiniteIntegral()
        {
            var integral = new double[_c1.Length];
            for (int i = 0; i < integral.Length - 1; i++)
            {
                double w = _x[i + 1] - _x[i];
                integral[i + 1] = integral[i] + w*(_c0[i] + w*(_c1[i]/2 + w*(_c2[i]/3 + w*_c3[i]/4)));
            }

            return integral;
        }

        /// <summary>
        /// Find the index of the greatest sample point smaller than t,
        /// or the left index of the closest segment for extrapolation.
        /// </summary>
        int LeftSegmentIndex(double t)
        {
            int index = Array.BinarySearch(_x, t);
            if (index < 0)
            {
                index = ~index - 1;
            }

            return Math.Min(Math.Max(index, 0), _x.Length - 2);
        }
    }
}
namespace Users.Throw8.MathNetCalls
{
    public static partial class SplineCalls
    {
        static readonly CubicSpline S = CubicSpline.InterpolateHermiteSorted(new[] { 0.0, 1.0, 2.0, 3.0 }, new[] { 0.0, 1.0, 0.5, 2.0 }, new[] { 1.0, 0.0, -0.5, 1.0 });

        [Differentiable]
        public static double At(double t) => S.Interpolate(t);

        [Differentiable]
        public static double SlopeTimes(double t) => S.Differentiate(t) * t;

        [Differentiable]
        public static double Curvature(double t) => S.Differentiate2(t);

        [Differentiable]
        public static double Area(double a, double b) => S.Integrate(a, b);

        [Differentiable]
        public static double Misfit(double[] ts, double scale)
        {
            double r = 0;
            for (int i = 0; i < ts.Length; i++)
            {
                double d = scale * S.Interpolate(ts[i]) - ts[i];
                r += d * d;
            }
            return r;
        }
    }

    public static partial class StreamCalls
    {
        [Differentiable]
        public static double MeanOfScaled(double[] xs, double k)
        {
            var scaled = new List<double>();
            foreach (var v in xs) scaled.Add(v * k);
            return StreamingStatistics.Mean(scaled);
        }

        [Differentiable]
        public static double Spread(IEnumerable<double> xs) => StreamingStatistics.Maximum(xs) - StreamingStatistics.Minimum(xs);

        [Differentiable]
        public static double Cv(IEnumerable<double> xs) => StreamingStatistics.StandardDeviation(xs) / StreamingStatistics.Mean(xs);
    }
}
