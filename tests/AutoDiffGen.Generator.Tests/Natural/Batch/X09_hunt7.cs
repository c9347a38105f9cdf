using AutoDiffGen;

// X09_hunt7.cs (2026-12-03, hunt7): the fifth session's additions written as a user would and combined with each other,
// with loops, branches, early returns, break/continue, float and the other modes: the carried Backward (one scalar and a
// loop), derived forms (a Hessian/Forward caller of a plain callee), local tuple arrays, List Insert/RemoveAt/Clear/
// Reverse/AddRange, mutating struct methods and void ref/out helpers, try/catch; and the two classes hunt7 fixed: a
// loop body's constant counter or flag (CS0219 in the reverse loop) and a dead statement that may throw.

namespace Users.Hunt7x.Mix
{
    public struct Acc
    {
        public double S;
        public int N;
        public void Add(double v) { S += v; N++; }
        public void Scale(double k) { S *= k; }
    }

    public static partial class Hunt7Mix
    {
        [Differentiable(Forward = true)]
        public static double SortedSum(double[] values, double x)
        {
            var s = new List<double>();
            foreach (var v in values)
            {
                int at = 0;
                while (at < s.Count && s[at] <= v) at++;
                s.Insert(at, v * x);
            }
            double r = 0;
            for (int i = 0; i < s.Count; i++) r += s[i] * (i + 1);
            return r;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double FlaggedRows(double[] a, double x)
        {
            double r = 0;
            for (int i = 0; i < a.Length; i++)
            {
                bool seen = false;
                int hits = 0;
                for (int j = 0; j < 3; j++)
                {
                    if (a[i] > j * 0.25) { seen = true; hits++; }
                }
                if (seen) r += a[i] * x * hits;
                else r -= x * x;
            }
            return r;
        }

        [Differentiable]
        public static double ArgMaxWeight(double[] w, double t)
        {
            double s = 0;
            for (int k = 0; k < 3; k++)
            {
                int best = 0;
                for (int j = 1; j < w.Length; j++) if (w[j] * t > w[best] * t) best = j;
                s += w[best] * t * (k + 1);
                t *= 0.9;
            }
            return s;
        }

        // Carried Backward (one scalar, a loop) with an index found before a break.
        [Differentiable(Forward = true)]
        public static double FirstCrossing(double x)
        {
            double r = x;
            for (int i = 0; i < 5; i++)
            {
                int found = -1;
                for (int j = 0; j < 4; j++)
                {
                    if (r * j > 1.0) { found = j; break; }
                }
                r = found >= 0 ? r * 0.5 + found : r * x + 0.1;
            }
            return r;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double CountedDo(double x, double y, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                int c = 0;
                do { c++; } while (c < i);
                double acc = 0.0;
                for (int j = 0; j < c; j++) acc += x * j;
                s += acc * y + c;
            }
            return s;
        }

        // A dead division that may throw stays: the method and every generated method throw where k = -1.
        [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
        public static double GuardedRate(double x, double y, int k)
        {
            int per = 100 / (k + 1);
            double s = x * y;
            for (int i = 0; i < 3; i++)
            {
                long chunk = 64L % (k + 2 + i);
                s = s * 0.5 + x;
            }
            return s;
        }

        [Differentiable(Forward = true)]
        public static double DeadElementRead(double[] a, double x, int k)
        {
            double probe = a[k % a.Length];
            double s = 0;
            foreach (var v in a) s += v * x;
            return s;
        }

        [Differentiable]
        public static double TupleSteps(double x, double y, int n)
        {
            var steps = new (double W, double C)[] { (x, 1.0), (y, 2.0), (x * y, 0.5) };
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                var p = steps[i % steps.Length];
                if (p.W * p.C > 1.5) break;
                s += p.W * p.C;
            }
            return s;
        }

        [Differentiable(Forward = true)]
        public static double WindowedMean(double[] xs, double k)
        {
            var w = new List<double>();
            double s = 0;
            foreach (var v in xs)
            {
                w.Add(v * k);
                if (w.Count > 3) w.RemoveAt(0);
                double m = 0;
                for (int j = 0; j < w.Count; j++) m += w[j];
                s += m / w.Count;
            }
            return s;
        }

        [Differentiable]
        public static double ReversedDecay(double x, double y, int n)
        {
            var l = new List<double>();
            for (int i = 0; i < n; i++) l.Add(x * i + y);
            l.Reverse();
            l.AddRange(new[] { x * y });
            double s = 0;
            for (int i = 0; i < l.Count; i++)
            {
                if (i > 4) continue;
                s += l[i] / (i + 1);
            }
            return s;
        }

        [Differentiable(Forward = true)]
        public static double ClearedTwice(double x, double y)
        {
            var l = new List<double> { x, y };
            double first = l[0] * l[1];
            l.Clear();
            l.Add(x + y);
            l.Insert(0, x * x);
            return first + l[0] * l[1];
        }

        [Differentiable]
        public static double StructAccumulator(double[] xs, double k)
        {
            var acc = new Acc();
            foreach (var v in xs)
            {
                if (v < 0) continue;
                acc.Add(v * k);
                if (acc.S > 10) acc.Scale(0.5);
            }
            return acc.N == 0 ? k : acc.S / acc.N;
        }

        static void Step(ref double p, ref double v, double dt, double k)
        {
            v -= k * p * dt;
            p += v * dt;
        }

        [Differentiable(Forward = true)]
        public static double Oscillator(double p0, double k)
        {
            double p = p0, v = 0;
            for (int i = 0; i < 20; i++)
            {
                Step(ref p, ref v, 0.05, k);
                if (Math.Abs(p) > 10) return p;
            }
            return p * p + v * v;
        }

        static void Split(double a, out double lo, out double hi)
        {
            lo = Math.Min(a, 1.0);
            hi = Math.Max(a, 1.0);
        }

        [Differentiable]
        public static double OutHelperLoop(double x, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                Split(x * (i + 1), out double lo, out double hi);
                s += lo * hi;
            }
            return s;
        }

        [Differentiable]
        public static double Smooth(double u, double v) => Math.Log(1 + u * u) * v;

        [Differentiable(Hessian = true, Forward = true)]
        public static double DerivedInLoop(double x, double y, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                if (i == 3) break;
                s += Smooth(x * (i + 1), y);
            }
            return s;
        }

        [Differentiable(Jacobian = true)]
        public static (double, double) CatchPair(double x, double y, int d)
        {
            double r;
            try
            {
                int q = 12 / d;
                r = x * q + y;
            }
            catch (DivideByZeroException)
            {
                r = x * y;
            }
            return (r, r * x);
        }

        [Differentiable]
        public static float FloatCounters(float[] a, float x)
        {
            float s = 0f;
            for (int i = 0; i < a.Length; i++)
            {
                int at = 0;
                while (at < i && a[at] < a[i]) at++;
                s += a[i] * x * (at + 1);
            }
            return s;
        }

        [Differentiable(Forward = true)]
        public static float FloatCarried(float x)
        {
            float r = x;
            for (int i = 0; i < 4; i++)
            {
                bool big = false;
                if (r > 2f) big = true;
                r = big ? r * 0.5f : r * x + 0.25f;
            }
            return r;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double EarlyReturnDeadCheck(double x, double y, int n)
        {
            double s = x;
            for (int i = 0; i < n; i++)
            {
                int slot = checked(i * 1000);
                if (s > 5) return s * y;
                s = s * x + y;
            }
            return s;
        }
    }
}
