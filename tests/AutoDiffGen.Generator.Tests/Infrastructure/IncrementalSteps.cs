using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Helpers for incremental-caching tests (after Mapperly's IncrementalGeneratorTest and
/// NetEscapades.EnumGenerators' TestHelpers): run a step-tracking driver across edits and read
/// the reason each tracked step gives for each of its outputs.
/// </summary>
public static class IncrementalSteps
{
    /// <summary>The output reasons that mean "nothing was regenerated".</summary>
    public static bool IsCachedOrUnchanged(IncrementalStepRunReason reason) =>
        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    /// <summary>Every output of a named tracked step, with its reason; empty when the step did not run.</summary>
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriverRunResult run, string stepName) =>
        run.Results[0].TrackedSteps.TryGetValue(stepName, out var steps)
            ? steps.SelectMany(s => s.Outputs).ToList()
            : Array.Empty<(object, IncrementalStepRunReason)>();

    /// <summary>
    /// Every source-output step (RegisterSourceOutput) with its reason, keyed by the value the output
    /// callback received (the step's input: a model, or the collected diagnostics). The step's own
    /// output value is what it produced (GeneratedSourceText, Diagnostic), which is Roslyn's by nature.
    /// </summary>
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> SourceOutputs(GeneratorDriverRunResult run) =>
        run.Results[0].TrackedOutputSteps.SelectMany(kv => kv.Value)
            .SelectMany(s => s.Outputs.Select(o => (Input: s.Inputs.Length == 1 ? s.Inputs[0].Source.Outputs[s.Inputs[0].OutputIndex].Value : null, o.Reason)))
            .Where(o => o.Input is not null)
            .Select(o => (o.Input!, o.Reason))
            .ToList();

    /// <summary>
    /// The [Differentiable] method an output belongs to: a value with a <c>MethodName</c>, or a
    /// <c>Model</c> that has one (read by reflection so these tests survive model refactorings).
    /// </summary>
    public static string? MethodNameOf(object? value)
    {
        if (value is null) return null;
        var type = value.GetType();
        if (type.GetProperty("MethodName")?.GetValue(value) is string name) return name;
        // A model paired with a setting (the emitter's input is the model and whether its text may be reused).
        if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)) return MethodNameOf(type.GetField("Item1")?.GetValue(value));
        return MethodNameOf(type.GetProperty("Model")?.GetValue(value));
    }

    public static bool IsPair(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTuple<,>);

    /// <summary>The reason each method's output got in a step, keyed by method name.</summary>
    public static Dictionary<string, IncrementalStepRunReason> ReasonsByMethod(GeneratorDriverRunResult run, string stepName) =>
        Outputs(run, stepName)
            .Select(o => (Name: MethodNameOf(o.Value), o.Reason))
            .Where(o => o.Name is not null)
            .GroupBy(o => o.Name!)
            .ToDictionary(g => g.Key, g => g.Last().Reason);

    /// <summary>A readable table of every tracked step and output step, for failure messages.</summary>
    public static string Describe(GeneratorDriverRunResult run)
    {
        var text = new StringBuilder();
        var result = run.Results[0];
        foreach (var (kind, steps) in new[] { ("step", result.TrackedSteps), ("output", result.TrackedOutputSteps) })
        {
            foreach (var kv in steps.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                foreach (var step in kv.Value)
                {
                    text.Append(kind).Append(' ').Append(kv.Key).Append(": ");
                    object? label = kind == "output" && step.Inputs.Length == 1 ? step.Inputs[0].Source.Outputs[step.Inputs[0].OutputIndex].Value : null;
                    text.AppendLine(string.Join(", ", step.Outputs.Select(o => (MethodNameOf(label ?? o.Value) ?? (label ?? o.Value)?.GetType().Name ?? "null") + "=" + o.Reason)));
                }
            }
        }
        return text.ToString();
    }

    /// <summary>The generated files of a run, by hint name.</summary>
    public static SortedDictionary<string, string> Generated(GeneratorDriver driver) =>
        new(driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString()), StringComparer.Ordinal);

    /// <summary>Replaces the text of the tree at <paramref name="path"/>, keeping every other tree object as it was.</summary>
    public static CSharpCompilation ReplaceFile(CSharpCompilation compilation, string path, string newText)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(newText, GeneratorHarness.ParseOptions, path));
    }
}

/// <summary>
/// Walks an object graph (fields of classes and structs, array elements, recursively, with a visited
/// set) and finds any Roslyn object: a symbol, syntax node/token/tree, location, compilation,
/// semantic model or any other type from the Microsoft.CodeAnalysis namespaces. Holding one in a
/// pipeline model breaks caching (it never compares equal) and roots whole compilations in memory.
/// Roslyn enums and the plain-data text structs (TextSpan, LinePosition, LinePositionSpan) carry no
/// references and are allowed.
/// </summary>
public static class RoslynObjectWalker
{
    private static readonly HashSet<string> PlainDataTypes = new(StringComparer.Ordinal)
    {
        "Microsoft.CodeAnalysis.Text.TextSpan",
        "Microsoft.CodeAnalysis.Text.LinePosition",
        "Microsoft.CodeAnalysis.Text.LinePositionSpan",
    };

    /// <summary>The path to the first Roslyn object reachable from <paramref name="root"/>, or null if none is.</summary>
    /// <param name="skip">Fields not to follow (a diagnostics step's locations, which are Roslyn objects by design).</param>
    public static string? FindRoslynObject(object? root, string rootName = "output", Func<FieldInfo, bool>? skip = null)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(object Value, string Path)>();
        if (root is not null) stack.Push((root, rootName));
        while (stack.Count > 0)
        {
            var (value, path) = stack.Pop();
            var type = value.GetType();
            if (IsRoslyn(type)) return path + " : " + type.FullName;
            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal || value is MemberInfo) continue;
            if (!type.IsValueType && !visited.Add(value)) continue;
            if (value is Delegate d)
            {
                // A delegate holds its method (reflection, not data) and the closure it captured.
                if (d.Target is not null) stack.Push((d.Target, path + ".Target"));
                continue;
            }
            if (value is Array array)
            {
                if (array.GetType().GetElementType() is { IsPrimitive: true }) continue;
                int i = 0;
                foreach (var item in array)
                {
                    if (item is not null) stack.Push((item, path + "[" + i + "]"));
                    i++;
                }
                continue;
            }
            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || skip?.Invoke(field) == true) continue;
                    object? child = field.GetValue(value);
                    if (child is not null) stack.Push((child, path + "." + field.Name));
                }
            }
        }
        return null;
    }

    private static bool IsRoslyn(Type? type)
    {
        if (type is null || type.IsEnum) return false;
        if (PlainDataTypes.Contains(type.FullName ?? "")) return false;
        if (typeof(ISymbol).IsAssignableFrom(type) || typeof(SyntaxNode).IsAssignableFrom(type) || typeof(SyntaxTree).IsAssignableFrom(type) ||
            typeof(Location).IsAssignableFrom(type) || typeof(Compilation).IsAssignableFrom(type) || typeof(SemanticModel).IsAssignableFrom(type))
        {
            return true;
        }
        string ns = type.Namespace ?? "";
        return ns == "Microsoft.CodeAnalysis" || ns.StartsWith("Microsoft.CodeAnalysis.", StringComparison.Ordinal);
    }
}
