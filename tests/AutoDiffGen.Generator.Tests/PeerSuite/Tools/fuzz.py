#!/usr/bin/env python3
"""Writes PeerSuite/Sources/Fuzz.cs: seeded random [Differentiable] methods mixing nested loops, break/continue,
early returns, switch sections, local arrays and compound assignments, for the corpus judge.
Usage: fuzz.py SEED COUNT > Fuzz.cs"""
import random, sys

seed, count = int(sys.argv[1]), int(sys.argv[2])
R = random.Random(seed)

class Gen:
    def __init__(self):
        self.locals = []
        self.next_local = 0
        self.foreach_vars = []
        self.loop_depth = 0
        self.loops = 0
        self.in_switch = 0

    def atom(self):
        c = R.random()
        if c < 0.08 and self.locals: return R.choice(self.locals)
        if c < 0.12 and self.foreach_vars: return R.choice(self.foreach_vars)
        if c < 0.35: return R.choice(["x", "y", "r0", "r1", "r2"])
        if c < 0.5: return R.choice(["a[0]", "a[2]", "a[4]"]) if self.loop_depth == 0 else "a[(%s + 1) %% 5]" % self.ivar()
        if c < 0.6: return R.choice(["t[0]", "t[1]", "t[2]"])
        if c < 0.7 and self.loop_depth: return "(%s * 0.5)" % self.ivar()
        return R.choice(["0.5", "1.25", "2.0", "0.75", "n"])

    def ivar(self):
        return "i%d" % R.randrange(self.loop_depth)

    def expr(self, depth=0):
        if depth > 2 or R.random() < 0.3: return self.atom()
        c = R.random()
        a, b = self.expr(depth + 1), self.expr(depth + 1)
        if c < 0.25: return "(%s + %s)" % (a, b)
        if c < 0.4: return "(%s - %s)" % (a, b)
        if c < 0.6: return "%s * %s" % (a, b)
        if c < 0.68: return "%s / (1.0 + %s * %s)" % (a, b, b)
        if c < 0.74: return "(%s ? %s : %s)" % (self.cond_simple(), a, b)
        if c < 0.8: return "H(%s, %s)" % (a, b)
        f = R.choice(["Math.Sin", "Math.Tanh", "Math.Cos", "Math.Atan"])
        if R.random() < 0.2: return "Math.Sqrt(1.0 + %s * %s)" % (a, a)
        if R.random() < 0.15: return "Math.Max(%s, %s)" % (a, b)
        return "%s(%s)" % (f, a)

    def cond_simple(self):
        return "%s %s %s" % (self.atom(), R.choice([">", "<"]), R.choice(["0.5", "1.0", "-0.25"]))

    def cond(self):
        c = R.random()
        if c < 0.3 and self.loop_depth: return "%s %s %d" % (self.ivar(), R.choice(["==", ">", "<", "!="]), R.randrange(3))
        e = self.expr(1)
        s = "%s %s %s" % (e, R.choice([">", "<"]), R.choice(["0.5", "1.0", "-0.25", "2.0"]))
        if R.random() < 0.2: s = "%s && %s" % (s, self.cond())
        elif R.random() < 0.1: s = "%s || %s" % (s, self.cond())
        return s

    def target(self):
        if R.random() < 0.25:
            idx = R.choice(["0", "1", "2"]) if self.loop_depth == 0 or R.random() < 0.3 else "%s %% 3" % self.ivar()
            return "t[%s]" % idx
        return R.choice(["r0", "r1", "r2", "r0", "y"])

    def bound(self, e):
        # keep values bounded so loops do not overflow
        return "Math.Tanh(%s)" % e if R.random() < 0.5 else e

    def stmt(self, depth, ind):
        p = " " * ind
        c = R.random()
        if depth < 3 and c < 0.15 and self.loops < 4:
            return self.loop(depth, ind)
        if depth < 3 and c < 0.3:
            s = p + "if (%s)\n%s{\n%s%s}\n" % (self.cond(), p, self.block(depth + 1, ind + 4), p)
            if R.random() < 0.5: s += p + "else\n%s{\n%s%s}\n" % (p, self.block(depth + 1, ind + 4), p)
            return s
        if depth < 3 and c < 0.36 and self.loop_depth:
            return self.switch(depth, ind)
        if c < 0.42 and self.loop_depth and not self.in_switch:
            return p + "if (%s) %s;\n" % (self.cond(), R.choice(["break", "continue"]))
        if c < 0.47:
            return p + "if (%s) return %s;\n" % (self.cond(), self.expr())
        if c < 0.55:
            name = "v%d" % self.next_local
            self.next_local += 1
            line = p + "double %s = %s;\n" % (name, self.bound(self.expr()))
            self.locals.append(name)
            return line
        t = self.target()
        op = R.choice(["=", "+=", "-=", "*=", "="])
        e = self.bound(self.expr())
        if op == "*=": e = "Math.Tanh(%s)" % e
        return p + "%s %s %s;\n" % (t, op, e)

    def switch(self, depth, ind):
        p = " " * ind
        s = p + "switch (%s %% 3)\n%s{\n" % (self.ivar(), p)
        self.in_switch += 1
        labels = [["case 0:"], ["case 1:", "case 2:"]] if R.random() < 0.5 else [["case 0:"], ["case 2:"], ["default:"]]
        for ls in labels:
            for l in ls: s += p + "    " + l + "\n"
            s += self.block(depth + 1, ind + 8, small=True)
            end = R.choice(["break;", "break;", "continue;", "return %s;" % self.expr()])
            s += p + "        " + end + "\n"
        self.in_switch -= 1
        return s + p + "}\n"

    def loop(self, depth, ind):
        p = " " * ind
        i = "i%d" % self.loop_depth
        self.loops += 1
        kind = R.random()
        if kind < 0.6:
            hi = R.choice(["3", "n", "a.Length", "n + 1"])
            head = p + "for (int %s = 0; %s < %s; %s++)\n" % (i, i, hi, i)
            self.loop_depth += 1
            body = self.block(depth + 1, ind + 4)
            self.loop_depth -= 1
            return head + p + "{\n" + body + p + "}\n"
        elif kind < 0.7:
            e = "e%d" % self.loop_depth
            self.foreach_vars.append(e)
            self.loop_depth += 1
            body = self.block(depth + 1, ind + 4)
            self.loop_depth -= 1
            self.foreach_vars.remove(e)
            return p + "foreach (double %s in a)\n" % e + p + "{\n" + p + "    int i%d = 0;\n" % (self.loop_depth) + body + p + "}\n"
        elif kind < 0.85:
            head = p + "int %s = 0;\n%swhile (%s < 4%s)\n" % (i, p, i, (" && (" + self.cond() + ")") if R.random() < 0.4 else "")
            self.loop_depth += 1
            body = p + "    %s++;\n" % i + self.block(depth + 1, ind + 4)
            self.loop_depth -= 1
            return "{\n" + head + p + "{\n" + body + p + "}\n" + p + "}\n" if False else p + "{\n" + head.replace(p, p + "    ", 2) + p + "    {\n" + body.replace("\n" + p, "\n" + p + "    ") .replace(p + "    " + i, p + "        " + i, 1) + p + "    }\n" + p + "}\n"
        else:
            head = p + "int %s = 0;\n" % i
            self.loop_depth += 1
            body = p + "    %s++;\n" % i + self.block(depth + 1, ind + 4)
            self.loop_depth -= 1
            return p + "{\n" + head + p + "do\n" + p + "{\n" + body + p + "} while (%s < 3);\n" % i + p + "}\n"

    def block(self, depth, ind, small=False):
        n = R.randrange(1, 3 if small else 4)
        saved = list(self.locals)
        text = "".join(self.stmt(depth, ind) for _ in range(n))
        self.locals = saved
        return text

out = ["// <generated by PeerSuite/Tools/fuzz.py %d %d: random control flow for the corpus judge>" % (seed, count), "#pragma warning disable CS0162, CS1717, CS0219 // statements after a return, r0 = r0 and unused locals, as the generator wrote them",
       "using System;", "using AutoDiffGen;", "", "namespace PeerSuite", "{", "    public static partial class Fuzz", "    {"]
for k in range(count):
    g = Gen()
    body = g.block(0, 12)
    out.append("        [Differentiable]")
    out.append("        public static double F%d(double x, double y, double[] a, int n)" % k)
    out.append("        {")
    out.append("            double r0 = x, r1 = y * 0.5, r2 = 1.0;")
    out.append("            double[] t = new double[3];")
    out.append("            t[0] = x; t[1] = y;")
    out.append(body.rstrip("\n"))
    out.append("            return r0 + 2.0 * r1 + r2 * t[0] + t[1] * t[2] + y;")
    out.append("        }")
    out.append("")
out += ["        [Differentiable]", "        public static double H(double p, double q) => p * Math.Tanh(q) + 0.5 * q;", "    }", "}"]
print("\n".join(out))
