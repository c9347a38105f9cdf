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

    public static MethodInfo Method(string type, string name) => Type(type).GetMethod(name) ?? throw new InvalidOperationException("no " + type + "." + name);

    private static string RepoRoot([CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(path)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutoDiffGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("No AutoDiffGen.sln above " + path);
    }
}
