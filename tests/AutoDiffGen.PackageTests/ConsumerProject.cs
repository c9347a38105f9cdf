using System;
using System.IO;
using System.Linq;

namespace AutoDiffGen.PackageTests;

/// <summary>Writes a fresh console project that uses AutoDiffGen the way a user would.</summary>
internal static class ConsumerProject
{
    /// <summary>
    /// The lecture's first example, (x + y)·z at (−2, 5, −4), plus GradCheck from the runtime, and a loop whose
    /// Backward takes its tapes from the runtime's <c>AutoDiffGen.Internals.TapeWorkspace</c>.
    /// </summary>
    public const string ProgramSource = """
        using System;
        using System.Globalization;
        using AutoDiffGen;

        public static partial class Gates
        {
            [Differentiable]
            public static double F(double x, double y, double z) => (x + y) * z;

            [Differentiable]
            public static double Power(double x, int n)
            {
                double p = 1;
                for (int i = 0; i < n; i++) p *= x;
                return p;
            }
        }

        public static class Program
        {
            public static int Main()
            {
                double dx = 0, dy = 0, dz = 0;
                double f = Gates.FBackward(-2, 5, -4, ref dx, ref dy, ref dz);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"f={f} dx={dx} dy={dy} dz={dz}"));

                GradCheckResult check = GradCheck.Check(v => Gates.F(v[0], v[1], v[2]), new[] { -2.0, 5.0, -4.0 }, new[] { dx, dy, dz });
                Console.WriteLine(check.Passed ? "gradcheck passed" : check.ToString());

                double dp = 0;
                double p = Gates.PowerBackward(2, 3, ref dp);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"power={p} dpower={dp}"));

                return 0;
            }
        }
        """;

    /// <summary>The lines a correct consumer prints: ∂f/∂x = ∂f/∂y = z = −4, ∂f/∂z = x + y = 3; d(x³)/dx = 3x² = 12 at 2.</summary>
    public static readonly string[] ExpectedLines = { "f=-12 dx=-4 dy=-4 dz=3", "gradcheck passed", "power=8 dpower=12" };

    /// <summary>
    /// The same F without <c>Graph = true</c>: its graph exists only when the project's MSBuild property
    /// <c>AutoDiffGenEmitGraphs</c> reaches the generator. The program prints what it can only print when
    /// <c>FGraph</c> and <c>FTrace</c> were generated (otherwise it does not compile).
    /// </summary>
    public const string GraphProgramSource = """
        using System;
        using System.Globalization;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Gates
        {
            [Differentiable]
            public static double F(double x, double y, double z) => (x + y) * z;
        }

        public static class Program
        {
            public static int Main()
            {
                GraphView graph = Gates.FGraph;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"graph {graph.Name} nodes={graph.Nodes.Count} edges={graph.Edges.Count} gates={string.Join(",", graph.Nodes.Where(n => n.Kind == GraphNodeKind.Gate).Select(n => n.Label))}"));
                Console.WriteLine(graph.ToDot().Split('\n')[0]);

                GraphTrace trace = Gates.FTrace(-2, 5, -4);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trace f={trace.Value(graph.Output)} dx={trace.Gradient(graph.IndexOf("x"))} dy={trace.Gradient(graph.IndexOf("y"))} dz={trace.Gradient(graph.IndexOf("z"))}"));
                return 0;
            }
        }
        """;

    /// <summary>
    /// What <see cref="GraphProgramSource"/> prints: parameters x, y, z, the add and the multiply gates and the
    /// output are 6 nodes; x→+, y→+, +→*, z→*, *→output are 5 edges; the lecture's gradient on the wires.
    /// </summary>
    public static readonly string[] GraphExpectedLines = { "graph F nodes=6 edges=5 gates=+,*", "digraph \"F\" {", "trace f=-12 dx=-4 dy=-4 dz=3" };

    /// <summary>A [Differentiable] method in a class that is not partial: the declaration analyzer's ADG0001, nothing else.</summary>
    public const string NotPartialSource = """
        using AutoDiffGen;

        public static class Gates
        {
            [Differentiable]
            public static double F(double x, double y) => x * y;
        }

        public static class Program
        {
            public static int Main() => 0;
        }
        """;

    /// <summary>
    /// A netstandard2.0 library in C# 7.3 (its SDK default): a loop on tapes, branches, an early return, a call,
    /// an array, a span, a local array and a null test.
    /// </summary>
    public const string CSharp73LibrarySource = """
        using System;
        using AutoDiffGen;

        namespace Ns20
        {
            public static partial class Library
            {
                [Differentiable]
                public static double Horner(double[] c, double x)
                {
                    double acc = 0;
                    for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                    return acc;
                }

                [Differentiable]
                public static double SumSquares(ReadOnlySpan<double> x)
                {
                    double sum = 0;
                    for (int i = 0; i < x.Length; i++) sum += x[i] * x[i];
                    return sum;
                }

                [Differentiable(Graph = true)]
                public static double Piecewise(double x, double y)
                {
                    double r;
                    if (x > 1) r = x * y;
                    else r = Math.Exp(y) * x;
                    return r + Sigmoid(y);
                }

                [Differentiable]
                public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

                [Differentiable]
                public static double Guarded(double[] a, double x)
                {
                    if (a == null) return 0;
                    if (x > 10) return x;
                    double[] c = new double[2];
                    c[0] = a[0] * x;
                    c[1] = a[1];
                    return c[0] * c[1];
                }
            }
        }
        """;

    /// <summary>Creates <paramref name="directory"/> with a project, its Program.cs and fences against outer build files.</summary>
    /// <param name="directory">A new folder outside the repository.</param>
    /// <param name="name">The project name.</param>
    /// <param name="references">The project's reference items.</param>
    /// <param name="extraSource">A package source to add next to the machine's own, or null.</param>
    /// <param name="properties">Extra lines for the project's PropertyGroup, or null.</param>
    /// <param name="programSource">Program.cs; <see cref="ProgramSource"/> when null.</param>
    /// <param name="items">Extra items for the project's reference ItemGroup, or null.</param>
    /// <returns>The project file's path.</returns>
    public static string Write(string directory, string name, string references, string? extraSource, string? properties = null, string? programSource = null, string? items = null)
    {
        Directory.CreateDirectory(directory);

        // Stop MSBuild from walking up into whatever folder the temp dir lives in.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");

        if (extraSource is not null)
        {
            // No <clear/>: the machine's configured sources stay available for everything else.
            File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="autodiffgen-under-test" value="{extraSource}" />
                  </packageSources>
                </configuration>
                """);
        }

        File.WriteAllText(Path.Combine(directory, "Program.cs"), programSource ?? ProgramSource);
        string project = Path.Combine(directory, name + ".csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
            {properties}
              </PropertyGroup>
              <ItemGroup>
            {references}
            {items}
              </ItemGroup>
            </Project>
            """);
        return project;
    }

    /// <summary>The generated C# files under <paramref name="objRoot"/> (any …/generated/… folder).</summary>
    public static string[] GeneratedFiles(string objRoot) =>
        Directory.Exists(objRoot)
            ? Directory.EnumerateFiles(objRoot, "*.cs", SearchOption.AllDirectories)
                .Where(path => path.Replace('\\', '/').Contains("/generated/", StringComparison.Ordinal))
                .ToArray()
            : Array.Empty<string>();
}
