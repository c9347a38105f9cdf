namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// <c>[WithRespectTo]</c> on an array of records (issue 13 items 6/4): <c>MBackward</c> takes <c>Asset[] dAssets</c>,
    /// copies each element's reals into an array per member, and replaces each adjoint element by <c>with</c> at the end.
    /// Its gradient is checked by hand and central differences in Objects23/ClassArrayTests (the same method). Since
    /// objects24 a <c>[WithRespectTo] List&lt;Asset&gt;</c> with <c>Forward = true</c>: <c>MBackward</c> takes <c>Asset[] dAssets</c>,
    /// <c>MForward</c> a tangent <c>ReadOnlySpan&lt;Asset&gt; tAssets</c> (checked in Objects24/ClassListTests, the same method).
    /// </summary>
    public static class ClassArrays
    {
        public const string Source = """
            using System;
            using System.Collections.Generic;
            using AutoDiffGen;

            namespace Golden.ClassArrays
            {
                public sealed record Asset(string Ticker, double Weight, double Return, int Lots);

                public static partial class Book
                {
                    /// L = Σ k·Wᵢ·Rᵢ²: dAssets[i] = dAssets[i] with { Weight = … + k·Rᵢ², Return = … + 2k·Wᵢ·Rᵢ }.
                    [Differentiable]
                    public static double Portfolio(double k, [WithRespectTo] Asset[] assets)
                    {
                        double s = 0;
                        for (int i = 0; i < assets.Length; i++) s += k * assets[i].Weight * assets[i].Return * assets[i].Return;
                        return s;
                    }

                    /// L = Σ k·Wᵢ·Rᵢ + Σ Wᵢ² over a list: read to Count and by foreach; the adjoint an Asset[], the tangent a span of Asset.
                    [Differentiable(Forward = true)]
                    public static double Listed(double k, [WithRespectTo] List<Asset> assets)
                    {
                        double s = 0;
                        for (int i = 0; i < assets.Count; i++) s += k * assets[i].Weight * assets[i].Return;
                        foreach (var a in assets) s += a.Weight * a.Weight;
                        return s;
                    }
                }
            }
            """;
    }
}
