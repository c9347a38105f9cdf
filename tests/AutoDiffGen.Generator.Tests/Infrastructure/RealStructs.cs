using System.Reflection;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Structs whose fields are all reals (Vector2/3/4, record structs of doubles, nested ones), seen by the gradient
/// checks as their components in field order: the struct is its own tangent type (CONTRACT.md).
/// </summary>
public static class RealStructs
{
    private static FieldInfo[] Fields(Type t) =>
        t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).OrderBy(f => f.MetadataToken).ToArray();

    /// <summary>A struct of reals, whose members may also be discrete (int, long, bool, char, enum): constants, not components.</summary>
    public static bool Is(Type t) =>
        t.IsValueType && !t.IsPrimitive && !t.IsEnum && Fields(t) is { Length: > 0 } fields &&
        fields.All(f => f.FieldType == typeof(double) || f.FieldType == typeof(float) || IsDiscrete(f.FieldType) || Is(f.FieldType))
        && fields.Any(f => !IsDiscrete(f.FieldType));

    /// <summary>A member type that carries no gradient: int, long, bool, char or an enum (a particle's Id, a sample's Label).</summary>
    public static bool IsDiscrete(Type t) => t == typeof(int) || t == typeof(long) || t == typeof(bool) || t == typeof(char) || t.IsEnum;

    public static bool HasFloat(Type t) => Is(t) && Fields(t).Any(f => f.FieldType == typeof(float) || f.FieldType != typeof(double) && HasFloat(f.FieldType));

    public static double[] Components(object value)
    {
        var list = new List<double>();
        Collect(value, list);
        return list.ToArray();
    }

    private static void Collect(object value, List<double> into)
    {
        foreach (var f in Fields(value.GetType()))
        {
            object v = f.GetValue(value)!;
            if (v is double d) into.Add(d);
            else if (v is float s) into.Add(s);
            else if (!IsDiscrete(f.FieldType)) Collect(v, into);
        }
    }

    /// <summary>A copy whose component k is <paramref name="map"/>(k, value), rounded to the member's type.</summary>
    public static object Map(object value, Func<int, double, double> map)
    {
        int k = 0;
        return Map(value, map, ref k);
    }

    private static object Map(object value, Func<int, double, double> map, ref int k)
    {
        object copy = RuntimeHelpers.GetUninitializedObject(value.GetType());
        foreach (var f in Fields(value.GetType()))
        {
            object v = f.GetValue(value)!;
            object mapped = v switch
            {
                double d => map(k++, d),
                float s => (float)map(k++, s),
                _ when IsDiscrete(f.FieldType) => v,
                _ => Map(v, map, ref k),
            };
            f.SetValue(copy, mapped);
        }
        return copy;
    }
}
