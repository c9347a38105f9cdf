using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists22;

/// <summary>
/// Issue 13 (lead, 2026-12-05): an array, list or sequence parameter of class objects without [NoDiff] whose elements'
/// real members are read was silently constant (linq22 checked it on a dump). ADG0036 (information) now says so at the
/// parameter, for each way of reading an element (indexed, foreach, a LINQ lambda); it stays quiet for [NoDiff], for reads
/// of non-real members only, and for arrays of reals or structs. The generated code is unchanged: the other inputs'
/// gradients are right (checked by hand and central differences).
/// </summary>
public class ClassElementsInfoTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public sealed record Asset(string Ticker, double Volatility, int Lots);
        public sealed class Item { public double Value { get; set; } public int Count; }

        public static partial class Lists22
        {
            [Differentiable]
            public static double Indexed(double[] w, Asset[] assets)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++) s += w[i] * w[i] * assets[i].Volatility;
                return s;
            }

            [Differentiable]
            public static double Looped(double x, List<Item> items)
            {
                double s = 0;
                foreach (var it in items) s += x * it.Value;
                return s;
            }

            [Differentiable]
            public static double Linq(double x, IReadOnlyList<Item> items) => x * x * items.Sum(it => it.Value);

            [Differentiable]
            public static double Marked(double x, [NoDiff] List<Item> items)
            {
                double s = 0;
                foreach (var it in items) s += x * it.Value;
                return s;
            }

            [Differentiable]
            public static double CountsOnly(double x, Asset[] assets)
            {
                double s = 0;
                for (int i = 0; i < assets.Length; i++) s += x * assets[i].Lots;
                return s;
            }

            [Differentiable]
            public static double Reals(double[] x, double[] y) => x[0] * y[1];
        }
        """;

    private static readonly Lazy<GeneratorOutput> Run = new(() => GeneratorHarness.RunForLoad(Source));

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.Load(Run.Value));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Lists22")!.GetMethod(name)!;

    [Fact]
    public void ElementsReadAsConstants_AreOneInfoAtTheParameter_AndNothingElse()
    {
        var run = Run.Value;
        Assert.True(run.Exceptions.IsEmpty && run.CompileDiagnostics.IsEmpty, run.Dump());
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var infos = run.Diagnostics.Where(d => d.Id == "ADG0036").ToList();
        Assert.All(infos, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        string At(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);
        Assert.Equal(new[] { "Asset[] assets", "IReadOnlyList<Item> items", "List<Item> items" }, infos.Select(At).OrderBy(s => s, StringComparer.Ordinal));
        // Each one at the method it belongs to (Marked's [NoDiff] list and CountsOnly's int member stay quiet).
        Assert.Contains(infos, d => At(d) == "Asset[] assets" && d.Location.GetLineSpan().StartLinePosition.Line == 11);
        var indexed = infos.Single(d => At(d) == "Asset[] assets");
        Assert.Contains("'assets' is an array of the class Asset", indexed.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("mark 'assets' [NoDiff]", indexed.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'items' is a List of the class Item", infos.Single(d => At(d) == "List<Item> items").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheOtherInputsGradients_AreRight_ByHand_AndCentralDifferences()
    {
        // Indexed = Σ w_i² vol_i: ∂/∂w_i = 2 w_i vol_i = (2·0.5·0.2, 2·(−1.5)·0.3) = (0.2, −0.9).
        var assets = new[] { new Asset22("A", 0.2), new Asset22("B", 0.3) };
        var asset = Compiled.Value.GetType("Asset")!;
        var typed = Array.CreateInstance(asset, 2);
        for (int i = 0; i < 2; i++) typed.SetValue(Activator.CreateInstance(asset, assets[i].Ticker, assets[i].Volatility, 1), i);
        var r = CentralDifferenceRunner.Check(Get("Indexed"), null, new object[] { new[] { 0.5, -1.5 }, typed });
        Tolerance.AssertFormula(0.2, r.Gradient[0]![0], "∂/∂w0");
        Tolerance.AssertFormula(-0.9, r.Gradient[0]![1], "∂/∂w1");
        // Linq = x² Σ value: ∂/∂x = 2x Σ value = 2·1.5·(0.7 − 0.2) = 1.5.
        var item = Compiled.Value.GetType("Item")!;
        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
        foreach (double v in new[] { 0.7, -0.2 })
        {
            object o = Activator.CreateInstance(item)!;
            item.GetProperty("Value")!.SetValue(o, v);
            list.Add(o);
        }
        r = CentralDifferenceRunner.Check(Get("Linq"), null, new object[] { 1.5, list });
        Tolerance.AssertFormula(1.5, r.Gradient[0]![0], "∂/∂x");
    }

    private sealed record Asset22(string Ticker, double Volatility);
}
