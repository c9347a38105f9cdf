using System;
using Xunit;

namespace AutoDiffGen.PackageTests;

/// <summary>A fact that runs only when an environment variable is set to 1; otherwise it is reported as skipped with the reason.</summary>
public sealed class OptInFactAttribute : FactAttribute
{
    public OptInFactAttribute(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) != "1") Skip = "opt-in: set " + variable + "=1 to run";
    }
}
