using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Hands out local names for the generated method: the user's own names where they exist, fresh ones
/// that collide with nothing the user wrote otherwise.
/// </summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> _reserved;
    private readonly HashSet<string> _taken = new();
    private readonly Dictionary<string, string> _source = new();

    /// <param name="reserved">Every identifier in the user's method: fresh names avoid them all.</param>
    public NameAllocator(IEnumerable<string> reserved) => _reserved = new HashSet<string>(reserved);

    /// <summary>A user's identifier as C# text: keywords keep their @.</summary>
    public static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    /// <summary>Claims a user's own name (a parameter or the first version of a local).</summary>
    public string Claim(string userName)
    {
        string name = _taken.Add(userName) ? Escape(userName) : Fresh(userName + "_", startAtOne: true);
        _source[name] = userName.TrimStart('@');
        return name;
    }

    /// <summary>Marks a name as used without claiming it for a value (contract names such as dResult).</summary>
    public void Reserve(string name)
    {
        _reserved.Add(name);
        _taken.Add(name);
    }

    /// <summary>A new version of a reassigned user variable: q → q_1, q_2, …</summary>
    public string Version(string userName)
    {
        string name = Fresh(userName.TrimStart('@') + "_", startAtOne: true);
        _source[name] = userName.TrimStart('@');
        return name;
    }

    /// <summary>
    /// The variable a name from <see cref="Claim"/> or <see cref="Version"/> stands for, as the user wrote
    /// it (<c>acc</c> for <c>acc_2</c>; a generated variable's own name such as <c>index</c>); null for
    /// other names. A name always stands for the same variable, so undoing a lowering needs no undo here.
    /// </summary>
    public string? SourceOf(string name) => _source.TryGetValue(name, out var source) ? source : null;

    /// <summary>A fresh name from a base: sum, sum2, sum3, …</summary>
    public string Fresh(string baseName) => Fresh(baseName, startAtOne: false);

    private string Fresh(string baseName, bool startAtOne)
    {
        if (!startAtOne && IsFree(baseName))
        {
            _taken.Add(baseName);
            return baseName;
        }
        for (int i = startAtOne ? 1 : 2; ; i++)
        {
            string candidate = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (IsFree(candidate))
            {
                _taken.Add(candidate);
                return candidate;
            }
        }
    }

    private bool IsFree(string name) =>
        !_reserved.Contains(name) && !_taken.Contains(name) &&
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None &&
        SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;

    /// <summary>The names taken so far, to undo a tentative lowering.</summary>
    public object Save() => new HashSet<string>(_taken);

    public void Restore(object saved)
    {
        _taken.Clear();
        _taken.UnionWith((HashSet<string>)saved);
    }

    /// <summary>"x" → "tX": the contract's tangent naming (forward mode).</summary>
    public static string TangentBase(string name) => "t" + AdjointBase(name).Substring(1);

    /// <summary>"x" → "dX": the contract's adjoint naming.</summary>
    public static string AdjointBase(string name)
    {
        name = name.TrimStart('@');
        return name.Length == 0 ? "d" : "d" + char.ToUpperInvariant(name[0]) + name.Substring(1);
    }
}
