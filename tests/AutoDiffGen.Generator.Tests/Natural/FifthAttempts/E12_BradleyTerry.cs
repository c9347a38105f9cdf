using AutoDiffGen;

namespace Natural;

public record Match(string Winner, string Loser);

// Bradley–Terry ratings from a season's results, with a Gaussian prior keeping ratings near zero.
public static partial class Ratings
{
    [Differentiable]
    public static double NegLogLikelihood(double[] ratings, [NoDiff] IReadOnlyList<Match> matches, [NoDiff] Dictionary<string, int> teamIndex, double priorPrecision = 0.1)
    {
        double nll = 0;
        foreach (var m in matches)
        {
            double diff = ratings[teamIndex[m.Winner]] - ratings[teamIndex[m.Loser]];
            nll += Math.Log(1 + Math.Exp(-diff));   // -log σ(diff)
        }
        nll += 0.5 * priorPrecision * ratings.Sum(r => r * r);
        return nll;
    }

    public static Dictionary<string, double> Fit(IReadOnlyList<Match> matches, int iterations = 500, double lr = 0.05)
    {
        var teams = matches.SelectMany(m => new[] { m.Winner, m.Loser }).Distinct().OrderBy(t => t).ToList();
        var index = teams.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var ratings = new double[teams.Count];
        for (int it = 0; it < iterations; it++)
        {
            var grad = new double[ratings.Length];
            NegLogLikelihoodBackward(ratings, matches, index, grad);
            for (int i = 0; i < ratings.Length; i++) ratings[i] -= lr * grad[i];
        }
        return teams.ToDictionary(t => t, t => ratings[index[t]]);
    }
}
