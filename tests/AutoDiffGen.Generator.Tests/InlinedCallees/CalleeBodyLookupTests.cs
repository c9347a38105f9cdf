using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.InlinedCallees;

/// <summary>
/// The five places that inline a callee's source body (a plain ref helper, a small [Differentiable] callee, a struct's
/// method returning a real, a struct's mutating method, an object's own helper on <c>this</c>) find it one way
/// (Lowering/CalleeBodies): a body in this compilation, declared once. Each site: its callee inlined (gradient by hand and
/// by central differences), the same callee written as a partial method refused as before (its defining part has no
/// body), and a callee in a referenced project treated as the DLL the build sees (the IDE hands the generator a
/// compilation reference; a struct's method returning a real then threw, ADG9999 on 'F', and so did a struct's computed
/// property, operator and constructor, whose lookups are not CalleeBodies' but now check the compilation as it does).
/// </summary>
public class CalleeBodyLookupTests
{
    private const double X = 1.5;

    /// <summary>Site, program, hand-derived dF/dx at x = 1.5.</summary>
    public static TheoryData<string, string, double> Inlined => new()
    {
        // y = x, then y *= x: F = x², F' = 2x = 3.
        { "plain ref helper", "using AutoDiffGen; public static partial class U { static void Next(ref double y, double a) { y = y * a; } [Differentiable] public static double F(double x) { double y = x; Next(ref y, x); return y; } }", 2 * X },
        // F = x² + x, F' = 2x + 1 = 4.
        { "inlined callee", "using AutoDiffGen; public static partial class U { [Differentiable] public static double Sq(double x) => x * x; [Differentiable] public static double F(double x) => Sq(x) + x; }", 2 * X + 1 },
        // v·v with v = (x, 2): F = x² + 4, F' = 2x = 3.
        { "struct method", "using AutoDiffGen; public struct V { public double X; public double Y; public double Dot(V o) => X * o.X + Y * o.Y; } public static partial class U { [Differentiable] public static double F(double x) { var v = new V { X = x, Y = 2 }; return v.Dot(v); } }", 2 * X },
        // X = x, then X *= x: F = x², F' = 2x = 3.
        { "mutating struct method", "using AutoDiffGen; public struct V { public double X; public double Y; public void Scale(double k) { X *= k; } } public static partial class U { [Differentiable] public static double F(double x) { var v = new V { X = x, Y = 2 }; v.Scale(x); return v.X; } }", 2 * X },
        // W·x² with W = 3 a constant member: F' = 6x = 9.
        { "helper on this", "using AutoDiffGen; public partial class U { public double W = 3; public double Predict(double x) => W * x * x; [Differentiable] public double F(double x) => Predict(x); }", 6 * X },
    };

    [Theory]
    [MemberData(nameof(Inlined))]
    public void EachSite_InlinesItsCallee(string site, string source, double expected)
    {
        var type = GeneratorHarness.CompileAndLoad(source).GetType("U")!;
        var receiver = type.IsAbstract ? null : Activator.CreateInstance(type);
        var r = CentralDifferenceRunner.Check(type.GetMethod("F")!, receiver, [X]);
        Tolerance.AssertFormula(expected, r.Gradient[0]![0], site);
    }

    /// <summary>Site, the same callee as a partial method, the id reported and where.</summary>
    public static TheoryData<string, string, string, string> Partial => new()
    {
        { "plain ref helper", "using AutoDiffGen; public static partial class U { static partial void Next(ref double y, double a); static partial void Next(ref double y, double a) { y = y * a; } [Differentiable] public static double F(double x) { double y = x; Next(ref y, x); return y; } }", "ADG0002", "Next(ref y, x)" },
        { "inlined callee", "using AutoDiffGen; public static partial class U { [Differentiable] public static partial double Sq(double x); public static partial double Sq(double x) => x * x; [Differentiable] public static double F(double x) => Sq(x) + x; }", "ADG0017", "Sq(x)" },
        { "struct method", "using AutoDiffGen; public partial struct V { public double X; public double Y; public partial double Dot(V o); public partial double Dot(V o) => X * o.X + Y * o.Y; } public static partial class U { [Differentiable] public static double F(double x) { var v = new V { X = x, Y = 2 }; return v.Dot(v); } }", "ADG0003", "v.Dot(v)" },
        { "mutating struct method", "using AutoDiffGen; public partial struct V { public double X; public double Y; public partial void Scale(double k); public partial void Scale(double k) { X *= k; } } public static partial class U { [Differentiable] public static double F(double x) { var v = new V { X = x, Y = 2 }; v.Scale(x); return v.X; } }", "ADG0002", "v.Scale(x)" },
        { "helper on this", "using AutoDiffGen; public partial class U { public double W = 3; public partial double Predict(double x); public partial double Predict(double x) => W * x * x; [Differentiable] public double F(double x) => Predict(x); }", "ADG0004", "Predict(x)" },
    };

    [Theory]
    [MemberData(nameof(Partial))]
    public void EachSite_RefusesAPartialCallee_AtTheCall(string site, string source, string id, string at)
    {
        var result = GeneratorHarness.Run(source);
        Assert.True(result.Exceptions.IsEmpty, site);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == id && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at
            && d.Location.SourceTree.GetText().ToString().Contains("[Differentiable] public " + (site == "helper on this" ? "" : "static ") + "double F", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Values, g => g.Contains("FBackward", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics);
    }

    /// <summary>Site, the library, the user's program (calling it), the id reported from the DLL and where.</summary>
    public static TheoryData<string, string, string, string, string> Referenced => new()
    {
        { "plain ref helper", "namespace Lib { public static class H { public static void Next(ref double y, double a) { y = y * a; } } }",
          "using AutoDiffGen; public static partial class U { [Differentiable] public static double F(double x) { double y = x; Lib.H.Next(ref y, x); return y; } }", "ADG0002", "Lib.H.Next(ref y, x)" },
        { "struct method", "namespace Lib { public struct V { public double X; public double Y; public double Dot(V o) => X * o.X + Y * o.Y; } }",
          "using AutoDiffGen; public static partial class U { [Differentiable] public static double F(double x) { var v = new Lib.V { X = x, Y = 2 }; return v.Dot(v); } }", "ADG0003", "v.Dot(v)" },
        { "mutating struct method", "namespace Lib { public struct V { public double X; public double Y; public void Scale(double k) { X *= k; } } }",
          "using AutoDiffGen; public static partial class U { [Differentiable] public static double F(double x) { var v = new Lib.V { X = x, Y = 2 }; v.Scale(x); return v.X; } }", "ADG0002", "v.Scale(x)" },
        { "helper on this", "namespace Lib { public class B { public double W = 3; public double Predict(double x) => W * x * x; } }",
          "using AutoDiffGen; public partial class U : Lib.B { [Differentiable] public double F(double x) => Predict(x); }", "ADG0004", "Predict(x)" },
        { "computed property", "namespace Lib { public struct V { public double X; public double Y; public double Norm2 => X * X + Y * Y; } }",
          "using AutoDiffGen; public static partial class U { [Differentiable] public static double F(double x) { var v = new Lib.V { X = x, Y = 2 }; return v.Norm2; } }", "ADG0003", "v.Norm2" },
        { "operator", "namespace Lib { public struct V { public double X; public double Y; public static V operator +(V a, V b) => new V { X = a.X + b.X, Y = a.Y + b.Y }; } }",
          "using AutoDiffGen; public static partial class U { [Differentiable] public static double F(double x) { var v = new Lib.V { X = x, Y = 2 }; var w = v + v; return w.X; } }", "ADG0003", "v + v" },
        { "constructor", "namespace Lib { public struct V { public double X; public double Y; public V(double a) { X = a; Y = 2 * a; } } }",
          "using AutoDiffGen; public static partial class U { [Differentiable] public static double F(double x) { var v = new Lib.V(x); return v.Y; } }", "ADG0003", "new Lib.V(x)" },
    };

    [Theory]
    [MemberData(nameof(Referenced))]
    public void ACalleeInAReferencedProject_IsTreatedAsInItsDll(string site, string library, string user, string id, string at)
    {
        var lib = GeneratorHarness.CreateCompilation(library).WithAssemblyName("CalleeBodyLib" + site.Replace(" ", "", StringComparison.Ordinal));
        using var image = new MemoryStream();
        Assert.True(lib.Emit(image).Success);
        var fromDll = Diagnose(user, MetadataReference.CreateFromImage(image.ToArray()));
        var fromProject = Diagnose(user, lib.ToMetadataReference());
        Assert.Equal([(id, at)], fromDll);
        Assert.Equal(fromDll, fromProject);
    }

    private static (string Id, string At)[] Diagnose(string user, MetadataReference reference)
    {
        var compilation = GeneratorHarness.CreateCompilation(user).AddReferences(reference);
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var diagnostics);
        Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));
        Assert.Empty(updated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return diagnostics.Select(d => (d.Id, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))).ToArray();
    }
}
