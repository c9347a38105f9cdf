namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// double[,]/float[,] and jagged double[][]/float[][] values for the reflection-driven checks: their components in
/// row-major order, and a copy of the same shape with every component mapped (rounded to the element type).
/// A jagged array is copied row by row: Clone would share the rows between calls.
/// </summary>
public static class Grids
{
    public static bool Is(object? value) => value is Array a && (a.Rank == 2 && IsReal(a.GetType().GetElementType()!) || a.Rank == 1 && a.GetType().GetElementType() is { IsArray: true } row && IsReal(row.GetElementType()!));

    public static bool IsType(Type t) => t.IsArray && (t.GetArrayRank() == 2 && IsReal(t.GetElementType()!) || t.GetArrayRank() == 1 && t.GetElementType() is { IsArray: true } row && row.GetArrayRank() == 1 && IsReal(row.GetElementType()!));

    /// <summary>The element type of a grid type (double or float).</summary>
    public static Type Element(Type t) => t.GetArrayRank() == 2 ? t.GetElementType()! : t.GetElementType()!.GetElementType()!;

    private static bool IsReal(Type t) => t == typeof(double) || t == typeof(float);

    public static double[] Components(object grid)
    {
        var a = (Array)grid;
        var result = new List<double>();
        if (a.Rank == 2)
        {
            for (int i = 0; i < a.GetLength(0); i++)
                for (int j = 0; j < a.GetLength(1); j++) result.Add(Convert.ToDouble(a.GetValue(i, j)));
        }
        else
        {
            foreach (Array? row in a)
            {
                if (row is null) continue;
                foreach (var v in row) result.Add(Convert.ToDouble(v));
            }
        }
        return result.ToArray();
    }

    /// <summary>A new grid of <paramref name="grid"/>'s type and shape whose k-th component (row-major) is map(k, old).</summary>
    public static object Map(object grid, Func<int, double, double> map)
    {
        var a = (Array)grid;
        int k = 0;
        if (a.Rank == 2)
        {
            var element = a.GetType().GetElementType()!;
            var copy = Array.CreateInstance(element, a.GetLength(0), a.GetLength(1));
            for (int i = 0; i < a.GetLength(0); i++)
                for (int j = 0; j < a.GetLength(1); j++) copy.SetValue(Round(element, map(k++, Convert.ToDouble(a.GetValue(i, j)))), i, j);
            return copy;
        }
        var rowType = a.GetType().GetElementType()!;
        var rows = Array.CreateInstance(rowType, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            if (a.GetValue(i) is not Array row) continue;
            var copy = Array.CreateInstance(rowType.GetElementType()!, row.Length);
            for (int j = 0; j < row.Length; j++) copy.SetValue(Round(rowType.GetElementType()!, map(k++, Convert.ToDouble(row.GetValue(j)))), j);
            rows.SetValue(copy, i);
        }
        return rows;
    }

    public static object Copy(object grid) => Map(grid, (_, v) => v);

    private static object Round(Type element, double v) => element == typeof(float) ? (object)(float)v : v;
}
