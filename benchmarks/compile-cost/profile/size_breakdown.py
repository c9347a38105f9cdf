#!/usr/bin/env python3
"""Where the generated text of a dump goes (issue 12): characters and statements by method kind and by line kind.

    size_breakdown.py DUMP_DIR [OTHER_DUMP_DIR]

DUMP_DIR is a `Profile --dump` directory (one .g.cs per generated file). Method kind is the letter of the corpus's
method name (S straight-line, B branches, L loops; generate.py). Line kinds are recognised by text; the forward and
reverse sweeps of an MBackward are split at its first blank line. With a second directory, prints both side by side.
"""
import os, re, sys
from collections import Counter

def kinds(line, section):
    s = line.strip()
    if not s: return 'blank'
    if s.startswith('///'): return 'xml doc'
    if s.startswith('//') or s.startswith('#nullable') or s.startswith('namespace') or s.startswith('partial ') or s.startswith('using ') and '(' not in s: return 'file header'
    if s.startswith('[global::System.CodeDom'): return 'attr GeneratedCode'
    if s.startswith('[global::System.Runtime.CompilerServices.MethodImpl'): return 'attr MethodImpl'
    if s.startswith('['): return 'attr other'
    if re.match(r'(public|internal|private|protected)\b.*\(', s): return 'signature'
    if s in ('{', '}', '};') or s.startswith('else') and s.rstrip() in ('else',): return 'braces/else'
    if 'Check.' in s: return 'argument checks'
    if 'TapeWorkspace.Want(' in s: return 'tape: Want reservation'
    if 'goto growTapes' in s and 'Length -' in s: return 'tape: room check'
    if 'TapeWorkspace.Enter' in s or 'tapes.Tape<' in s or re.match(r'int tape\w*Top', s) or re.match(r'int tape\w*Want', s) \
       or s in ('goto forwardSweep;', 'growTapes:', 'forwardSweep:') or 'tapes.Grow(' in s or re.match(r'tape\w*Top = 0;', s): return 'tape: plumbing'
    if re.search(r'\[tape\w*Top\+\+\] =', s): return 'tape: push'
    if re.search(r'\[--tape\w*Top\]', s): return 'tape: pop'
    if 'TapeWorkspace.Copy(' in s: return 'parameter copy'
    if s.startswith('return '): return 'return'
    if re.match(r'(if|while|for|else if)\b', s) or s == 'while (true)' or s.startswith('if (!') or s == 'break;': return section + ' control flow'
    if re.match(r'(double|float|bool|int) \w+ = (0\.0|0|default|0f|0\.0f|false);$', s): return section + ' zero decl'
    if re.match(r'(double|float|bool|int) \w+ = [\w.]+;$', s) and not re.search(r'= -?[0-9]', s): return section + ' copy decl'
    if re.match(r'\w+ = [\w.]+;$', s): return section + ' copy assign'
    if re.match(r'(double|float|bool|int|var|[\w.:<>\[\]]+) \w+ = ', s): return section + ' compute decl'
    if re.match(r'\w+(\[.*\])? [-+]?= ', s): return section + ' assign/accumulate'
    return section + ' other'

def measure(d):
    chars, stmts, by_kind_chars, by_kind_files = Counter(), Counter(), Counter(), Counter()
    total = 0
    for f in sorted(os.listdir(d)):
        text = open(os.path.join(d, f), encoding='utf-8').read()
        total += len(text) + len(f)
        m = re.search(r'\.([A-Z])\d+_', f)
        mk = m.group(1) if m else '?'
        by_kind_chars[mk] += len(text); by_kind_files[mk] += 1
        section, seen_body = 'forward', False
        for line in text.split('\n'):
            s = line.strip()
            if re.match(r'(public|internal|private|protected)\b.*\(', s): section, seen_body = 'forward', True
            elif seen_body and not s and section == 'forward': section = 'reverse'
            k = kinds(line, section)
            chars[k] += len(line) + 1
            chars['(indentation)'] += len(line) - len(line.lstrip())
            stmts[k] += s.count(';') if not s.startswith('//') and not s.startswith('for ') and not s.startswith('for(') else 1
    return total, chars, stmts, by_kind_chars, by_kind_files

dirs = sys.argv[1:]
res = [measure(d) for d in dirs]
print('| | ' + ' | '.join(f'{os.path.basename(d.rstrip("/"))} chars | stmts' for d in dirs) + ' |')
print('|---|' + '---|---|' * len(dirs))
print('| total (file names included) | ' + ' | '.join(f'{r[0]:,} | {sum(v for k, v in r[2].items()):,}' for r in res) + ' |')
keys = sorted(set().union(*[r[1].keys() for r in res]), key=lambda k: -res[0][1].get(k, 0))
for k in keys:
    print(f'| {k} | ' + ' | '.join(f'{r[1].get(k, 0):,} ({100 * r[1].get(k, 0) / r[0]:.1f} %) | {r[2].get(k, 0):,}' for r in res) + ' |')
for mk in sorted(res[0][3]):
    print(f'| method kind {mk} | ' + ' | '.join(f'{r[3].get(mk, 0):,} in {r[4].get(mk, 0)} files ({r[3].get(mk, 0) // max(1, r[4].get(mk, 0)):,} per file) | ' for r in res) + ' |')
