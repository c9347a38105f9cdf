#!/usr/bin/env python3
# Used for docs/performance.md, "Compile cost, 2026-12-02 second session": which compiler phase the CPU of compiling the
# generated code goes to. usage: speedscope_phases.py FILE.speedscope.json (dotnet-trace --profile dotnet-sampled-thread-time)
"""CPU samples of a speedscope (dotnet-sampled-thread-time) file by compiler phase: the innermost matching phase frame wins."""
import json, sys
from collections import defaultdict
PHASES = [  # (name, substring) checked innermost-first over the stack
    ("nullable analysis", "NullableWalker"),
    ("definite assignment", "DefiniteAssignmentPass"),
    ("flow analysis (other)", "FlowAnalysisPass"),
    ("control flow pass", "ControlFlowPass"),
    ("binary operator overload resolution (slow path)", "BinaryOperatorOverloadResolution_NoEasyOut"),
    ("method invocation binding", "Binder.BindInvocationExpression"),
    ("conditional operator binding", "Binder.BindValueConditionalOperator"),
    ("binding (other)", "Binder.Bind"),
    ("lowering", "LocalRewriter"),
    ("lowering (other)", "MethodCompiler.LowerBodyOrInitializer"),
    ("codegen", "CodeGen."),
    ("codegen (GenerateMethodBody)", "MethodCompiler.GenerateMethodBody"),
    ("doc comments", "DocumentationComment"),
    ("attributes", "LoadAndValidateAttributes"),
    ("declarations/symbols", "ForceComplete"),
    ("members", "GetMembersAndInitializers"),
    ("PE writing", "PeWriter"),
    ("PE writing", "MetadataWriter"),
    ("parse", "LanguageParser"),
    ("parse", "Lexer"),
    ("method compiler (other)", "MethodCompiler"),
    ("emit (other)", "Compilation.Emit"),
]
data = json.load(open(sys.argv[1]))
frames = [f["name"] for f in data["shared"]["frames"]]
cat = defaultdict(float); total = 0.0
for profile in data["profiles"]:
    stack = []; last = None
    for ev in profile["events"]:
        t = ev["at"]
        if last is not None and stack and t > last and frames[stack[-1]] == "CPU_TIME":
            dt = t - last; total += dt
            names = [frames[f] for f in stack]
            # outermost-first phases: choose the phase whose frame is innermost on the stack
            best = None; bestDepth = -1
            for name, sub in PHASES:
                for d in range(len(names) - 1, -1, -1):
                    if sub in names[d]:
                        if d > bestDepth: best, bestDepth = name, d
                        break
            cat[best or "(other)"] += dt
        last = t
        if ev["type"] == "O": stack.append(ev["frame"])
        elif stack and stack[-1] == ev["frame"]: stack.pop()
        elif ev["frame"] in stack: del stack[len(stack) - 1 - stack[::-1].index(ev["frame"])]
for k, v in sorted(cat.items(), key=lambda kv: -kv[1]): print(f"{100*v/total:5.1f}%  {k}")
