namespace AutoDiffGen.Generator;

/// <summary>Names of the pipeline's tracked steps, used by the caching tests.</summary>
internal static class TrackingNames
{
    /// <summary>The [Differentiable] transform: a <c>MethodAnalysis</c>, whose diagnostics half holds syntax trees.</summary>
    public const string Transform = nameof(Transform);

    /// <summary>The plain-data half of the transform's output; the model steps start here.</summary>
    public const string Analyze = nameof(Analyze);
    public const string Unavailable = nameof(Unavailable);
    public const string Gated = nameof(Gated);
    /// <summary>The generated file names that clash ignoring case, and what each clashing method is named instead.</summary>
    public const string HintRenames = nameof(HintRenames);
    public const string Models = nameof(Models);
    public const string LanguageVersion = nameof(LanguageVersion);
    public const string EmitModels = nameof(EmitModels);
    /// <summary>Whether the emitter's text may be reused across drivers (Caching/EmissionCache).</summary>
    public const string EmissionCache = nameof(EmissionCache);
    public const string UsedDerivatives = nameof(UsedDerivatives);
    /// <summary>Callees' forms written because callers need them (Lowering/DerivedForms), once each.</summary>
    public const string DerivedForms = nameof(DerivedForms);

    /// <summary>Diagnostics steps: their outputs hold tree-backed locations and are only reported, never compared as models.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <inheritdoc cref="Diagnostics"/>
    public const string Derivatives = nameof(Derivatives);

    /// <inheritdoc cref="Diagnostics"/>
    public const string DerivativeDiagnostics = nameof(DerivativeDiagnostics);
}
