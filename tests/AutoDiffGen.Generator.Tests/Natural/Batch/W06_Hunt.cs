using AutoDiffGen;
using System.Numerics;

// W06_Hunt.cs (2026-12-03, hunt3): the last two sessions' additions written as a user would: local functions and lambdas
// returning, taking, or writing by ref a tuple or struct of reals; generic-math callees with int/long/bool parameters;
// local lists (aliases, captures, AddRange of itself, Count as a bound that grows); arrays of structs with int/bool/enum and
// nested members; hand-written forward derivatives over spans; Forward = true methods writing their array parameters;
// slot sums; calls that change state (ADG0032) reached through an indexer, a struct's property, an operator, an event.

namespace Users.Hunt6.Scopes
{
    public struct Pair { public double A; public double B; public Pair(double a, double b) { A = a; B = b; } }
    public struct Counted { public double V; public int N; public Counted(double v, int n) { V = v; N = n; } }

    public static partial class Scopes
    {
        [Differentiable]
        public static double Nested(double x, double y)
        {
            (double, double) F(double a, double b) => (a * b, a + b);
            (double, double) G(double a, double b) { var (p, q) = F(a, b); return (p * q, p - q); }
            var (u, v) = G(x, y);
            return u + v * v;
        }

        [Differentiable]
        public static double InArgs(double x, double y)
        {
            (double, double) F(double a, double b) => (a * b, a + b);
            var r = F(F(x, y).Item1, F(y, x).Item2);
            return r.Item1 * r.Item2;
        }

        [Differentiable]
        public static double Captured(double x, double y)
        {
            double acc = 0;
            (double, double) F(double a) { acc += a * x; return (acc, a * a); }
            var (p, q) = F(y);
            var (r, s) = F(p);
            return p + q + r + s + acc;
        }

        [Differentiable]
        public static double RefParam(double x, double y)
        {
            (double, double) F(ref double a, double b) { a = a * b; return (a, a + b); }
            double z = x;
            var (p, q) = F(ref z, y);
            return p * q + z;
        }

        [Differentiable]
        public static double OutParam(double x, double y)
        {
            (double, double) F(double a, out double c) { c = a * a; return (a + 1, c * y); }
            var (p, q) = F(x, out var w);
            return p * q + w;
        }

        [Differentiable]
        public static double InParam(double x, double y)
        {
            (double S, double P) F(in double a, in double b) => (a + b, a * b);
            var t = F(x, y);
            double z = y * 3;
            var t2 = F(in z, in t.P);
            return t.S * t2.P + t2.S;
        }

        [Differentiable]
        public static double LoopBreak(double x, int n)
        {
            (double, double) Step(double a, double b) => (b, a + b * 0.5);
            double u = x, v = 1;
            for (int i = 0; i < n; i++)
            {
                if (i == 3) continue;
                (u, v) = Step(u, v);
                if (u > 100) break;
            }
            return u * v;
        }

        [Differentiable]
        public static double IntMember(double x, int k)
        {
            Counted Make(double v, int n) => new Counted(v * n, n + 1);
            var c = Make(x, k);
            var d = Make(c.V, c.N);
            return d.V * d.N + c.V;
        }

        [Differentiable]
        public static double NamedUnnamed(double x, double y)
        {
            (double S, double) F(double a, double b) => (a + b, a * b);
            var t = F(x, y);
            return t.S * t.Item2 + t.Item1;
        }

        [Differentiable]
        public static float VecResult(float a, float b)
        {
            Vector3 D(float s, float t) => new Vector3(s, t, s * t);
            var v = D(a, b);
            var w = Vector3.Normalize(v);
            return Vector3.Dot(v, w) + Vector3.Cross(v, D(b, a)).Length() + Vector3.Distance(v, D(1, a));
        }

        [Differentiable]
        public static double StructPair(double x, double y)
        {
            Pair Swap(Pair p) => new Pair(p.B * 2, p.A);
            var p0 = new Pair(x, y);
            var p1 = Swap(Swap(p0));
            return p1.A * p1.B;
        }

        [Differentiable]
        public static double LambdaTuple(double x, double y)
        {
            Func<double, double, (double U, double V)> d = (a, b) => (a * a, b * a);
            var r = d(x, y);
            var s = d(r.V, r.U);
            return s.U + s.V + d(y, 2).V;
        }

        [Differentiable]
        public static double LoopCarried(double x, int n)
        {
            Pair Step(Pair p, double h) => new Pair(p.A + h * p.B, p.B - h * Math.Sin(p.A));
            var s = new Pair(x, 0);
            for (int i = 0; i < n; i++)
            {
                var t = Step(s, 0.1);
                if (t.A < -10) break;
                s = t;
            }
            return s.A + s.B;
        }

        [Differentiable]
        public static double CaptureWrittenAfter(double x, double y)
        {
            double k = x;
            (double, double) F(double a) => (a * k, a + k);
            var r1 = F(y);
            k = y * y;
            var r2 = F(y);
            return r1.Item1 + r1.Item2 * r2.Item1 + r2.Item2;
        }

        [Differentiable]
        public static double TupleParam(double x, double y)
        {
            double Norm((double, double) t) => Math.Sqrt(t.Item1 * t.Item1 + t.Item2 * t.Item2);
            (double, double) Scale((double, double) t, double s) => (t.Item1 * s, t.Item2 * s);
            var t0 = (x, y);
            return Norm(Scale(t0, x)) + Norm((y, 1.0));
        }

        [Differentiable]
        public static double TupleRefWrite(double x, double y)
        {
            void Upd(ref (double A, double B) t, double h) { t.A += h * t.B; t.B *= h; }
            var t = (A: x, B: y);
            Upd(ref t, 0.5);
            Upd(ref t, x);
            return t.A * t.B;
        }
    }
}

namespace Users.Hunt6.Generic
{
    public static partial class GenericCounts
    {
        [Differentiable]
        public static T PowN<T>(T x, int n) where T : IFloatingPointIeee754<T>
        {
            T r = T.One;
            for (int i = 0; i < n; i++) r *= x;
            return r;
        }

        [Differentiable]
        public static T Scaled<T>(T x, int n, bool neg) where T : IFloatingPointIeee754<T>
        {
            T s = PowN(x, n) * T.CreateChecked(n);
            return neg ? -s : s;
        }

        [Differentiable]
        public static T Chain<T>(T x, T y, long m) where T : IFloatingPointIeee754<T> => Scaled(x, (int)m, m > 2) + PowN(y, (int)m + 1);

        [Differentiable]
        public static double FromCast(double x, double y)
        {
            int n = (int)(x * 3);
            return PowN(y, n) + Scaled(x, (int)y, y > 0);
        }

        [Differentiable]
        public static double FromFloor(double x, double y) => PowN(y, (int)Math.Floor(x)) * x;

        [Differentiable]
        public static float FloatCaller(float x, float y) => Chain(x, y, 3L) + PowN(x * y, 2);

        [Differentiable]
        public static double ChainD(double x, double y) => Chain(x, y, 2) * Chain(y, x, 4);

        [Differentiable]
        public static double InLoop(double x, int n)
        {
            double s = 0;
            for (int k = 0; k < n; k++) s += PowN(x, k) / (k + 1);
            return s;
        }

        [Differentiable]
        public static double CountFromLength(double[] a)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++) s += PowN(a[i], a.Length - i);
            return s;
        }

        [Differentiable]
        public static double BoolFromValue(double x, double y) => Scaled(x, 2, x > y) + Scaled(y, 3, y * y > 0.5);
    }

    public static partial class GenericRefs
    {
        [Differentiable]
        public static T Bump<T>(T x, ref int n) where T : IFloatingPointIeee754<T>
        {
            n++;
            return x * T.CreateChecked(n);
        }

        [Differentiable]
        public static double UsesBump(double x)
        {
            int k = 2;
            double a = Bump(x, ref k);
            return a + Bump(x * x, ref k) * k;
        }
    }
}

namespace Users.Hunt6.Lists
{
    public static partial class ListHunt
    {
        [Differentiable]
        public static double Alias(double x, double y)
        {
            var a = new List<double> { x, y };
            var b = a;
            b.Add(x * y);
            return a.Sum() + a[2];
        }

        [Differentiable]
        public static double Captured(double x, double y)
        {
            var a = new List<double> { x, y };
            Func<int, double> at = i => a[i] * a[i];
            a.Add(x * x);
            return at(0) + at(2);
        }

        [Differentiable]
        public static double ReadAfterAdd(double x, int n)
        {
            var l = new List<double>();
            l.Add(x);
            double first = l[0] * 2;
            for (int i = 0; i < n; i++) l.Add(l[l.Count - 1] * x);
            return first + l[l.Count - 1] + l[0];
        }

        [Differentiable]
        public static double ForeachAdding(double x)
        {
            var l = new List<double> { x, x * x };
            double s = 0;
            foreach (var v in l)
            {
                s += v;
                if (s < 100) l.Add(v * 0.5);
            }
            return s;
        }

        [Differentiable]
        public static double CountBound(double x, int n)
        {
            var l = new List<double> { x };
            for (int i = 0; i < l.Count && i < n; i++) l.Add(l[i] * 0.5 + x);
            return l.Sum();
        }

        [Differentiable]
        public static double InLoop(double x, int n)
        {
            double s = 0;
            for (int k = 0; k < n; k++)
            {
                var l = new List<double>();
                for (int j = 0; j <= k; j++) l.Add(x * j);
                s += l.Sum();
            }
            return s;
        }

        [Differentiable]
        public static double ToListThenAdd(double[] xs)
        {
            var l = xs.ToList();
            l.Add(xs[0] * xs[1]);
            xs[0] = 0;
            return l.Sum() + l[0];
        }

        [Differentiable]
        public static double WhereToArray(double[] xs, double t)
        {
            var a = xs.Where(v => v > 0).ToArray();
            double s = 0;
            foreach (var v in a) s += v * t;
            return s;
        }

        [Differentiable]
        public static double WhereCapturingValue(double[] xs, double t)
        {
            var a = xs.Where(v => v > t).ToArray();
            return a.Sum();
        }

        [Differentiable]
        public static double AddRangeSelf(double x, double y)
        {
            var l = new List<double> { x, y };
            l.AddRange(l);
            l.AddRange(new[] { x * y });
            l[0] = l[3] * 2;
            return l.Sum() * l[1];
        }

        [Differentiable]
        public static double AddRangeOfItself(double x, double y)
        {
            var l = new List<double> { x, y };
            l.AddRange(l);
            var extra = new[] { x * y, 2.0 };
            l.AddRange(extra);
            l[0] = l[3] * 2;
            return l.Sum() * l[1];
        }

        [Differentiable]
        public static double ModifyElementThenAdd(double x, double y)
        {
            var l = new List<double> { x, y };
            l[0] += y;
            l.Add(l[0] * l[1]);
            l[1] *= l[2];
            return l[0] + l[1] + l[2];
        }

        [Differentiable]
        public static double ListToArrayWritten(double x)
        {
            var l = new List<double> { x, 2 * x };
            var arr = l.ToArray();
            arr[0] = arr[1] * arr[0];
            l[1] = 7;
            return arr[0] + l[1] + arr[1];
        }

        [Differentiable]
        public static double SelectToListThenIndex(double[] xs, double w)
        {
            var l = xs.Select(v => v * w).ToList();
            l.Add(w);
            double s = 0;
            for (int i = 0; i < l.Count; i++) s += l[i] * l[i];
            return s;
        }

        [Differentiable]
        public static double WhileCount(double x)
        {
            var l = new List<double> { x };
            while (l.Count < 4) l.Add(l[^1] * x);
            return l[^1] + l.Count;
        }
    }
}

namespace Users.Hunt6.StructArrays
{
    public enum Kind { Light, Heavy }
    public struct Body { public double X; public double V; public int Id; public bool Alive; public Kind K; }
    public struct Inner { public double A; public double B; }
    public struct Outer { public Inner I; public double C; public int Tag; }

    public static partial class StructArrays
    {
        [Differentiable]
        public static double Energy(Body[] bs)
        {
            double e = 0;
            foreach (var b in bs)
            {
                if (!b.Alive) continue;
                double m = b.K == Kind.Heavy ? 2.0 : 1.0;
                e += 0.5 * m * b.V * b.V + b.Id * b.X;
            }
            return e;
        }

        [Differentiable]
        public static double Local(double x, double v, int n)
        {
            var bs = new Body[n];
            for (int i = 0; i < n; i++) { bs[i].X = x * i; bs[i].V = v + i; bs[i].Id = i; bs[i].Alive = i % 2 == 0; bs[i].K = i > 1 ? Kind.Heavy : Kind.Light; }
            return Energy(bs);
        }

        [Differentiable]
        public static double Step(Body[] bs, double dt)
        {
            for (int i = 0; i < bs.Length; i++)
            {
                if (!bs[i].Alive) continue;
                bs[i].X += bs[i].V * dt * bs[i].Id;
            }
            return Energy(bs);
        }

        [Differentiable]
        public static double NestedMembers(Outer[] os)
        {
            double s = 0;
            for (int i = 0; i < os.Length; i++) s += os[i].I.A * os[i].I.B + os[i].C * os[i].Tag;
            return s;
        }

        [Differentiable]
        public static double NestedWrite(Outer[] os, double k)
        {
            for (int i = 0; i < os.Length; i++) os[i].I.A *= k + os[i].C;
            os[0].I = new Inner { A = os[0].I.B, B = os[0].I.A };
            return NestedMembers(os);
        }

        [Differentiable]
        public static double LocalNested(double a, double b, int n)
        {
            var os = new Outer[n];
            for (int i = 0; i < n; i++) { os[i].I.A = a * (i + 1); os[i].I.B = b; os[i].C = a * b; os[i].Tag = i; }
            return NestedMembers(os);
        }

        [Differentiable]
        public static float Springs(Vector2[] p, float k)
        {
            float e = 0;
            for (int i = 0; i + 1 < p.Length; i++)
            {
                var d = p[i + 1] - p[i];
                e += k * d.LengthSquared();
            }
            return e;
        }

        [Differentiable]
        public static float LocalSprings(float x, float y, float k)
        {
            var p = new Vector2[3];
            p[0] = new Vector2(x, y);
            p[1] = p[0] * 2;
            p[2] = new Vector2(y, x);
            float e1 = Springs(p, k);
            p[1].X += k;
            return e1 + Springs(p, k) * p[1].X;
        }

        [Differentiable]
        public static double RefElem(Body[] bs, double h)
        {
            ref Body b = ref bs[0];
            b.X += h;
            return bs[0].X * bs[0].V;
        }

        [Differentiable]
        public static double WholeStructSwap(Body[] bs)
        {
            var t = bs[0];
            bs[0] = bs[1];
            bs[1] = t;
            bs[0].V *= 3;
            return bs[0].X * bs[1].V + bs[0].V * bs[0].Id;
        }
    }

    public static partial class StructArrayCallee
    {
        [Differentiable]
        public static double ReadAndWrite(Body[] bs, double k)
        {
            bs[0].X = bs[0].X * k;
            return bs[0].X + bs[1].V;
        }

        [Differentiable]
        public static double CallsWriter(double x, double v)
        {
            var bs = new Body[2];
            bs[0].X = x; bs[1].V = v; bs[0].V = v;
            double r = ReadAndWrite(bs, x);
            return r * bs[0].X + bs[0].V;
        }
    }
}

namespace Users.Hunt6.Forward
{
    public static partial class HandLib
    {
        public static double Dot(double[] a, double[] b)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
            return s;
        }

        [DerivativeOf(nameof(Dot))]
        public static double DotBackward(double[] a, double[] b, double[] dA, double[] dB, double dResult = 1)
        {
            for (int i = 0; i < a.Length; i++) { dA[i] += b[i] * dResult; dB[i] += a[i] * dResult; }
            return Dot(a, b);
        }

        [DerivativeOf(nameof(Dot))]
        public static double DotForward(double[] a, double[] b, ReadOnlySpan<double> tA, ReadOnlySpan<double> tB, out double tResult)
        {
            double t = 0;
            for (int i = 0; i < a.Length; i++) t += tA[i] * b[i] + a[i] * tB[i];
            tResult = t;
            return Dot(a, b);
        }

        public static double Norm(ReadOnlySpan<double> v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
            return Math.Sqrt(s);
        }

        [DerivativeOf(nameof(Norm))]
        public static double NormBackward(ReadOnlySpan<double> v, Span<double> dV, double dResult = 1)
        {
            double r = Norm(v);
            for (int i = 0; i < v.Length; i++) dV[i] += v[i] / r * dResult;
            return r;
        }

        [DerivativeOf(nameof(Norm))]
        public static double NormForward(ReadOnlySpan<double> v, ReadOnlySpan<double> tV, out double tResult)
        {
            double r = Norm(v), t = 0;
            for (int i = 0; i < v.Length; i++) t += v[i] * tV[i];
            tResult = t / r;
            return r;
        }
    }

    public static partial class HandUse
    {
        [Differentiable(Forward = true)]
        public static double SelfDot(double x, double y)
        {
            var v = new[] { x, y, x * y };
            return HandLib.Dot(v, v);
        }

        [Differentiable(Forward = true)]
        public static double WrittenAfter(double x, double y)
        {
            var v = new[] { x, y };
            double a = HandLib.Dot(v, v);
            v[0] = a * y;
            return a + HandLib.Norm(v) + HandLib.Dot(v, new[] { y, x });
        }

        [Differentiable(Forward = true)]
        public static double InLoop(double x, int n)
        {
            double s = 0;
            for (int k = 1; k <= n; k++)
            {
                var v = new double[k];
                for (int j = 0; j < k; j++) v[j] = x * (j + 1);
                s += HandLib.Norm(v);
            }
            return s;
        }

        [Differentiable(Forward = true)]
        public static double SpanSlice(double x, double y)
        {
            var v = new[] { y, x, x * x, y * x };
            return HandLib.Norm(v.AsSpan(1)) + HandLib.Norm(v.AsSpan(0, 2));
        }

        [Differentiable(Hessian = true)]
        public static double HessianCaller(double x, double y)
        {
            var v = new[] { x, y };
            return HandLib.Dot(v, v) * x;
        }
    }

    public static partial class ValueAndArray
    {
        [Differentiable(Forward = true)]
        public static double Smooth(double[] a, double k)
        {
            double s = 0;
            for (int i = 1; i < a.Length; i++)
            {
                a[i] = a[i] + k * a[i - 1];
                s += a[i] * a[i];
            }
            return s;
        }

        [Differentiable(Forward = true)]
        public static double Caller(double x, double k)
        {
            var a = new[] { x, 2 * x, k };
            double s = Smooth(a, k);
            return s + a[2] * a[1];
        }

        [Differentiable(Forward = true)]
        public static double CallerTwice(double x, double k)
        {
            var a = new[] { x, k, x * k };
            double s = Smooth(a, k) + Smooth(a, x);
            return s * a[2];
        }

        [Differentiable(Forward = true)]
        public static double CallerInLoop(double x, double k, int n)
        {
            var a = new[] { x, k, 1.0 };
            double s = 0;
            for (int i = 0; i < n; i++) s += Smooth(a, k * 0.5);
            return s + a[1];
        }

        [Differentiable(Hessian = true, Forward = true)]
        public static double SmoothH(double[] a, double k)
        {
            double s = 0;
            for (int i = 1; i < a.Length; i++)
            {
                a[i] = a[i] * k;
                s += a[i] * a[i - 1];
            }
            return s;
        }

        [Differentiable(Hessian = true)]
        public static double HessCaller(double x, double k)
        {
            var a = new[] { x, k, x * k };
            double s = SmoothH(a, k);
            return s + a[1] * x;
        }

        [Differentiable(Jacobian = true)]
        public static (double, double) JacCaller(double x, double k)
        {
            var a = new[] { x, k };
            double s = Smooth(a, x);
            return (s, a[1]);
        }
    }
}

namespace Users.Hunt6.SlotSums
{
    public static partial class Slots
    {
        [Differentiable]
        public static double Triangle(double[] icf, double[] x)
        {
            int d = x.Length;
            var xc = new double[d];
            for (int i = 0; i < d; i++) xc[i] = x[i] * 2;
            var qx = new double[d];
            int l = 0;
            for (int i = 0; i < d; i++)
                for (int j = i + 1; j < d; j++)
                {
                    qx[j] += icf[l % icf.Length] * xc[i];
                    l++;
                }
            double s = 0;
            for (int i = 0; i < d; i++) s += qx[i] * qx[i] + xc[i];
            return s;
        }

        [Differentiable]
        public static double RefIndex(double[] x, double w)
        {
            var t = new double[x.Length];
            for (int i = 0; i < x.Length; i++) t[i] = x[i];
            var acc = new double[x.Length];
            int k = 1;
            for (int j = 0; j < x.Length; j++)
            {
                acc[k] += t[j] * w;
                ref int r = ref k;
                if (j == 1) r = 0;
            }
            return acc[0] * acc[0] + acc[1] * 3;
        }

        static void Next(ref int k, int n) { k = (k + 1) % n; }

        [Differentiable]
        public static double CalleeIndex(double[] x, double w)
        {
            var t = new double[x.Length];
            for (int i = 0; i < x.Length; i++) t[i] = x[i] * x[i];
            var acc = new double[x.Length];
            int k = 0;
            for (int j = 0; j < x.Length; j++)
            {
                acc[k] += t[j] * w;
                Next(ref k, x.Length);
            }
            double s = 0;
            for (int i = 0; i < acc.Length; i++) s += acc[i] * (i + 1) * acc[i];
            return s;
        }

        [Differentiable]
        public static double SlotAlsoRead(double[] x, double w)
        {
            var acc = new double[3];
            int k = 1;
            for (int j = 0; j < x.Length; j++)
            {
                acc[k] += x[j] * w * acc[k] + x[j];
            }
            return acc[1] * acc[1];
        }

        [Differentiable]
        public static double SlotReadOther(double[] x, double w)
        {
            var t = new double[x.Length];
            for (int i = 0; i < x.Length; i++) t[i] = x[i] * w;
            var acc = new double[3];
            int k = 2;
            double s = 0;
            for (int j = 0; j < x.Length; j++)
            {
                acc[k] += t[j] * t[j];
                s += acc[k] * t[j];
            }
            return s + acc[2];
        }

        [Differentiable]
        public static double NestedBreak(double[] x, double w)
        {
            var t = new double[x.Length];
            for (int i = 0; i < x.Length; i++) t[i] = x[i] * w;
            var acc = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                for (int j = 0; j < x.Length; j++)
                {
                    if (j > i + 1) break;
                    acc[i] += t[j] * x[i];
                }
                if (acc[i] > 50) break;
            }
            double s = 0;
            for (int i = 0; i < acc.Length; i++) s += acc[i] * acc[i];
            return s;
        }

        [Differentiable]
        public static double IndexChangedInLoop(double[] x)
        {
            var t = new double[x.Length];
            for (int i = 0; i < x.Length; i++) t[i] = Math.Sin(x[i]);
            var acc = new double[x.Length];
            int k = 0;
            for (int j = 0; j < x.Length; j++)
            {
                acc[k] += t[j] * t[j];
                if (j % 2 == 1) k++;
            }
            double s = 0;
            for (int i = 0; i < acc.Length; i++) s += acc[i] * (i + 2) * acc[i];
            return s;
        }

        [Differentiable]
        public static double SlotFromOuterArrayWrite(double[] x, double w)
        {
            var t = new double[x.Length];
            for (int i = 0; i < x.Length; i++) t[i] = x[i];
            int k = 0;
            double s = 0;
            for (int j = 0; j < x.Length; j++)
            {
                s += t[k] * w * t[j];
                t[k] = s * 0.1;
            }
            return s + t[0];
        }

        [Differentiable]
        public static double LiteralSlotNested(double[] x, double w)
        {
            var t = new double[x.Length];
            for (int i = 0; i < x.Length; i++) t[i] = x[i] * x[i];
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                for (int j = 0; j < x.Length; j++)
                {
                    s += t[0] * x[j] * w;
                    if (s > 40) break;
                }
                t[0] = s * 0.01;
            }
            return s;
        }
    }
}

namespace Users.Hunt6.Stateful
{
    public sealed class Tape
    {
        private int n;
        public double this[int i] { get { n++; return n * 0.5 + i; } }
    }

    public sealed class Gen
    {
        private int n;
        public double Next() { n++; return 1.0 + 0.25 * n; }
    }

    public struct Holder
    {
        public Gen G;
        public Holder(Gen g) { G = g; }
        public double Draw => G.Next();
    }

    public sealed class Acc
    {
        public int N;
        public static double operator *(Acc a, double x) { a.N++; return a.N * x; }
    }

    public sealed class Pub
    {
        public event Action? E;
        public int Count;
        public void Sub() { E += () => Count++; Count++; E?.Invoke(); }
    }

    public struct Box<T> { public T V; public Box(T v) { V = v; } }

    public static class ThreadCount
    {
        [ThreadStatic] public static int T;
    }

    public static class Consts
    {
        public static readonly double C;
        public static int Made;
        static Consts() { C = 1.5; Made++; }
    }

    public static partial class Stateful
    {
        [Differentiable]
        public static double LegIdx(double x, [NoDiff] Box<Tape> t) => x * t.V[0];

        [Differentiable]
        public static double ViaIndexer(double x)
        {
            var t = new Box<Tape>(new Tape());
            return LegIdx(x, t) * LegIdx(x, t);
        }

        [Differentiable]
        public static double LegProp(double x, [NoDiff] Holder h) => x * h.Draw;

        [Differentiable]
        public static double ViaStructProperty(double x)
        {
            var h = new Holder(new Gen());
            return LegProp(x, h) * LegProp(x * x, h);
        }

        [Differentiable]
        public static double LegOp(double x, [NoDiff] Box<Acc> a) => a.V * x;

        [Differentiable]
        public static double ViaOperator(double x)
        {
            var a = new Box<Acc>(new Acc());
            return LegOp(x, a) * LegOp(x, a);
        }

        [Differentiable]
        public static double LegEvent(double x, [NoDiff] Box<Pub> p)
        {
            p.V.Sub();
            return x * p.V.Count;
        }

        [Differentiable]
        public static double ViaEvent(double x)
        {
            var p = new Box<Pub>(new Pub());
            return LegEvent(x, p) * LegEvent(x, p);
        }

        [Differentiable]
        public static double LegThread(double x)
        {
            ThreadCount.T = (ThreadCount.T + 1) % 3;
            return x * (ThreadCount.T + 1);
        }

        [Differentiable]
        public static double ViaThreadStatic(double x) => LegThread(x) * LegThread(x);

        [Differentiable]
        public static double LegStaticCtor(double x) => x * Consts.C;

        [Differentiable]
        public static double ViaStaticCtor(double x) => LegStaticCtor(x) * LegStaticCtor(x);


        [Differentiable]
        public static double LegLazyValue(double x, [NoDiff] Box<Lazy<double>> l) => x * l.V.Value;

        [Differentiable]
        public static double ViaLazyValue(double x)
        {
            var l = new Box<Lazy<double>>(new Lazy<double>(() => 2.0));
            return LegLazyValue(x, l) * LegLazyValue(x, l);
        }

        [Differentiable(Jacobian = true)]
        public static (double, double) JacIndexer(double x, double y)
        {
            var t = new Tape();
            return (x * t[0], y * t[1]);
        }
    }
}

namespace Users.Hunt6.RefStructs
{
    public struct Pt { public double X; public double Y; public Pt(double x, double y) { X = x; Y = y; } }

    public static partial class Captures
    {
        [Differentiable]
        public static double CapturedStructWritten(double x, double y)
        {
            var p = new Pt(x, y);
            void Bump(double h) { p.X += h * p.Y; }
            Bump(0.5);
            Bump(x);
            return p.X * p.Y;
        }

        [Differentiable]
        public static double CapturedTupleWrittenByLambda(double x, double y)
        {
            var t = (x, y);
            Action<double> bump = h => { t.Item1 += h * t.Item2; };
            bump(0.5);
            bump(y);
            return t.Item1 * t.Item2;
        }

        [Differentiable]
        public static double RefStructReturning(double x, double y)
        {
            double Upd(ref Pt p, double h) { p.X *= h; return p.X + p.Y; }
            var p = new Pt(x, y);
            double a = Upd(ref p, y);
            return a * p.X + p.Y;
        }

        [Differentiable]
        public static double RefMember(double x, double y)
        {
            void Twice(ref double v) { v *= 2; }
            var p = new Pt(x, y);
            Twice(ref p.X);
            Twice(ref p.Y);
            Twice(ref p.X);
            return p.X * p.Y + p.X;
        }

        [Differentiable]
        public static double RefPassedOn(double x, double y)
        {
            void Inner(ref Pt q, double h) { q.Y += h * q.X; }
            void Outer(ref Pt q, double h) { Inner(ref q, h); q.X *= h; }
            var p = new Pt(x, y);
            Outer(ref p, 0.5);
            Outer(ref p, y);
            return p.X + p.Y * p.Y;
        }

        [Differentiable]
        public static double RefInLoopBreak(double x, int n)
        {
            void Step(ref (double A, double B) s, double h) { s.A += h * s.B; s.B -= h * s.A; }
            var st = (A: x, B: 1.0);
            for (int i = 0; i < n; i++)
            {
                Step(ref st, 0.1);
                if (st.A > 5) break;
                if (i == 2) continue;
                st.B *= 1.01;
            }
            return st.A + st.B;
        }

        [Differentiable]
        public static double OutTupleOverwrite(double x, double y)
        {
            void Make(double a, out (double, double) r) { r = (a * a, a + y); }
            var t = (x, y);
            double before = t.Item1 * t.Item2;
            Make(y, out t);
            return before + t.Item1 * t.Item2;
        }

        [Differentiable]
        public static double RefTwoStructs(double x, double y)
        {
            void Swap(ref Pt a, ref Pt b) { var tmp = a; a = b; b = tmp; }
            var p = new Pt(x, y);
            var q = new Pt(y * y, x);
            Swap(ref p, ref q);
            return p.X * 3 + q.Y * p.Y;
        }

        [Differentiable]
        public static float RefVector(float a, float b)
        {
            void Scale(ref Vector2 v, float k) { v *= k; v.X += k; }
            var v = new Vector2(a, b);
            Scale(ref v, b);
            return Vector2.Dot(v, new Vector2(1, 2)) + v.Length();
        }

        [Differentiable]
        public static double CapturedStructInLoop(double x, int n)
        {
            var p = new Pt(x, 1);
            void Rot(double h) { double nx = p.X - h * p.Y; p.Y += h * p.X; p.X = nx; }
            for (int i = 0; i < n; i++) Rot(0.2);
            return p.X * p.Y;
        }

        [Differentiable]
        public static double ConditionalRef(double x, double y)
        {
            void Upd(ref Pt p) { if (p.X > p.Y) { p.X = p.Y; return; } p.Y = p.X * 2; }
            var p = new Pt(x, y);
            Upd(ref p);
            return p.X * p.Y + x;
        }
    }
}

namespace Users.Hunt6.RefMore
{
    public struct Pt { public double X; public double Y; public Pt(double x, double y) { X = x; Y = y; } }
    public struct Tagged { public double V; public int N; public bool On; }

    public static partial class More
    {
        [Differentiable]
        public static double StructParamRef(Pt q, double h)
        {
            void U(ref Pt p, double s) { p.X += s * p.Y; p.Y *= s; }
            U(ref q, h);
            return q.X * q.Y;
        }

        [Differentiable]
        public static double CallsStructParamRef(double x, double y) => StructParamRef(new Pt(x, y), x * 0.5) + StructParamRef(new Pt(y, 1), y);

        [Differentiable]
        public static double RefTupleElement(double x, double y)
        {
            void Twice(ref double v) { v *= 2; }
            var t = (x, y);
            Twice(ref t.Item1);
            Twice(ref t.Item2);
            return t.Item1 * t.Item2 + t.Item1;
        }

        [Differentiable]
        public static double OutInLoop(double x, int n)
        {
            void O(double a, out Pt w) { w = new Pt(a * a, a + 1); if (a > 1) w.Y = a; }
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                O(x * (i + 1) * 0.3, out var w);
                s += w.X - w.Y * x;
            }
            return s;
        }

        [Differentiable]
        public static double RefInBranch(double x, double y)
        {
            void U(ref Pt p) { p.X = p.X * p.Y; }
            var p = new Pt(x, y);
            if (x > y) U(ref p);
            else p.Y += 1;
            return p.X + p.Y * p.X;
        }

        [Differentiable]
        public static double RefWithDiscrete(double x, int k)
        {
            void U(ref Tagged t, double h) { if (!t.On) return; t.V *= h * t.N; t.N++; }
            var t = new Tagged { V = x, N = k, On = k > 0 };
            U(ref t, x);
            U(ref t, 0.5);
            return t.V * t.N;
        }

        [Differentiable]
        public static double CapturedWrittenInLoopReturn(double x, double y)
        {
            var p = new Pt(x, y);
            double Walk(int n) { for (int i = 0; i < n; i++) { p.X += 0.1 * p.Y; if (p.X > 3) return p.X; } return p.Y; }
            double a = Walk(4);
            double b = Walk(2);
            return a * b + p.X;
        }

        [Differentiable]
        public static double StructResultWritesCaptured(double x, double y)
        {
            var t = (A: x, B: y);
            Pt F(double a) { t.A *= a; return new Pt(t.A, t.B + a); }
            var r = F(y);
            var s = F(r.X);
            return r.Y * s.X + t.A;
        }

        static readonly Pt Origin = new Pt(0.5, -0.5);

        [Differentiable]
        public static double StaticStructRef(double x)
        {
            void U(ref Pt p, double h) { p.X += h; }
            var p = Origin;
            U(ref p, x);
            return p.X * p.Y + p.X * x;
        }
    }

    public static partial class ListMore
    {
        [Differentiable]
        public static double PushLocal(double x, double y)
        {
            var l = new List<double>();
            void Push(double v) { l.Add(v * v); }
            Push(x);
            Push(y);
            Push(x * y);
            return l.Sum() + l[2];
        }

        [Differentiable]
        public static double ListInLambdaSum(double x, double y)
        {
            var l = new List<double> { x, y };
            Func<double> total = () => l.Sum();
            double a = total();
            l.Add(x * y);
            return a + total();
        }

        [Differentiable]
        public static double ListElementRefLocal(double x, double y)
        {
            var l = new List<double> { x, y };
            double first = l[0];
            l[0] = y * 3;
            return first * l[0] + l[1];
        }
    }
}
