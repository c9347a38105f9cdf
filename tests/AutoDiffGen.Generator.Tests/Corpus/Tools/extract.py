#!/usr/bin/env python3
"""Regenerates Corpus/Sources/*.cs from git mirrors of the source repositories (see corpus.json).

Members are copied verbatim (XML doc comments and #region lines dropped); a method whose return type is
double/float and whose parameters are reals, real arrays, ints or bools gets a [Differentiable] line
inserted before its signature. Nothing else in a copied member is changed.
Usage: extract.py corpus.json OUTDIR   (each repo entry names its local --git-dir)
A spec may list more parameter types under "params" (an enum such as QLNet's Option.Type): the judge samples every
value of an enum, and its methods are then marked like the others. Types under "structs" (structs of reals, OpenTK's
Vector3d) count as reals: a method taking only them is marked too (HeldOutTool judges their fields as coordinates).
"standins" maps a file name to the lines of a hand-written stand-in written next to the copies (never the library's text).
"""
import json, re, subprocess, sys, os

REAL = {'double', 'float'}
OK_PARAM = {'double', 'float', 'double[]', 'float[]', 'int', 'bool', 'long', 'params double[]'}

def comparison(text, k):
    """True if the '=' at k belongs to ==, !=, <= or >= (Unity.Mathematics' operator <=), not to an initializer or =>."""
    return (k > 0 and text[k - 1] in '<>!=') or text.startswith('==', k)

def split_members(body):
    """Splits a class body into top-level member texts (leading trivia included)."""
    members, i, n, start = [], 0, len(body), 0
    depth = 0; paren = 0; seen_eq = False; seen_brace = False
    while i < n:
        c = body[i]
        if body.startswith('//', i):
            j = body.find('\n', i); i = n if j < 0 else j; continue
        if body.startswith('/*', i):
            j = body.find('*/', i + 2); i = n if j < 0 else j + 2; continue
        if c == '@' and i + 1 < n and body[i + 1] == '"':
            j = i + 2
            while j < n:
                if body[j] == '"' and (j + 1 >= n or body[j + 1] != '"'): break
                j += 2 if body[j] == '"' else 1
            i = j + 1; continue
        if c == '"':
            j = i + 1
            while j < n and body[j] != '"':
                j += 2 if body[j] == '\\' else 1
            i = j + 1; continue
        if c == "'":
            j = i + 1
            while j < n and body[j] != "'":
                j += 2 if body[j] == '\\' else 1
            i = j + 1; continue
        if c == '#' and (i == 0 or body[i - 1] in ' \t\n'):
            j = body.find('\n', i); i = n if j < 0 else j; continue
        if c == '(': paren += 1
        elif c == ')': paren -= 1
        elif c == '=' and depth == 0 and paren == 0 and not seen_brace and not comparison(body, i): seen_eq = True
        elif c == '{':
            if depth == 0: seen_brace = True
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0 and not seen_eq:
                members.append(body[start:i + 1]); start = i + 1; seen_eq = seen_brace = False
        elif c == ';' and depth == 0:
            members.append(body[start:i + 1]); start = i + 1; seen_eq = seen_brace = False
        i += 1
    return members

def clean(member):
    lines = member.split('\n')
    out = [l for l in lines if not l.strip().startswith('///') and not re.match(r'\s*#(end)?region', l)]
    while out and out[0].strip() == '': out.pop(0)
    return '\n'.join(out)

def code_mask(member):
    """For each line: True if it is code (not blank, comment, directive, attribute or inside /* */)."""
    mask, inside = [], False
    for l in member.split('\n'):
        s = l.strip()
        if inside:
            mask.append(False); inside = '*/' not in s; continue
        if s.startswith('/*'):
            mask.append(False); inside = '*/' not in s; continue
        mask.append(bool(s) and not s.startswith(('//', '#', '[')))
    return mask

def code_lines(member):
    return [l for l, m in zip(member.split('\n'), code_mask(member)) if m]

def header(member):
    text = '\n'.join(code_lines(member))
    depth = 0
    for k, c in enumerate(text):
        if c == '(': depth += 1
        elif c == ')': depth -= 1
        elif depth == 0 and (c in '{;' or text.startswith('=>', k) or c == '=' and not comparison(text, k)):
            return text[:k]
    return text

def name_of(member):
    h = header(member)
    # An operator is named by its symbol ("operator+", "operator*"), so a spec can take OpenTK's vector operators by name.
    m = re.search(r'\boperator\s*([^\s(]+)\s*\(', h)
    if m: return 'operator' + m.group(1)
    m = re.search(r'([A-Za-z_][A-Za-z0-9_]*)\s*(<[^()]*>)?\s*\(', h)
    if m and not re.search(r'\b(class|struct|interface|enum)\b', h.split('(')[0]): return m.group(1)
    m = re.search(r'\b(class|struct|interface|enum|delegate)\s+([A-Za-z_][A-Za-z0-9_]*)', h)
    if m: return m.group(2)
    ids = re.findall(r'[A-Za-z_][A-Za-z0-9_]*', h)
    return ids[-1] if ids else '?'

def params_of(h):
    a = h.index('('); depth = 0
    for k in range(a, len(h)):
        if h[k] == '(': depth += 1
        elif h[k] == ')':
            depth -= 1
            if depth == 0: return h[a + 1:k], h[:a]
    return '', h[:a]

def qualifies(member, instance_ok, extra=(), structs=()):
    h = header(member)
    if '(' not in h: return False
    plist, before = params_of(h)
    words = before.replace('\n', ' ').split()
    if len(words) < 2 or words[-2] not in REAL: return False
    if 'static' not in words and not instance_ok: return False
    if 'abstract' in words or 'extern' in words: return False
    if re.search(r'<', words[-1]): return False  # generic method
    ptypes = []
    for p in [p.strip() for p in plist.split(',') if p.strip()]:
        p = p.split('=')[0].strip()
        p = re.sub(r'^this\s+', '', p)
        t = ' '.join(p.split()[:-1])
        if t not in OK_PARAM and t not in extra and t not in structs: return False
        ptypes.append(t)
    return any(t.replace('params ', '').rstrip('[]') in REAL or t in structs for t in ptypes)

def mark(member):
    lines = member.split('\n'); mask = code_mask(member)
    for k, l in enumerate(lines):
        if mask[k]:
            indent = l[:len(l) - len(l.lstrip())]
            lines.insert(k, indent + '[Differentiable]')
            return '\n'.join(lines)
    return member

def class_body(src, cls, nth=0):
    """The members of the nth declaration of cls in src (a file can hold several parts of one partial class)."""
    found = list(re.finditer(r'\b(class|struct)\s+' + re.escape(cls) + r'\b[^{]*\{', src))
    if len(found) <= nth: raise SystemExit('class not found: ' + cls)
    m = found[nth]
    start = m.end(); depth = 1; i = start
    depth = 1; i = start
    while i < len(src):
        if src.startswith('//', i): i = src.find('\n', i); continue
        if src.startswith('/*', i): i = src.find('*/', i + 2) + 2; continue  # an apostrophe in a block comment (QLNet's "futures'")
        if src[i] == '"':
            j = i + 1
            while src[j] != '"': j += 2 if src[j] == '\\' else 1
            i = j + 1; continue
        if src[i] == "'":
            j = i + 1
            while src[j] != "'": j += 2 if src[j] == '\\' else 1
            i = j + 1; continue
        if src[i] == '{': depth += 1
        elif src[i] == '}':
            depth -= 1
            if depth == 0: break
        i += 1
    return split_members(src[start:i]), m.group(1)

def main():
    spec = json.load(open(sys.argv[1])); outdir = sys.argv[2]
    for f in spec['files']:
        repo = spec['repos'][f['repo']]
        src = subprocess.run(['git', '--git-dir', repo['gitdir'], 'show', repo['commit'] + ':' + f['path']],
                             capture_output=True, text=True, check=True).stdout.lstrip('\ufeff')
        parts = []
        for cls in f['classes']:
            members, kind = class_body(src, cls['name'], cls.get('nth', 0))
            include = set(cls.get('include', [])); exclude = set(cls.get('exclude', []))
            nomark = set(cls.get('nomark', []))
            chosen = []
            for mem in members:
                if not mem.strip(): continue
                nm = name_of(mem)
                if include and nm not in include: continue
                if nm in exclude: continue
                if any(x in header(mem) for x in cls.get('exclude_if', [])): continue
                mem = clean(mem)
                if nm not in nomark and qualifies(mem, kind == 'struct' or cls.get('instance', False), spec.get('params', ()), spec.get('structs', ())):
                    mem = mark(mem)
                chosen.append(mem)
            decl = cls.get('decl', 'public static partial class ' + cls['name'])
            parts.append('    ' + decl + '\n    {\n' + '\n\n'.join(m.rstrip() for m in chosen) + '\n    }\n')
        head = ('// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from\n'
                '//   https://github.com/%s/blob/%s/%s\n//   Licence: %s. %s\n'
                % (repo['github'], repo['commit'], f['path'], repo['licence'], repo['copyright']))
        usings = '\n'.join('using %s;' % u for u in ['System', 'System.Collections.Generic', 'System.Runtime.CompilerServices', 'AutoDiffGen'] + f.get('usings', []))
        # Accord declares its usings inside the namespace: at the top of a file in namespace Accord.Math, Math.Exp
        # would name the namespace Accord.Math, not System.Math ("usings_inside" in a repo entry keeps their place).
        inside = repo.get('usings_inside', False)
        text = (head + '// Only the generated code is judged: warnings in this copied code are not ours to fix.\n'
                '#nullable disable\n#pragma warning disable\n' + ('' if inside else usings + '\n') + '\nnamespace ' + repo['namespace'] + '\n{\n'
                + (usings + '\n\n' if inside else '') + '\n'.join(parts) + '}\n')
        with open(os.path.join(outdir, f['out']), 'w') as o: o.write(text)
    # Hand-written stand-ins (not the library's text) kept in the spec, so that a fresh extraction compiles (hunt17: Unity's
    # bit casts through unsafe pointers, which the judge's compilation does not allow, as BitConverter calls).
    for name, lines in spec.get('standins', {}).items():
        with open(os.path.join(outdir, name), 'w') as o: o.write('\n'.join(lines) + '\n')

main()
