using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Model;

/// <summary>One containing type, outermost first, as the emitter must reopen it.</summary>
/// <param name="Keyword">"class", "struct", "record", "record struct" or "interface".</param>
/// <param name="Name">The type's name with its type parameter list, e.g. "Box&lt;T&gt;".</param>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>The namespace and the chain of partial types that hold a differentiable method.</summary>
internal sealed record HierarchyInfo(string Namespace, EquatableArray<ContainingType> Types, string MetadataName);
