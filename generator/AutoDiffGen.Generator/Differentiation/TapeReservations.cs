using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Reservations: before a taped loop whose trip count is known at its entry, room on each tape for everything the
/// loop (and the loops inside it) will push, so that a first call allocates each tape once instead of doubling it
/// and rerunning the forward sweep log₂(n) times. A loop's trip count is known when it is a <c>for</c>/<c>while</c>
/// loop whose condition compares an <c>int</c> counter, stepped by a constant at the top level of the body, with a
/// bound the loop does not change (<c>i &lt; n</c>, <c>i &gt;= 0</c>, <c>i &lt; a.Length - 1</c>); a loop with a
/// <c>break</c> or <c>return</c> has another condition, and is not reserved. A reservation is only a hint: every
/// push still checks for room, so an estimate can cost memory or a regrowth, never a wrong value (but in a fused
/// iteration, whose one reservation covers all its pushes: <see cref="Covered"/>). It is computed in
/// <c>double</c> and ignored when it is not a tape length (docs/how-it-works.md, "Tapes").
/// </summary>
internal sealed class TapeReservations
{
    private const string Workspace = "global::AutoDiffGen.Internals.TapeWorkspace.";

    private readonly EquatableArray<Node> _nodes;
    private readonly Dictionary<LoopItem, HashSet<int>> _inside = new();

    public TapeReservations(ComputationGraph graph) => _nodes = graph.Nodes;

    /// <summary>The nodes a loop defines: its phis, header and body, nested blocks included.</summary>
    public HashSet<int> Inside(LoopItem loop)
    {
        if (_inside.TryGetValue(loop, out var known)) return known;
        var set = new HashSet<int>(loop.Phis);
        void Collect(Block block)
        {
            foreach (var item in block.Items)
            {
                switch (item)
                {
                    case NodeItem n:
                        set.Add(n.Node);
                        break;
                    case IfItem b:
                        set.UnionWith(b.Phis);
                        Collect(b.Then);
                        Collect(b.Else);
                        break;
                    case LoopItem l:
                        set.UnionWith(l.Phis);
                        Collect(l.Header);
                        Collect(l.Body);
                        break;
                }
            }
        }
        Collect(loop.Header);
        Collect(loop.Body);
        _inside[loop] = set;
        return set;
    }

    /// <summary>The loop's trip count as C#, or null when it is not known at the loop's entry.</summary>
    public LoopTrips? Trips(LoopItem loop)
    {
        if (!loop.ConditionFirst) return null;
        var condition = _nodes[loop.Condition];
        if (condition.Gate != GateKind.Constant || condition.IsInline) return null;
        var inside = Inside(loop);
        foreach (int phi in loop.Phis)
        {
            if (!condition.Inputs.Contains(phi) || Step(loop, phi) is not { } step) continue;
            var counter = _nodes[phi];
            if (!Compared(condition.Text, counter.Name, out string op, out string bound)) continue;
            bool upward = op is "<" or "<=";
            if (upward != step > 0) return null;
            var reads = new List<int>();
            if (Entry(counter, reads) is not { } entry) return null;
            if (Bound(bound, condition, phi, inside, reads) is not { } limit) return null;
            string inclusive = op is "<=" or ">=" ? "true" : "false";
            // Literal ends (`for (int r = 0; r < 4; r++)`): the count itself, as TapeWorkspace.Trips computes it.
            if (IsIntLiteral(entry) && IsIntLiteral(limit) && Literal(Count(int.Parse(entry, CultureInfo.InvariantCulture), step,
                    int.Parse(limit, CultureInfo.InvariantCulture), inclusive == "true")) is { } count)
            {
                return new LoopTrips(count, reads.Distinct().OrderBy(i => i).ToEquatableArray());
            }
            // Arithmetic on the bound wraps as it may in the loop's own test: a reservation never throws.
            string checkedLimit = limit.IndexOfAny(new[] { '+', '-', '*' }) >= 0 ? "unchecked(" + limit + ")" : limit;
            return new LoopTrips(Workspace + "Trips(" + entry + ", " + step.ToString(CultureInfo.InvariantCulture) + ", " + checkedLimit + ", " + inclusive + ")",
                reads.Distinct().OrderBy(i => i).ToEquatableArray());
        }
        return null;
    }

    /// <summary>
    /// What one iteration's steps push, per tape, as C# counts (null when a loop inside has no known trip count, or
    /// one that reads a value <paramref name="inside"/> the loop being reserved).
    /// </summary>
    public static Dictionary<TapeName, string>? Usage(IEnumerable<Step> steps, HashSet<int> inside)
    {
        var constants = new Dictionary<TapeName, int>();
        var terms = new Dictionary<TapeName, List<string>>();
        void Term(TapeName tape, string term)
        {
            if (!terms.TryGetValue(tape, out var list)) terms[tape] = list = new List<string>();
            list.Add(term);
        }
        foreach (var step in steps)
        {
            switch (step)
            {
                case TapePush p:
                    foreach (var room in p.Room) constants[room.Tape] = (constants.TryGetValue(room.Tape, out int c) ? c : 0) + room.Count;
                    break;
                case ForwardLoop f:
                    var body = Usage(f.Body, inside);
                    if (body is null) return null;
                    if (body.Count == 0) break;
                    if (f.Trips is null || f.Trips.Reads.Any(inside.Contains)) return null;
                    foreach (var kv in body) Term(kv.Key, Product(f.Trips.Count, kv.Value));
                    break;
                case Branch b:
                    var then = Usage(b.Then, inside);
                    var otherwise = b.Else is { } e ? Usage(e, inside) : new Dictionary<TapeName, string>();
                    if (then is null || otherwise is null) return null;
                    foreach (var tape in then.Keys.Union(otherwise.Keys))
                    {
                        bool inThen = then.TryGetValue(tape, out string? a), inElse = otherwise.TryGetValue(tape, out string? o);
                        Term(tape, inThen && inElse ? "global::System.Math.Max(" + a + ", " + o + ")" : inThen ? a! : o!);
                    }
                    break;
                case ReverseLoop or Segments:
                    return null;
            }
        }
        var usage = new Dictionary<TapeName, string>();
        foreach (var tape in constants.Keys.Union(terms.Keys))
        {
            var all = terms.TryGetValue(tape, out var list) ? new List<string>(list) : new List<string>();
            if (constants.TryGetValue(tape, out int c) && c > 0) all.Add(c.ToString(CultureInfo.InvariantCulture));
            // Literal terms are summed here (`4 * 1 + 1` is 5).
            var literals = all.Where(IsIntLiteral).ToList();
            if (literals.Count > 1 && Literal(literals.Sum(t => (double)int.Parse(t, CultureInfo.InvariantCulture))) is { } sum)
            {
                all = all.Where(t => !IsIntLiteral(t)).Append(sum).ToList();
            }
            if (all.Count > 0) usage[tape] = string.Join(" + ", all);
        }
        return usage;
    }

    /// <summary>A loop's trips times one iteration's pushes, folded where both are literals or the pushes are 1.</summary>
    public static string Product(string trips, string pushes)
    {
        if (pushes == "1") return trips;
        if (IsIntLiteral(trips) && IsIntLiteral(pushes)
            && Literal(int.Parse(trips, CultureInfo.InvariantCulture) * (double)int.Parse(pushes, CultureInfo.InvariantCulture)) is { } product) return product;
        return trips + " * " + Parenthesized(pushes);
    }

    /// <summary>TapeWorkspace.Trips, for literal ends: the same double arithmetic.</summary>
    private static double Count(double first, int step, double bound, bool inclusive)
    {
        double distance = step > 0 ? bound - first : first - bound;
        double stride = step > 0 ? step : -(double)step;
        if (inclusive) return distance >= 0 ? System.Math.Floor(distance / stride) + 1 : 0;
        return distance > 0 ? System.Math.Ceiling(distance / stride) : 0;
    }

    /// <summary>A whole count as an int literal (at most 9 digits, as <see cref="IsIntLiteral"/> reads them), else null.</summary>
    private static string? Literal(double count) =>
        count >= 0 && count <= 999_999_999 && count == System.Math.Floor(count) ? ((int)count).ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>A sum in parentheses, a single term as it is.</summary>
    public static string Parenthesized(string count) => count.Contains(" + ") ? "(" + count + ")" : count;

    /// <summary>Removes the reservations inside a loop that is reserved as a whole.</summary>
    public static EquatableArray<Step> WithoutReservations(EquatableArray<Step> steps) =>
        StepTree.Rewrite(steps, block => block.Where(s => s is not Reserve).ToList());

    /// <summary>Marks every push in the steps as covered by a reservation made before them (<see cref="TapePush.Reserved"/>).</summary>
    public static EquatableArray<Step> Covered(EquatableArray<Step> steps) =>
        StepTree.Rewrite(steps, block => block.Select(s => s is TapePush p ? p with { Reserved = true } : s).ToList());

    /// <summary>The constant a counter phi is stepped by each iteration, or null.</summary>
    private int? Step(LoopItem loop, int phi)
    {
        var p = _nodes[phi];
        if (p.TypeName != "int" || p.Inputs.Length != 2) return null;
        var back = _nodes[p.Inputs[1]];
        if (back.Gate != GateKind.Constant || back.IsInline || !loop.Body.Items.Contains(new NodeItem(back.Id))) return null;
        if (back.Inputs.Length != 1 || back.Inputs[0] != phi) return null;
        int sign;
        if (back.Text.StartsWith(p.Name + " - ", System.StringComparison.Ordinal)) sign = -1;
        else if (back.Text.StartsWith(p.Name + " + ", System.StringComparison.Ordinal)) sign = 1;
        else return null;
        string amount = back.Text.Substring(p.Name.Length + 3);
        if (amount.Length == 0 || amount.Length > 9 || !amount.All(c => c is >= '0' and <= '9')) return null;
        int value = int.Parse(amount, CultureInfo.InvariantCulture);
        return value == 0 ? null : sign * value;
    }

    /// <summary>Splits <c>counter op bound</c> (or <c>bound op counter</c>, turned around) for the four orderings.</summary>
    public static bool Compared(string text, string counter, out string op, out string bound)
    {
        foreach (string candidate in new[] { "<=", ">=", "<", ">" })
        {
            string head = counter + " " + candidate + " ", tail = " " + candidate + " " + counter;
            if (text.StartsWith(head, System.StringComparison.Ordinal))
            {
                op = candidate;
                bound = text.Substring(head.Length);
                return true;
            }
            if (text.EndsWith(tail, System.StringComparison.Ordinal))
            {
                op = candidate switch { "<=" => ">=", ">=" => "<=", "<" => ">", _ => "<" };
                bound = text.Substring(0, text.Length - tail.Length);
                return true;
            }
        }
        op = bound = "";
        return false;
    }

    /// <summary>The counter's entry value: an int literal, or a local or parameter (read).</summary>
    private string? Entry(Node counter, List<int> reads)
    {
        var entry = _nodes[counter.Inputs[0]];
        if (entry.Gate == GateKind.Constant && entry.Inputs.IsEmpty && IsIntLiteral(entry.Text)) return entry.Text;
        if (entry.IsInline && entry.Gate != GateKind.Parameter) return null;
        reads.Add(entry.Id);
        return entry.Name;
    }

    public static bool IsIntLiteral(string text)
    {
        string digits = text.StartsWith("-", System.StringComparison.Ordinal) ? text.Substring(1) : text;
        return digits.Length is > 0 and <= 9 && digits.All(c => c is >= '0' and <= '9');
    }

    /// <summary>
    /// The bound as C# that cannot throw: names of values defined outside the loop (numbers, or <c>.Length</c> of an
    /// array or span), number literals, <c>+ - *</c> and parentheses; anything else (a call, a division) is null.
    /// </summary>
    private string? Bound(string text, Node condition, int counter, HashSet<int> inside, List<int> reads)
    {
        var output = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char ch = text[i];
            if (ch is ' ' or '+' or '-' or '*' or '(' or ')')
            {
                output.Append(ch);
                i++;
            }
            else if (char.IsDigit(ch))
            {
                int start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.')) i++;
                if (i < text.Length && text[i] is 'd' or 'D' or 'f' or 'F' or 'L') i++;
                if (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.')) return null;
                output.Append(text, start, i - start);
            }
            else if (char.IsLetter(ch) || ch == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                string name = text.Substring(start, i - start);
                bool length = string.CompareOrdinal(text, i, ".Length", 0, 7) == 0 && (i + 7 == text.Length || !(char.IsLetterOrDigit(text[i + 7]) || text[i + 7] == '_'));
                if (length) i += 7;
                if (i < text.Length && text[i] is '.' or '(' or '[' or '<') return null;
                int id = -1;
                foreach (int input in condition.Inputs)
                {
                    if (input != counter && _nodes[input].Name == name && !inside.Contains(input)) id = input;
                }
                if (id < 0) return null;
                var node = _nodes[id];
                if (node.IsInline && node.Gate != GateKind.Parameter) return null;
                if (length)
                {
                    if (node.TypeName.EndsWith("[]", System.StringComparison.Ordinal)) output.Append(Workspace + "Length(" + name + ")");
                    else if (node.TypeName.Contains("Span<")) output.Append(name + ".Length");
                    else return null;
                }
                else if (node.TypeName is "int" or "long" or "short" or "byte" or "sbyte" or "ushort" or "uint" or "double" or "float")
                {
                    output.Append(name);
                }
                else
                {
                    return null;
                }
                reads.Add(id);
            }
            else
            {
                return null;
            }
        }
        return output.ToString().Trim().Length == 0 ? null : output.ToString();
    }
}
