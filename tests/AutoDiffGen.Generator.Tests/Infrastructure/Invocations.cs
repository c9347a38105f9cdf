using System.Reflection;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>Calls through reflection whose exception is the point of the test.</summary>
public static class Invocations
{
    /// <summary>What <paramref name="call"/> (a reflection invoke) threw, unwrapped from its TargetInvocationException; null if it returned.</summary>
    public static Exception? Thrown(Action call)
    {
        try
        {
            call();
            return null;
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException;
        }
    }
}
