using AutoDiffGen;
using System.Numerics;

// X08_hunt6.cs (2026-12-03, hunt6): the fourth session's additions written as a user would and combined with each other
// and with loops, branches, calls, early returns and the other modes: List/IList/IReadOnlyList parameters, immutable
// classes and records carried as members, `in` struct parameters, try/catch and backward goto, checked arithmetic, struct
// and tuple locals passed by ref to local functions; float and generic math.

namespace Users.Hunt6x.Mix
{
    public sealed record Gauss(double Mu, double Sigma)
    {
        public double Var => Sigma * Sigma;
        public double LogPdf(double x) => -0.5 * Math.Log(2 * Math.PI * Var) - (x - Mu) * (x - Mu) / (2 * Var);
    }

    public sealed class Line
    {
        public readonly double Slope;
        public readonly double Intercept;
        public Line(double slope, double intercept) { Slope = slope; Intercept = intercept; }
        public double At(double x) => Slope * x + Intercept;
    }

    public readonly struct P2
    {
        public P2(double x, double y) { X = x; Y = y; }
        public double X { get; }
        public double Y { get; }
        public double Norm2 => X * X + Y * Y;
    }

    public record struct Body(double X, double V);

    public sealed class Swapped
    {
        public readonly double A;
        public readonly double B;
        public Swapped(double a, double b) { A = b; B = a * 2; }
    }

    public sealed class Chained
    {
        public readonly double P;
        public readonly double Q;
        public Chained(double p) : this(p, p * p) { }
        public Chained(double p, double q) { P = p; Q = q; }
    }

    public sealed class Guarded
    {
        public readonly double S;
        public Guarded(double s) { if (s <= 0) throw new ArgumentOutOfRangeException(nameof(s)); S = s; }
    }

    public sealed record Defaulted(double M)
    {
        public double K { get; init; } = 1.5;
    }

    public static partial class ListMix
    {
        [Differentiable]
        public static double FitLoss(List<double> xs, List<double> ys, double a, double b)
        {
            var line = new Line(a, b);
            double s = 0;
            for (int i = 0; i < xs.Count; i++)
            {
                double r = line.At(xs[i]) - ys[i];
                s += r * r;
            }
            return s / xs.Count;
        }

        [Differentiable]
        public static double GaussNll(IReadOnlyList<double> xs, double mu, double sigma)
        {
            var g = new Gauss(mu, sigma);
            double nll = 0;
            foreach (var x in xs) nll -= g.LogPdf(x);
            return nll;
        }

        [Differentiable]
        public static double FirstAbove(IList<double> xs, double t)
        {
            for (int i = 0; i < xs.Count; i++)
            {
                if (xs[i] * t > 1) return xs[i] * xs[i] * t;
            }
            return t * xs[xs.Count - 1];
        }

        [Differentiable]
        public static double SoftMaxWeighted(List<double> xs, double temp)
        {
            double m = xs.Max();
            double z = 0, num = 0;
            foreach (var v in xs)
            {
                double e = Math.Exp((v - m) / temp);
                z += e;
                num += e * v;
            }
            return num / z;
        }

        [Differentiable]
        public static double ListCopyGoto(List<double> xs, double k)
        {
            var w = xs.ToList();
            int i = 0;
        again:
            w[i] = w[i] * k + 1;
            i++;
            if (i < w.Count) goto again;
            return w.Sum();
        }

        [Differentiable]
        public static double ListCatch(List<double> xs, int n, double y)
        {
            double r;
            try
            {
                int d = 10 / n;
                r = xs[0] * d * y;
            }
            catch (DivideByZeroException)
            {
                r = y * y;
            }
            return r + xs[xs.Count - 1];
        }

        [Differentiable]
        public static double ListStats(IReadOnlyList<double> xs)
        {
            double mean = xs.Average();
            double ss = xs.Select(v => (v - mean) * (v - mean)).Sum();
            return ss / (xs.Count - 1);
        }

        [Differentiable]
        public static float FloatList(List<float> xs, float w)
        {
            float s = 0f;
            for (int i = 0; i < xs.Count; i++) s += MathF.Tanh(w * xs[i]);
            return s;
        }

        [Differentiable]
        public static double ListToArrayCall(List<double> xs, double w) => Weighted(xs.ToArray(), w);

        [Differentiable]
        public static double Weighted(double[] v, double w)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += v[i] * Math.Pow(w, i);
            return s;
        }

        [Differentiable]
        public static double LastAndFirst(IReadOnlyList<double> xs, double a) => xs[^1] * a + xs[0] / a;
    }

    public static partial class ClassMix
    {
        [Differentiable]
        public static double RecordInLoop(double mu, double sigma, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                var g = new Gauss(mu + i, sigma * (1 + 0.1 * i));
                s += g.LogPdf(0.5 * i);
            }
            return s;
        }

        [Differentiable]
        public static double RecordWith(double mu, double sigma)
        {
            var g = new Gauss(mu, sigma);
            var h = g with { Sigma = 2 * sigma };
            var k = mu > 0 ? g : h;
            return k.LogPdf(1.0) + h.Var;
        }

        [Differentiable]
        public static double RecordEarlyReturn(double mu, double sigma)
        {
            var g = new Gauss(mu, sigma);
            if (g.Var > 4) return g.Mu * 2;
            var h = new Gauss(g.Mu * g.Sigma, g.Var);
            return h.LogPdf(0.3);
        }

        [Differentiable]
        public static double LineTryCatch(double a, double b, double x)
        {
            var line = new Line(a, b);
            double r;
            try
            {
                int n = checked((int)(line.At(x) * 1e9));
                r = n * 1e-9 + line.Slope;
            }
            catch (OverflowException)
            {
                r = line.Intercept * line.Intercept;
            }
            return r;
        }

        [Differentiable]
        public static double RecordLocalFunction(double mu, double sigma)
        {
            var g = new Gauss(mu, sigma);
            double Lp(double v) => -0.5 * (v - mu) * (v - mu) / (sigma * sigma);
            return Lp(1) + Lp(2) + g.Var;
        }

        [Differentiable(Hessian = true)]
        public static double RecordHessian(double mu, double sigma)
        {
            var g = new Gauss(mu, sigma);
            return g.LogPdf(0.7) + g.LogPdf(-0.2);
        }
    }

    public static partial class InMix
    {
        [Differentiable]
        public static double Dist(in P2 a, in P2 b)
        {
            double dx = a.X - b.X, dy = a.Y - b.Y;
            return Math.Sqrt(dx * dx + dy * dy);
        }

        [Differentiable]
        public static double Path(double x, double y, int n)
        {
            var p = new P2(x, y);
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                var q = new P2(p.X * 0.9 + i, p.Y * 1.1 - i);
                s += Dist(in p, in q);
                p = q;
            }
            return s;
        }

        [Differentiable]
        public static double InBody(in Body b, double dt)
        {
            double x = b.X;
            double v = b.V;
            for (int k = 0; k < 4; k++)
            {
                v -= x * dt;
                x += v * dt;
            }
            return x * x + v * v;
        }

        [Differentiable]
        public static double CallsInBody(double x, double v) => InBody(new Body(x, v), 0.1) + InBody(new Body(v, x), 0.05);

        [Differentiable]
        public static double InNorm(in P2 p, double k)
        {
            if (p.Norm2 > 10) return k * p.X;
            return p.Norm2 * k;
        }

        [Differentiable]
        public static double CallsInNorm(double x, double y)
        {
            var p = new P2(x, y);
            return InNorm(in p, 2) + InNorm(new P2(y, x * 3), x);
        }

        [Differentiable(Forward = true)]
        public static double InForward(in P2 p, double w) => p.X * w + Math.Sin(p.Y * w);

        [Differentiable(Forward = true)]
        public static double CallsInForward(double x, double y) => InForward(new P2(x, y), y) * x;
    }

    public static partial class RefLocal
    {
        [Differentiable]
        public static double TupleByRef(double x, double y, int n)
        {
            void Step(ref (double P, double Q) s, double h) { s.P += h * s.Q; s.Q -= h * s.P; }
            var st = (x, y);
            for (int i = 0; i < n; i++) Step(ref st, 0.1);
            return st.Item1 * st.Item2;
        }

        [Differentiable]
        public static double BodyByRef(double x, double v)
        {
            void Kick(ref Body b, double f) { b.V += f; b.X += b.V * 0.5; }
            var b = new Body(x, v);
            Kick(ref b, x * 0.1);
            if (b.X > 1) Kick(ref b, -b.X);
            return b.X + b.V * b.V;
        }

        [Differentiable]
        public static double CapturedStruct(double x, double v)
        {
            var b = new Body(x, v);
            void Drag() { b = new Body(b.X + b.V, b.V * 0.9); }
            for (int i = 0; i < 3; i++) Drag();
            return b.X * b.V;
        }

        [Differentiable]
        public static double ByRefThenCatch(double x, int k)
        {
            var t = (A: x, B: 2.0);
            void Mul(ref (double A, double B) u) { u.A *= u.B; u.B += u.A; }
            Mul(ref t);
            double r;
            try
            {
                r = t.A / (12 / k);
            }
            catch (DivideByZeroException)
            {
                r = t.B;
            }
            return r;
        }
    }

    public static partial class Control
    {
        [Differentiable]
        public static double CheckedLoop(double x, int n)
        {
            double s = 0;
            checked
            {
                for (int i = 0; i < n; i++)
                {
                    int m = i * i + 1;
                    s += x / m;
                }
            }
            return s;
        }

        [Differentiable]
        public static double CatchInLoop(double[] a, int k, double w)
        {
            int[] idx = { 0, k, 1, k + 5 };
            double s = 0;
            for (int i = 0; i < idx.Length; i++)
            {
                try
                {
                    s += a[idx[i]] * w;
                }
                catch (IndexOutOfRangeException)
                {
                    s += w * w;
                }
            }
            return s;
        }

        [Differentiable]
        public static double CatchFinally(double x, double y)
        {
            double r = 0;
            try
            {
                if (x < 0) throw new ArgumentException("negative");
                r = Math.Sqrt(x) * y;
            }
            catch (ArgumentException)
            {
                r = -x * y;
            }
            finally
            {
                r += y;
            }
            return r;
        }

        [Differentiable]
        public static double CatchFilter(double x, double y)
        {
            double r;
            try
            {
                int k = checked((int)(x * 3e9));
                r = (k > 1_000_000_000 ? x * x : x) * y;
            }
            catch (OverflowException) when (y > 0)
            {
                r = y * y;
            }
            return r;
        }

        [Differentiable]
        public static double GotoNewton(double a)
        {
            double x = a;
            int k = 0;
        iterate:
            x = 0.5 * (x + a / x);
            k++;
            if (k < 6) goto iterate;
            return x;
        }

        [Differentiable]
        public static double GotoWithBranch(double x, double y)
        {
            double r = x;
            int k = 0;
        top:
            if (r > 2) r = r * 0.5 + y;
            else r = r * y + 1;
            k++;
            if (k < 5) goto top;
            return r;
        }

        [Differentiable]
        public static double GotoForward(double x)
        {
            double r = x * x;
            if (x > 1) goto done;
            r = Math.Exp(r);
        done:
            return r * 2;
        }

        [Differentiable]
        public static double CheckedCatchMul(double x, int n)
        {
            double r;
            try
            {
                int m = checked(n * 1_000_000_000);
                r = x * m * 1e-9;
            }
            catch (OverflowException)
            {
                r = -x;
            }
            return r;
        }

        [Differentiable]
        public static double CatchRemainder(double x, int k)
        {
            double r = x;
            try
            {
                r = x * (7 % k);
            }
            catch (DivideByZeroException)
            {
                r = x * x;
            }
            return r + 1;
        }

        [Differentiable]
        public static double EarlyReturnInTry(double x, int k)
        {
            try
            {
                int q = 100 / k;
                return x * q;
            }
            catch (DivideByZeroException)
            {
                return Math.Sin(x);
            }
        }
    }

    public static partial class Generic
    {
        [Differentiable]
        public static T GenericTry<T>(T x, int k) where T : IFloatingPointIeee754<T>
        {
            T r;
            try
            {
                int q = 12 / k;
                r = x * T.CreateChecked(q);
            }
            catch (DivideByZeroException)
            {
                r = T.Exp(x);
            }
            return r;
        }

        [Differentiable]
        public static double UsesGenericTry(double x, int k) => GenericTry(x, k) + GenericTry(x * x, k + 1);

        [Differentiable]
        public static T GenericGoto<T>(T x) where T : IFloatingPointIeee754<T>
        {
            T r = x;
            int k = 0;
        again:
            r = T.Sin(r) + x;
            if (++k < 3) goto again;
            return r;
        }

        [Differentiable]
        public static double UsesGenericGoto(double x) => GenericGoto(x) * 2;

        [Differentiable]
        public static float FloatCatch(float x, int k)
        {
            float r;
            try
            {
                r = x * (9 / k);
            }
            catch (DivideByZeroException)
            {
                r = MathF.Cos(x);
            }
            return r;
        }

        [Differentiable]
        public static float FloatChecked(float x, int n)
        {
            float s = 0;
            for (int i = 0; i < n; i++) s += x * checked(i * 3 + 1);
            return s;
        }
    }

    public static partial class More
    {
        [Differentiable]
        public static double CatchReadsList(IReadOnlyList<double> xs, int k, double w)
        {
            double r;
            try
            {
                r = w * (10 / k);
            }
            catch (DivideByZeroException)
            {
                r = xs[0] * w + xs[xs.Count - 1];
            }
            return r;
        }

        [Differentiable]
        public static double GotoWritesArray(double[] a, double k)
        {
            int i = 0;
        again:
            a[i] = a[i] * k + a[0];
            i++;
            if (i < a.Length) goto again;
            double s = 0;
            foreach (var v in a) s += v * v;
            return s;
        }

        [Differentiable]
        public static double ListInLocalFunction(List<double> xs, double w)
        {
            double Dot(double c) { double s = 0; for (int i = 0; i < xs.Count; i++) s += xs[i] * c; return s; }
            return Dot(w) * Dot(w * w);
        }

        [Differentiable]
        public static double ListToArrayLocal(IList<double> xs, double w)
        {
            var a = xs.ToArray();
            a[0] *= w;
            return ListMix.Weighted(a, w);
        }

        [Differentiable]
        public static double RecordFromList(IReadOnlyList<double> xs)
        {
            double m = xs.Average();
            double v = 0;
            foreach (var x in xs) v += (x - m) * (x - m);
            var g = new Gauss(m, Math.Sqrt(v / xs.Count));
            return g.LogPdf(xs[0]);
        }

        [Differentiable]
        public static double CheckedNarrowing(double x, long big)
        {
            int n = checked((int)(big / 3));
            double s = x;
            for (int i = 0; i < n % 5; i++) s = s * x + 1;
            return s;
        }

        [Differentiable]
        public static double NestedRecordCalls(double a, double b)
        {
            var g = new Gauss(a, b);
            var h = new Gauss(g.LogPdf(0.1), g.Sigma + 1);
            return h.LogPdf(a) * h.Mu;
        }

        [Differentiable]
        public static double TupleMemberInTry(double x, int k)
        {
            var t = (A: x * x, B: x + 1);
            double r;
            try
            {
                r = t.A * (12 / k);
            }
            catch (DivideByZeroException)
            {
                r = t.B;
            }
            return r;
        }

        [Differentiable]
        public static double StructMemberInTry(double x, double y, int k)
        {
            var p = new P2(x, y);
            double r;
            try
            {
                r = p.X * (12 / k) + p.Y;
            }
            catch (DivideByZeroException)
            {
                r = p.Norm2;
            }
            return r;
        }

        [Differentiable]
        public static double InStructWithGoto(in Body b)
        {
            double x = b.X, v = b.V;
            int k = 0;
        loop:
            v -= 0.1 * x;
            x += 0.1 * v;
            if (++k < 5) goto loop;
            return x * v;
        }

        [Differentiable]
        public static double CallsInStructWithGoto(double x, double v) => InStructWithGoto(new Body(x, v)) + x;
    }

    public static partial class Hunt
    {
        [Differentiable]
        public static double SwappedCtor(double a, double b)
        {
            var s = new Swapped(a, b);
            return s.A * s.A + s.B;
        }

        [Differentiable]
        public static double ChainedCtor(double x)
        {
            var c = new Chained(x);
            return c.P + c.Q * x;
        }

        [Differentiable]
        public static double GuardedCtor(double x) => new Guarded(x * x + 1).S * x;

        [Differentiable]
        public static double InitDefault(double m, double k)
        {
            var d = new Defaulted(m) { K = k * 2 };
            var e = new Defaulted(m * m);
            return d.M * d.K + e.K * e.M;
        }

        [Differentiable]
        public static double RefAlias(double x)
        {
            void Upd(ref double u, ref double v) { u = u + v; v = v * u; }
            double z = x;
            Upd(ref z, ref z);
            return z;
        }

        [Differentiable]
        public static double CapturedAndRef(double x)
        {
            double a = x;
            void G(ref double p) { p += a; a *= 2; }
            G(ref a);
            return a * x;
        }

        [Differentiable]
        public static double DivideInPlace(double x, int k)
        {
            double r;
            int n = 12;
            try
            {
                n /= k;
                r = x * n;
            }
            catch (DivideByZeroException)
            {
                r = -x * x;
            }
            return r;
        }

        [Differentiable]
        public static double RemainderInPlaceLoop(double x, int k)
        {
            double s = 0;
            for (int i = 0; i < 3; i++)
            {
                int n = 7 + i;
                try
                {
                    n %= k - i;
                    s += n * x;
                }
                catch (ArithmeticException)
                {
                    s += x * x;
                }
            }
            return s;
        }
    }

    public static partial class Modes
    {
        [Differentiable(Hessian = true)]
        public static double InHessian(in P2 p, double w) => p.X * p.Y * w + Math.Exp(p.X * w);

        [Differentiable(Hessian = true)]
        public static double CallsInHessian(double x, double y) => InHessian(new P2(x, y), x) + y;

        [Differentiable(Jacobian = true)]
        public static (double, double) ListJacobian(IReadOnlyList<double> xs, double w) => (xs[0] * w, xs.Sum() * w * w);

        [Differentiable(Forward = true)]
        public static double RecordForward(double mu, double sigma)
        {
            var g = new Gauss(mu, sigma);
            var h = g with { Mu = 2 * mu };
            return g.LogPdf(0.4) * h.LogPdf(-0.3);
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double GotoHessian(double x, double y)
        {
            double r = x;
            int k = 0;
        again:
            r = r * y + x * 0.5;
            if (++k < 3) goto again;
            return r * r;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double TryHessian(double x, double y, int k)
        {
            double r;
            try
            {
                int q = 6 / k;
                r = x * x * y * q;
            }
            catch (DivideByZeroException)
            {
                r = Math.Exp(x * y);
            }
            return r;
        }

        [Differentiable(Jacobian = true)]
        public static (double, double) TryJacobian(double x, double y, int k)
        {
            double r;
            try
            {
                int q = 6 / k;
                r = x * y * q;
            }
            catch (DivideByZeroException)
            {
                r = x - y;
            }
            return (r, r * x);
        }

        [Differentiable]
        public static double CallsTryJacobian(double x, double y) { var (a, b) = TryJacobian(x, y, 2); return a + b; }

        [Differentiable(Forward = true)]
        public static double ListForward(IReadOnlyList<double> xs, double w)
        {
            double s = 0;
            foreach (var v in xs) s += Math.Tanh(v * w);
            return s;
        }

        [Differentiable(Hessian = true)]
        public static double CheckedHessian(double x, double y, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += x * y * checked(i + 2);
            return s * x;
        }
    }
}
