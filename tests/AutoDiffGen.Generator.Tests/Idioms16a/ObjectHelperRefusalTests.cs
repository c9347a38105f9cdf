using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms16a;

/// <summary>
/// Idioms16a item 1, just outside: the object a plain helper returns is let out of the caller (passed on, tested, stored),
/// its class is not a value class (a setter written, a virtual member), its constructor cannot be read, or the helper may
/// return an object it did not just create. Each is one error at the construct, saying why, and no code.
/// </summary>
public class ObjectHelperRefusalTests
{
    private const string Header = """
        using System;
        using AutoDiffGen;
        public sealed class Pair { public Pair(double a, double b) { A = a; B = b; } public double A { get; } public double B { get; } }
        public class Mutable { public Mutable(double a) { A = a; } public double A { get; set; } public void Bump() { A += 1; } }
        public class Virtual { public Virtual(double a) { A = a; } public double A { get; } public virtual double Twice => 2 * A; }
        public sealed class Branchy { public Branchy(double a) { if (a > 0) A = a; else A = -a; } public double A { get; } }
        public static class Make
        {
            public static readonly Pair Shared = new Pair(1, 2);
            public static Pair Polar(double r, double t) => new Pair(r * Math.Cos(t), r * Math.Sin(t));
            public static Pair Either(double a) => a > 0 ? new Pair(a, 2 * a) : Shared;
            public static Pair Via(double a) { var made = new Pair(a, 1); return made; }
            public static Mutable M(double a) => new Mutable(a * a);
            public static Virtual V(double a) => new Virtual(a * a);
            public static Branchy B(double a) => new Branchy(a * a);
            public static double Read(Pair p) => p.A;
        }
        public static partial class G
        {
            public static Pair? Kept;

        """;

    [Theory]
    // The caller lets the object out: passed on (through a local or at once), tested as a reference, stored in a field.
    [InlineData("double F(double x) { var pair = Make.Polar(x, 1); return Make.Read(pair) + pair.B; }", "ADG0003", "pair)", "passed to a call")]
    [InlineData("double F(double x) => Make.Read(Make.Polar(x, 2));", "ADG0003", "Make.Polar(x, 2)", "passed to a call")]
    [InlineData("double F(double x) { var pair = Make.Polar(x, 1); return pair == Make.Shared ? 0 : pair.A; }", "ADG0003", "pair ==", "An object of the class 'Pair' ('pair') used as a whole")]
    [InlineData("double F(double x) { Kept = Make.Polar(x, 3); return x * x; }", "ADG0003", "Make.Polar(x, 3)", "stored outside")]
    // The class is not a value class: a setter written, a virtual member in a class that is not sealed (read at once or through a local).
    [InlineData("double F(double x) => Make.M(x).A * x;", "ADG0004", "Make.M(x)", "returns an object of the class 'Mutable', a class whose member 'A' is written outside its constructors")]
    [InlineData("double F(double x) { var m = Make.M(x); return m.A; }", "ADG0004", "Make.M(x)", "returns an object of the class 'Mutable'")]
    [InlineData("double F(double x) => Make.V(x).A;", "ADG0004", "Make.V(x)", "a class with virtual members that is not sealed")]
    // A constructor the generator cannot read (a branch), an object that may be shared, an object kept in a local of the helper.
    [InlineData("double F(double x) => Make.B(x).A;", "ADG0004", "Make.B(x)", "A constructor of the struct 'Branchy' the generator cannot read")]
    [InlineData("double F(double x) => Make.Either(x).B;", "ADG0004", "Make.Either(x)", "not a new object it creates")]
    [InlineData("double F(double x) => Make.Via(x).A;", "ADG0004", "Make.Via(x)", "besides the one it returns")]
    public void OutsideTheValueReading_IsOneErrorAtTheConstruct(string method, string id, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static " + method + "\n}\n", id, at, says);
    }
}
