namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// One local gradient applied: <c>d(input) += Expression</c>, or <c>-=</c> when <see cref="Subtract"/>.
/// The expression already includes the upstream gradient.
/// </summary>
internal readonly record struct Contribution(int InputPosition, string Expression, bool Subtract = false);
