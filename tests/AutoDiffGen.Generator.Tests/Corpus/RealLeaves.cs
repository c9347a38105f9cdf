namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>
/// The real coordinates of a judged argument, numbered row-major: the elements of a <c>double[]</c>, a
/// <c>double[,]</c> or a <c>double[][]</c> (and their <c>float</c> forms), so the judge perturbs and reads each one; and
/// the elements of a <c>List&lt;double&gt;</c> passed for a <c>List</c>, <c>IList</c> or <c>IReadOnlyList</c> parameter
/// (its adjoint is a <c>double[]</c> of its Count, docs/supported.md "List parameters"), or for an <c>IEnumerable</c>,
/// <c>ICollection</c> or <c>IReadOnlyCollection</c> one (a sequence parameter, its adjoint in enumeration order); and the
/// fields of a struct of reals (OpenTK's <c>Vector3d</c>: its adjoint is <c>ref</c> a struct of its type), in declaration
/// order, when the held-out tool asks for struct parameters to be judged (<see cref="CorpusRunner.Execute(string, bool)"/>).
/// </summary>
public static class RealLeaves
{
    public static bool IsRealArray(Type t) =>
        t == typeof(double[]) || t == typeof(float[]) || t == typeof(double[,]) || t == typeof(float[,]) || t == typeof(double[][]) || t == typeof(float[][]);

    /// <summary>A list parameter of reals the judge passes a <c>List</c> for.</summary>
    public static bool IsRealList(Type t) =>
        t.IsGenericType && t.GetGenericArguments()[0] is var e && (e == typeof(double) || e == typeof(float))
        && t.GetGenericTypeDefinition() is var g && (g == typeof(List<>) || g == typeof(IList<>) || g == typeof(IReadOnlyList<>)
            || g == typeof(IEnumerable<>) || g == typeof(ICollection<>) || g == typeof(IReadOnlyCollection<>));

    /// <summary>
    /// A struct whose instance fields are all <c>double</c> or all <c>float</c>, directly or through nested structs of them
    /// (a vector, a box of two vectors): the generator's adjoint for it is the struct itself. Structs with any other field
    /// are not judged directly (through their callers).
    /// </summary>
    public static bool IsRealStruct(Type t) =>
        t.IsValueType && !t.IsPrimitive && !t.IsEnum && Fields(t).Length > 0 && Fields(t).All(f => f.FieldType == typeof(double) || f.FieldType == typeof(float) || IsRealStruct(f.FieldType))
        && Leaves(t).Select(l => l[^1].FieldType).Distinct().Count() == 1;

    /// <summary>An argument with real coordinates of its own (an array, a list or a struct of reals), which the judge perturbs one by one.</summary>
    public static bool IsContainer(object? v) => v is Array or List<double> or List<float> || v is not null && IsRealStruct(v.GetType());

    public static bool IsSingle(object? v) => v is float or float[] or float[,] or float[][] or List<float> || v is not null && IsRealStruct(v.GetType()) && Leaves(v.GetType())[0][^1].FieldType == typeof(float);

    /// <summary>The instance fields of a struct in declaration order (reflection's order is not promised).</summary>
    private static System.Reflection.FieldInfo[] Fields(Type t) =>
        t.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .OrderBy(f => f.MetadataToken).ToArray();

    /// <summary>The real fields of a struct of reals, depth first: each a path of fields from the outer struct.</summary>
    private static List<System.Reflection.FieldInfo[]> Leaves(Type t) =>
        Fields(t).SelectMany(f => f.FieldType == typeof(double) || f.FieldType == typeof(float) ? new List<System.Reflection.FieldInfo[]> { new[] { f } }
            : Leaves(f.FieldType).Select(rest => rest.Prepend(f).ToArray()).ToList()).ToList();

    /// <summary>A boxed struct of reals with each real field drawn in turn.</summary>
    public static object NewRealStruct(Type t, Func<double> draw)
    {
        var box = Activator.CreateInstance(t)!;
        for (int j = 0; j < Leaves(t).Count; j++) Set(box, j, draw());
        return box;
    }

    private static double GetLeaf(object box, System.Reflection.FieldInfo[] path)
    {
        object v = box;
        foreach (var f in path) v = f.GetValue(v)!;
        return Convert.ToDouble(v);
    }

    /// <summary>Writes a real field of a boxed struct: an inner struct is read out (a copy), written, and stored back.</summary>
    private static void SetLeaf(object box, System.Reflection.FieldInfo[] path, int k, double x)
    {
        var f = path[k];
        if (k == path.Length - 1) { f.SetValue(box, f.FieldType == typeof(float) ? (float)x : (object)x); return; }
        var inner = f.GetValue(box)!;
        SetLeaf(inner, path, k + 1, x);
        f.SetValue(box, inner);
    }

    public static int Count(object v) => v switch
    {
        Array a when IsJagged(a) => a.Cast<Array>().Sum(r => r.Length),
        Array a => a.Length,
        List<double> l => l.Count,
        List<float> l => l.Count,
        _ when IsRealStruct(v.GetType()) => Leaves(v.GetType()).Count,
        _ => 1,
    };

    public static double Get(object v, int j)
    {
        if (v is List<double> ld) return ld[j];
        if (v is List<float> lf) return lf[j];
        if (v is not Array) return GetLeaf(v, Leaves(v.GetType())[j]);
        var (array, index) = Locate((Array)v, j);
        return Convert.ToDouble(array.GetValue(index));
    }

    public static void Set(object v, int j, double x)
    {
        if (v is List<double> ld) { ld[j] = x; return; }
        if (v is List<float> lf) { lf[j] = (float)x; return; }
        if (v is not Array)
        {
            // v is a box: setting its field changes the value the judge passes.
            SetLeaf(v, Leaves(v.GetType())[j], 0, x);
            return;
        }
        var (array, index) = Locate((Array)v, j);
        array.SetValue(array.GetType().GetElementType() == typeof(float) ? (float)x : (object)x, index);
    }

    /// <summary>"[i]", "[i, k]" or "[i][k]" for coordinate <paramref name="j"/>.</summary>
    public static string Index(object v, int j)
    {
        if (v is not Array a) return v is List<double> or List<float> ? "[" + j + "]" : "." + string.Join(".", Leaves(v.GetType())[j].Select(f => f.Name));
        if (a.Rank == 2) return "[" + j / a.GetLength(1) + ", " + j % a.GetLength(1) + "]";
        if (!IsJagged(a)) return "[" + j + "]";
        int row = Row(a, ref j);
        return "[" + row + "][" + j + "]";
    }

    /// <summary>A copy whose rows are copies too (a method may write its jagged argument's rows).</summary>
    public static object DeepCopy(object v) => v switch
    {
        Array a when IsJagged(a) => CopyRows(a),
        Array a => a.Clone(),
        List<double> l => new List<double>(l),
        List<float> l => new List<float>(l),
        // A new box: Set writes into the box, so two points must never share one.
        _ when v.GetType().IsValueType => System.Runtime.CompilerServices.RuntimeHelpers.GetObjectValue(v),
        _ => v,
    };

    /// <summary>An adjoint for the argument, all zero: of its shape for an array, a <c>T[]</c> of its Count for a list, the struct's default for a struct of reals.</summary>
    public static object ZeroAdjoint(object v) => v switch
    {
        List<double> l => new double[l.Count],
        List<float> l => new float[l.Count],
        Array a => ZeroLike(a),
        _ => Activator.CreateInstance(v.GetType())!,
    };

    /// <summary>An adjoint of the argument's shape, all zero.</summary>
    public static Array ZeroLike(Array a)
    {
        if (IsJagged(a))
        {
            var rows = Array.CreateInstance(a.GetType().GetElementType()!, a.Length);
            for (int i = 0; i < a.Length; i++) rows.SetValue(ZeroLike((Array)a.GetValue(i)!), i);
            return rows;
        }
        var element = a.GetType().GetElementType()!;
        return a.Rank == 2 ? Array.CreateInstance(element, a.GetLength(0), a.GetLength(1)) : Array.CreateInstance(element, a.Length);
    }

    public static float[,] ToSingle(double[,] m)
    {
        var f = new float[m.GetLength(0), m.GetLength(1)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int k = 0; k < m.GetLength(1); k++) f[i, k] = (float)m[i, k];
        return f;
    }

    private static bool IsJagged(Array a) => a.GetType().GetElementType()!.IsArray;

    private static Array CopyRows(Array a)
    {
        var copy = (Array)a.Clone();
        for (int i = 0; i < a.Length; i++) copy.SetValue(((Array?)a.GetValue(i))?.Clone(), i);
        return copy;
    }

    private static (Array Array, int[] Index) Locate(Array a, int j)
    {
        if (a.Rank == 2) return (a, new[] { j / a.GetLength(1), j % a.GetLength(1) });
        if (!IsJagged(a)) return (a, new[] { j });
        int row = Row(a, ref j);
        return ((Array)a.GetValue(row)!, new[] { j });
    }

    /// <summary>The jagged row holding coordinate <paramref name="j"/>, which becomes the index within it.</summary>
    private static int Row(Array a, ref int j)
    {
        int row = 0;
        while (j >= ((Array)a.GetValue(row)!).Length) j -= ((Array)a.GetValue(row++)!).Length;
        return row;
    }
}
