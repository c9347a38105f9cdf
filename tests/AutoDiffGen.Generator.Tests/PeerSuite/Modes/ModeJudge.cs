using System.Reflection;
using AutoDiffGen.Generator.Tests.Corpus;

namespace AutoDiffGen.Generator.Tests.PeerSuite.Modes;

/// <summary>
/// Judges one mode of one method at sampled points, as <see cref="GradientJudge"/> does for Backward: an entry is
/// judged only where central differences at steps h and h/2 agree (branch switches and round-off are not mistaken for
/// wrong derivatives). Forward: the tangent along a random direction against differences of the method along it.
/// Hessian: every row against differences of MBackward's gradient, and H·v against the matrix times v. Jacobian: every
/// entry against differences of the result component. The value each returns must be the method's.
/// </summary>
public static class ModeJudge
{
    private const int PointsWanted = 3;
    private const int AttemptsPerInterval = 8;
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    /// <param name="assembly">The compiled sources, generated methods and probes.</param>
    /// <param name="c">The case; its verdict is set.</param>
    /// <param name="run">The probe's method to call (ModeJudgeTests gives each mode's its own name).</param>
    public static void Judge(Assembly assembly, ModeCase c, string run = "Run")
    {
        var m = c.Method;
        var type = assembly.GetType(m.TypeName, throwOnError: true)!;
        var probe = assembly.GetType(c.ProbeClass!, throwOnError: true)!;
        var primal = type.GetMethods(All).Single(x => x.Name == m.Name && x.GetParameters().Length == m.ParameterTypes.Length && Matches(x, m));
        var ps = primal.GetParameters();
        var active = Enumerable.Range(0, ps.Length).Where(i => IsReal(ps[i].ParameterType) && !m.NoDiff[i]).ToArray();
        // A void method's results are what it leaves in its arrays (Clad's Jacobian shape): found at the first point
        // where the method runs, they are the rows and not columns (their incoming contents are held constant).
        int[]? outputs = null;
        _outputs.Value = null;
        object? receiver = primal.IsStatic ? null : Activator.CreateInstance(type);
        bool single = primal.ReturnType == typeof(float) || active.Any(i => ps[i].ParameterType == typeof(float) || ps[i].ParameterType == typeof(float[]));
        var random = new Random(StableHash(c.Key));
        int judgedPoints = 0, judged = 0, valid = 0;
        MethodInfo? backward = null;
        if (c.Mode == PeerMode.Hessian)
        {
            backward = type.GetMethods(All).SingleOrDefault(x => x.Name == m.Name + "Backward" && x.GetParameters().Length == ps.Length + active.Length + 1 && Matches(x, m));
            if (backward is null) { m.Break("MHessian but no MBackward with the contract's shape to check it against"); return; }
        }

        foreach (var interval in CorpusDomains.Default)
        {
            for (int attempt = 0; attempt < AttemptsPerInterval && judgedPoints < PointsWanted; attempt++)
            {
                var point = Sample(m, ps, interval, random);
                if (primal.ReturnType == typeof(void) && outputs is null)
                {
                    var probed = Copy(point);
                    try { CallLimit.Invoke(primal, receiver, probed); }
                    catch (TargetInvocationException) { continue; }
                    outputs = Enumerable.Range(0, ps.Length).Where(i => point[i] is Array a && !Flatten(a).SequenceEqual(Flatten(probed[i]))).ToArray();
                    active = active.Except(outputs).ToArray();
                    _outputs.Value = outputs;
                }
                if (!TryValue(primal, receiver, point, out var f)) continue;
                valid++;
                string at = " at " + Show(point);
                object?[] outcome;
                try
                {
                    int n = active.Sum(i => Count(point[i]));
                    object[] extra = c.Mode switch
                    {
                        PeerMode.Forward => [Tangents(point, active, ps.Length, random)],
                        PeerMode.Hessian => [n * n],
                        _ => [f.Length * n],
                    };
                    var passed = Copy(point);
                    outcome = (object?[])CallLimit.Invoke(probe.GetMethod(run)!, null, [receiver, passed, .. extra])!;
                    if (outputs is not null) outcome[0] = outputs.SelectMany(i => Flatten(passed[i])).ToArray();
                    if (c.Mode == PeerMode.Forward) point = [.. point, extra[0]];
                }
                catch (TargetInvocationException e)
                {
                    Wrong(m, c.Generated + " threw " + e.InnerException?.GetType().Name + " (" + e.InnerException?.Message + ") where the method returns" + at);
                    return;
                }
                var value = Flatten(outcome[0]);
                if (value.Length != f.Length || value.Zip(f).Any(p => !Close(p.First, p.Second, single ? 1e-6 : 1e-12, 1e-300) && !(double.IsNaN(p.First) && double.IsNaN(p.Second))))
                {
                    Wrong(m, c.Generated + " returned " + string.Join(", ", value) + " but the method returns " + string.Join(", ", f) + at);
                    return;
                }
                int here = c.Mode switch
                {
                    PeerMode.Forward => JudgeForward(m, primal, receiver, point, active, f, Flatten(outcome[1]), single, at),
                    PeerMode.Hessian => JudgeHessian(m, probe, backward!, receiver, point, active, Flatten(outcome[1]), single, random, at),
                    _ => JudgeJacobian(m, primal, receiver, point, active, f, Flatten(outcome[1]), single, at),
                };
                if (here < 0) return;
                if (here > 0) { judgedPoints++; judged += here; }
            }
        }
        if (judgedPoints == 0)
        {
            m.Status = CorpusStatus.Unchecked;
            m.Details.Add(valid == 0 ? "no sample point where the method is finite" : "finite differences unstable at every valid point");
        }
        else m.Details.Add(judged + " entries judged at " + judgedPoints + " points");
    }

    /// <summary>The point's last entry is the tangent (double[][] per parameter). Returns entries judged, or -1 when wrong.</summary>
    private static int JudgeForward(CorpusMethod m, MethodInfo primal, object? receiver, object[] pointAndTangent, int[] active, double[] f, double[] tangent, bool single, string at)
    {
        var point = pointAndTangent.Take(pointAndTangent.Length - 1).ToArray();
        var t = (double[][])pointAndTangent[^1];
        if (tangent.Length != f.Length) { m.Break("tResult has " + tangent.Length + " components but the result " + f.Length); return -1; }
        var fd = Differences(h => Moved(point, active, t, h), primal, receiver, f, single);
        if (fd is null) return 0;
        int judged = 0;
        for (int i = 0; i < f.Length; i++)
        {
            if (fd.Value.Estimate[i] is not { } e) continue;
            judged++;
            if (!Agrees(tangent[i], e, fd.Value.Noise, single))
            {
                Wrong(m, $"tResult[{i}] = {tangent[i]:R} but central differences along the tangent give {e:R}{at}");
                return -1;
            }
        }
        return judged;
    }

    private static int JudgeHessian(CorpusMethod m, Type probe, MethodInfo backward, object? receiver, object[] point, int[] active, double[] hessian, bool single, Random random, string at)
    {
        int n = active.Sum(i => Count(point[i]));
        if (hessian.Length != n * n) { m.Break("the Hessian has " + hessian.Length + " entries for " + n + " scalars"); return -1; }
        if (!TryGradient(backward, receiver, point, active, out var g0)) return 0;
        int judged = 0;
        for (int k = 0; k < n; k++)
        {
            var unit = Unit(point, active, k);
            var fd = Differences(h => Moved(point, active, unit, h), p => TryGradient(backward, receiver, p, active, out var g) ? g : null, g0, single);
            if (fd is null) continue;
            for (int j = 0; j < n; j++)
            {
                if (fd.Value.Estimate[j] is not { } e) continue;
                judged++;
                if (!Agrees(hessian[k * n + j], e, fd.Value.Noise, single))
                {
                    Wrong(m, $"H[{k},{j}] = {hessian[k * n + j]:R} but central differences of MBackward's gradient give {e:R}{at}");
                    return -1;
                }
            }
        }
        if (probe.GetMethod("Vector") is { } vector && n > 0)
        {
            var v = Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
            double[] hv;
            try { hv = (double[])CallLimit.Invoke(vector, null, [receiver, Copy(point), v])!; }
            catch (TargetInvocationException e) { Wrong(m, "MHessianVector threw " + e.InnerException?.GetType().Name + at); return -1; }
            for (int k = 0; k < n; k++)
            {
                double expected = 0, size = 0;
                for (int j = 0; j < n; j++) { expected += hessian[k * n + j] * v[j]; size += Math.Abs(hessian[k * n + j] * v[j]); }
                if (!(Math.Abs(hv[k] - expected) <= (single ? 1e-4 : 1e-9) * size + 1e-300) && !(double.IsNaN(hv[k]) && double.IsNaN(expected)))
                {
                    Wrong(m, $"MHessianVector[{k}] = {hv[k]:R} but MHessian times the direction gives {expected:R}{at}");
                    return -1;
                }
            }
        }
        return judged;
    }

    private static int JudgeJacobian(CorpusMethod m, MethodInfo primal, object? receiver, object[] point, int[] active, double[] f, double[] jacobian, bool single, string at)
    {
        int n = active.Sum(i => Count(point[i]));
        if (jacobian.Length != f.Length * n) { m.Break("the Jacobian has " + jacobian.Length + " entries for " + f.Length + " × " + n); return -1; }
        int judged = 0;
        for (int k = 0; k < n; k++)
        {
            var unit = Unit(point, active, k);
            var fd = Differences(h => Moved(point, active, unit, h), primal, receiver, f, single);
            if (fd is null) continue;
            for (int i = 0; i < f.Length; i++)
            {
                if (fd.Value.Estimate[i] is not { } e) continue;
                judged++;
                if (!Agrees(jacobian[i * n + k], e, fd.Value.Noise, single))
                {
                    Wrong(m, $"J[{i},{k}] = {jacobian[i * n + k]:R} but central differences give {e:R}{at}");
                    return -1;
                }
            }
        }
        return judged;
    }

    private static bool Agrees(double derivative, double estimate, double noise, bool single) =>
        Math.Abs(derivative - estimate) <= (single ? 2e-3 : 1e-4) * Math.Max(Math.Abs(estimate), Math.Abs(derivative)) + noise;

    /// <summary>Per component, central differences at h and h/2 where they agree (null where not), and the round-off allowance.</summary>
    private static (double?[] Estimate, double Noise)? Differences(Func<double, object[]> moved, MethodInfo primal, object? receiver, double[] f, bool single) =>
        Differences(moved, p => TryValue(primal, receiver, p, out var v) ? v : null, f, single);

    private static (double?[] Estimate, double Noise)? Differences(Func<double, object[]> moved, Func<object[], double[]?> evaluate, double[] f, bool single)
    {
        double h = single ? 1e-3 : 1e-5;
        var d1 = Quotient(moved, evaluate, h);
        var d2 = Quotient(moved, evaluate, h / 2);
        if (d1 is null || d2 is null || d1.Length != f.Length || d2.Length != f.Length) return null;
        double noise = (single ? 1e-6 : 1e-15) * f.Select(Math.Abs).DefaultIfEmpty(0).Max() / h * 8;
        var estimate = new double?[f.Length];
        double spreadMax = 0;
        for (int i = 0; i < f.Length; i++)
        {
            double spread = Math.Abs(d1[i] - d2[i]);
            if (!(spread <= (single ? 2e-4 : 1e-6) * Math.Max(Math.Abs(d1[i]), Math.Abs(d2[i])) + noise)) continue;
            estimate[i] = d2[i];
            spreadMax = Math.Max(spreadMax, spread);
        }
        return (estimate, noise + spreadMax);
    }

    private static double[]? Quotient(Func<double, object[]> moved, Func<object[], double[]?> evaluate, double h)
    {
        var up = evaluate(moved(h));
        var down = evaluate(moved(-h));
        if (up is null || down is null || up.Length != down.Length) return null;
        return up.Zip(down, (a, b) => (a - b) / (2 * h)).ToArray();
    }

    /// <summary>The point moved by h·direction (direction[i] per parameter, scaled to the size of the value it moves).</summary>
    private static object[] Moved(object[] point, int[] active, double[][] direction, double h)
    {
        var copy = Copy(point);
        foreach (int i in active)
        {
            if (copy[i] is double d) copy[i] = d + h * direction[i][0];
            else if (copy[i] is float s) copy[i] = (float)(s + h * direction[i][0]);
            else if (copy[i] is double[] a) for (int j = 0; j < a.Length; j++) a[j] += h * direction[i][j];
            else if (copy[i] is float[] b) for (int j = 0; j < b.Length; j++) b[j] = (float)(b[j] + h * direction[i][j]);
        }
        return copy;
    }

    /// <summary>A random tangent per parameter (active ones only), scaled to the size of the value it moves.</summary>
    private static double[][] Tangents(object[] point, int[] active, int count, Random random)
    {
        var t = new double[count][];
        for (int i = 0; i < count; i++) t[i] = new double[Math.Max(1, point[i] is Array a ? a.Length : 1)];
        foreach (int i in active)
            for (int j = 0; j < t[i].Length; j++) t[i][j] = (2 * random.NextDouble() - 1) * Math.Max(Math.Abs(Element(point[i], j)), 1e-2);
        return t;
    }

    /// <summary>The unit direction of the k-th differentiable scalar (the step h is absolute; sampled values are at most 40).</summary>
    private static double[][] Unit(object[] point, int[] active, int k)
    {
        var t = new double[point.Length][];
        for (int i = 0; i < point.Length; i++) t[i] = new double[Math.Max(1, point[i] is Array a ? a.Length : 1)];
        foreach (int i in active)
        {
            int c = Count(point[i]);
            if (k < c) { t[i][k] = 1; return t; }
            k -= c;
        }
        return t;
    }

    private static double Element(object o, int j) => o is Array a ? Convert.ToDouble(a.GetValue(j)) : Convert.ToDouble(o);

    private static int Count(object o) => o is Array a ? a.Length : 1;

    private static bool TryGradient(MethodInfo backward, object? receiver, object[] point, int[] active, out double[] gradient)
    {
        gradient = [];
        var ps = backward.GetParameters();
        bool isFloat = backward.ReturnType == typeof(float);
        var args = new List<object?>(Copy(point));
        foreach (int i in active)
        {
            args.Add(point[i] switch
            {
                double => 0.0,
                float => 0f,
                Array a => Array.CreateInstance(a.GetType().GetElementType()!, a.Length),
                _ => null,
            });
        }
        args.Add(isFloat ? (object)1f : 1.0);
        var array = args.ToArray();
        try { CallLimit.Invoke(backward, receiver, array); }
        catch (TargetInvocationException) { return false; }
        var g = new List<double>();
        for (int k = 0; k < active.Length; k++)
        {
            var adjoint = array[point.Length + k];
            if (adjoint is Array a) g.AddRange(a.Cast<object>().Select(Convert.ToDouble));
            else g.Add(Convert.ToDouble(adjoint));
        }
        gradient = g.ToArray();
        return gradient.All(double.IsFinite);
    }

    /// <summary>The array parameters a void method writes its results into, for the case being judged (null for a method with a result).</summary>
    private static readonly ThreadLocal<int[]?> _outputs = new();

    private static bool TryValue(MethodInfo primal, object? receiver, object[] point, out double[] value)
    {
        value = [];
        try
        {
            var passed = Copy(point);
            var result = CallLimit.Invoke(primal, receiver, passed);
            value = primal.ReturnType == typeof(void) && _outputs.Value is { } outputs ? outputs.SelectMany(i => Flatten(passed[i])).ToArray() : Flatten(result);
        }
        catch (TargetInvocationException) { return false; }
        return value.Length > 0 && value.All(double.IsFinite);
    }

    /// <summary>A result as its real components: a double or float, an array of them, or a tuple/struct's real fields in order.</summary>
    public static double[] Flatten(object? o) => o switch
    {
        null => [],
        double d => [d],
        float f => [f],
        double[] a => a,
        float[] a => a.Select(v => (double)v).ToArray(),
        _ when o.GetType().IsValueType => o.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).SelectMany(field => Flatten(field.GetValue(o))).ToArray(),
        _ => [],
    };

    private static object[] Sample(CorpusMethod m, ParameterInfo[] ps, (double Lo, double Hi) fallback, Random random)
    {
        string key = m.TypeName.Substring(m.TypeName.LastIndexOf('.') + 1) + "." + m.Name;
        var point = new object[ps.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            var t = ps[i].ParameterType.IsByRef ? ps[i].ParameterType.GetElementType()! : ps[i].ParameterType;
            var (lo, hi) = ModeDomains.Real.TryGetValue(key + "." + ps[i].Name, out var d) ? d : ModeDomains.Real.TryGetValue(key, out d) ? d : fallback;
            int length = ModeDomains.Lengths.TryGetValue(key, out var l) ? l : ModeDomains.ArrayLength;
            double Draw() => lo + (hi - lo) * random.NextDouble();
            point[i] = t == typeof(double) ? Draw()
                : t == typeof(float) ? (float)Draw()
                : t == typeof(double[]) ? Enumerable.Range(0, length).Select(_ => Draw()).ToArray()
                : t == typeof(float[]) ? Enumerable.Range(0, length).Select(_ => (float)Draw()).ToArray()
                : t == typeof(int) ? ModeDomains.Integer(key + "." + ps[i].Name, ps[i].Name!)
                // An int[] beside the reals is a mask or labels (Clad's maskedSum): alternating signs, both branches taken.
                : t == typeof(int[]) ? Enumerable.Range(0, length).Select(j => j % 2 == 0 ? 1 : -1).ToArray()
                : t == typeof(bool) ? (object)true
                : t == typeof(char) ? (object)'a'
                : t.IsEnum ? Enum.GetValues(t).GetValue(Enum.GetValues(t).Length - 1)!
                : throw new InvalidOperationException("no sample for " + t);
        }
        return point;
    }

    private static bool Matches(MethodInfo x, CorpusMethod m) =>
        x.GetParameters().Take(m.ParameterTypes.Length).Select(p => Spell(p.ParameterType)).SequenceEqual(m.ParameterTypes.Select(s => s.Substring(s.LastIndexOf('.') + 1)));

    private static string Spell(Type t) =>
        t.IsByRef ? Spell(t.GetElementType()!)
        : t == typeof(double) ? "double" : t == typeof(float) ? "float" : t == typeof(int) ? "int" : t == typeof(bool) ? "bool"
        : t == typeof(char) ? "char" : t == typeof(long) ? "long" : t == typeof(string) ? "string" : t.IsArray ? Spell(t.GetElementType()!) + "[]" : t.Name;

    /// <summary>A real, or an array of them; a ref real too (Forward mode probes pass it and its tangent by ref).</summary>
    private static bool IsReal(Type t) => t.IsByRef ? IsReal(t.GetElementType()!) : t == typeof(double) || t == typeof(float) || t == typeof(double[]) || t == typeof(float[]);

    private static object[] Copy(object[] point) => point.Select(p => p is Array a ? a.Clone() : p).ToArray()!;

    private static void Wrong(CorpusMethod m, string why)
    {
        m.Status = CorpusStatus.Wrong;
        m.Details.Add(why);
    }

    private static bool Close(double a, double b, double relative, double absolute) =>
        a == b || Math.Abs(a - b) <= relative * Math.Max(Math.Abs(a), Math.Abs(b)) + absolute;

    private static string Show(object[] point) =>
        "(" + string.Join(", ", point.Select(p => p is Array a ? "[" + string.Join(", ", a.Cast<object>().Select(Num)) + "]" : Num(p))) + ")";

    private static string Num(object o) => o is double d ? d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)
        : o is float f ? f.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture)!;

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = 17;
            foreach (char c in s) h = h * 31 + c;
            return h;
        }
    }
}
