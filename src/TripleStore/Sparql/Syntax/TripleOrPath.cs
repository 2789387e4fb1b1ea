using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Syntax;

/// <summary>One item of a triples block: a plain triple pattern or a path pattern that needs the path evaluator.</summary>
internal sealed record TripleOrPath(TriplePattern? Triple, PathPattern? Path);
