using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The state of lowering one method: the graph built so far, the block being filled, the SSA
/// version each variable holds now, names, and the diagnostics found.
/// </summary>
internal sealed partial class LoweringContext
{
    /// <summary>The key under which the value a path returns is tracked, like a variable.</summary>
    public static readonly object ReturnValue = new HiddenVariable("result");

    /// <summary>
    /// The keys under which what a path returns is tracked: <see cref="ReturnValue"/>, and for a vector-valued method
    /// one component key per member of the result (<see cref="Component"/> of <see cref="ReturnValue"/>).
    /// </summary>
    public List<object> ResultKeys { get; } = new() { ReturnValue };

    /// <summary>Per ref/out parameter, the key that tracks the value it leaves on the path taken (StatementLowering.Outputs).</summary>
    public Dictionary<ISymbol, HiddenVariable> OutputKeys { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Each differentiated array of structs' component arrays (<see cref="StructArrayParameters"/>): the nodes its p[i] reads.</summary>
    public Dictionary<ISymbol, int[]> StructArrays { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The arrays of <see cref="StructArrays"/> the method stores into (<see cref="StructArrayStores"/>): their components are versioned arrays.</summary>
    public HashSet<ISymbol> WrittenStructArrays { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The component arrays an array of structs holds now (each is carried under <see cref="Component"/> of its path).</summary>
    public int[] StructArrayParts(ISymbol array)
    {
        var components = Derivatives.RealStructs.Components(Derivatives.ValueKinds.CarriedArrayElement(TypeOfVariable(array)!))!;
        return ComponentNodes(array, components);
    }

    /// <summary>
    /// The node whose array has the length of an array of structs: the parameter itself, or for a local one
    /// (<see cref="StructArrayLocals"/>, which exists only as its components) or a list of class objects (whose Count is
    /// not a Length, ClassArrayParameters) its first component array as it is now.
    /// </summary>
    public int StructArrayLength(ISymbol array) => array is IParameterSymbol { Type: IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" } } ? Current(array) : StructArrayParts(array)[0];

    /// <summary>The key of <paramref name="parameter"/>'s final value, or null (then it is the parameter's current version).</summary>
    public HiddenVariable? OutputKey(ISymbol parameter) => OutputKeys.TryGetValue(parameter, out var key) ? key : null;

    /// <summary>The key tracks (part of) what the method returns.</summary>
    public bool IsResultKey(object key) => ResultKeys.Any(k => ReferenceEquals(k, key));

    /// <summary>A variable the generator introduces (the returned value, a foreach index), tracked like a local.</summary>
    public sealed class HiddenVariable(string name)
    {
        public string Name { get; } = name;
    }

    private readonly List<Node> _nodes = new();
    private Dictionary<object, int> _current = new(VariableComparer.Instance);
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Stack<List<Item>> _blocks = new();

    public LoweringContext(NameAllocator names, string methodName)
    {
        Names = names;
        MethodName = methodName;
        _blocks.Push(new List<Item>());
    }

    public NameAllocator Names { get; }

    public string MethodName { get; }

    public IReadOnlyList<Node> Nodes => _nodes;

    public List<DiagnosticInfo> Diagnostics => _diagnostics;

    public bool HasErrors { get; private set; }

    /// <summary>The method has <c>Forward = true</c>: every call that carries a gradient needs a forward derivative too (<see cref="ForwardCalls"/>).</summary>
    public bool Forward { get; set; }

    /// <summary>The method has <c>Hessian = true</c>: a call that carries a gradient is ADG0019 (<see cref="HessianMode"/>).</summary>
    public bool Hessian { get; set; }

    /// <summary>
    /// Why this Hessian-mode method's MHessian cannot be the forward-over-reverse product over doubles (a float result, a
    /// parameter that holds floats), which calls need (<see cref="HessianCalls"/>); "" when it can.
    /// </summary>
    public string HessianProductBlocked { get; set; } = "";

    /// <summary>
    /// <c>[Differentiable(WithRespectToThis = true)]</c>: the object's real members are inputs (<see cref="ThisState"/>),
    /// so a read of any other member that holds reals, or a call to an instance method of the object, is reported.
    /// </summary>
    public bool WithRespectToThis { get; set; }

    /// <summary>The node that stands for the whole object's state as an input of calls that pass <c>dThis</c> (created with the members' nodes).</summary>
    public int StateNode { get; set; } = -1;

    /// <summary>The method's <c>[WithRespectTo]</c> class parameters, as a call passes them on (<see cref="ClassInput"/>).</summary>
    public Dictionary<IParameterSymbol, ClassInput> ClassInputs { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Which array parameters a [Differentiable] method (this one or a callee) writes into.</summary>
    public ArrayWrites? Writes { get; set; }

    /// <summary>Calls to Backwards generated in this compilation, with where they are, checked once every method is analysed (<see cref="CalleeGate"/>).</summary>
    public List<(CalleeCall Call, SyntaxNode At)> Callees { get; } = new();

    /// <summary>Callees' forms this method calls that their attributes do not ask for (<see cref="DerivedForms"/>), each once.</summary>
    public List<MethodModel> Derived { get; } = new();

    /// <summary>Per callee and form, what <see cref="DerivedForms.Require"/> answered: a callee called many times is analysed once.</summary>
    public Dictionary<string, string?> DerivedAnswers { get; } = new(System.StringComparer.Ordinal);

    /// <summary>
    /// The body calls a method other than System.Math/MathF for a value it does not differentiate (an index,
    /// a count): that call may have effects, so the forward sweep must not be run twice.
    /// </summary>
    public bool HasOpaqueCalls { get; set; }

    /// <summary>The first call whose value may change from call to call (<see cref="StatefulCalls"/>), or null.</summary>
    public SyntaxNode? StatefulCall { get; set; }

    /// <summary>Depth of loops around the code being lowered.</summary>
    public int LoopDepth { get; set; }

    /// <summary>
    /// True when a value depends differentiably on a differentiable input (ExpressionLowering.IsVaried).
    /// Set once by ExpressionLowering; renderers of constant text use it to find gradients that would leak.
    /// </summary>
    public System.Func<IOperation, bool> IsActive { get; set; } = _ => throw new System.InvalidOperationException("IsActive is not set");

    /// <summary>
    /// Lowers an assignment, ++/-- or local-function call met inside an expression, in C# order, and returns the
    /// node holding its value (-1 after a diagnostic). Set by StatementLowering, which owns assignments; the
    /// renderer of constant text calls it too, so `x[i++]` and `while (n-- > 0)` read and write the right versions.
    /// </summary>
    public System.Func<IOperation, int>? LowerEmbedded { get; set; }

    /// <summary>
    /// Inlines the body of a struct's method, operator or computed property of several statements (its parameters and
    /// receiver bound already) and returns the nodes of its result (one per component of a struct), or null after a
    /// diagnostic. Set by StatementLowering, which lowers statements; the arguments are the body, where it is used, the
    /// member's description for messages, and the member.
    /// </summary>
    public System.Func<IBlockOperation, IOperation, string, IMethodSymbol, int[]?>? InlineBody { get; set; }

    /// <summary>
    /// As <see cref="InlineBody"/>, for a struct method that writes its receiver (bound live to the caller's variable,
    /// the last argument): the variable holds, after the call, what the path taken through the body left in it.
    /// </summary>
    public System.Func<IBlockOperation, IOperation, string, IMethodSymbol, ISymbol, int[]?>? InlineMutatingBody { get; set; }

    /// <summary>True for a call to a struct method that writes its receiver (ExpressionLowering.MutatingCalls): never text, which would run it on a copy.</summary>
    public System.Func<IInvocationOperation, bool>? WritesItsReceiver { get; set; }

    /// <summary>
    /// Inlines a call of a local function or of a lambda held in a local (StatementLowering.LocalFunctions) that returns a
    /// struct or tuple of reals, and returns the nodes of its result's components, or null after a diagnostic.
    /// </summary>
    public System.Func<IInvocationOperation, int[]?>? InlineStructCall { get; set; }

    /// <summary>
    /// A new local array holding a list or sequence parameter's elements, as <c>data.ToArray()</c> makes it, named for the
    /// local (<see cref="SequenceDispatch"/>): the node of the copy, or -1 when the value is no list the method follows.
    /// Set by ExpressionLowering, which makes copies; the renderer of a condition calls it for <c>data is double[] array</c>.
    /// </summary>
    public System.Func<IOperation, ILocalSymbol?, IArrayTypeSymbol, int>? CopySequence { get; set; }

    /// <summary>
    /// Lowers LINQ's <c>Count</c> over a sequence that carries a gradient (<see cref="LinqCalls.IsCounting"/>) to the loop
    /// that counts, and returns the int node holding the count (-1 after a diagnostic). Set by ExpressionLowering; the
    /// renderer of constant text calls it, as a count is an int used in conditions and operands.
    /// </summary>
    public System.Func<IInvocationOperation, int>? LowerCount { get; set; }

    /// <summary>Changes whenever a variable gets another version: answers about activity may change with it.</summary>
    public int VariablesVersion { get; private set; }

    private readonly List<string> _cuts = new();

    /// <summary>
    /// Where a differentiated value meets something with zero derivative (a comparison, a cast to int,
    /// Math.Floor), in source order, without repeats: the reasons a result may not vary.
    /// </summary>
    public IReadOnlyList<string> Cuts => _cuts;

    public void NoteCut(IOperation at)
    {
        string text = Describe.Snippet(at.Syntax);
        if (!_cuts.Contains(text)) _cuts.Add(text);
    }

    public void Report(DiagnosticInfo diagnostic)
    {
        // A loop's condition and body may be lowered twice (once more when a carried value turns out to vary).
        if (!_diagnostics.Contains(diagnostic)) _diagnostics.Add(diagnostic);
        if (DiagnosticDescriptors.Get(diagnostic.Id).DefaultSeverity == DiagnosticSeverity.Error) HasErrors = true;
    }

    public void ReportUnsupportedExpression(IOperation op, string? what) => ReportUnsupportedExpression(op, what, null);

    /// <param name="hint">What to write instead; null for <see cref="Describe.Hint"/>'s hint for the construct.</param>
    /// <param name="op">The expression not supported.</param>
    /// <param name="what">What it is, as the message says it; null for <see cref="Describe"/>'s name for the construct.</param>
    public void ReportUnsupportedExpression(IOperation op, string? what, string? hint)
    {
        if (GeneratedMemberCalls.Of(op) is { } generated)
        {
            // Not broken code: it binds in the user's build, and dropping it would change what the sweeps compute.
            Report(DiagnosticFactory.Create(DiagnosticDescriptors.GeneratedMemberCall, generated.At, Describe.Snippet(generated.At), generated.Member, generated.Method));
            return;
        }
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
            hint ?? Describe.Hint(op)));
    }

    // ---- blocks ----

    public void OpenBlock() => _blocks.Push(new List<Item>());

    public Block CloseBlock() => new(_blocks.Pop().ToEquatableArray());

    public void AddItem(Item item) => _blocks.Peek().Add(item);

    /// <summary>
    /// The element read that is this block's last item, when it read <paramref name="array"/> (this same version) at
    /// <paramref name="slot"/> (this same index node): <c>q[i] * q[i]</c> reads one value, so it is one node (one tape
    /// entry, one contribution of 2·q[i]). Nothing ran between the two reads: any store, call or other computation
    /// would be an item after it, and a store through any name of the array makes a new version.
    /// </summary>
    public int? RepeatedElement(int array, int slot)
    {
        var top = _blocks.Peek();
        if (top.Count == 0 || top[top.Count - 1] is not NodeItem { Node: var last }) return null;
        var node = _nodes[last];
        return node is { Gate: GateKind.Element, Text.Length: 0 } && node.Inputs.Length == 2 && node.Inputs[0] == array && SameSlot(node.Inputs[1], slot) ? last : null;
    }

    /// <summary>One index node, or two atoms (a local's name, a literal: <see cref="AddConstant"/> with isAtom) of the same text and inputs.</summary>
    private bool SameSlot(int a, int b) =>
        a == b || _nodes[a] is { Gate: GateKind.Constant, IsInline: true } x && _nodes[b] is { Gate: GateKind.Constant, IsInline: true } y
            && x.Text == y.Text && x.TypeName == y.TypeName && x.Inputs.Equals(y.Inputs);

    public Block TopBlock() => new(_blocks.Peek().ToEquatableArray());

    // ---- variables ----

    /// <summary>The node a variable holds now, or -1 when it is unassigned.</summary>
    public int Current(object variable)
    {
        if (_elementAliases.Count > 0 && _elementAliases.TryGetValue(variable, out var element)) return ReadElement(element);
        if (_refChoices.Count > 0 && _refChoices.TryGetValue(Resolve(variable), out var choice)) return ReadChoice(variable, choice);
        return _current.TryGetValue(Resolve(variable), out int id) ? id : -1;
    }

    public void Assign(object variable, int node)
    {
        if (_elementAliases.Count > 0 && _elementAliases.TryGetValue(variable, out var element))
        {
            StoreElement(element, node);
            return;
        }
        if (_refChoices.Count > 0 && _refChoices.TryGetValue(Resolve(variable), out var choice))
        {
            StoreChoice(choice, node);
            return;
        }
        _current[Resolve(variable)] = node;
        VariablesVersion++;
    }

    /// <summary>The variable has no value from here on (a local or parameter of a body inlined here, out of scope after it).</summary>
    public void Forget(object variable)
    {
        if (_current.Remove(Resolve(variable))) VariablesVersion++;
    }

    /// <summary>Drops a hidden variable that holds one expression's value, once that value is read (it must not outlive its block).</summary>
    public void Forget(HiddenVariable variable)
    {
        _current.Remove(variable);
        VariablesVersion++;
    }

    private readonly Dictionary<object, object> _aliases = new(VariableComparer.Instance);

    /// <summary><c>ref double r = ref s;</c>: from here on, r reads and writes s.</summary>
    public void Alias(object alias, object target)
    {
        _aliases[alias] = Resolve(target);
        VariablesVersion++;
    }

    /// <summary>A ref parameter of an inlined body is out of scope after it: it stands for nothing from here on.</summary>
    public void Unalias(object alias)
    {
        if (_aliases.Remove(alias)) VariablesVersion++;
    }

    /// <summary>The variable a ref local stands for; any other variable itself.</summary>
    public object Resolve(object variable) => _aliases.Count > 0 && _aliases.TryGetValue(variable, out var target) ? target : variable;

    private readonly Dictionary<(object Variable, string Path), HiddenVariable> _components = new(new ComponentComparer());

    /// <summary>
    /// The key under which one real component of a struct variable is tracked (<c>v.X</c>): a struct local or
    /// parameter is carried as its components, each like a scalar variable (branches and loops merge them one by one).
    /// </summary>
    public HiddenVariable Component(object variable, string path)
    {
        variable = Resolve(variable);
        if (!_components.TryGetValue((variable, path), out var key))
        {
            key = new HiddenVariable(NameOf(variable).TrimStart('@') + "_" + path.Replace('.', '_'));
            _components.Add((variable, path), key);
        }
        return key;
    }

    /// <summary>The type of a local or parameter, or null for anything else.</summary>
    public static ITypeSymbol? TypeOfVariable(object variable) => variable switch
    {
        ILocalSymbol l => l.Type,
        IParameterSymbol p => p.Type,
        _ => null,
    };

    /// <summary>True when the variable is a struct carried as its components (it has no node of its own).</summary>
    public bool IsCarriedStruct(object variable) =>
        (Derivatives.RealStructs.IsRealStruct(TypeOfVariable(Resolve(variable))) || Resolve(variable) is ILocalSymbol { Type: var nullable } && Derivatives.NullableReals.Is(nullable)) && Current(variable) < 0;

    /// <summary>The nodes a struct variable's components hold now (-1 for one not assigned), in <see cref="Derivatives.RealStructs.Components"/> order.</summary>
    public int[] ComponentNodes(object variable, IReadOnlyList<Derivatives.StructComponent> components)
    {
        var nodes = new int[components.Count];
        for (int i = 0; i < nodes.Length; i++) nodes[i] = Current(Component(variable, components[i].Path));
        return nodes;
    }

    /// <summary>A loop's carried variables: a struct variable stands for its components.</summary>
    public IEnumerable<object> ExpandStructs(object variable)
    {
        if (variable is ISymbol && IsCarriedStruct(variable) && Derivatives.RealStructs.Components(TypeOfVariable(Resolve(variable))) is { } components)
        {
            foreach (var c in components) yield return Component(variable, c.Path);
        }
        else if (variable is ISymbol array && WrittenStructArrays.Contains(array) && Derivatives.RealStructs.Components(Derivatives.ValueKinds.CarriedArrayElement(TypeOfVariable(array)!)) is { } parts)
        {
            // An array of structs the method stores into: its component arrays' versions.
            foreach (var c in parts) yield return Component(variable, c.Path);
        }
        else
        {
            yield return variable;
        }
    }

    private sealed class ComponentComparer : IEqualityComparer<(object Variable, string Path)>
    {
        public bool Equals((object Variable, string Path) x, (object Variable, string Path) y) => x.Path == y.Path && VariableComparer.Instance.Equals(x.Variable, y.Variable);

        public int GetHashCode((object Variable, string Path) obj) => VariableComparer.Instance.GetHashCode(obj.Variable) * 31 + obj.Path.GetHashCode();
    }

    public Dictionary<object, int> SaveVariables() => new(_current, VariableComparer.Instance);

    public void RestoreVariables(Dictionary<object, int> saved)
    {
        _current = new Dictionary<object, int>(saved, VariableComparer.Instance);
        VariablesVersion++;
    }

    /// <summary>The name for the value a user variable receives: its own name the first time, a version after.</summary>
    public string NameFor(ISymbol variable)
    {
        if (IsElementAlias(variable)) return Names.Version(variable.Name);
        if (Resolve(variable) is ISymbol target) variable = target;
        return Current(variable) < 0 ? Names.Claim(variable.Name) : Names.Version(variable.Name);
    }

    public static string NameOf(object variable) => variable is ISymbol s ? s.Name : ((HiddenVariable)variable).Name;

    // ---- snapshots, to lower a loop again once it is known which carried values vary ----

    public Snapshot Save() => new(_nodes.Count, SaveVariables(), Names.Save(), _diagnostics.Count, HasErrors, _blocks.Peek().Count, SaveRejected());

    public void Restore(Snapshot s)
    {
        _nodes.RemoveRange(s.Nodes, _nodes.Count - s.Nodes);
        RestoreKept(s.Nodes);
        RestoreConfined(s.Nodes);
        RestoreVariables(s.Variables);
        Names.Restore(s.Names);
        _diagnostics.RemoveRange(s.Diagnostics, _diagnostics.Count - s.Diagnostics);
        HasErrors = s.HasErrors;
        var top = _blocks.Peek();
        top.RemoveRange(s.Items, top.Count - s.Items);
        // A local rejected in the discarded pass lost its diagnostic with it: the next pass must report it again.
        RestoreRejected(s.Rejected);
    }

    internal sealed record Snapshot(int Nodes, Dictionary<object, int> Variables, object Names, int Diagnostics, bool HasErrors, int Items, HashSet<ISymbol> Rejected);

    // ---- nodes ----

    /// <summary>A struct component's zero: <c>0.0</c>/<c>0f</c>, or a discrete member's <c>default(T)</c>.</summary>
    public int ZeroComponent(Derivatives.StructComponent component) =>
        AddConstant(component.IsDiscrete ? "default(" + component.Keyword + ")" : ScalarLiterals.Zero(component.Type), component.Type, component.Keyword, null, isAtom: true);

    public int AddParameter(string name, ScalarType type, string typeName, bool varied, string adjointName, bool adjointIsProperty = false)
    {
        int id = Add(GateKind.Parameter, Empty, type, typeName, name, isInline: true, varied, name, name, adjointName, null, addItem: false);
        if (adjointIsProperty) _nodes[id] = _nodes[id] with { AdjointIsProperty = true };
        return id;
    }

    /// <summary>A value that depends on no differentiable input.</summary>
    /// <param name="dependencies">The nodes the text reads.</param>
    /// <param name="text">The value as C# text.</param>
    /// <param name="type">Its scalar kind.</param>
    /// <param name="typeName">Its type as C# text.</param>
    /// <param name="userName">The user variable it is assigned to, if any.</param>
    /// <param name="isAtom">True when the text is simple enough to be written inline where it is used (without a user name, it gets no local).</param>
    public int AddConstant(string text, ScalarType type, string typeName, string? userName, bool isAtom, IEnumerable<int>? dependencies = null)
    {
        var inputs = dependencies is null ? Empty : new EquatableArray<int>(new SortedSet<int>(dependencies));
        if (userName is null && isAtom)
        {
            return Add(GateKind.Constant, inputs, type, typeName, text, isInline: true, varied: false, text, null, "", null, addItem: false);
        }
        string name = userName ?? Names.Fresh("c");
        return Add(GateKind.Constant, inputs, type, typeName, name, isInline: false, varied: false, text, userName, "", null, addItem: true);
    }

    /// <summary>A throw or guard call (<see cref="GateKind.Throw"/>, <see cref="GateKind.Guard"/>): the statement's text, without its ';'.</summary>
    /// <param name="gate">Throw or Guard.</param>
    /// <param name="text">The statement as C# text.</param>
    /// <param name="dependencies">The nodes the text reads.</param>
    public int AddEffect(GateKind gate, string text, IEnumerable<int> dependencies) =>
        Add(gate, new EquatableArray<int>(new SortedSet<int>(dependencies)), ScalarType.Other, "void", "", isInline: false, varied: false, text, null, "", null, addItem: true);

    /// <summary>A differentiable gate. Its name is the user's where the value is a user variable.</summary>
    public int AddGate(GateKind gate, ScalarType type, string? userName, params int[] inputs) =>
        AddGate(gate, type, ScalarLiterals.TypeKeyword(type), userName, null, inputs);

    public int AddGate(GateKind gate, ScalarType type, string typeName, string? userName, CallInfo? call, int[] inputs)
    {
        bool varied = inputs.Any(i => _nodes[i].Varied);
        if (gate == GateKind.Element) varied = _nodes[inputs[0]].Varied;
        string name = userName ?? Names.Fresh(call is null ? GateNames.Base(gate) : GateNames.ForCall(call.Callee));
        string adjoint = varied ? Names.Fresh(NameAllocator.AdjointBase(name)) : "";
        return Add(gate, new EquatableArray<int>(inputs), type, typeName, name, isInline: false, varied, "", userName, adjoint, call, addItem: true);
    }

    /// <summary>
    /// An element of a double[,] (<paramref name="separator"/> ", ") or jagged double[][] ("][") parameter: inputs are the
    /// array and one index per dimension (<see cref="ElementIndex"/>).
    /// </summary>
    public int AddGridElement(ScalarType type, string? userName, string separator, int[] inputs)
    {
        bool varied = _nodes[inputs[0]].Varied;
        string name = userName ?? Names.Fresh(GateNames.Base(GateKind.Element));
        string adjoint = varied ? Names.Fresh(NameAllocator.AdjointBase(name)) : "";
        return Add(GateKind.Element, new EquatableArray<int>(inputs), type, ScalarLiterals.TypeKeyword(type), name, isInline: false, varied, separator, userName, adjoint, null, addItem: true);
    }

    /// <summary>A local array's creation or store. Every version shares the array's name and adjoint array.</summary>
    public int AddArrayNode(GateKind gate, string typeName, string name, string adjointName, bool isInline, int[] inputs, string text = "")
    {
        bool varied = gate is GateKind.Store or GateKind.CopyArray or GateKind.SpareArray or GateKind.CloneArray or GateKind.NewRow or GateKind.CopyInto && inputs.Any(i => _nodes[i].Varied);
        return Add(gate, new EquatableArray<int>(inputs), ScalarType.Array, typeName, name, isInline, varied, text, null, adjointName, null, addItem: true);
    }

    /// <summary>
    /// A slice of an array or span (<see cref="GateKind.View"/>): inline text <c>array.Method(start[, length])</c>; it carries
    /// the array's gradient, and its adjoint is the same slice of the array's.
    /// </summary>
    public int AddView(string typeName, string method, params int[] inputs)
    {
        string text = Views.Text(method, _nodes[inputs[0]].Name, string.Join(", ", inputs.Skip(1).Select(i => _nodes[i].Name)));
        return Add(GateKind.View, new EquatableArray<int>(inputs), ScalarType.Array, typeName, text, isInline: true, _nodes[inputs[0]].Varied, method, null, "", null, addItem: false);
    }

    /// <summary>The value call <paramref name="call"/> leaves in its ref/out argument <paramref name="parameter"/> (<see cref="GateKind.CallOutput"/>).</summary>
    public int AddCallOutput(int call, int parameter, ScalarType type, string name)
    {
        bool varied = _nodes[call].Varied;
        string adjoint = varied ? Names.Fresh(NameAllocator.AdjointBase(name)) : "";
        return Add(GateKind.CallOutput, new EquatableArray<int>(new[] { call }), type, ScalarLiterals.TypeKeyword(type), name, isInline: false, varied,
            parameter.ToString(System.Globalization.CultureInfo.InvariantCulture), name, adjoint, null, addItem: true);
    }

    /// <summary>
    /// The version of an array after call <paramref name="call"/> wrote into it through its parameter <paramref name="parameter"/>
    /// (<see cref="GateKind.CallOutput"/> of type array; input 1 is the version before, <paramref name="before"/>): the same array,
    /// name and adjoint array. Inline: the call itself leaves it.
    /// </summary>
    public int AddArrayCallOutput(int call, int parameter, int before)
    {
        var a = _nodes[before];
        return Add(GateKind.CallOutput, new EquatableArray<int>(new[] { call, before }), ScalarType.Array, a.TypeName, a.Name, isInline: true, _nodes[call].Varied,
            parameter.ToString(System.Globalization.CultureInfo.InvariantCulture), null, a.AdjointName, null, addItem: true);
    }

    /// <summary>A phi: its inputs are filled in when the merge point is known; it is not added to a block.</summary>
    public int AddPhi(ScalarType type, string typeName, string name, bool varied, params int[] inputs)
    {
        // Versions of a local array share its adjoint array.
        string adjoint = type == ScalarType.Array ? _nodes[inputs[0]].AdjointName : varied ? Names.Fresh(NameAllocator.AdjointBase(name)) : "";
        return Add(GateKind.Phi, new EquatableArray<int>(inputs), type, typeName, name, isInline: false, varied, "", null, adjoint, null, addItem: false);
    }

    /// <summary>A struct of reals built from <paramref name="components"/> for a call (<see cref="GateKind.Pack"/>): inline, named by its construction.</summary>
    public int AddPack(int[] components, string typeName, bool constructor, IReadOnlyList<string> paths) =>
        AddPack(components, typeName, StructPacks.Template(typeName, constructor, paths));

    /// <summary>Struct types whose values the method builds or receives from calls (for <see cref="Derivatives.StructConstructors.For"/>).</summary>
    public List<ITypeSymbol> StructTypes { get; } = new();

    /// <summary>A struct of reals built from <paramref name="components"/> by <paramref name="template"/> (<see cref="StructPacks"/>).</summary>
    public int AddPack(int[] components, string typeName, string template)
    {
        string name = StructPacks.Text(template, k => _nodes[components[k]] is { IsInline: true } n && n.Name.StartsWith("-", System.StringComparison.Ordinal) ? "(" + n.Name + ")" : _nodes[components[k]].Name);
        bool varied = components.Any(c => _nodes[c].Varied);
        string adjoint = varied ? Names.Fresh("dArg") : "";
        return Add(GateKind.Pack, new EquatableArray<int>(components), ScalarType.Other, typeName, name, isInline: true, varied, template, null, adjoint, null, addItem: true);
    }

    /// <summary>Member <paramref name="component"/> of the struct call <paramref name="call"/> returned (<see cref="GateKind.Part"/>).</summary>
    public int AddPart(int call, Derivatives.StructComponent component)
    {
        var n = _nodes[call];
        string name = Names.Fresh(n.Name + "_" + component.Path.Replace('.', '_'));
        // A discrete member of the result (q.Id) is a constant for differentiation: no adjoint.
        bool varied = n.Varied && !component.IsDiscrete;
        string adjoint = varied ? Names.Fresh(NameAllocator.AdjointBase(name)) : "";
        return Add(GateKind.Part, new EquatableArray<int>(new[] { call }), component.Type, component.Keyword, name, isInline: false, varied, component.Path, null, adjoint, null, addItem: true);
    }

    public void SetInputs(int node, params int[] inputs) => _nodes[node] = _nodes[node] with { Inputs = new EquatableArray<int>(inputs) };

    private static readonly EquatableArray<int> Empty = EquatableArray<int>.Empty;

    private int Add(GateKind gate, EquatableArray<int> inputs, ScalarType type, string typeName, string name, bool isInline, bool varied, string text, string? userName, string adjointName, CallInfo? call, bool addItem)
    {
        int id = _nodes.Count;
        _nodes.Add(new Node(id, gate, inputs, type, typeName, name, isInline, varied, text, userName, adjointName, call));
        if (addItem) AddItem(new NodeItem(id));
        return id;
    }

    /// <summary>Symbols compare as symbols; the return key by reference.</summary>
    private sealed class VariableComparer : IEqualityComparer<object>
    {
        public static readonly VariableComparer Instance = new();

        public new bool Equals(object? x, object? y) =>
            x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

        public int GetHashCode(object obj) => obj is ISymbol s ? SymbolEqualityComparer.Default.GetHashCode(s) : obj.GetHashCode();
    }
}
