using System.Reflection;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.Gallery;

/// <summary>samples/Gallery's method files (not its Program), compiled with the generator as the tests' own assembly.</summary>
internal static class GallerySource
{
    public static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Files().Select(File.ReadAllText).ToArray()));

    public static IEnumerable<string> Files() =>
        Directory.GetFiles(Path.Combine(RepoRoot(), "samples", "Gallery"), "*.cs")
            .Where(f => Path.GetFileName(f) != "Program.cs")
            .OrderBy(f => f, StringComparer.Ordinal);

    public static Type Type(string name) => Compiled.Value.GetType("Gallery." + name) ?? throw new InvalidOperationException("no Gallery." + name);

    /// <summary>The method; a generic one (generic math, e.g. Himmelblau&lt;T&gt;) closed at double.</summary>
    public static MethodInfo Method(string type, string name) => Close(Type(type).GetMethod(name) ?? throw new InvalidOperationException("no " + type + "." + name));

    /// <summary>The overload with <paramref name="parameters"/> parameters (a generic Backward has more than one), closed at double.</summary>
    public static MethodInfo Method(string type, string name, int parameters) =>
        Close(Type(type).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters));

    private static MethodInfo Close(MethodInfo method) => method.IsGenericMethodDefinition ? method.MakeGenericMethod(typeof(double)) : method;

    private static string RepoRoot([CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(path)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutoDiffGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("No AutoDiffGen.sln above " + path);
    }
}
