using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.State;

/// <summary>
/// Central differences over an object's state: each double/float member (and each element of a double[]/float[] member)
/// that is not [NoDiff] is moved on its own, and the primal's slope is compared with what <c>MBackward</c> added into
/// the same member of <c>dThis</c>.
/// </summary>
internal static class StateCheck
{
    /// <summary>Checks every member; returns the Backward's argument array (parameters' adjoints, dThis) after the call.</summary>
    /// <param name="receiver">The object (a boxed struct is changed in place while perturbing, and restored).</param>
    /// <param name="method">The [Differentiable(WithRespectToThis = true)] method's name.</param>
    /// <param name="point">Its arguments.</param>
    /// <param name="zero">A fresh dThis whose members are zero.</param>
    /// <param name="adjointsBefore">The parameters' adjoints, zero, in order (none when every parameter is [NoDiff]).</param>
    public static object?[] Members(object receiver, string method, object[] point, Func<object> zero, object[]? adjointsBefore = null)
    {
        var type = receiver.GetType();
        var primal = type.GetMethod(method)!;
        var backward = type.GetMethod(method + "Backward")!;
        var args = point.Concat(adjointsBefore ?? Array.Empty<object>()).Append(zero()).Append(1.0).ToArray();
        double value = (double)backward.Invoke(receiver, args)!;
        Tolerance.AssertFormula(Convert.ToDouble(primal.Invoke(receiver, point)), value, "value");
        object grad = args[^2]!;
        int checkedCount = 0;
        foreach (var (name, get, set, memberType) in Members(type))
        {
            bool floats = memberType == typeof(float) || memberType == typeof(float[]);
            double h = floats ? 1e-2 : 1e-6;
            if (memberType.IsArray)
            {
                var array = (Array)get(receiver)!;
                var adjoint = (Array)get(grad)!;
                for (int i = 0; i < array.Length; i++)
                {
                    double x0 = Convert.ToDouble(array.GetValue(i));
                    array.SetValue(Convert.ChangeType(x0 + h, memberType.GetElementType()!), i);
                    double up = Convert.ToDouble(array.GetValue(i));
                    double fp = Convert.ToDouble(primal.Invoke(receiver, point));
                    array.SetValue(Convert.ChangeType(x0 - h, memberType.GetElementType()!), i);
                    double down = Convert.ToDouble(array.GetValue(i));
                    double fm = Convert.ToDouble(primal.Invoke(receiver, point));
                    array.SetValue(Convert.ChangeType(x0, memberType.GetElementType()!), i);
                    Compare((fp - fm) / (up - down), Convert.ToDouble(adjoint.GetValue(i)), value, floats, $"d/d{name}[{i}]");
                    checkedCount++;
                }
            }
            else
            {
                object original = get(receiver)!;
                double x0 = Convert.ToDouble(original);
                set(receiver, Convert.ChangeType(x0 + h, memberType));
                double up = Convert.ToDouble(get(receiver));
                double fp = Convert.ToDouble(primal.Invoke(receiver, point));
                set(receiver, Convert.ChangeType(x0 - h, memberType));
                double down = Convert.ToDouble(get(receiver));
                double fm = Convert.ToDouble(primal.Invoke(receiver, point));
                set(receiver, original);
                Compare((fp - fm) / (up - down), Convert.ToDouble(get(grad)), value, floats, "d/d" + name);
                checkedCount++;
            }
        }
        if (checkedCount == 0) throw new Xunit.Sdk.XunitException("no member was checked");
        return args;
    }

    private static void Compare(double numeric, double analytic, double value, bool floats, string what)
    {
        if (floats) Tolerance.AssertClose(numeric, analytic, 2e-3 + (2e-2 * Math.Abs(numeric)), what);
        else Tolerance.AssertCentral(numeric, analytic, value, what);
    }

    /// <summary>The instance members of double, float, double[], float[] that are settable and not [NoDiff], base types' too.</summary>
    private static IEnumerable<(string Name, Func<object, object?> Get, Action<object, object?> Set, Type Type)> Members(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        static bool Real(Type t) => t == typeof(double) || t == typeof(float) || t == typeof(double[]) || t == typeof(float[]);
        static bool NoDiff(MemberInfo m) => m.CustomAttributes.Any(a => a.AttributeType.Name == "NoDiffAttribute");
        foreach (var f in type.GetFields(flags))
        {
            if (!Real(f.FieldType) || NoDiff(f) || f.IsInitOnly || f.Name.Contains('<', StringComparison.Ordinal) || f.IsPrivate && f.DeclaringType != type) continue;
            yield return (f.Name, f.GetValue, f.SetValue, f.FieldType);
        }
        foreach (var p in type.GetProperties(flags))
        {
            if (!Real(p.PropertyType) || NoDiff(p) || p.SetMethod is null || p.GetIndexParameters().Length > 0) continue;
            yield return (p.Name, p.GetValue, p.SetValue, p.PropertyType);
        }
    }
}
