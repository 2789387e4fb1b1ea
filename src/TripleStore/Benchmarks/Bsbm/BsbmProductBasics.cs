namespace TripleStore.Benchmarks.Bsbm;

/// <summary>The first random draws of a product: its label, comment and product feature numbers.</summary>
internal sealed record BsbmProductBasics(string Label, string Comment, int[] Features);
