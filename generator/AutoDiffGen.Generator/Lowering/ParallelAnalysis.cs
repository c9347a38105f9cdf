using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Analyses [Differentiable] methods ahead of the generator driver on the machine's other cores. The driver
/// calls the transform of one method after another on one thread, and binding the bodies is most of the
/// generator's time, while a build's other cores wait: the compiler compiles nothing until the generators are done.
/// <para>
/// On the first method the driver asks for in a compilation, helper threads start walking the compilation's
/// methods from its last file backwards while the driver goes forwards. Each method is claimed once, by whoever
/// reaches it first (<see cref="Slot"/>): the driver takes a helper's result, waiting if the helper is still at
/// it, or analyses the method itself. The analysis is the same code on the same compilation whichever thread
/// runs it, so the output does not depend on who did it. A helper stops when it meets a method already claimed
/// (the two have met), on cancellation, or at the first file start; a helper that fails or is cancelled gives
/// its claim back and the driver analyses that method itself.
/// </para>
/// </summary>
internal static class ParallelAnalysis
{
    /// <summary>Helper threads per compilation: the cores beyond the driver's, at most three.</summary>
#pragma warning disable RS1035 // Environment is banned for settings read from variables; the core count is not a setting
    private static readonly int Helpers = System.Math.Max(0, System.Math.Min(System.Environment.ProcessorCount - 1, 3));
#pragma warning restore RS1035

    private const string DifferentiableAttribute = "AutoDiffGen.DifferentiableAttribute";

    /// <summary>For tests: false runs every analysis on the driver's thread, as before helpers existed.</summary>
    internal static bool Enabled { get; set; } = true;

    private static readonly ConditionalWeakTable<Compilation, Run> Runs = new();

    /// <summary>The analysis of <paramref name="node"/>: a helper's, or <paramref name="analyze"/>'s on this thread.</summary>
    public static GenerationResult Take(MethodDeclarationSyntax node, Compilation compilation, CancellationToken token, System.Func<GenerationResult> analyze)
    {
        if (Helpers == 0 || !Enabled) return analyze();
        Run run;
        try
        {
            run = Runs.GetValue(compilation, static c => new Run(c));
            run.Start(token);
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            return analyze(); // no helper thread (say, none could be started): the driver does it all, as before
        }
        var mine = new Slot(byDriver: true);
        var slot = run.Slots.GetOrAdd(node, mine);
        if (slot != mine && slot.Wait(token) is { } done) return done;
        try
        {
            var result = analyze();
            mine.Complete(result);
            return result;
        }
        catch
        {
            mine.Complete(null);
            throw;
        }
    }

    /// <summary>One method's claim: completed with its result, or with null when the claimant gave it back.</summary>
    private sealed class Slot(bool byDriver)
    {
        private GenerationResult? _result;
        private bool _done;

        public bool ByDriver { get; } = byDriver;

        public void Complete(GenerationResult? result)
        {
            lock (this)
            {
                _result = result;
                _done = true;
                Monitor.PulseAll(this);
            }
        }

        /// <summary>The result, or null when the claimant gave the method back.</summary>
        public GenerationResult? Wait(CancellationToken token)
        {
            lock (this)
            {
                while (!_done)
                {
                    token.ThrowIfCancellationRequested();
                    Monitor.Wait(this, 50);
                }
                return _result;
            }
        }
    }

    private sealed class Run(Compilation compilation)
    {
        public readonly ConcurrentDictionary<SyntaxNode, Slot> Slots = new();
        private int _started;

        public void Start(CancellationToken token)
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            for (int i = 0; i < Helpers; i++)
            {
                // A thread of its own, with the stack a compiler thread has; bodies deeper than the analyser's
                // limit move to a larger one inside MethodAnalyzer as on any thread.
                var thread = new Thread(() => Help(token), 16 * 1024 * 1024) { IsBackground = true, Name = "AutoDiffGen analysis" };
                thread.Start();
            }
        }

        private void Help(CancellationToken token)
        {
            try
            {
                var trees = new List<SyntaxTree>(compilation.SyntaxTrees);
                for (int t = trees.Count - 1; t >= 0; t--)
                {
                    SemanticModel? model = null;
                    var methods = Candidates(trees[t].GetRoot(token));
                    for (int m = methods.Count - 1; m >= 0; m--)
                    {
                        if (token.IsCancellationRequested) return;
                        var node = methods[m];
                        if (Slots.TryGetValue(node, out var claimed))
                        {
                            if (claimed.ByDriver) return; // the driver has got this far: the rest is its
                            continue;
                        }
                        if (AnalysisCache.TryGet(node, compilation, out _)) continue; // the driver will find it there too
                        model ??= SemanticModels.WithoutNullableAnalysis(compilation, trees[t]);
                        if (model.GetDeclaredSymbol(node, token) is not IMethodSymbol symbol || !IsDifferentiable(symbol)) continue;
                        var slot = new Slot(byDriver: false);
                        if (!Slots.TryAdd(node, slot)) continue;
                        GenerationResult? result = null;
                        try
                        {
                            result = AnalysisCache.GetOrAdd(node, compilation, () => MethodAnalyzer.Analyze(node, symbol, model, token));
                        }
                        finally
                        {
                            slot.Complete(result);
                        }
                    }
                }
            }
            catch
            {
                // Cancelled, or anything else: whatever this helper has not finished, the driver does itself.
            }
        }

        /// <summary>Methods with an attribute that may be [Differentiable]: a textual filter before any binding.</summary>
        private static List<MethodDeclarationSyntax> Candidates(SyntaxNode root)
        {
            var list = new List<MethodDeclarationSyntax>();
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is not MethodDeclarationSyntax { AttributeLists.Count: > 0 } method) continue;
                foreach (var list2 in method.AttributeLists)
                {
                    foreach (var attribute in list2.Attributes)
                    {
                        if (attribute.Name.ToString().IndexOf("Differentiable", System.StringComparison.Ordinal) >= 0)
                        {
                            list.Add(method);
                            goto next;
                        }
                    }
                }
            next:;
            }
            return list;
        }

        private static bool IsDifferentiable(IMethodSymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == DifferentiableAttribute) return true;
            }
            return false;
        }
    }
}
