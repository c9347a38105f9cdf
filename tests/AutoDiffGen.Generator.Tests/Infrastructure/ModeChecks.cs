using System.Reflection;
using AutoDiffGen.Generator.Tests.Hessians;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Every mode of one generated method of scalar parameters (doubles, and discrete ones such as an int count) at one point:
/// its <c>MBackward</c> against central differences, then, where generated, its <c>MForward</c> along a random tangent
/// against the gradient times it, and the test's wrappers <c>nameJ</c> (MJacobian, one row) against the gradient and
/// <c>nameH</c> (MHessian) against central differences of the gradient. A random program property test calls it per point.
/// </summary>
public static class ModeChecks
{
    /// <summary>
    /// <see cref="AtPoint"/> for each program at three points drawn by <paramref name="point"/>; a failure names the program,
    /// the point and its text. Returns the number of points checked.
    /// </summary>
    public static int AtThreePoints(Type type, IEnumerable<(string Name, string Text)> programs, Func<object[]> point, Random random)
    {
        int points = 0;
        foreach (var (name, text) in programs)
        {
            for (int k = 0; k < 3; k++)
            {
                var at = point();
                try
                {
                    AtPoint(type, name, at, random);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(name + " at " + string.Join(", ", at) + ": " + e.Message + "\n" + text);
                }
                points++;
            }
        }
        return points;
    }

    public static void AtPoint(Type type, string name, object[] at, Random random)
    {
        var result = CentralDifferenceRunner.Check(type.GetMethod(name)!, null, at);
        var active = Enumerable.Range(0, at.Length).Where(i => result.Gradient[i] is not null).ToArray();
        var gradient = active.Select(i => result.Gradient[i]![0]).ToArray();
        if (type.GetMethod(name + "J") is { } jacobian)
        {
            var j = (double[])jacobian.Invoke(null, at)!;
            Assert.Equal(gradient.Length, j.Length);
            for (int c = 0; c < j.Length; c++) Tolerance.AssertClose(gradient[c], j[c], 1e-10 * (1 + Math.Abs(gradient[c])), "MJacobian[" + c + "]");
        }
        if (type.GetMethod(name + "Forward") is { } forward)
        {
            var t = active.Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
            var args = at.Concat(t.Cast<object>()).Append(0.0).ToArray();
            forward.Invoke(null, args);
            double magnitude = gradient.Select((g, c) => Math.Abs(g * t[c])).Sum();
            Tolerance.AssertClose(gradient.Select((g, c) => g * t[c]).Sum(), (double)args[^1], 1e-10 * (1 + magnitude), "MForward");
        }
        if (type.GetMethod(name + "H") is { } hessian)
        {
            var h = (double[])hessian.Invoke(null, at)!;
            var backward = type.GetMethod(name + "Backward")!;
            var central = HessianModeTests.CentralHessian((x, into) =>
            {
                var args = (object[])at.Clone();
                for (int c = 0; c < active.Length; c++) args[active[c]] = x[c];
                args = args.Concat(active.Select(_ => (object)0.0)).Append(1.0).ToArray();
                backward.Invoke(null, args);
                for (int c = 0; c < active.Length; c++) into[c] = (double)args[at.Length + c];
            }, active.Select(i => (double)at[i]).ToArray());
            for (int c = 0; c < h.Length; c++) Tolerance.AssertClose(central[c], h[c], 1e-5 * (1 + Math.Abs(central[c])), "MHessian[" + c + "]");
        }
    }
}
