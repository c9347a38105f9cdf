using System.Globalization;
using System.Linq;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// Where an array of structs' components sit in <c>MHessianVector</c>'s <c>direction</c> and <c>hessianVector</c>: one block
/// per parameter, element-major (<c>p[0].X, p[0].Y, p[1].X, …</c>), its differentiable members in declaration order, as
/// <c>MJacobian</c> orders its columns.
/// </summary>
internal static class StructArrayBlocks
{
    /// <summary>
    /// The array of structs whose component array <paramref name="name"/> is, the component's rank among its differentiable
    /// members (its offset within an element's entries of direction) and their count; null for any other name.
    /// </summary>
    public static (StructArrayParts Parts, int Rank, int Count)? Component(ComputationGraph graph, string name)
    {
        foreach (var c in graph.StructArrays)
        {
            int rank = 0, count = c.AdjointArrays.Count(a => a.Length > 0);
            for (int k = 0; k < c.Arrays.Length; k++)
            {
                if (c.AdjointArrays[k].Length == 0) continue;
                if (c.Arrays[k] == name) return (c, rank, count);
                rank++;
            }
        }
        return null;
    }

    /// <summary>The entry of element <paramref name="index"/>'s component of rank <paramref name="rank"/> in a block starting at <paramref name="start"/>.</summary>
    public static string Entry(string start, string index, int count, int rank)
    {
        string text = index + " * " + count.ToString(CultureInfo.InvariantCulture) + (rank == 0 ? "" : " + " + rank.ToString(CultureInfo.InvariantCulture));
        return start == "0" ? text : "(" + start + ") + " + text;
    }
}
