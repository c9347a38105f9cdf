using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ModeMix;

/// <summary>
/// The 2026-12-03 constructs (hunt3) written by hand in the modes each is meant to work in, judged by
/// <see cref="ModeMixJudge"/>: Backward and Forward against central differences, each Hessian entry against central
/// differences of Backward's gradient, the Jacobian against Backward. A struct or tuple local passed by ref to a local
/// function, set through out, or captured and written (wiped by the call before 2026-12-03, hunt3); nested and chained
/// struct results; a struct result's int member as a loop bound; a local array of structs with int/bool/enum members passed
/// to a callee; a generic callee's count computed from a value; a local list grown under its own Count; AddRange of
/// itself; a slot sum under a break; a callee writing its array parameter. Every program generates and is judged at three
/// points (the Natural batch W06_Hunt.cs has the same constructs for Backward and Forward, and what stays refused).
/// </summary>
public class HuntModeMixTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;

        public struct P2
        {
            public double X, Y;
            public P2(double x, double y) { X = x; Y = y; }
        }

        public struct Counted
        {
            public double V;
            public int N;
            public Counted(double v, int n) { V = v; N = n; }
        }

        public enum Kind { Light, Heavy }

        public struct Body
        {
            public double X, V;
            public int Id;
            public bool Alive;
            public Kind K;
        }

        public static partial class Mix
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Energy(Body[] bs, double g)
            {
                double e = 0;
                for (int i = 0; i < bs.Length; i++)
                {
                    if (!bs[i].Alive) continue;
                    double m = bs[i].K == Kind.Heavy ? 2.0 : 1.0;
                    e += 0.5 * m * bs[i].V * bs[i].V + g * bs[i].Id * bs[i].X;
                }
                return e;
            }

            [Differentiable(Forward = true)]
            public static T PowN<T>(T x, int n) where T : IFloatingPointIeee754<T>
            {
                T r = T.One;
                for (int i = 0; i < n; i++) r *= x;
                return r;
            }

            [Differentiable(Forward = true)]
            public static double Smooth(double[] a, double w)
            {
                double s = 0;
                for (int i = 1; i < a.Length; i++) { a[i] = a[i] + w * a[i - 1]; s += a[i] * a[i]; }
                return s;
            }

        """;

    private static readonly (string Name, bool Pair, bool F, bool H, bool J, string Body)[] Programs =
    {
        ("RefTupleLoop", false, true, true, true, """
            void U(ref (double A, double B) t, double h) { t.A += h * t.B; if (t.A > 2) return; t.B *= h; }
            var t = (A: x[0], B: x[1] * c);
            for (int i = 0; i < k; i++) U(ref t, x[2]);
            U(ref t, 0.5);
            return t.A * t.B + x[3];
        """),
        ("RefStructPair", true, true, false, true, """
            void U(ref P2 p, double h) { p.X += h * p.Y; p.Y -= h * p.X; }
            var p = new P2(x[0], c);
            U(ref p, x[1]);
            if (k > 1) U(ref p, x[2]);
            return (p.X, p.Y * x[3]);
        """),
        ("OutStruct", false, true, true, true, """
            void O(double a, out P2 v) { v = new P2(a * c, a + c); if (a > 0.5) v.Y *= a; }
            O(x[0], out var w);
            O(w.Y * x[1], out var z);
            return w.X * z.Y + z.X;
        """),
        ("CapturedStructWrite", true, true, false, true, """
            var p = new P2(x[0], x[1]);
            void Rot(double h) { double nx = p.X - h * p.Y; p.Y += h * p.X; if (p.Y > 3) return; p.X = nx; }
            for (int i = 0; i < k + 1; i++) Rot(c);
            Rot(x[2]);
            return (p.X * p.Y, p.Y + x[3]);
        """),
        ("CapturedStructWriteHessian", false, true, true, false, """
            var p = new P2(x[0] * c, x[1]);
            void Bump(double h) { p.X += h * p.Y; }
            Bump(x[2]);
            Bump(0.5);
            return p.X * p.Y + x[3] * p.X;
        """),
        ("NestedResults", false, true, true, true, """
            (double, double) F(double a, double b) => (a * b, a + b);
            P2 G(double a, double b) { var (p, q) = F(a, b); return new P2(p * q, p - q); }
            var r = G(F(x[0], c).Item1, F(x[1], x[2]).Item2);
            var s = G(r.X, r.Y * 0.1);
            return s.X + s.Y * x[3];
        """),
        ("IntMemberBound", false, true, true, true, """
            Counted Make(double v, int n) => new Counted(v * (n + 1), n + 1);
            var q = Make(x[0], k);
            double s = 0;
            for (int i = 0; i < q.N; i++) s += q.V * x[i % 4];
            return s * c;
        """),
        ("CapturedWritten", false, true, true, true, """
            double acc = c;
            (double, double) F(double a) { acc += a * x[0]; return (acc, a * a); }
            var (p, q) = F(x[1]);
            for (int i = 0; i < k; i++) { var w = F(p * 0.5); if (w.Item1 > 3) break; p = w.Item2; }
            return p + q + acc;
        """),
        ("StructArrayLocal", false, true, true, true, """
            var bs = new Body[3];
            for (int i = 0; i < 3; i++) { bs[i].X = x[i] * c; bs[i].V = x[i + 1]; bs[i].Id = i + k; bs[i].Alive = i != 1; bs[i].K = i == 2 ? Kind.Heavy : Kind.Light; }
            bs[0].V += x[3];
            return Energy(bs, c) + bs[2].X;
        """),
        ("GenericCount", false, true, false, true, """
            int n = (int)(Math.Abs(x[0]) * 3) + 1;
            return PowN(x[1], n) * c + PowN(x[2] * x[3], k);
        """),
        ("ListLoop", false, true, false, true, """
            var l = new List<double> { x[0] };
            for (int i = 0; i < l.Count && i < k + 2; i++) l.Add(l[i] * c + x[(i + 1) % 4]);
            double first = l[0] * l[l.Count - 1];
            l[0] = x[3];
            return first + l.Sum();
        """),
        ("ListToListAddRange", true, false, false, true, """
            var l = x.ToList();
            l.AddRange(l);
            l.Add(c * x[0]);
            return (l.Sum() * l[0], l[l.Count - 1] + l[4]);
        """),
        ("SlotLoop", false, true, true, true, """
            var t = new double[4];
            for (int i = 0; i < 4; i++) t[i] = x[i] * c;
            var acc = new double[4];
            int j = k % 4;
            for (int i = 0; i < 4; i++) { acc[j] += t[i] * t[i]; if (acc[j] > 5) break; }
            return acc[j] + acc[0] * t[1];
        """),
        ("ValueAndArrayCallee", true, true, false, true, """
            var a = new[] { x[0], x[1] * c, x[2] };
            double s = Smooth(a, c);
            return (s + a[2] * a[1], a[1] * x[3]);
        """),
    };

    [Fact]
    public void HuntPrograms_EveryMode_MatchCentralDifferences()
    {
        var all = Programs.Select(p => new ModeMixPrograms.Program(p.Name,
            ModeMixPrograms.Opening(p.Name, p.Pair, p.F, p.H, p.J, false) + p.Body + "\n    }\n",
            ModeMixPrograms.Wrappers(p.Name, p.Pair, p.F, p.H, p.J), p.F, p.H, p.J, p.Pair ? 2 : 1, null)).ToList();
        ModeMixJudge.RunAndAssert(all, new Random(20261203), "latest", strict: true, "AUTODIFFGEN_HUNTMIX_LOG", output.WriteLine, Header);
    }
}
