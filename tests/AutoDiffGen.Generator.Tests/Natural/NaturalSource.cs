using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The programs of Natural/Programs, each compiled with the generator as a console project's would be: with the
/// SDK's implicit global usings, which the programs rely on as their authors did.
/// </summary>
internal static class NaturalSource
{
    /// <summary>What <c>&lt;ImplicitUsings&gt;enable&lt;/ImplicitUsings&gt;</c> adds to a console project.</summary>
    public const string ImplicitUsings =
        "global using global::System;\nglobal using global::System.Collections.Generic;\nglobal using global::System.IO;\n" +
        "global using global::System.Linq;\nglobal using global::System.Net.Http;\nglobal using global::System.Threading;\n" +
        "global using global::System.Threading.Tasks;\n";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Natural", "Programs");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.cs").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name + ".cs"));

    public static GeneratorOutput Run(string name) => GeneratorHarness.Run(ImplicitUsings, Text(name));

    /// <summary>Second attempts: a program as its author rewrote it after reading the first diagnostic (Natural/SecondAttempts).</summary>
    public static string SecondDirectory => Path.Combine(AppContext.BaseDirectory, "Natural", "SecondAttempts");

    public static IEnumerable<string> SecondNames() =>
        System.IO.Directory.GetFiles(SecondDirectory, "*.cs").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

    public static string SecondText(string name) => File.ReadAllText(Path.Combine(SecondDirectory, name + ".cs"));

    public static GeneratorOutput RunSecond(string name) => GeneratorHarness.Run(ImplicitUsings, SecondText(name));

    /// <summary>The third round (natural15): eight new programs in new domains, written at first attempt (Natural/ThirdAttempts).</summary>
    public static string ThirdDirectory => Path.Combine(AppContext.BaseDirectory, "Natural", "ThirdAttempts");

    public static IEnumerable<string> ThirdNames() =>
        System.IO.Directory.GetFiles(ThirdDirectory, "*.cs").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

    public static string ThirdText(string name) => File.ReadAllText(Path.Combine(ThirdDirectory, name + ".cs"));

    public static GeneratorOutput RunThird(string name) => GeneratorHarness.Run(ImplicitUsings, ThirdText(name));

    /// <summary>The fourth round (natural16): eight more programs in new domains, written at first attempt (Natural/FourthAttempts).</summary>
    public static string FourthDirectory => Path.Combine(AppContext.BaseDirectory, "Natural", "FourthAttempts");

    public static IEnumerable<string> FourthNames() =>
        System.IO.Directory.GetFiles(FourthDirectory, "*.cs").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

    public static string FourthText(string name) => File.ReadAllText(Path.Combine(FourthDirectory, name + ".cs"));

    public static GeneratorOutput RunFourth(string name) => GeneratorHarness.Run(ImplicitUsings, FourthText(name));

    /// <summary>The fifth round (natural18): sixteen programs in new domains, written at first attempt (Natural/FifthAttempts).</summary>
    public static string FifthDirectory => Path.Combine(AppContext.BaseDirectory, "Natural", "FifthAttempts");

    public static IEnumerable<string> FifthNames() =>
        System.IO.Directory.GetFiles(FifthDirectory, "*.cs").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

    public static string FifthText(string name) => File.ReadAllText(Path.Combine(FifthDirectory, name + ".cs"));

    public static GeneratorOutput RunFifth(string name) => GeneratorHarness.Run(ImplicitUsings, FifthText(name));

    /// <summary>The sixth round (natural19): sixteen programs in new domains, written at first attempt (Natural/SixthAttempts).</summary>
    public static string SixthDirectory => Path.Combine(AppContext.BaseDirectory, "Natural", "SixthAttempts");

    public static IEnumerable<string> SixthNames() =>
        System.IO.Directory.GetFiles(SixthDirectory, "*.cs").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

    public static string SixthText(string name) => File.ReadAllText(Path.Combine(SixthDirectory, name + ".cs"));

    public static GeneratorOutput RunSixth(string name) => GeneratorHarness.Run(ImplicitUsings, SixthText(name));

    /// <summary>
    /// The seventh round (natural20): numerics-library functions written the way such a library writes them, and C#
    /// translations of a peer AD tool's gradient tests (Natural/SeventhAttempts).
    /// </summary>
    public static string SeventhDirectory => Path.Combine(AppContext.BaseDirectory, "Natural", "SeventhAttempts");

    public static IEnumerable<string> SeventhNames() =>
        System.IO.Directory.GetFiles(SeventhDirectory, "*.cs").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

    public static string SeventhText(string name) => File.ReadAllText(Path.Combine(SeventhDirectory, name + ".cs"));

    public static GeneratorOutput RunSeventh(string name) => GeneratorHarness.Run(ImplicitUsings, SeventhText(name));

    private static readonly Dictionary<string, Lazy<Assembly>> LoadedSeventh = SeventhNames().ToDictionary(n => n, n => new Lazy<Assembly>(() => GeneratorHarness.CompileAndLoad(ImplicitUsings, SeventhText(n))));

    /// <summary>A seventh-round program compiled cleanly and loaded.</summary>
    public static Assembly SeventhAssembly(string name) => LoadedSeventh[name].Value;

    private static readonly Dictionary<string, Lazy<Assembly>> LoadedSixth = SixthNames().ToDictionary(n => n, n => new Lazy<Assembly>(() => GeneratorHarness.CompileAndLoad(ImplicitUsings, SixthText(n))));

    /// <summary>A sixth-round program compiled cleanly and loaded.</summary>
    public static Assembly SixthAssembly(string name) => LoadedSixth[name].Value;

    private static readonly Dictionary<string, Lazy<Assembly>> LoadedFifth = FifthNames().ToDictionary(n => n, n => new Lazy<Assembly>(() => GeneratorHarness.CompileAndLoad(ImplicitUsings, FifthText(n))));

    /// <summary>A fifth-round program compiled cleanly and loaded.</summary>
    public static Assembly FifthAssembly(string name) => LoadedFifth[name].Value;

    private static readonly Dictionary<string, Lazy<Assembly>> LoadedFourth = FourthNames().ToDictionary(n => n, n => new Lazy<Assembly>(() => GeneratorHarness.CompileAndLoad(ImplicitUsings, FourthText(n))));

    /// <summary>A fourth-round program compiled cleanly and loaded.</summary>
    public static Assembly FourthAssembly(string name) => LoadedFourth[name].Value;

    private static readonly Dictionary<string, Lazy<Assembly>> LoadedThird = ThirdNames().ToDictionary(n => n, n => new Lazy<Assembly>(() => GeneratorHarness.CompileAndLoad(ImplicitUsings, ThirdText(n))));

    /// <summary>A third-round program compiled cleanly and loaded.</summary>
    public static Assembly ThirdAssembly(string name) => LoadedThird[name].Value;

    private static readonly Dictionary<string, Lazy<Assembly>> LoadedSecond = SecondNames().ToDictionary(n => n, n => new Lazy<Assembly>(() => GeneratorHarness.CompileAndLoad(ImplicitUsings, SecondText(n))));

    /// <summary>A second attempt compiled cleanly and loaded.</summary>
    public static Assembly SecondAssembly(string name) => LoadedSecond[name].Value;

    /// <summary>
    /// Test scaffolding compiled next to a program: array-taking wrappers of span methods (a span cannot be boxed for
    /// reflection), named so <see cref="CentralDifferenceRunner"/> finds the pair. Not [Differentiable]: the
    /// generator leaves them alone.
    /// </summary>
    private static readonly Dictionary<string, string> Scaffolding = new()
    {
        ["N16_GenericRosenbrock"] = """
            namespace Natural;
            public static class Wrappers
            {
                public static double Rosenbrock(double[] x, double a, double b) => TestProblems.Rosenbrock<double>(x, a, b);
                public static double RosenbrockBackward(double[] x, double a, double b, double[] dX, ref double dA, ref double dB, double dResult) =>
                    TestProblems.RosenbrockBackward<double>(x, a, b, dX, ref dA, ref dB, dResult);
            }
            """,
        ["N18_Fir"] = """
            namespace Natural;
            public static class Wrappers
            {
                public static double FirLoss(double[] taps, double[] signal, double[] target) => Filters.FirLoss(taps, signal, target);
                public static double FirLossBackward(double[] taps, double[] signal, double[] target, double[] dTaps, double[] dSignal, double[] dTarget, double dResult) =>
                    Filters.FirLossBackward(taps, signal, target, dTaps, dSignal, dTarget, dResult);
            }
            """,
    };

    private static readonly Dictionary<string, Lazy<Assembly>> Loaded = Names().ToDictionary(n => n, n => new Lazy<Assembly>(() =>
        GeneratorHarness.CompileAndLoad(Scaffolding.TryGetValue(n, out var extra) ? new[] { ImplicitUsings, Text(n), extra } : new[] { ImplicitUsings, Text(n) })));

    /// <summary>The program compiled cleanly (no diagnostic of any kind) and loaded.</summary>
    public static Assembly Assembly(string name) => Loaded[name].Value;

    public static Type Type(string program, string type) => Assembly(program).GetType("Natural." + type) ?? throw new InvalidOperationException("no Natural." + type);

    /// <summary>A scaffolding wrapper of <see cref="Scaffolding"/>.</summary>
    public static MethodInfo Wrapper(string program, string method) => Type(program, "Wrappers").GetMethod(method)!;

    public static MethodInfo Method(string program, string type, string method)
    {
        var m = Type(program, type).GetMethods().Single(x => x.Name == method && x.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));
        return m.IsGenericMethodDefinition ? m.MakeGenericMethod(typeof(double)) : m;
    }
}
