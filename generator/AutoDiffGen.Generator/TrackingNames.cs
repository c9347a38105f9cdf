namespace AutoDiffGen.Generator;

/// <summary>Names of the pipeline's tracked steps, used by the caching tests.</summary>
internal static class TrackingNames
{
    public const string Analyze = nameof(Analyze);
    public const string Unavailable = nameof(Unavailable);
    public const string Gated = nameof(Gated);
    public const string Models = nameof(Models);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Derivatives = nameof(Derivatives);
    public const string UsedDerivatives = nameof(UsedDerivatives);
    public const string LanguageVersion = nameof(LanguageVersion);
    public const string EmitModels = nameof(EmitModels);
}
