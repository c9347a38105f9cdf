using System.Collections.Generic;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The state of lowering one method: the graph built so far, the SSA version each variable holds
/// now, names, and the diagnostics found.
/// </summary>
internal sealed class LoweringContext
{
    private readonly List<Node> _nodes = new();
    private readonly Dictionary<ISymbol, int> _current = new(SymbolEqualityComparer.Default);
    private readonly List<DiagnosticInfo> _diagnostics = new();

    public LoweringContext(NameAllocator names, string methodName)
    {
        Names = names;
        MethodName = methodName;
    }

    public NameAllocator Names { get; }

    public string MethodName { get; }

    public IReadOnlyList<Node> Nodes => _nodes;

    public List<DiagnosticInfo> Diagnostics => _diagnostics;

    public bool HasErrors { get; private set; }

    public void Report(DiagnosticInfo diagnostic)
    {
        _diagnostics.Add(diagnostic);
        if (DiagnosticDescriptors.Get(diagnostic.Id).DefaultSeverity == DiagnosticSeverity.Error) HasErrors = true;
    }

    public void ReportUnsupportedExpression(IOperation op, string? what)
    {
        if (op is IInvalidOperation || op.Type is IErrorTypeSymbol)
        {
            // The compiler already reports broken code; piling an ADG error on it helps nobody.
            HasErrors = true;
            return;
        }
        Report(DiagnosticFactory.Create(
            DiagnosticDescriptors.UnsupportedExpression,
            op.Syntax,
            what is null ? Describe.Operation(op) : what + " ('" + Describe.Snippet(op.Syntax) + "')",
            Describe.Hint(op)));
    }

    /// <summary>The node a variable holds now, or -1 when it is unassigned.</summary>
    public int Current(ISymbol variable) => _current.TryGetValue(variable, out int id) ? id : -1;

    public void Assign(ISymbol variable, int node) => _current[variable] = node;

    /// <summary>The name for the value a user variable receives: its own name the first time, a version after.</summary>
    public string NameFor(ISymbol variable) => Current(variable) < 0 ? Names.Claim(variable.Name) : Names.Version(variable.Name);

    public int AddParameter(string name, ScalarType type, string typeName, bool varied, string adjointName) =>
        Add(GateKind.Parameter, Empty, type, typeName, name, isInline: true, varied, name, name, adjointName);

    /// <summary>A value that depends on no differentiable input.</summary>
    /// <param name="dependencies">The nodes the text reads.</param>
    public int AddConstant(string text, ScalarType type, string typeName, string? userName, bool isAtom, IEnumerable<int>? dependencies = null)
    {
        var inputs = dependencies is null ? Empty : new EquatableArray<int>(new SortedSet<int>(dependencies));
        if (userName is null && isAtom)
        {
            return Add(GateKind.Constant, inputs, type, typeName, text, isInline: true, varied: false, text, null, "");
        }
        string name = userName ?? Names.Fresh("c");
        return Add(GateKind.Constant, inputs, type, typeName, name, isInline: false, varied: false, text, userName, "");
    }

    /// <summary>A differentiable gate. Its name is the user's where the value is a user variable.</summary>
    public int AddGate(GateKind gate, ScalarType type, string? userName, params int[] inputs) =>
        AddGate(gate, type, Literals.TypeKeyword(type), userName, null, inputs);

    public int AddGate(GateKind gate, ScalarType type, string typeName, string? userName, CallInfo? call, int[] inputs)
    {
        bool varied = false;
        foreach (int input in inputs) varied |= _nodes[input].Varied;
        string name = userName ?? Names.Fresh(call is null ? GateNames.Base(gate) : GateNames.ForCall(call.Callee));
        string adjoint = varied ? Names.Fresh(NameAllocator.AdjointBase(name)) : "";
        return Add(gate, new EquatableArray<int>(inputs), type, typeName, name, isInline: false, varied, "", userName, adjoint, call);
    }

    private static readonly EquatableArray<int> Empty = EquatableArray<int>.Empty;

    private int Add(GateKind gate, EquatableArray<int> inputs, ScalarType type, string typeName, string name, bool isInline, bool varied, string text, string? userName, string adjointName, CallInfo? call = null)
    {
        int id = _nodes.Count;
        _nodes.Add(new Node(id, gate, inputs, type, typeName, name, isInline, varied, text, userName, adjointName, call));
        return id;
    }
}
