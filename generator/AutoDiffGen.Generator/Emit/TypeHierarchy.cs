using System;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>Reopens the namespace and the partial types that hold a method, around what is written inside them.</summary>
internal static class TypeHierarchy
{
    /// <summary>
    /// Writes the namespace and types around <paramref name="writeMembers"/>. With <paramref name="fileScoped"/> (C# 10
    /// or later) the namespace is <c>namespace N;</c> rather than a block, so every line of the file is one level (4
    /// characters) less indented: a tenth of a generated file's size.
    /// </summary>
    public static void Write(IndentedWriter w, HierarchyInfo hierarchy, bool fileScoped, Action writeMembers)
    {
        if (hierarchy.Namespace.Length == 0)
        {
            WriteTypes(w, hierarchy, 0, writeMembers);
            return;
        }
        if (fileScoped)
        {
            w.Line("namespace " + hierarchy.Namespace + ";");
            w.Line();
            WriteTypes(w, hierarchy, 0, writeMembers);
            return;
        }
        using (w.WriteBlock("namespace " + hierarchy.Namespace)) WriteTypes(w, hierarchy, 0, writeMembers);
    }

    /// <summary>The indentation level of a member written inside <see cref="Write"/>: a namespace block's, then one per type.</summary>
    public static int Depth(HierarchyInfo hierarchy, bool fileScoped) =>
        (hierarchy.Namespace.Length > 0 && !fileScoped ? 1 : 0) + hierarchy.Types.Length;

    private static void WriteTypes(IndentedWriter w, HierarchyInfo hierarchy, int index, Action writeMembers)
    {
        if (index == hierarchy.Types.Length)
        {
            writeMembers();
            return;
        }
        var type = hierarchy.Types[index];
        using (w.WriteBlock("partial " + type.Keyword + " " + type.Name)) WriteTypes(w, hierarchy, index + 1, writeMembers);
    }
}
