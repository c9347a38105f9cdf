using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Model;

/// <summary>A parameter of the differentiable method and, when it is differentiable, its adjoint.</summary>
/// <param name="TypeName">The parameter type as C# text with global:: names.</param>
/// <param name="Scalar">Its scalar kind, or <see cref="ScalarType.Other"/> for pass-through parameters.</param>
/// <param name="AdjointName">"d" + the name with its first letter upper-cased, or null when it gets no adjoint.</param>
/// <param name="AdjointType">The adjoint parameter's type as written, e.g. "ref double", "double[]", "global::System.Span&lt;double&gt;".</param>
/// <param name="AnnotatedTypeName"><paramref name="TypeName"/> with the user's nullable annotations (<c>double[]?</c>), for signatures under C# 8 or later.</param>
/// <param name="Nullability">Whether the parameter is a reference type, and whether null is a value its method accepts.</param>
/// <param name="Name">The parameter's name as written (escaped when a keyword).</param>
/// <param name="RefKind">"ref", "out" or "in" for a parameter passed by reference (<c>ref readonly</c> is "in"); "" by value.</param>
/// <param name="Omitted">For an optional or <c>params</c> parameter, the C# text of the value it takes when a call leaves it out; null otherwise (<c>Lowering/OmittableArguments</c>).</param>
/// <param name="Buffer">For an <c>IEnumerable&lt;T&gt;</c> (<c>ICollection</c>, <c>IReadOnlyCollection</c>) parameter with a gradient, the local
/// each generated method enumerates it into once as it starts (<c>Emit/SequenceBuffers</c>); null otherwise.</param>
/// <param name="ClassElements">A <c>[WithRespectTo]</c> array or list of class objects, whose adjoint is an array of the class (<c>Lowering/ClassArrayParameters</c>).</param>
internal sealed record ParameterModel(string Name, string TypeName, ScalarType Scalar, string? AdjointName, string AdjointType, string AnnotatedTypeName, ParameterNullability Nullability,
    string RefKind = "", string? Omitted = null, string? Buffer = null, bool ClassElements = false)
{
    /// <summary>An <c>out</c> parameter: it has no value coming in, and its adjoint is a seed passed by value.</summary>
    public bool IsOut => RefKind == "out";

    /// <summary>The keyword before the type in a signature, with its space: "ref ", "out ", "in " or "".</summary>
    public string RefPrefix => RefKind.Length == 0 ? "" : RefKind + " ";

    public bool IsDifferentiable => AdjointName is not null;

    /// <summary>A <c>double</c> or <c>float</c> passed by value whose adjoint is a <c>ref</c> scalar (the carried Backward's input).</summary>
    public bool IsByValueRealScalar => RefKind.Length == 0 && AdjointType is "ref double" or "ref float";

    /// <summary>A <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or <c>IReadOnlyList&lt;T&gt;</c> parameter whose adjoint is a <c>T[]</c> (Lowering/ListParameters).</summary>
    public bool IsList => AdjointName is not null && TypeName.StartsWith("global::System.Collections.Generic.", System.StringComparison.Ordinal);

    /// <summary>The parameter's length as C# text: <c>x.Length</c>, or <c>xs.Count</c> for a list (its buffer's for a sequence).</summary>
    public string LengthText => ValuesText + (IsList ? ".Count" : ".Length");

    /// <summary>What the generated code reads the values through: the parameter, or a sequence's <see cref="Buffer"/>.</summary>
    public string ValuesText => Buffer ?? Name;

    /// <summary>The <see cref="Omitted"/> text of a null default (written <c>null!</c> where the language has <c>!</c>: the parameter may be declared non-nullable).</summary>
    public const string NullDefault = "null";

    /// <summary>Declared <c>T?</c>: its signature and its adjoint's say so too.</summary>
    public bool IsNullable => Nullability == ParameterNullability.Annotated;

    /// <summary>A reference the method may legitimately receive as null (declared <c>T?</c>, or in code without annotations).</summary>
    public bool MayBeNull => Nullability is ParameterNullability.Annotated or ParameterNullability.Oblivious;

    /// <summary>The parameter's type in a generated signature: annotated where the language version allows it.</summary>
    public string SignatureType(bool nullableSyntax) => nullableSyntax ? AnnotatedTypeName : TypeName;

    /// <summary>The adjoint's type in a generated signature: nullable where the parameter is (its adjoint may be null when it is).</summary>
    public string SignatureAdjointType(bool nullableSyntax) => nullableSyntax && IsNullable ? AdjointType + "?" : AdjointType;
}

/// <summary>A parameter's nullability as declared.</summary>
internal enum ParameterNullability
{
    /// <summary>A value type (a span, a scalar): never null.</summary>
    ValueType,

    /// <summary>A reference type declared without <c>?</c> where nullable annotations are on: null is a caller's error.</summary>
    NotNull,

    /// <summary>A reference type declared <c>T?</c>: null is a value the method handles.</summary>
    Annotated,

    /// <summary>A reference type in code without nullable annotations (C# 7.3, or nullable disabled): null may be meant.</summary>
    Oblivious,
}
