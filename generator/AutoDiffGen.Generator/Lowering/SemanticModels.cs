using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The semantic model that method bodies are bound with. The one Roslyn hands a generator runs nullable
/// analysis over every body it binds when the project has <c>&lt;Nullable&gt;enable&lt;/Nullable&gt;</c>,
/// about half of the generator's time on the compile-cost project (docs/performance.md). Lowering never
/// reads nullability: types are compared with <see cref="SymbolEqualityComparer.Default"/> and printed
/// without <c>?</c>. So bodies are bound by a model of the same tree with nullable analysis off, one per
/// tree (the model Roslyn passes is shared by the methods of a tree, and so is this one).
/// </summary>
internal static class SemanticModels
{
    private static readonly ConditionalWeakTable<SemanticModel, SemanticModel> Cache = new();

    private static volatile bool s_unavailable;

    public static SemanticModel WithoutNullableAnalysis(SemanticModel model)
    {
        if (s_unavailable) return model;
        try
        {
            return Cache.GetValue(model, Create);
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            // SemanticModelOptions is marked experimental: should a later compiler drop it, bind as before.
            if (e is System.MissingMemberException or System.TypeLoadException) s_unavailable = true;
            return model;
        }
    }

    /// <summary>A new model of <paramref name="tree"/> with nullable analysis off (or the default one, as above).</summary>
    public static SemanticModel WithoutNullableAnalysis(Compilation compilation, SyntaxTree tree)
    {
        AutoDiffGen.Generator.Helpers.BodyReads.Note(tree); // callers bind another member's body with it
        if (!s_unavailable)
        {
            try
            {
                return Create(compilation, tree);
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                if (e is System.MissingMemberException or System.TypeLoadException) s_unavailable = true;
            }
        }
        return compilation.GetSemanticModel(tree);
    }

    private static SemanticModel Create(SemanticModel model) => Create(model.Compilation, model.SyntaxTree);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SemanticModel Create(Compilation compilation, SyntaxTree tree)
    {
#pragma warning disable RSEXPERIMENTAL001 // SemanticModelOptions: experimental since Roslyn 4.9, guarded above
        return compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
    }
}
