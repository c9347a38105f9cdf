using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// switch statements and expressions, as chains of branches. Case labels and patterns (constants, relational,
/// and/or/not, discard, when-guards) become conditions. A differentiated selector is tested by its value (a test's
/// gradient is zero); a <c>var v</c> pattern on it names the differentiated value itself, so <c>v</c> carries its gradient.
/// </summary>
internal sealed partial class SwitchLowering
{
    private readonly LoweringContext _context;
    private readonly StatementLowering? _statements;
    private readonly ConstantRenderer _renderer;
    private readonly List<int> _dependencies = new();
    private int _selectorNode = -1;

    /// <summary>The selector's differentiated node where a pattern names it (<c>case var v when v &gt; 1:</c>), else -1.</summary>
    private int _activeSelector = -1;
    private List<IOperation>? _noMatch;

    /// <summary>The switched value, which patterns test (a declaration pattern binds it).</summary>
    private IOperation? _selector;

    public SwitchLowering(LoweringContext context, StatementLowering? statements)
    {
        _context = context;
        _statements = statements;
        _renderer = new ConstantRenderer(context);
    }

    /// <summary>Lowers a switch statement; returns true when every section returns.</summary>
    /// <param name="switch">The statement.</param>
    /// <param name="bodies">Each section's statements, without the closing break.</param>
    /// <param name="noMatch">Without a default section: what runs when no case matches (the statements after the switch,
    /// when sections may return), or null for nothing.</param>
    public bool LowerStatement(ISwitchOperation @switch, List<List<IOperation>> bodies, List<IOperation>? noMatch = null)
    {
        _noMatch = noMatch;
        bool names = @switch.Cases.SelectMany(c => c.Clauses).OfType<IPatternCaseClauseOperation>().Any(c => NamesValue(c.Pattern));
        string? value = SwitchValue(@switch.Value, names ? _statements!.LowerValue : null);
        if (value is null) return false;
        var conditions = new List<string?>();
        var labels = new List<string>();
        string head = "switch (" + Describe.Source(@switch.Value.Syntax, 30) + "): ";
        int defaultIndex = -1;
        bool defaultIsPattern = false;
        for (int i = 0; i < @switch.Cases.Length; i++)
        {
            var clauses = @switch.Cases[i].Clauses;
            labels.Add(head + string.Join(" ", clauses.Where(c => c is not IDefaultCaseClauseOperation).Select(c => Describe.Source(c.Syntax).TrimEnd(':'))));
            var parts = clauses.Where(c => c is not IDefaultCaseClauseOperation).Select(c => Clause(value, c)).ToList();
            if (parts.Any(p => p is null)) return false;
            // 'case var v:' (or 'case _:') matches whatever the cases before it did not, as default does; it wins over a
            // 'default:' label, which then never runs.
            bool catchAll = clauses.Any(c => c is not IDefaultCaseClauseOperation && MatchesEverything(c));
            if (catchAll) (defaultIndex, defaultIsPattern) = (i, true);
            else if (!defaultIsPattern && clauses.Any(c => c is IDefaultCaseClauseOperation)) defaultIndex = i;
            conditions.Add(parts.Count == 0 || catchAll ? null : string.Join(" || ", parts.Select(p => "(" + p + ")")));
        }
        var order = Enumerable.Range(0, bodies.Count).Where(i => i != defaultIndex).ToList();
        return Chain(order, 0, conditions, labels, bodies, defaultIndex, @switch);
    }

    /// <summary><c>default:</c>, or an unguarded <c>case var v:</c>, <c>case _:</c> or <c>case double v:</c> on a double: it matches every value.</summary>
    public static bool MatchesEverything(ICaseClauseOperation clause) =>
        clause is IDefaultCaseClauseOperation
        || clause is IPatternCaseClauseOperation { Guard: null, Pattern: var pattern } && TypePatterns.MatchesEveryValue(pattern);

    /// <summary>The pattern names the whole value (<c>var v</c>, <c>double v</c> on a double, alone or inside and/or), so that it may carry the gradient.</summary>
    private static bool NamesValue(IPatternOperation pattern) => pattern switch
    {
        IDeclarationPatternOperation { DeclaredSymbol: not null } declaration => TypePatterns.MatchesEveryValue(declaration),
        IBinaryPatternOperation binary => NamesValue(binary.LeftPattern) || NamesValue(binary.RightPattern),
        _ => false,
    };

    private bool Chain(List<int> order, int k, List<string?> conditions, List<string> labels, List<List<IOperation>> bodies, int defaultIndex, IOperation at)
    {
        if (k == order.Count) return defaultIndex >= 0 ? _statements!.Lower(bodies[defaultIndex]) : _noMatch is not null && _statements!.Lower(_noMatch);
        int i = order[k];
        if (conditions[i] is null) return Chain(order, k + 1, conditions, labels, bodies, defaultIndex, at);
        int test = Condition(conditions[i]!);
        return _statements!.Branch(test, () => _statements.Lower(bodies[i]), () => Chain(order, k + 1, conditions, labels, bodies, defaultIndex, at), at, labels[i]);
    }

    /// <summary>A switch expression: nested branches with one phi per arm's merge.</summary>
    public int LowerExpression(ISwitchExpressionOperation @switch, string? userName, System.Func<IOperation, int> lower)
    {
        string? value = SwitchValue(@switch.Value, @switch.Arms.Any(a => NamesValue(a.Pattern)) ? lower : null);
        if (value is null) return -1;
        // The last arm must match everything: '_ =>', 'var v =>' or 'double v =>' on a double (which also name the value).
        if (@switch.Arms.Length == 0 || @switch.Arms[@switch.Arms.Length - 1] is not { Guard: null } last || !TypePatterns.MatchesEveryValue(last.Pattern))
        {
            _context.ReportUnsupportedExpression(@switch, "A switch expression without a final '_ =>' or 'var v =>' arm");
            return -1;
        }
        int result = Arm(@switch, 0, value, userName, lower);
        if (result == Throws)
        {
            _context.ReportUnsupportedExpression(@switch, "A switch expression whose every arm throws", "throw in a statement of its own");
            return -1;
        }
        return result;
    }

    private int Arm(ISwitchExpressionOperation @switch, int k, string value, string? userName, System.Func<IOperation, int> lower)
    {
        var arm = @switch.Arms[k];
        if (k == @switch.Arms.Length - 1)
        {
            // 'var v =>' binds v to the value (its test is always true).
            if (arm.Pattern is IDeclarationPatternOperation && Pattern(value, arm.Pattern) is null) return -1;
            return ArmValue(arm.Value, lower);
        }
        string? condition = Pattern(value, arm.Pattern);
        if (condition is null) return -1;
        if (arm.Guard is not null)
        {
            string? guard = Render(arm.Guard);
            if (guard is null) return -1;
            condition = "(" + condition + ") && (" + guard + ")";
        }
        int test = Condition(condition);
        _context.OpenBlock();
        int whenTrue = ArmValue(arm.Value, lower);
        var then = _context.CloseBlock();
        _context.OpenBlock();
        int whenFalse = Arm(@switch, k + 1, value, null, lower);
        var otherwise = _context.CloseBlock();
        string label = "switch (" + Describe.Source(@switch.Value.Syntax, 30) + "): " + Describe.Source(arm.Pattern.Syntax, 30) +
                       (arm.Guard is null ? "" : " when " + Describe.Source(arm.Guard.Syntax, 30)) + " =>";
        if (whenTrue == Throws || whenFalse == Throws) return OneSideThrows(test, then, otherwise, whenTrue, whenFalse, label);
        if (whenTrue < 0 || whenFalse < 0) return -1;
        var type = ExpressionLowering.TypeOf(@switch);
        bool varied = _context.Nodes[whenTrue].Varied || _context.Nodes[whenFalse].Varied;
        int phi = _context.AddPhi(type, _context.Nodes[whenTrue].TypeName, userName ?? _context.Names.Fresh("choice"), varied, whenTrue, whenFalse);
        _context.AddItem(new IfItem(test, then, otherwise, new EquatableArray<int>(new[] { phi }), label));
        return phi;
    }

    /// <summary>
    /// The switched value, computed once into a local that the tests read. Where a pattern names a differentiated value
    /// (<paramref name="lower"/> is given), it is lowered once as a differentiated node, which the local copies and the
    /// pattern's variable names.
    /// </summary>
    private string? SwitchValue(IOperation value, System.Func<IOperation, int>? lower)
    {
        _selector = value;
        string? text;
        List<int> deps;
        if (lower is not null && _context.IsActive(value))
        {
            _activeSelector = lower(value);
            if (_activeSelector < 0) return null;
            text = _context.Nodes[_activeSelector].Name;
            deps = new List<int> { _activeSelector };
        }
        else
        {
            text = _renderer.Render(value);
            if (text is null) return null;
            deps = new List<int>(_renderer.Dependencies);
        }
        int node = _context.AddConstant(text, ExpressionLowering.TypeOf(value), value.Type?.ToDisplayString(SymbolNames.TypeFormat) ?? "object", _context.Names.Fresh("selector"), isAtom: false, deps);
        _dependencies.Add(node);
        _selectorNode = node;
        return _context.Nodes[node].Name;
    }

    private int Condition(string text)
    {
        int node = _context.AddConstant(text, ScalarType.Other, "bool", null, isAtom: false, new List<int>(_dependencies));
        return node;
    }

    private string? Clause(string value, ICaseClauseOperation clause) => clause switch
    {
        ISingleValueCaseClauseOperation single => Render(single.Value) is { } v ? value + " == " + v : null,
        IPatternCaseClauseOperation { Guard: null } pattern => Pattern(value, pattern.Pattern),
        // case int i when i > 2: the guard after the pattern, which binds what it reads.
        IPatternCaseClauseOperation { Guard: { } guard } pattern => Pattern(value, pattern.Pattern) is { } p && Render(guard) is { } g ? "(" + p + ") && (" + g + ")" : null,
        IRelationalCaseClauseOperation relational when Operator(relational.Relation) is { } op => Render(relational.Value) is { } v ? value + " " + op + " " + v : null,
        _ => Unsupported(clause, "This case label"),
    };

    /// <summary>One pattern renderer for 'is', case labels and arms (ConstantRenderer.Patterns).</summary>
    private string? Pattern(string value, IPatternOperation pattern)
    {
        string? text = _renderer.RenderPattern(value, _selector!, pattern, _selectorNode, _activeSelector);
        // The selector node is already listed (SwitchValue): add only what the pattern read besides it.
        if (text is not null) _dependencies.AddRange(_renderer.Dependencies.Where(d => !_dependencies.Contains(d)));
        return text;
    }

    private string? Render(IOperation op)
    {
        string? text = _renderer.Render(op);
        if (text is not null) _dependencies.AddRange(_renderer.Dependencies);
        return text;
    }

    private string? Unsupported(IOperation op, string what)
    {
        _context.ReportUnsupportedExpression(op, what);
        return null;
    }

    private static string? Operator(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        BinaryOperatorKind.Equals => "==",
        BinaryOperatorKind.NotEquals => "!=",
        _ => null,
    };
}
