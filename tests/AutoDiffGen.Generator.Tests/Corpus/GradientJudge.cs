using System.Reflection;

namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>
/// Compares a corpus method's generated Backward with central differences. A coordinate is judged only where
/// the difference quotients at steps h and h/2 agree (so branch switches, iteration-count changes and
/// round-off are not mistaken for wrong gradients); a method with no judged coordinate is Unchecked.
/// </summary>
public static class GradientJudge
{
    private const int PointsWanted = 3;
    private const int AttemptsPerInterval = 8;

    public static void Judge(Assembly assembly, CorpusMethod m)
    {
        var type = assembly.GetType(m.TypeName, throwOnError: true)!;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var primal = type.GetMethods(all).SingleOrDefault(x => x.Name == m.Name && Spell(x.GetParameters()).SequenceEqual(m.ParameterTypes));
        if (primal is null)
        {
            m.Break("the judge found no method " + m.Signature + " by reflection");
            return;
        }
        // A generic-math method (T : IFloatingPointIeee754<T>) is judged at T = double.
        if (primal.IsGenericMethodDefinition) primal = primal.MakeGenericMethod(typeof(double));
        var ps = primal.GetParameters();
        var active = Enumerable.Range(0, ps.Length).Where(i => IsReal(ps[i].ParameterType) && !m.NoDiff[i]).ToArray();
        // Overloads can share a prefix (Log(double) and Log(double, int)): the adjoint count tells them apart.
        var backward = type.GetMethods(all).SingleOrDefault(x => x.Name == m.Name + "Backward" && x.GetParameters().Length == ps.Length + active.Length + 1 &&
                                                         Spell(x.GetParameters().Take(m.ParameterTypes.Length).ToArray()).SequenceEqual(m.ParameterTypes));
        if (backward is { IsGenericMethodDefinition: true }) backward = backward.MakeGenericMethod(typeof(double));
        if (backward is null)
        {
            m.Break("no Backward with the contract's shape (" + ps.Length + " parameters, " + active.Length + " adjoints, dResult)");
            return;
        }
        var random = new Random(StableHash(m.Signature));
        // The receiver is a constant of the method. A struct of reals (a Box2d asked for its distance to a point) gets
        // drawn fields when struct parameters are judged, so the point is not the degenerate all-zero one.
        object? receiver = primal.IsStatic ? null : m.JudgeStructs && RealLeaves.IsRealStruct(type) ? RealLeaves.NewRealStruct(type, () => 0.2 + 2.8 * random.NextDouble())
            : Activator.CreateInstance(type);
        bool isFloat = primal.ReturnType == typeof(float);
        int judgedPoints = 0, judgedCoordinates = 0, validPoints = 0;

        foreach (var interval in CorpusDomains.Default)
        {
            for (int attempt = 0; attempt < AttemptsPerInterval && judgedPoints < PointsWanted; attempt++)
            {
                var point = Sample(m, ps, interval, random);
                if (!TryValue(primal, receiver, point, out double f)) continue;
                validPoints++;
                // A method that keeps state between calls (a static counter it writes, supported since idioms21) gives another
                // value at the same point: neither the Backward's value nor differences can be compared with a call. Unchecked.
                if (validPoints == 1 && TryValue(primal, receiver, point, out double again) && again != f)
                {
                    m.Status = CorpusStatus.Unchecked;
                    m.Details.Add("its value changes from one call to the next at the same point (" + f + ", then " + again + "): it keeps state between calls");
                    return;
                }
                object?[] args;
                double value;
                try
                {
                    args = BackwardArguments(ps, active, point, isFloat);
                    value = Convert.ToDouble(CallLimit.Invoke(backward, receiver, args));
                }
                catch (ArgumentException e)
                {
                    m.Break("Backward's parameters do not follow the contract: " + backward + " (" + e.Message + ")");
                    return;
                }
                catch (TargetInvocationException e)
                {
                    Wrong(m, "Backward threw " + e.InnerException?.GetType().Name + " where the method returns " + f + " at " + Show(point));
                    return;
                }
                if (!Close(value, f, 1e-12, 1e-300) && !(double.IsNaN(value) && double.IsNaN(f)))
                {
                    Wrong(m, "Backward returned " + value + " but the method returns " + f + " at " + Show(point));
                    return;
                }
                int judgedHere = 0;
                int slot = ps.Length;
                foreach (int i in active)
                {
                    var adjoint = args[slot++];
                    int count = RealLeaves.Count(point[i]);
                    bool container = RealLeaves.IsContainer(point[i]);
                    for (int j = 0; j < count; j++)
                    {
                        double g = container ? RealLeaves.Get(adjoint!, j) : Convert.ToDouble(adjoint);
                        bool single = isFloat || m.RoundsToFloat || RealLeaves.IsSingle(point[i]);
                        var fd = Differences(primal, receiver, point, i, container ? j : -1, f, single);
                        if (fd is null) continue;
                        judgedHere++;
                        double tolerance = (single ? 2e-3 : 1e-4) * Math.Max(Math.Abs(fd.Value.Estimate), Math.Abs(g)) + fd.Value.Noise;
                        if (!(Math.Abs(g - fd.Value.Estimate) <= tolerance))
                        {
                            Wrong(m, $"d/d{ps[i].Name}{(container ? RealLeaves.Index(point[i], j) : "")} = {g:R} but central differences give {fd.Value.Estimate:R} at {Show(point)}");
                            return;
                        }
                    }
                }
                if (judgedHere > 0)
                {
                    if (ForwardJudge.Check(primal, receiver, active, point, args, f, isFloat || m.RoundsToFloat || active.Any(i => RealLeaves.IsSingle(point[i])), random) is { } forwardWrong)
                    {
                        Wrong(m, forwardWrong + " at " + Show(point));
                        return;
                    }
                    judgedPoints++;
                    judgedCoordinates += judgedHere;
                }
            }
        }
        if (judgedPoints == 0)
        {
            m.Status = CorpusStatus.Unchecked;
            m.Details.Add(validPoints == 0 ? "no sample point where the method is finite" : "finite differences unstable at every valid point");
        }
        else m.Details.Add(judgedCoordinates + " derivatives judged at " + judgedPoints + " points");
    }

    private static void Wrong(CorpusMethod m, string why)
    {
        m.Status = CorpusStatus.Wrong;
        m.Details.Add(why);
    }

    /// <summary>Central differences at h and h/2; null when they disagree (the point is not judged there).</summary>
    private static (double Estimate, double Noise)? Differences(MethodInfo primal, object? receiver, object[] point, int i, int j, double f, bool isFloat)
    {
        double x = j < 0 ? Convert.ToDouble(point[i]) : RealLeaves.Get(point[i], j);
        double scale = Math.Max(Math.Abs(x), 1e-2);
        double h = (isFloat ? 1e-3 : 1e-5) * scale;
        double? d1 = Quotient(primal, receiver, point, i, j, x, h);
        double? d2 = Quotient(primal, receiver, point, i, j, x, h / 2);
        if (d1 is null || d2 is null) return null;
        // Round-off is eps times the size of the terms f is made of, not of f: a put far out of the money is
        // strike·e^(-rT)·Cdf(-d2) - spot·Cdf(-d1) with Cdf(-d) = 0.5·(1 - (1 - tiny)), terms near 1 and f near 1e-17, and its
        // quotients are that rounding over h. The judge's points have coordinates near 1, so terms are taken to be at least 1:
        // a slope difference below about 1e-9 is noise here, far below any gradient error the corpus has shown.
        double noise = (isFloat ? 1e-6 : 1e-15) * Math.Max(Math.Abs(f), 1) / h * 8;
        double spread = Math.Abs(d1.Value - d2.Value);
        if (!(spread <= (isFloat ? 2e-4 : 1e-6) * Math.Max(Math.Abs(d1.Value), Math.Abs(d2.Value)) + noise)) return null;
        return (d2.Value, noise + spread);
    }

    private static double? Quotient(MethodInfo primal, object? receiver, object[] point, int i, int j, double x, double h)
    {
        if (!TryValue(primal, receiver, With(point, i, j, x + h), out double up)) return null;
        if (!TryValue(primal, receiver, With(point, i, j, x - h), out double down)) return null;
        return (up - down) / (2 * h);
    }

    private static object[] With(object[] point, int i, int j, double v)
    {
        var copy = Copy(point);
        if (j < 0) copy[i] = point[i] is float ? (object)(float)v : v;
        else RealLeaves.Set(copy[i], j, v);
        return copy;
    }

    /// <summary>Calls the method on a copy of the point (some methods sort or overwrite their arrays).</summary>
    private static bool TryValue(MethodInfo primal, object? receiver, object[] point, out double value)
    {
        value = double.NaN;
        try { value = Convert.ToDouble(CallLimit.Invoke(primal, receiver, Copy(point))); }
        catch (TargetInvocationException) { return false; }
        return double.IsFinite(value);
    }

    private static object[] Copy(object[] point) => point.Select(RealLeaves.DeepCopy).ToArray()!;

    /// <summary>The point, then a zero adjoint for each differentiated parameter (<paramref name="active"/>), then the seed.</summary>
    private static object?[] BackwardArguments(ParameterInfo[] ps, int[] active, object[] point, bool isFloat)
    {
        var args = new List<object?>(Copy(point));
        foreach (int i in active)
        {
            var p = ps[i];
            args.Add(p.ParameterType == typeof(double) ? (object)0.0 : p.ParameterType == typeof(float) ? (object)0f
                : RealLeaves.ZeroAdjoint(point[i]));
        }
        args.Add(isFloat ? (object)1f : (object)1.0);
        return args.ToArray();
    }

    private static object[] Sample(CorpusMethod m, ParameterInfo[] ps, (double Lo, double Hi) fallback, Random random)
    {
        string key = ShortType(m.TypeName) + "." + m.Name;
        var point = new object[ps.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            var t = ps[i].ParameterType;
            var (lo, hi) = CorpusDomains.Real.TryGetValue(key + "." + ps[i].Name, out var d) ? d
                : CorpusDomains.Real.TryGetValue(key, out d) ? d : fallback;
            double Draw() => lo + (hi - lo) * random.NextDouble();
            point[i] = t == typeof(double) ? Draw()
                : t == typeof(float) ? (float)Draw()
                : t == typeof(double[]) ? Enumerable.Range(0, CorpusDomains.ArrayLength).Select(_ => Draw()).ToArray()
                : t == typeof(float[]) ? Enumerable.Range(0, CorpusDomains.ArrayLength).Select(_ => (float)Draw()).ToArray()
                : t == typeof(int) ? CorpusDomains.Integer(key + "." + ps[i].Name, ps[i].Name!)
                : t == typeof(long) ? (long)CorpusDomains.Integer(key + "." + ps[i].Name, ps[i].Name!)
                : t == typeof(bool) ? (object)true
                : t == typeof(string) ? "x"
                : t == typeof(char) ? 'a'
                // An enum (QLNet's Option.Type: call or put) takes each of its values in turn, drawn with the point.
                : t.IsEnum ? Enum.GetValues(t).GetValue(random.Next(Enum.GetValues(t).Length))!
                : t == typeof(double[,]) ? Matrix(Draw)
                : t == typeof(float[,]) ? RealLeaves.ToSingle(Matrix(Draw))
                : t == typeof(double[][]) ? Enumerable.Range(0, CorpusDomains.ArrayLength).Select(_ => Enumerable.Range(0, CorpusDomains.ArrayLength).Select(_ => Draw()).ToArray()).ToArray()
                : t == typeof(float[][]) ? Enumerable.Range(0, CorpusDomains.ArrayLength).Select(_ => Enumerable.Range(0, CorpusDomains.ArrayLength).Select(_ => (float)Draw()).ToArray()).ToArray()
                : RealLeaves.IsRealList(t) && t.GetGenericArguments()[0] == typeof(float) ? Enumerable.Range(0, CorpusDomains.ArrayLength).Select(_ => (float)Draw()).ToList()
                : RealLeaves.IsRealList(t) ? Enumerable.Range(0, CorpusDomains.ArrayLength).Select(_ => Draw()).ToList()
                : m.JudgeStructs && RealLeaves.IsRealStruct(t) ? RealLeaves.NewRealStruct(t, Draw)
                : throw new InvalidOperationException("no sample for " + t);
        }
        return point;
    }

    /// <summary>A [NoDiff] double[,] argument (a covariance): symmetric and diagonally dominant, so it is positive definite.</summary>
    private static double[,] Matrix(Func<double> draw)
    {
        int n = CorpusDomains.ArrayLength;
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                m[i, j] = m[j, i] = i == j ? n : 0.1 * draw();
        return m;
    }

    private static bool IsReal(Type t) => t == typeof(double) || t == typeof(float) || RealLeaves.IsRealArray(t) || RealLeaves.IsRealList(t) || RealLeaves.IsRealStruct(t);

    private static bool Close(double a, double b, double relative, double absolute) =>
        a == b || Math.Abs(a - b) <= relative * Math.Max(Math.Abs(a), Math.Abs(b)) + absolute;

    private static string ShortType(string metadataName) => metadataName.Substring(metadataName.LastIndexOf('.') + 1);

    private static IEnumerable<string> Spell(ParameterInfo[] ps) => ps.Select(p => Spell(p.ParameterType));

    private static string Spell(Type t) =>
        t == typeof(double) ? "double" : t == typeof(float) ? "float" : t == typeof(int) ? "int" : t == typeof(long) ? "long"
        : t == typeof(bool) ? "bool" : t == typeof(string) ? "string" : t == typeof(char) ? "char" : t.IsArray ? Spell(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]" : t.IsByRef ? "ref " + Spell(t.GetElementType()!)
        : t.IsGenericType && !t.IsGenericTypeDefinition ? t.Namespace + "." + t.Name.Substring(0, t.Name.IndexOf('`')) + "<" + string.Join(", ", t.GetGenericArguments().Select(Spell)) + ">"
        // A nested type (QLNet's Option.Type) as C# spells it: Option.Type, not reflection's Option+Type.
        : (t.FullName ?? t.Name).Replace('+', '.');

    private static string Show(object[] point) =>
        "(" + string.Join(", ", point.Select(p => RealLeaves.IsContainer(p) ? "[" + string.Join(", ", Enumerable.Range(0, RealLeaves.Count(p)).Select(j => Num(RealLeaves.Get(p, j)))) + "]" : Num(p))) + ")";

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
