using System;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// What a generated file says about nullable reference types. Annotations are always on (C# 8 and later), so the
/// signatures mean what the user's do. Nullable <em>warnings</em> are off in the file unless the project sets
/// <c>&lt;AutoDiffGenNullableWarnings&gt;true&lt;/AutoDiffGenNullableWarnings&gt;</c>: with them off the compiler skips its
/// nullable flow analysis of every generated body, about a third of what compiling them costs (docs/performance.md).
/// Skipping it changes no emitted IL. The tests turn the property on, so every generated body they compile is proved
/// free of nullable warnings.
/// </summary>
internal static class NullableDirectives
{
    /// <summary>The compiler-visible MSBuild property (build/AutoDiffGen.props makes it visible).</summary>
    public const string MSBuildProperty = "build_property.AutoDiffGenNullableWarnings";

    /// <summary>Tracking name of the step that reads the property, for caching tests.</summary>
    public const string OptionStep = "NullableWarningsOption";

    private const string Enable = "#nullable enable";
    private const string WarningsOff = "#nullable disable warnings";
    private const string WarningsOn = "#nullable enable warnings";

    /// <summary>True when the project asks for nullable warnings in generated code.</summary>
    public static bool FromMSBuild(AnalyzerConfigOptionsProvider options) =>
        MSBuildProperties.IsTrue(options, MSBuildProperty);

    /// <summary>The lines after <c>// &lt;auto-generated/&gt;</c>; none for C# 7.3, which knows no <c>#nullable</c>.</summary>
    public static void WriteHeader(IndentedWriter w, bool nullableSyntax, bool nullableWarnings)
    {
        if (!nullableSyntax) return;
        w.Line(Enable);
        if (!nullableWarnings) w.Line(WarningsOff);
    }

    /// <summary>
    /// Whether a method's body needs warnings off around it where the file has them on: a parameter declared <c>T?</c>
    /// is dereferenced only where the method's own null test let it through, and the forward sweep keeps that test in a
    /// bool, which flow analysis cannot follow.
    /// </summary>
    public static bool Unflowed(MethodModel model) => model.NullableSyntax && model.NullableWarnings && model.Parameters.Any(p => p.IsNullable);

    /// <summary>Turns warnings off before the body (<see cref="Unflowed"/>).</summary>
    public static void Suspend(IndentedWriter w, bool unflowed)
    {
        if (unflowed) w.Line(WarningsOff);
    }

    /// <summary>Turns them on again after the method (<see cref="Unflowed"/>).</summary>
    public static void Resume(IndentedWriter w, bool unflowed)
    {
        if (unflowed) w.Line(WarningsOn);
    }

    /// <summary>
    /// A generic-math method's file, written by the analysis with warnings on (GenericMath/GenericAnalysis), as the
    /// project asks: with warnings off in the whole file when it does not ask for them.
    /// </summary>
    public static string Apply(string text, MethodModel model)
    {
        if (model.NullableWarnings || !model.NullableSyntax) return text;
        var lines = text.Split('\n').Where(l => l.TrimEnd('\r').Trim() is not (WarningsOff or WarningsOn)).ToList();
        int at = lines.FindIndex(l => l.TrimEnd('\r') == Enable);
        if (at < 0) return text;
        string eol = lines[at].EndsWith("\r", StringComparison.Ordinal) ? "\r" : "";
        lines.Insert(at + 1, WarningsOff + eol);
        return string.Join("\n", lines);
    }
}
