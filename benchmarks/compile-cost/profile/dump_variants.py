#!/usr/bin/env python3
"""Writes edited copies of a generated-code dump (profile --dump DIR) to measure what each construct costs the compiler.
usage: dump_variants.py DUMP OUTROOT NAME...   (each NAME is one edit; NAME=a+b applies several)
Then: profile --only compile --no-driver --dir base=OUTROOT/base --dir NAME=OUTROOT/NAME (compiled in-process, interleaved).
Edits: nonull (#nullable disable: only to know nullable analysis's share; the house rule keeps #nullable enable), nodoc,
noattr, noimpl ([MethodImpl] lines), nochecks, nobody (bodies as `throw null!;`), onlyS/onlyB/onlyL (one kind of method), usingmath, aliases (the frequent global:: prefixes as file-level
using aliases), var (double locals as var: measures the compiler's side only, not a safe transformation), merge (one file per class), tanhcall (tanh's derivative as a call, with a probe helper
file), twoadd (2.0 * x * d as (x + x) * d, 2.0 * y as y + y)."""
import os, re, sys, collections
dump, outroot, names = sys.argv[1], sys.argv[2], sys.argv[3:]
files = sorted(f for f in os.listdir(dump) if f.endswith('.cs'))
texts = {f: open(os.path.join(dump, f)).read() for f in files}

def nonull(t): return t.replace('#nullable enable\n', '#nullable disable\n', 1)
def nodoc(t): return re.sub(r'^\s*///.*\n', '', t, flags=re.M)
def noattr(t): return re.sub(r'^\s*\[global::System\.CodeDom\.Compiler\.GeneratedCode\([^\n]*\)\]\n', '', t, flags=re.M)
def nochecks(t): return re.sub(r'^\s*global::AutoDiffGen\.Internals\.Check\.[^\n]*\n', '', t, flags=re.M)
def usingmath(t):
    t = t.replace('global::System.Math.', 'Math.')
    return t.replace('namespace ', 'using Math = global::System.Math;\nnamespace ', 1)
TANH = re.compile(r"\(global::System\.Math\.Abs\((\w+)\) < 0\.5 \? 1\.0 - \1 \* \1 : global::System\.Math\.Exp\(-2\.0 \* global::System\.Math\.Abs\(([^()]+)\)\) \* \(1\.0 \+ global::System\.Math\.Abs\(\1\)\) \* \(1\.0 \+ global::System\.Math\.Abs\(\1\)\)\)")
def tanhcall(t): return TANH.sub(lambda m: f"global::AdgProbe.Safe.TanhDerivative({m.group(2)}, {m.group(1)})", t)
def twoadd(t):
    t = re.sub(r"\b2\.0 \* (\w+) \*", lambda m: f"({m.group(1)} + {m.group(1)}) *", t)
    return re.sub(r"\(2\.0 \* (\w+)\)", lambda m: f"({m.group(1)} + {m.group(1)})", t)
ALIASES = [('__AdgM', 'global::System.Math'), ('__AdgS', 'global::AutoDiffGen.Internals.SafeDerivatives'),
           ('__AdgT', 'global::AutoDiffGen.Internals.TapeWorkspace'), ('__AdgC', 'global::AutoDiffGen.Internals.Check'),
           ('__AdgG', 'global::System.CodeDom.Compiler.GeneratedCode'), ('__AdgI', 'global::System.Runtime.CompilerServices.MethodImpl'),
           ('__AdgO', 'global::System.Runtime.CompilerServices.MethodImplOptions')]
def aliases(t):
    """size12's '~-10 %' cut: a file-level alias per frequent global:: prefix, only the ones the file uses."""
    used = []
    for name, full in ALIASES:
        pat = re.compile(re.escape(full) + r'(?=[.(\]])')
        if pat.search(t):
            t = pat.sub(name, t)
            used.append(f'using {name} = {full}{"Attribute" if full.endswith(("GeneratedCode", "MethodImpl")) else ""};\n')
    head = t.index('\n\n') + 1
    return t[:head] + ''.join(used) + t[head:]
VARDECL = re.compile(r'^(\t*)double (\w+ = (?![-0-9.]+;)[^,;\n]*;)$', re.M)
def var(t):
    """size12's '~-3.5 %' cut, as an upper bound: every single double declaration with a non-literal initializer as var."""
    return VARDECL.sub(lambda m: m.group(1) + 'var ' + m.group(2), t)
def noimpl(t): return re.sub(r'^\s*\[global::System\.Runtime\.CompilerServices\.MethodImpl\([^\n]*\)\]\n', '', t, flags=re.M)
METHOD = re.compile(r'(\n\t(?:public|internal|private)[^\n]*\)\n)\t\{\n.*?\n\t\}\n', re.S)
def nobody(t):
    """every generated body as `throw null!;`: what the declarations alone cost (signatures, attributes, docs)."""
    return METHOD.sub(lambda m: m.group(1) + '\t{\n\t\tthrow null!;\n\t}\n', t)
def _only(prefix):
    def keep(t):
        """only the methods of one kind of generate.py (S straight-line, B branches, L loops), the others dropped."""
        out, last = [], 0
        for m in re.finditer(r'\t/// <summary>[^\n]*\n(?:\t\[[^\n]*\n)*\t(?:public|internal|private)[^\n]* (\w+)\((?:.*?)\n\t\}\n', t, re.S):
            out.append(t[last:m.start()])
            if m.group(1).startswith(prefix): out.append(m.group(0))
            last = m.end()
        return ''.join(out) + t[last:]
    return keep
onlyS, onlyB, onlyL = _only('S'), _only('B'), _only('L')
EDITS = {k: v for k, v in globals().items() if callable(v) and k not in ('merge',)}

def merge(items):
    """one file per class: the members of every file of the same namespace+class in one partial declaration."""
    groups = collections.OrderedDict()
    for f, t in items:
        m = re.search(r'^(.*?)(namespace [^\n]*;\n\n)(partial class \w+\n\{\n)(.*)\}\n?$', t, flags=re.S)
        assert m, f
        key = (m.group(1), m.group(2), m.group(3))
        groups.setdefault(key, []).append(m.group(4))
    out = []
    for i, ((head, ns, cls), bodies) in enumerate(groups.items()):
        out.append((f'merged{i:03}.g.cs', head + ns + cls + '\n'.join(bodies) + '}\n'))
    return out

for name in names:
    parts = name.split('+')
    items = list(texts.items())
    for p in parts:
        if p == 'merge': items = merge(items)
        elif p == 'base': pass
        else: items = [(f, EDITS[p](t)) for f, t in items]
    d = os.path.join(outroot, name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d): os.remove(os.path.join(d, f))
    if 'tanhcall' in parts:
        items.append(('zzprobe.cs', 'namespace AdgProbe { internal static class Safe { [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] public static double TanhDerivative(double x, double y) => System.Math.Abs(y) < 0.5 ? 1.0 - y * y : System.Math.Exp(-2.0 * System.Math.Abs(x)) * (1.0 + System.Math.Abs(y)) * (1.0 + System.Math.Abs(y)); } }\n'))
    for f, t in items: open(os.path.join(d, f), 'w').write(t)
    print(name, len(items), 'files', sum(len(t) for _, t in items), 'chars')
