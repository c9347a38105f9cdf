using System.Reflection;
using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PeerSuite;

/// <summary>
/// hess21's reading of Clad's forward, Hessian and Jacobian tests (ModeSources/CladModes21.cs, HandSources/CladModes21Outputs.cs),
/// compiled once together: every supported mode checked against a hand derivation (written beside it, at a point where
/// the entries are non-zero and distinct where the function allows) and against central differences (of the method for
/// MForward and MJacobian, of MBackward's gradient for MHessian, with MHessianVector against both, HessianChecks); the
/// refused ones get exactly the pinned ADG error at the construct and no generated method.
/// </summary>
public class CladModes21HandTests
{
    private static string Read(string folder, string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PeerSuite", folder, file));

    private static readonly Lazy<GeneratorOutput> Run = new(() => GeneratorHarness.Run(
        Read("ModeSources", "CladModes21.cs"), Read("HandSources", "CladModes21Outputs.cs"), CladModes21Wrappers.Source));

    private static readonly Lazy<Type> Hand = new(() => GeneratorHarness.Load(Run.Value).GetType("PeerModes.Hand21", throwOnError: true)!);

    private static T Get<T>(string name) where T : Delegate => Hand.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    /// <summary>MForward along each unit tangent eₖ: by hand (column k of <paramref name="hand"/>, m outputs × n inputs) and by central differences.</summary>
    private static void Forward(string name, double[] p, double[] hand, Func<double[], double[]> value)
    {
        var tangent = Get<Func<double[], double[], double[]>>(name + "T");
        int n = p.Length, m = hand.Length / n;
        for (int k = 0; k < n; k++)
        {
            var e = new double[n];
            e[k] = 1;
            var t = tangent(p, e);
            Assert.Equal(m, t.Length);
            var central = Central(value, p, k);
            for (int i = 0; i < m; i++)
            {
                Tolerance.AssertFormula(hand[(i * n) + k], t[i], name + " forward output " + i + " along e" + k + " by hand");
                Tolerance.AssertCentral(central[i], t[i], value(p).Max(Math.Abs), name + " forward output " + i + " along e" + k + " vs central differences");
            }
        }
    }

    private static void Forward(string name, double[] p, double[] hand)
    {
        var f = Get<Func<double[], double>>(name);
        Forward(name, p, hand, q => new[] { f(q) });
    }

    /// <summary>MJacobian (m × n, row-major) by hand and against central differences of the outputs.</summary>
    private static void Jacobian(string name, double[] p, double[] hand, Func<double[], double[]> value)
    {
        var j = Enumerable.Repeat(double.NaN, hand.Length).ToArray();
        Get<Action<double[], double[]>>(name + "J")(p, j);
        int n = p.Length, m = hand.Length / n;
        for (int k = 0; k < n; k++)
        {
            var central = Central(value, p, k);
            for (int i = 0; i < m; i++)
            {
                Tolerance.AssertFormula(hand[(i * n) + k], j[(i * n) + k], name + " J[" + i + ", " + k + "] by hand");
                Tolerance.AssertCentral(central[i], j[(i * n) + k], value(p).Max(Math.Abs), name + " J[" + i + ", " + k + "] vs central differences");
            }
        }
    }

    private static void Hessian(string name, double[] p, double[] hand) =>
        HessianChecks.Check(name, Get<Func<double[], double[], double>>(name + "H"), Get<Func<double[], double[], double[], double>>(name + "V"),
            Get<Action<double[], double[]>>(name + "G"), p, hand, HessianChecks.Double);

    private static double[] Central(Func<double[], double[]> f, double[] p, int k, double h = 1e-6)
    {
        var up = (double[])p.Clone();
        var down = (double[])p.Clone();
        up[k] += h;
        down[k] -= h;
        var a = f(up);
        var b = f(down);
        return a.Select((v, i) => (v - b[i]) / (2 * h)).ToArray();
    }

    [Fact]
    public void GeneratorRunsClean_ExceptThePinnedRefusals()
    {
        var run = Run.Value;
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Id + " at " + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        // UsesOuter2: a callee returning a double that writes a double[,] (Hessian mode, ADG0019 at the call until hess23, inlined
        // since; PeerModesTests judges it against central differences). RefOutputs: Jacobian = true with ref outputs was
        // ADG0003 at the method's name until hess24 (its MJacobian is checked below). FillThenShift: its Span output passed on
        // while written (ADG0003 at the call, in every mode; FillThenShiftArray, what the error says to write, is checked below).
        Assert.Equal(new[] { "ADG0003 at Fill(a * b, b, res)" }, errors);
        Assert.Contains(run.Generated.Values, t => t.Contains(" UsesOuter2Hessian(", StringComparison.Ordinal));
        Assert.Contains(run.Generated.Values, t => t.Contains(" RefOutputsJacobian(", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Values, t => t.Contains(" FillThenShiftJacobian(", StringComparison.Ordinal));
    }

    [Fact]
    public void ForwardMode_ByHandAndCentralDifferences()
    {
        // x³ (Recursive.C's f_pow with p = 3): 3x² = 6.75 at 1.5.
        Forward("PowRec", new[] { 1.5 }, new[] { 6.75 });
        // −x² for x < 0, x² otherwise: −2x = 2.5 at −1.25, 2x = 1.5 at 0.75.
        Forward("SignedSquare", new[] { -1.25 }, new[] { 2.5 });
        Forward("SignedSquare", new[] { 0.75 }, new[] { 1.5 });
        // mask (1, −1, 1): α(a0 + a2) − β·a1 → (α, −β, α, a0 + a2, −a1) at a = (1, 2, 3), α = 2, β = 3: (2, −3, 2, 4, −2).
        Forward("MaskedSum", new[] { 1.0, 2, 3, 2, 3 }, new[] { 2.0, -3, 2, 4, -2 });
        // a0/a1 → (1/a1, −a0/a1²) = (0.5, −0.75) at (3, 2).
        Forward("Divide", new[] { 3.0, 2 }, new[] { 0.5, -0.75 });
        // Σ (s·vᵢ)² through AddSquare(ref acc, …): ∂/∂vᵢ = 2s²vᵢ = (0.5, 1, 1.5), ∂/∂s = 2sΣvᵢ² = 14 at v = (1, 2, 3), s = 0.5.
        Forward("SumOfSquares", new[] { 1.0, 2, 3, 0.5 }, new[] { 0.5, 1, 1.5, 14 });
        // Σᵢ₌₁³ xⁱe^(−iy): ∂x = Σ i·xⁱ⁻¹e^(−iy), ∂y = −Σ i·xⁱe^(−iy), at (1.5, 0.4).
        double x = 1.5, y = 0.4;
        Forward("PowExpLoop", new[] { x, y }, new[] { Enumerable.Range(1, 3).Sum(i => i * Math.Pow(x, i - 1) * Math.Exp(-i * y)), -Enumerable.Range(1, 3).Sum(i => i * Math.Pow(x, i) * Math.Exp(-i * y)) });
        // x + (x² + y)·y = x + x²y + y²: (1 + 2xy, x² + 2y) = (2.5, 3.25) at (1.5, 0.5).
        Forward("M", new[] { 1.5, 0.5 }, new[] { 2.5, 3.25 });
        // 4·X·Y²·i²·j with X = 3, Y = 5, = 300i²j: (600ij, 300i²) = (75, 75)… at (0.5, 0.25); at (0.5, 0.75): (225, 75).
        Forward("MemFn2", new[] { 0.5, 0.75 }, new[] { 225.0, 75 });
        // xz > y: (u³ + uy²) with u = xz, + e^z(x² + z²): see OuterHessian's derivation.
        Forward("Outer", new[] { 1.2, 0.5, 0.8 }, OuterGradient(1.2, 0.5, 0.8));
        // No early return at (1.5, 1.25, 0.5, 0.75): s₄ + d² with s₄ = ab⁴ + c(b³ + b² + b + 1).
        Forward("EarlyInLoop", new[] { 1.5, 1.25, 0.5, 0.75 }, EarlyGradient(1.5, 1.25, 0.5, 0.75, early: false));
        // The early return at (3, 3, 1, 0.5): s₄·d (s₃ = 94 ≤ 100 < s₄ = 283).
        Forward("EarlyInLoop", new[] { 3.0, 3, 1, 0.5 }, EarlyGradient(3, 3, 1, 0.5, early: true));
        // a³ + a²b·b through the void Cubes writing o: (3a² + 2ab², 2a²b) = (7.5, 2.25) at (1.5, 0.5).
        Forward("SumOfCubes", new[] { 1.5, 0.5 }, new[] { 7.5, 2.25 });
        // sin²(xy)·(sin²y + cos²y) + y² = sin²(xy) + y²: (y sin 2xy, x sin 2xy + 2y).
        Forward("F", new[] { 0.7, 1.1 }, new[] { 1.1 * Math.Sin(2 * 0.7 * 1.1), (0.7 * Math.Sin(2 * 0.7 * 1.1)) + 2.2 });
    }

    [Fact]
    public void ForwardMode_OfMethodsWritingOutputs_ByHandAndCentralDifferences()
    {
        // (r cos θ, (r² + θ²) sin θ): J = [[cos θ, −r sin θ], [2r sin θ, 2θ sin θ + (r² + θ²) cos θ]] at (1.5, 0.5).
        double r = 1.5, th = 0.5;
        var polar = new[] { Math.Cos(th), -r * Math.Sin(th), 2 * r * Math.Sin(th), (2 * th * Math.Sin(th)) + (((r * r) + (th * th)) * Math.Cos(th)) };
        Forward("Polar", new[] { r, th }, polar, Get<Func<double[], double[]>>("PolarY"));
        Jacobian("Polar", new[] { r, th }, polar, Get<Func<double[], double[]>>("PolarY"));
        // (a², a³): (2a, 3a²) = (3, 6.75) at 1.5.
        Forward("SquareTwice", new[] { 1.5 }, new[] { 3.0, 6.75 }, Get<Func<double[], double[]>>("SquareTwiceY"));
        Jacobian("SquareTwice", new[] { 1.5 }, new[] { 3.0, 6.75 }, Get<Func<double[], double[]>>("SquareTwiceY"));
        // (a0a1, a0² + b0, 2(a0 + b0)) over (a0, a1, b0) = (3, 1.5, 0.5): [[1.5, 3, 0], [6, 0, 1], [2, 0, 2]].
        var two = new[] { 1.5, 3, 0, 6, 0, 1, 2, 0, 2.0 };
        Forward("TwoArrays", new[] { 3.0, 1.5, 0.5 }, two, Get<Func<double[], double[]>>("TwoArraysY"));
        Jacobian("TwoArrays", new[] { 3.0, 1.5, 0.5 }, two, Get<Func<double[], double[]>>("TwoArraysY"));
        // x^(i+1)·y, i = 0..2, at (2, 0.75): rows ((i+1)xⁱy, x^(i+1)) = (0.75, 2), (3, 4), (9, 8).
        var powers = new[] { 0.75, 2, 3, 4, 9, 8.0 };
        Forward("Powers", new[] { 2.0, 0.75 }, powers, Get<Func<double[], double[]>>("PowersY"));
        Jacobian("Powers", new[] { 2.0, 0.75 }, powers, Get<Func<double[], double[]>>("PowersY"));
        // (10a + 9b², 9a² + 10b²) at (0.5, 1.5): [[10, 27], [9, 30]].
        var fill = new[] { 10.0, 27, 9, 30 };
        Forward("Fill", new[] { 0.5, 1.5 }, fill, Get<Func<double[], double[]>>("FillY"));
        Jacobian("Fill", new[] { 0.5, 1.5 }, fill, Get<Func<double[], double[]>>("FillY"));
        // Fill(ab, b) then + sin a: (10ab + 9b² + sin a, 9a²b² + 10b²) at (0.5, 1.5): [[10b + cos a, 10a + 18b], [18ab², 18a²b + 20b]].
        double a = 0.5, b = 1.5;
        var shift = new[] { (10 * b) + Math.Cos(a), (10 * a) + (18 * b), 18 * a * b * b, (18 * a * a * b) + (20 * b) };
        Forward("FillThenShiftArray", new[] { a, b }, shift, Get<Func<double[], double[]>>("FillThenShiftArrayY"));
        Jacobian("FillThenShiftArray", new[] { a, b }, shift, Get<Func<double[], double[]>>("FillThenShiftArrayY"));
        // b = 3a, c = −5b = −15a: forward (3, −15).
        Forward("RefOutputs", new[] { 0.7 }, new[] { 3.0, -15 }, Get<Func<double[], double[]>>("RefOutputsY"));
        // Its MJacobian (hess24): rows b, c left; columns a, b and c passed in (both overwritten, so their columns are 0):
        // [[3, 0, 0], [−15, 0, 0]], as Clad's jacobian of f_7.
        Jacobian("RefOutputs", new[] { 0.7, 0.4, -0.2 }, new[] { 3.0, 0, 0, -15, 0, 0 }, Get<Func<double[], double[]>>("RefOutputsBC"));
        // The gradient as a 1 × 2 Jacobian (Nested21.F, a scalar result).
        Jacobian("F", new[] { 0.7, 1.1 }, new[] { 1.1 * Math.Sin(1.54), (0.7 * Math.Sin(1.54)) + 2.2 }, q => new[] { Get<Func<double[], double>>("F")(q) });
    }

    [Fact]
    public void HessianMode_ByHandAndCentralDifferencesOfTheGradient()
    {
        // α(a0 + a2) − βa1 over (a0, a1, a2, α, β): H[a0,α] = H[a2,α] = 1, H[a1,β] = −1, else 0.
        Hessian("MaskedSum", new[] { 1.0, 2, 3, 2, 3 }, new double[] { 0, 0, 0, 1, 0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, -1, 0, 0, 0 });
        // a0/a1: [[0, −1/a1²], [−1/a1², 2a0/a1³]] = [[0, −0.25], [−0.25, 0.75]] at (3, 2).
        Hessian("Divide", new[] { 3.0, 2 }, new[] { 0, -0.25, -0.25, 0.75 });
        // Σᵢ xⁱe^(−iy): H_xx = Σ i(i−1)xⁱ⁻²e^(−iy), H_xy = −Σ i²xⁱ⁻¹e^(−iy), H_yy = Σ i²xⁱe^(−iy).
        double x = 1.5, y = 0.4;
        double hxx = Enumerable.Range(1, 3).Sum(i => i * (i - 1) * Math.Pow(x, i - 2) * Math.Exp(-i * y));
        double hxy = -Enumerable.Range(1, 3).Sum(i => i * i * Math.Pow(x, i - 1) * Math.Exp(-i * y));
        double hyy = Enumerable.Range(1, 3).Sum(i => i * i * Math.Pow(x, i) * Math.Exp(-i * y));
        Hessian("PowExpLoop", new[] { x, y }, new[] { hxx, hxy, hxy, hyy });
        // x + x²y + y²: [[2y, 2x], [2x, 2]] = [[1, 3], [3, 2]] at (1.5, 0.5).
        Hessian("M", new[] { 1.5, 0.5 }, new[] { 1.0, 3, 3, 2 });
        // 300i²j: [[600j, 600i], [600i, 0]] = [[450, 300], [300, 0]] at (0.5, 0.75).
        Hessian("MemFn2", new[] { 0.5, 0.75 }, new[] { 450.0, 300, 300, 0 });
        Hessian("WeightedSquare", new[] { 1.0, 2, 3, 0.4, 0.5, 0.6, 2 }, WeightedSquareHessian(new[] { 1.0, 2, 3 }, new[] { 0.4, 0.5, 0.6 }, 2));
        Hessian("Outer", new[] { 1.2, 0.5, 0.8 }, OuterHessian(1.2, 0.5, 0.8));
        Hessian("EarlyInLoop", new[] { 1.5, 1.25, 0.5, 0.75 }, EarlyHessian(1.5, 1.25, 0.5, 0.75, early: false));
        Hessian("EarlyInLoop", new[] { 3.0, 3, 1, 0.5 }, EarlyHessian(3, 3, 1, 0.5, early: true));
        // a³ + a²b² through the void callee (inlined since hess21): [[6a + 2b², 4ab], [4ab, 2a²]] = [[9.5, 3], [3, 4.5]] at (1.5, 0.5).
        Hessian("SumOfCubes", new[] { 1.5, 0.5 }, new[] { 9.5, 3, 3, 4.5 });
        // p0³p1 + p1³p2: [[6p0p1, 3p0², 0], [3p0², 6p1p2, 3p1²], [0, 3p1², 0]] at (0.5, 1.5, 2).
        Hessian("CubeChain", new[] { 0.5, 1.5, 2 }, new[] { 4.5, 0.75, 0, 0.75, 18, 6.75, 0, 6.75, 0 });
        // p0p1 + p1p2·p0: [[0, 1 + p2, p1], [1 + p2, 0, p0], [p1, p0, 0]] at (0.5, 1.5, 2).
        Hessian("JaggedRows", new[] { 0.5, 1.5, 2 }, new[] { 0, 3, 1.5, 3, 0, 0.5, 1.5, 0.5, 0 });
        // sin²(xy) + y²: H_xx = 2y² cos 2xy, H_xy = sin 2xy + 2xy cos 2xy, H_yy = 2x² cos 2xy + 2.
        double u = 0.7, w = 1.1, c2 = Math.Cos(2 * u * w), s2 = Math.Sin(2 * u * w);
        Hessian("F", new[] { u, w }, new[] { 2 * w * w * c2, s2 + (2 * u * w * c2), s2 + (2 * u * w * c2), (2 * u * u * c2) + 2 });
        // k²a0a1 (Scale(a, k) writes the parameter a once) over (k, a0, a1) = (1.5, 0.5, 2): [[2a0a1, 2ka1, 2ka0], [2ka1, 0, k²], [2ka0, k², 0]].
        Hessian("ScaleParam", new[] { 1.5, 0.5, 2 }, new[] { 2.0, 6, 1.5, 6, 0, 2.25, 1.5, 2.25, 0 });
        // k⁴a0a1 (twice, in a loop): [[12k²a0a1, 4k³a1, 4k³a0], [4k³a1, 0, k⁴], [4k³a0, k⁴, 0]].
        Hessian("ScaleParamTwice", new[] { 1.5, 0.5, 2 }, new[] { 27.0, 27, 6.75, 27, 0, 5.0625, 6.75, 5.0625, 0 });
    }

    /// <summary>m²D² with D = Σ aₖwₖ over (a0..a2, w0..w2, m): H[aₖ,aₗ] = 2m²wₖwₗ, H[aₖ,wₗ] = 2m²(aₗwₖ + Dδₖₗ), H[aₖ,m] = 4mDwₖ, H[wₖ,wₗ] = 2m²aₖaₗ, H[wₖ,m] = 4mDaₖ, H[m,m] = 2D².</summary>
    private static double[] WeightedSquareHessian(double[] a, double[] w, double m)
    {
        double d = a.Zip(w, (p, q) => p * q).Sum();
        var h = new double[49];
        for (int k = 0; k < 3; k++)
        {
            for (int l = 0; l < 3; l++)
            {
                h[(k * 7) + l] = 2 * m * m * w[k] * w[l];
                h[(k * 7) + 3 + l] = h[((3 + l) * 7) + k] = 2 * m * m * ((a[l] * w[k]) + (k == l ? d : 0));
                h[((3 + k) * 7) + 3 + l] = 2 * m * m * a[k] * a[l];
            }
            h[(k * 7) + 6] = h[(6 * 7) + k] = 4 * m * d * w[k];
            h[((3 + k) * 7) + 6] = h[(6 * 7) + 3 + k] = 4 * m * d * a[k];
        }
        h[48] = 2 * d * d;
        return h;
    }

    /// <summary>xz &gt; y: f = g(u, y) + e^z(x² + z²), g = u³ + uy², u = xz; g_u = 3u² + y².</summary>
    private static double[] OuterGradient(double x, double y, double z)
    {
        double u = x * z, gu = (3 * u * u) + (y * y), ez = Math.Exp(z);
        return new[] { (gu * z) + (2 * x * ez), 2 * u * y, (gu * x) + (ez * ((x * x) + (z * z))) + (2 * z * ez) };
    }

    /// <summary>
    /// With g_uu = 6u, g_uy = 2y, g_yy = 2u: H_xx = g_uu z² + 2e^z, H_xy = g_uy z, H_xz = g_uu xz + g_u + 2xe^z, H_yy = g_yy,
    /// H_yz = g_uy x, H_zz = g_uu x² + e^z(x² + z² + 4z + 2).
    /// </summary>
    private static double[] OuterHessian(double x, double y, double z)
    {
        double u = x * z, gu = (3 * u * u) + (y * y), guu = 6 * u, guy = 2 * y, gyy = 2 * u, ez = Math.Exp(z);
        double xx = (guu * z * z) + (2 * ez), xy = guy * z, xz = (guu * x * z) + gu + (2 * x * ez), yy = gyy, yz = guy * x;
        double zz = (guu * x * x) + (ez * ((x * x) + (z * z) + (4 * z) + 2));
        return new[] { xx, xy, xz, xy, yy, yz, xz, yz, zz };
    }

    /// <summary>s₄ = ab⁴ + c(b³ + b² + b + 1); no early return: s₄ + d², early: s₄·d.</summary>
    private static double[] EarlyGradient(double a, double b, double c, double d, bool early)
    {
        double s = (a * Math.Pow(b, 4)) + (c * (Math.Pow(b, 3) + (b * b) + b + 1));
        double sa = Math.Pow(b, 4), sb = (4 * a * Math.Pow(b, 3)) + (c * ((3 * b * b) + (2 * b) + 1)), sc = Math.Pow(b, 3) + (b * b) + b + 1;
        return early ? new[] { sa * d, sb * d, sc * d, s } : new[] { sa, sb, sc, 2 * d };
    }

    /// <summary>s_ab = 4b³, s_bb = 12ab² + c(6b + 2), s_bc = 3b² + 2b + 1; early: d·s's second derivatives and H[·,d] = s's first.</summary>
    private static double[] EarlyHessian(double a, double b, double c, double d, bool early)
    {
        double ab = 4 * Math.Pow(b, 3), bb = (12 * a * b * b) + (c * ((6 * b) + 2)), bc = (3 * b * b) + (2 * b) + 1;
        if (!early) return new[] { 0, ab, 0, 0, ab, bb, bc, 0, 0, bc, 0, 0, 0, 0, 0, 2 };
        var g = EarlyGradient(a, b, c, 1, early: false);
        return new[] { 0, ab * d, 0, g[0], ab * d, bb * d, bc * d, g[1], 0, bc * d, 0, g[2], g[0], g[1], g[2], 0 };
    }
}
