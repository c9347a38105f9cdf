using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A new local <c>double[,]</c>/<c>float[,]</c>: <c>new T[n, k]</c> or a rectangular initializer (<c>{ { a, b }, { c, d } }</c>,
/// one store per element in row order), as a local declares it (StatementLowering.DefineGrid) or as a plain helper
/// returns it directly (<c>return new double[,] { … };</c>, ExpressionLowering.ArrayHelpers, idioms23). Its adjoint has
/// both lengths; inside a loop it is fresh every iteration, as a 1-D one (<see cref="ArrayCreation"/>).
/// </summary>
internal static class GridCreation
{
    /// <summary><paramref name="value"/> is such a creation of <paramref name="rank"/> dimensions.</summary>
    public static bool IsCreation(IOperation value, int rank) =>
        value is IArrayCreationOperation creation && creation.DimensionSizes.Length == rank && rank == 2
        && (creation.Initializer is null || Rows(creation.Initializer) is not null);

    /// <summary>The grid's last version (its creation and stores); -1 after a report. <paramref name="creation"/> passed <see cref="IsCreation"/>.</summary>
    public static int Lower(LoweringContext context, ExpressionLowering expressions, IArrayTypeSymbol type, IArrayCreationOperation creation, string name, string adjoint, bool inLoop)
    {
        var sizes = new List<int>();
        foreach (var dimension in creation.DimensionSizes)
        {
            var renderer = new ConstantRenderer(context);
            string? size = renderer.Render(dimension);
            if (size is null) return -1;
            sizes.Add(context.AddConstant(size, ScalarType.Other, "int", null, isAtom: true, renderer.Dependencies));
        }

        // Inside a loop its stack is named in case the reverse sweep needs it whole.
        string stack = inLoop ? context.Names.Fresh(name + "Arrays") : "";
        int array = context.AddArrayNode(GateKind.NewArray, type.ToDisplayString(SymbolNames.TypeFormat), name, adjoint, isInline: false, sizes.ToArray(), stack);
        if (creation.Initializer is null) return array;
        var rows = Rows(creation.Initializer)!;
        for (int i = 0; i < rows.Count; i++)
        {
            for (int j = 0; j < rows[i].Length; j++)
            {
                int stored = expressions.Lower(rows[i][j], null);
                if (stored < 0) return -1;
                var a = context.Nodes[array];
                var row = context.AddConstant(i.ToString(CultureInfo.InvariantCulture), ScalarType.Other, "int", null, isAtom: true);
                var column = context.AddConstant(j.ToString(CultureInfo.InvariantCulture), ScalarType.Other, "int", null, isAtom: true);
                array = context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { array, row, column, stored });
            }
        }
        return array;
    }

    /// <summary>The rows of a two-dimensional initializer, each element as written; null when it is not two levels deep.</summary>
    public static List<IOperation[]>? Rows(IArrayInitializerOperation initializer)
    {
        var rows = new List<IOperation[]>();
        foreach (var row in initializer.ElementValues)
        {
            if (row is not IArrayInitializerOperation inner || inner.ElementValues.Any(e => e is IArrayInitializerOperation)) return null;
            rows.Add(inner.ElementValues.ToArray());
        }
        return rows;
    }
}
