using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Objects23;

/// <summary>
/// Issue 13 items 6/4: <c>[WithRespectTo]</c> on an array of class objects. <c>MBackward</c> takes an array of the class,
/// one object per element, and adds element i's gradient into it: a record's by <c>with</c> (a new object in the slot),
/// a class of settable members in place, a class of get-only members through its constructor. Each shape by hand and
/// against central differences; the argument checks; what is refused, at the construct.
/// </summary>
public class ClassArrayTests
{
    private const string Source = """
        #nullable enable
        using System;
        using AutoDiffGen;

        public sealed record Asset(string Ticker, double Weight, double Return, int Lots);
        public sealed class Cell { public double A; public double B { get; set; } public int N; }
        public sealed class Frozen { public double W { get; } public double B { get; } public Frozen(double w, double b) { W = w; B = b; } }

        public static partial class O23
        {
            [Differentiable]
            public static double Portfolio(double k, [WithRespectTo] Asset[] assets)
            {
                double s = 0;
                for (int i = 0; i < assets.Length; i++) s += k * assets[i].Weight * assets[i].Return * assets[i].Return;
                return s;
            }

            [Differentiable]
            public static double Cells([WithRespectTo] Cell[] cells, double x)
            {
                double s = 0;
                foreach (var c in cells) s += c.A * c.B * x + c.N;
                return s;
            }

            [Differentiable]
            public static double Branches([WithRespectTo] Asset[] assets)
            {
                double s = 0;
                for (int i = 0; i < assets.Length; i++)
                {
                    var a = assets[i];
                    if (a.Weight > 0) s += a.Weight * a.Weight;
                    else s -= a.Return;
                }
                return s;
            }

            [Differentiable]
            public static double Frozen([WithRespectTo] Frozen[] fs)
            {
                double s = 0;
                for (int i = 0; i < fs.Length; i++) s += Math.Sin(fs[i].W) * fs[i].B;
                return s;
            }

            [Differentiable]
            public static double Caller([WithRespectTo] Asset[] assets, double x) => x * Portfolio(1.0, assets);
        }
        """;

    private static readonly Lazy<GeneratorOutput> Run = new(() => GeneratorHarness.RunForLoad(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.Load(Run.Value));

    private static MethodInfo M(string name) => Compiled.Value.GetType("O23")!.GetMethod(name)!;
    private static Type T(string name) => Compiled.Value.GetType(name)!;

    private static Array Assets(params (string T, double W, double R, int L)[] items)
    {
        var array = Array.CreateInstance(T("Asset"), items.Length);
        for (int i = 0; i < items.Length; i++) array.SetValue(Activator.CreateInstance(T("Asset"), items[i].T, items[i].W, items[i].R, items[i].L), i);
        return array;
    }

    private static double Get(object o, string member) =>
        (double)(o.GetType().GetProperty(member)?.GetValue(o) ?? o.GetType().GetField(member)!.GetValue(o))!;

    /// <summary>Element i of <paramref name="reals"/> (W, R per element) as assets "a", "b", … with Lots 3.</summary>
    private static Array AssetsOf(double[] reals) =>
        Assets(Enumerable.Range(0, reals.Length / 2).Select(i => (((char)('a' + i)).ToString(), reals[2 * i], reals[2 * i + 1], 3)).ToArray());

    [Fact]
    public void Generates_WithoutDiagnostics_AndTheAdjointIsAnArrayOfTheClass()
    {
        var run = Run.Value;
        Assert.True(run.Exceptions.IsEmpty && run.CompileDiagnostics.IsEmpty, run.Dump());
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Info);
        var backward = M("PortfolioBackward").GetParameters().Select(p => p.ParameterType).ToArray();
        Assert.Equal(new[] { typeof(double), T("Asset").MakeArrayType(), typeof(double).MakeByRefType(), T("Asset").MakeArrayType(), typeof(double) }, backward);
    }

    /// <summary>
    /// L = Σ k·Wᵢ·Rᵢ²: ∂Wᵢ = k·Rᵢ², ∂Rᵢ = 2k·Wᵢ·Rᵢ, ∂k = Σ Wᵢ·Rᵢ². At k = 1.5, (W, R) = (2, 0.5), (−1, 3), (0.8, −1.25):
    /// ∂W = (0.375, 13.5, 2.34375), ∂R = (3, −9, −3), ∂k = 0.5 − 9 + 1.25 = −7.25. dAssets starts at W = 1, R = 2 (added
    /// into); its Ticker and Lots stay as the caller set them.
    /// </summary>
    [Fact]
    public void Record_AddedIntoByWith_ByHand_AndCentralDifferences()
    {
        double[] at = { 2, 0.5, -1, 3, 0.8, -1.25 };
        var d = Assets(("x", 1, 2, 7), ("y", 1, 2, 7), ("z", 1, 2, 7));
        var firstAdjoint = d.GetValue(0);
        var args = new object?[] { 1.5, AssetsOf(at), 0.25, d, 1.0 };
        double value = (double)M("PortfolioBackward").Invoke(null, args)!;
        double Loss(double[] v) => (double)M("Portfolio").Invoke(null, new object[] { 1.5, AssetsOf(v) })!;
        Tolerance.AssertFormula(Loss(at), value, "value");
        double[] hand = { 0.375, 3, 13.5, -9, 2.34375, -3 };
        for (int j = 0; j < at.Length; j++)
        {
            var element = d.GetValue(j / 2)!;
            double got = Get(element, j % 2 == 0 ? "Weight" : "Return") - (j % 2 == 0 ? 1 : 2);
            Tolerance.AssertFormula(hand[j], got, "component " + j + " by hand");
            Tolerance.AssertCentral(Central(Loss, at, j), got, Math.Abs(value), "component " + j + " central");
            Assert.Equal("xyz"[j / 2].ToString(), (string)T("Asset").GetProperty("Ticker")!.GetValue(element)!);
            Assert.Equal(7, (int)T("Asset").GetProperty("Lots")!.GetValue(element)!);
        }
        Tolerance.AssertFormula(0.25 - 7.25, (double)args[2]!, "∂k added into 0.25");
        Assert.NotSame(firstAdjoint, d.GetValue(0));
    }

    private static double Central(Func<double[], double> f, double[] at, int j)
    {
        const double h = 1e-6;
        double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
        plus[j] += h;
        minus[j] -= h;
        return (f(plus) - f(minus)) / (2 * h);
    }

    private static Array Cells(params (double A, double B, int N)[] items)
    {
        var array = Array.CreateInstance(T("Cell"), items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            var c = Activator.CreateInstance(T("Cell"))!;
            T("Cell").GetField("A")!.SetValue(c, items[i].A);
            T("Cell").GetProperty("B")!.SetValue(c, items[i].B);
            T("Cell").GetField("N")!.SetValue(c, items[i].N);
            array.SetValue(c, i);
        }
        return array;
    }

    /// <summary>
    /// C = Σ (Aᵢ·Bᵢ·x + Nᵢ) over a foreach: ∂Aᵢ = Bᵢ·x, ∂Bᵢ = Aᵢ·x, ∂x = Σ Aᵢ·Bᵢ. At x = 0.7, (A, B) = (2, 3), (−1.5, 0.4):
    /// ∂A = (2.1, 0.28), ∂B = (1.4, −1.05), ∂x = 6 − 0.6 = 5.4. The adjoint objects are added into in place (the same objects).
    /// </summary>
    [Fact]
    public void SettableClass_InPlace_Foreach_ByHand_AndCentralDifferences()
    {
        double[] at = { 2, 3, -1.5, 0.4 };
        Array Of(double[] v) => Cells((v[0], v[1], 1), (v[2], v[3], 2));
        var d = Cells((0.5, 0.5, 9), (0.5, 0.5, 9));
        var objects = new[] { d.GetValue(0), d.GetValue(1) };
        var args = new object?[] { Of(at), 0.7, d, 0.0, 1.0 };
        double value = (double)M("CellsBackward").Invoke(null, args)!;
        double C(double[] v) => (double)M("Cells").Invoke(null, new object[] { Of(v), 0.7 })!;
        Tolerance.AssertFormula(C(at), value, "value");
        double[] hand = { 2.1, 1.4, 0.28, -1.05 };
        for (int j = 0; j < 4; j++)
        {
            double got = Get(d.GetValue(j / 2)!, j % 2 == 0 ? "A" : "B") - 0.5;
            Tolerance.AssertFormula(hand[j], got, "component " + j + " by hand");
            Tolerance.AssertCentral(Central(C, at, j), got, Math.Abs(value), "component " + j + " central");
        }
        Tolerance.AssertFormula(5.4, (double)args[3]!, "∂x");
        Assert.Same(objects[0], d.GetValue(0));
        Assert.Equal(9, (int)T("Cell").GetField("N")!.GetValue(d.GetValue(1))!);
    }

    /// <summary>
    /// B = Σ (Wᵢ > 0 ? Wᵢ² : −Rᵢ) through a local element: at (W, R) = (2, 0.5), (−1, 3), (0.8, −1.25) ∂W = (4, 0, 1.6),
    /// ∂R = (0, −1, 0).
    /// </summary>
    [Fact]
    public void Branches_OnALocalElement_ByHand_AndCentralDifferences()
    {
        double[] at = { 2, 0.5, -1, 3, 0.8, -1.25 };
        var d = AssetsOf(new double[6]);
        double value = (double)M("BranchesBackward").Invoke(null, new object?[] { AssetsOf(at), d, 1.0 })!;
        double B(double[] v) => (double)M("Branches").Invoke(null, new object[] { AssetsOf(v) })!;
        double[] hand = { 4, 0, 0, -1, 1.6, 0 };
        for (int j = 0; j < 6; j++)
        {
            double got = Get(d.GetValue(j / 2)!, j % 2 == 0 ? "Weight" : "Return");
            Tolerance.AssertFormula(hand[j], got, "component " + j + " by hand");
            Tolerance.AssertCentral(Central(B, at, j), got, Math.Abs(value), "component " + j + " central");
        }
    }

    /// <summary>F = Σ sin(Wᵢ)·Bᵢ: ∂Wᵢ = cos(Wᵢ)·Bᵢ, ∂Bᵢ = sin(Wᵢ); a class of get-only members rebuilt through its constructor.</summary>
    [Fact]
    public void GetOnlyClass_RebuiltThroughItsConstructor_ByHand_AndCentralDifferences()
    {
        double[] at = { 0.3, 2.0, -1.1, 0.7 };
        Array Of(double[] v)
        {
            var array = Array.CreateInstance(T("Frozen"), v.Length / 2);
            for (int i = 0; i < v.Length / 2; i++) array.SetValue(Activator.CreateInstance(T("Frozen"), v[2 * i], v[2 * i + 1]), i);
            return array;
        }
        var d = Of(new double[] { 1, 1, 1, 1 });
        double value = (double)M("FrozenBackward").Invoke(null, new object?[] { Of(at), d, 1.0 })!;
        double F(double[] v) => (double)M("Frozen").Invoke(null, new object[] { Of(v) })!;
        for (int j = 0; j < 4; j++)
        {
            double w = at[j / 2 * 2], b = at[j / 2 * 2 + 1];
            double hand = j % 2 == 0 ? Math.Cos(w) * b : Math.Sin(w);
            double got = Get(d.GetValue(j / 2)!, j % 2 == 0 ? "W" : "B") - 1;
            Tolerance.AssertFormula(hand, got, "component " + j + " by hand");
            Tolerance.AssertCentral(Central(F, at, j), got, Math.Abs(value), "component " + j + " central");
        }
    }

    /// <summary>
    /// Caller = x·Portfolio(1, assets) = x·Σ Wᵢ·Rᵢ²: ∂Wᵢ = x·Rᵢ², ∂Rᵢ = 2x·Wᵢ·Rᵢ, ∂x = Σ Wᵢ·Rᵢ². At x = −0.5 and the points
    /// above: ∂W = (−0.125, −4.5, −0.78125), ∂R = (−1, 3, 1), ∂x = −7.25.
    /// </summary>
    [Fact]
    public void PassedWholeToADifferentiableCallee_ByHand_AndCentralDifferences()
    {
        double[] at = { 2, 0.5, -1, 3, 0.8, -1.25 };
        var d = AssetsOf(new double[6]);
        var args = new object?[] { AssetsOf(at), -0.5, d, 0.0, 1.0 };
        double value = (double)M("CallerBackward").Invoke(null, args)!;
        double C(double[] v) => (double)M("Caller").Invoke(null, new object[] { AssetsOf(v), -0.5 })!;
        double[] hand = { -0.125, -1, -4.5, 3, -0.78125, 1 };
        for (int j = 0; j < 6; j++)
        {
            double got = Get(d.GetValue(j / 2)!, j % 2 == 0 ? "Weight" : "Return");
            Tolerance.AssertFormula(hand[j], got, "component " + j + " by hand");
            Tolerance.AssertCentral(Central(C, at, j), got, Math.Abs(value), "component " + j + " central");
        }
        Tolerance.AssertFormula(-7.25, (double)args[3]!, "∂x");
    }

    [Fact]
    public void ADifferentLength_OrANullElement_IsAnArgumentException_AtTheCall()
    {
        var good = AssetsOf(new double[] { 1, 2, 3, 4 });
        ArgumentException Throws(object?[] args) =>
            (ArgumentException)Assert.Throws<TargetInvocationException>(() => M("PortfolioBackward").Invoke(null, args)).InnerException!;
        var length = Throws(new object?[] { 1.0, good, 0.0, AssetsOf(new double[6]), 1.0 });
        Assert.IsType<ArgumentException>(length);
        var holes = AssetsOf(new double[4]);
        holes.SetValue(null, 1);
        var adjointHole = Throws(new object?[] { 1.0, good, 0.0, holes, 1.0 });
        Assert.IsType<ArgumentException>(adjointHole);
        Assert.Contains("'dAssets[1]' is null", adjointHole.Message, StringComparison.Ordinal);
        var primalHole = AssetsOf(new double[4]);
        primalHole.SetValue(null, 0);
        var primal = Throws(new object?[] { 1.0, primalHole, 0.0, AssetsOf(new double[4]), 1.0 });
        Assert.Contains("'assets[0]' is null", primal.Message, StringComparison.Ordinal);
    }

    private const string Outside = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public sealed record Asset(string Ticker, double Weight, double Return, int Lots);
        public sealed class Inner { public double X; }
        public sealed class Holder { public double A; public Inner I = new Inner(); }
        public sealed class Cell { public double A; public double B { get; set; } public int N; }

        public static partial class R23
        {
            [Differentiable] public static double Store([WithRespectTo] Asset[] assets) { assets[0] = assets[1]; return assets[0].Weight; }
            [Differentiable] public static double MemberStore([WithRespectTo] Cell[] cells, double x) { cells[0].A = x; return cells[0].A * x; }
            [Differentiable] public static double ForeachStore([WithRespectTo] Cell[] cells, double x) { double s = 0; foreach (var c in cells) { c.B = x; s += c.A; } return s; }
            [Differentiable] public static double ClassMember([WithRespectTo] Holder[] hs, double x) => hs[0].I.X * x + hs[0].A;
            [Differentiable] public static double Linq([WithRespectTo] Asset[] assets) => assets.Sum(a => a.Weight * a.Return);
            [Differentiable] public static double Jagged([WithRespectTo] Asset[][] nested) => nested[0][0].Weight;
            [Differentiable] public static double Other([WithRespectTo] Asset[] mixed, Asset[] more) => mixed[0].Weight + more[0].Weight;
            [Differentiable] public static double Second([WithRespectTo] Asset[] named) { var b = named; return b[0].Weight; }
            [Differentiable] public static double LocalArray([WithRespectTo] Asset[] copied) { var b = new Asset[1]; b[0] = copied[0]; return b[0].Weight; }
            [Differentiable] public static double Callee(double k, [WithRespectTo] Asset[] held) { double s = 0; for (int i = 0; i < held.Length; i++) s += k * held[i].Weight; return s; }
            [Differentiable] public static double NoDiffCaller(double x, [NoDiff] Asset[] plain) => x * Callee(x, plain);
        }
        """;

    /// <summary>
    /// Each refused shape: its ADG id (or ids) at the construct, and no code for its method. (A List, Forward = true and
    /// Hessian = true were refused here until objects24, which carries them: Objects24/ClassListTests.)
    /// </summary>
    [Theory]
    [InlineData("Store", "ADG0007", "assets[0] = assets[1]")]
    [InlineData("MemberStore", "ADG0007", "cells[0].A = x")]
    [InlineData("ForeachStore", "ADG0007", "c.B = x")]
    [InlineData("ClassMember", "ADG0003", "hs[0].I")]
    [InlineData("Linq", "ADG0003", "assets")]
    [InlineData("Jagged", "ADG0006", "[WithRespectTo] Asset[][] nested")]
    [InlineData("Other", "ADG0006", "[WithRespectTo] Asset[] mixed")]
    [InlineData("Second", "ADG0003", "named")]
    [InlineData("LocalArray", "ADG0003,ADG0007", "new Asset[1]")]
    [InlineData("NoDiffCaller", "ADG0003", "plain")]
    public void Refused_AtTheConstruct_WithNoCode(string method, string id, string at)
    {
        var run = Refusals.Value;
        Assert.Empty(run.Exceptions);
        var line = Outside.Split('\n').Select((text, i) => (text, i)).Single(l => l.text.Contains(" " + method + "(", StringComparison.Ordinal)).i;
        var mine = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.GetLineSpan().StartLinePosition.Line == line).ToList();
        Assert.True(mine.Count > 0 && mine.All(d => id.Split(',').Contains(d.Id)), method + ": " + string.Join("; ", mine));
        Assert.Contains(mine, d => Outside.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == at);
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("." + method + "_", StringComparison.Ordinal));
    }

    private static readonly Lazy<GeneratorOutput> Refusals = new(() => GeneratorHarness.Run(Outside));
}
