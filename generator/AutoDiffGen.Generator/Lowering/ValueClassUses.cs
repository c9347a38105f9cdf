using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Which classes a method carries as components (<see cref="ValueClasses"/>), and the uses of their objects that would
/// tell the object from a copy of its members, refused before lowering: passing it to a call, returning it, storing it,
/// capturing it, comparing it, writing a member of it. What remains (a member read, a method of its own called on it,
/// a second local, a 'with', a branch choosing one) reads its members only, which the components are.
/// </summary>
internal static class ValueClassUses
{
    /// <summary>
    /// The value classes created in <paramref name="body"/> from something other than constants (a class created from
    /// constants only stays a constant object of the forward sweep, <see cref="ConstantObjects"/>), the method's own type aside.
    /// </summary>
    public static List<ITypeSymbol> Carried(IOperation body, IMethodSymbol method)
    {
        var types = new List<ITypeSymbol>();
        foreach (var op in body.Descendants())
        {
            var type = op switch
            {
                IObjectCreationOperation creation when !IsConstantCreation(creation) => creation.Type,
                // A plain helper's new object read by member (idioms16a): carried as the members its inlined body returns.
                IInvocationOperation call when ObjectHelpers.IsObjectCall(call) => call.Type,
                IWithOperation with => with.Type,
                _ => null,
            };
            if (type is null || types.Contains(type, SymbolEqualityComparer.Default) || SymbolEqualityComparer.Default.Equals(type, method.ContainingType)) continue;
            if (ValueClasses.Why(type) is null) types.Add(type);
        }
        return types;
    }

    /// <summary>Reports every use of a carried object that is not a read of its members; true when there was one.</summary>
    public static bool Refuse(IOperation body, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        foreach (var op in body.Descendants())
        {
            if (IsNull(op) && ValueClasses.IsCarried(op.Type))
            {
                // Carried as its members, a null object would read as zeros where the method throws.
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, op.Syntax,
                    "A null object of the class '" + Name(op) + "' ('" + Describe.Snippet(op.Syntax) + "')", "create the object before it is read, in every branch"));
                continue;
            }
            // A [WithRespectTo] class parameter is carried as its components too (ClassParameters): its uses are judged alike.
            bool root = op is ILocalReferenceOperation or IWithOperation || op is IObjectCreationOperation creation && !IsConstantCreation(creation) || ObjectHelpers.IsObjectCall(op)
                || op is IParameterReferenceOperation { Parameter: var parameter } && ClassParameters.IsClassInput(parameter);
            if (!root || !ValueClasses.IsCarried(op.Type)) continue;
            if (op is ILocalReferenceOperation local && Captured(local))
            {
                diagnostics.Add(Unsupported(op, "captured by a lambda or local function", "read the members it needs into double locals before the lambda or local function and use those"));
                continue;
            }
            Check(op, op, diagnostics);
        }
        return diagnostics.Count > before;
    }

    private static void Check(IOperation root, IOperation op, List<DiagnosticInfo> diagnostics)
    {
        var parent = op.Parent;
        switch (parent)
        {
            case IConversionOperation conversion when SymbolEqualityComparer.Default.Equals(conversion.Type?.WithNullableAnnotation(NullableAnnotation.NotAnnotated), op.Type?.WithNullableAnnotation(NullableAnnotation.NotAnnotated)):
            case IParenthesizedOperation:
                Check(root, parent, diagnostics);
                return;
            case IConditionalOperation conditional when conditional.Condition != op:
                Check(root, conditional, diagnostics);
                return;
            case IMethodReferenceOperation:
                diagnostics.Add(Unsupported(root, "made into a delegate", "call the method where it is needed"));
                return;
            case IMemberReferenceOperation member when member.Instance == op:
                if (WrittenMember(member) is { } write)
                {
                    diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.SideEffect, write.Syntax, "This write ('" + Describe.Snippet(write.Syntax) + "')",
                        "a member of an object of the class '" + Name(root) + "' after it was created (another reference may share the object)"
                        + "; create a new object instead ('with { … }' or the constructor), or make the class a struct or record struct of reals"));
                }
                return;
            case IInvocationOperation { Instance: var instance, TargetMethod: { IsImplicitlyDeclared: false, IsStatic: false, MethodKind: MethodKind.Ordinary } target } when instance == op
                && SymbolEqualityComparer.Default.Equals(target.ContainingType, op.Type?.OriginalDefinition):
                return; // a method of its own, which writes none of its members (ValueClasses.Why): inlined as a read of them
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when ValueClasses.IsCarried(declarator.Symbol.Type):
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Parent: IExpressionStatementOperation } assignment when assignment.Value == op && ValueClasses.IsCarried(target.Type):
            case ISimpleAssignmentOperation { Parent: IExpressionStatementOperation } reassignment when reassignment.Target == op:
            case IWithOperation with when with.Operand == op:
            case IExpressionStatementOperation:
                return;
            case IDeconstructionAssignmentOperation deconstruction when deconstruction.Value == op:
                // var (a, b) = l; of a positional record: a read of its members (StatementLowering.StructDeconstruction).
                if (StructDeconstructors.Find(op.Type, DeconstructedCount(deconstruction)) is not { } deconstruct || StructDeconstructors.Members(deconstruct) is null)
                {
                    diagnostics.Add(Unsupported(root, "deconstructed through a Deconstruct the generator does not read (it reads a positional record's, or one of plain member copies)", "read the members into locals instead (var a = " + Describe.Snippet(op.Syntax) + ".A;)"));
                }
                return;
            case IArgumentOperation argument when root is IParameterReferenceOperation { Parameter: var own } && ClassParameters.IsClassInput(own):
                // Passed on to a callee's [WithRespectTo] parameter, or an error at the call saying what is missing.
                if (ClassArguments.Judge(argument, own) is { } refused) diagnostics.Add(refused);
                return;
            default:
                diagnostics.Add(Unsupported(root, Use(parent), "read the members it needs (g.Mean) where they are used, or make the class a struct or record struct of reals, which is passed by value"));
                return;
        }
    }

    private static int DeconstructedCount(IDeconstructionAssignmentOperation deconstruction) => StructDeconstructors.TopTargets(deconstruction)?.Elements.Length ?? 0;

    private static string Use(IOperation? parent) => parent switch
    {
        IArgumentOperation => "passed to a call (the callee could keep or compare the reference)",
        IReturnOperation => "returned (the caller would get a reference to it)",
        IBinaryOperation or IIsPatternOperation or IIsTypeOperation or ICoalesceOperation or IConditionalAccessOperation => "compared or tested as a reference",
        IAssignmentOperation => "stored outside the method's own locals of its class",
        _ => "used as a whole here",
    };

    /// <summary>The write of a member reached from the object (<c>g.X = …</c>, <c>g.P.X += …</c>, <c>ref g.X</c>), or null for a read.</summary>
    private static IOperation? WrittenMember(IOperation member)
    {
        var at = member;
        while (at.Parent is IMemberReferenceOperation outer && outer.Instance == at) at = outer;
        return at.Parent switch
        {
            IAssignmentOperation assignment when assignment.Target == at => assignment,
            IIncrementOrDecrementOperation increment when increment.Target == at => increment,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument,
            IDeconstructionAssignmentOperation deconstruction when deconstruction.Target.Descendants().Contains(at) => deconstruction,
            ITupleOperation { Parent: IDeconstructionAssignmentOperation deconstruction } => deconstruction,
            _ => null,
        };
    }

    /// <summary>The local is read inside a lambda or local function that it was not declared in.</summary>
    private static bool Captured(ILocalReferenceOperation local)
    {
        var declared = local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        if (declared is null) return false;
        var function = Enclosing(local.Syntax);
        return function is not null && !function.Span.Contains(declared.Span);
    }

    private static SyntaxNode? Enclosing(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax);

    /// <summary><c>null</c>, <c>default</c> or <c>default(T)</c> as an object of a class (also behind <c>!</c>).</summary>
    private static bool IsNull(IOperation op) =>
        op is IDefaultValueOperation || op is IConversionOperation { Operand: var operand } && (operand is IDefaultValueOperation || operand.ConstantValue is { HasValue: true, Value: null });

    private static bool IsConstantCreation(IObjectCreationOperation creation) =>
        creation.Initializer is null && creation.Arguments.All(a => a.Value.ConstantValue.HasValue);

    private static string Name(IOperation op) => op.Type?.Name ?? "?";

    private static DiagnosticInfo Unsupported(IOperation op, string use, string hint) =>
        DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, op.Syntax,
            "An object of the class '" + Name(op) + "' ('" + Describe.Snippet(op.Syntax) + "') " + use, hint);
}
