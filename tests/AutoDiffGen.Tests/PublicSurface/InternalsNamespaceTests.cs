using System;
using System.ComponentModel;
using System.Linq;
using AutoDiffGen.Internals;
using Xunit;

namespace AutoDiffGen.Tests.PublicSurface;

/// <summary>
/// What only generated code calls is public (generated code lives in the user's assembly) but kept out of
/// the user's way: in <c>AutoDiffGen.Internals</c>, hidden from IntelliSense.
/// </summary>
public sealed class InternalsNamespaceTests
{
    private static readonly Type[] Runtime = typeof(DifferentiableAttribute).Assembly.GetExportedTypes();

    [Fact]
    public void EveryPublicTypeInInternals_IsHiddenFromTheEditor()
    {
        var internals = Runtime.Where(t => t.Namespace == "AutoDiffGen.Internals").ToList();
        Assert.Contains(typeof(TapeWorkspace), internals);
        Assert.Contains(typeof(Check), internals);
        var visible = internals.Where(t => t.GetCustomAttributes(typeof(EditorBrowsableAttribute), inherit: false)
            .Cast<EditorBrowsableAttribute>().All(a => a.State != EditorBrowsableState.Never)).Select(t => t.FullName);
        Assert.Empty(visible);
    }

    [Fact]
    public void TheUserFacingNamespace_HoldsNoTapes()
    {
        // Tape<T> is retired (generated code uses TapeWorkspace arrays) and TapeWorkspace moved to Internals.
        Assert.DoesNotContain(Runtime, t => t.Namespace == "AutoDiffGen" && t.Name.StartsWith("Tape", StringComparison.Ordinal));
    }
}
