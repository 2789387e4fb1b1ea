using System.Text;

namespace TripleStore.Benchmarks.Bsbm;

/// <summary>
/// The vocabulary of BSBM labels and texts. BSBM draws words from an English dictionary; shipping one
/// is not worth its size here, so the words are pronounceable syllable strings built from a fixed
/// seed: the same for every data set, distinct from each other, and searchable by REGEX (Q6).
/// </summary>
public static class BsbmWords
{
    public const int Count = 8000;

    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "ch", "cl", "dr", "gr", "pl", "st", "tr", "sh"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"];
    private static readonly string[] Codas = ["", "", "n", "r", "s", "l", "t", "m", "x", "ck"];

    private static readonly Lazy<string[]> List = new(Build);

    /// <summary>Word <paramref name="index"/> of the list (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public static string Get(int index) => List.Value[index];

    /// <summary>A random word.</summary>
    public static string Draw(DeterministicRandom rng) => List.Value[rng.Next(Count)];

    /// <summary><paramref name="words"/> random words separated by spaces.</summary>
    public static string Sentence(DeterministicRandom rng, int words)
    {
        var sb = new StringBuilder(words * 8);
        for (int i = 0; i < words; i++)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(Draw(rng));
        }
        return sb.ToString();
    }

    private static string[] Build()
    {
        var rng = new DeterministicRandom(0xB5B3);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new string[Count];
        var sb = new StringBuilder();
        for (int i = 0; i < Count;)
        {
            sb.Clear();
            int syllables = rng.Between(2, 4);
            for (int s = 0; s < syllables; s++)
                sb.Append(Onsets[rng.Next(Onsets.Length)]).Append(Vowels[rng.Next(Vowels.Length)]).Append(Codas[rng.Next(Codas.Length)]);
            string word = sb.ToString();
            if (seen.Add(word)) words[i++] = word;
        }
        return words;
    }
}
