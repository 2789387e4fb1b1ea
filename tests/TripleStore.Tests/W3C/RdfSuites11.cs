using Xunit.Abstractions;

namespace TripleStore.Tests.W3C;

[RdfSuite("rdf/rdf11/rdf-n-triples/manifest.ttl")]
public sealed class NTriplesSuite(ITestOutputHelper output) : RdfConformanceSuite(output);

[RdfSuite("rdf/rdf11/rdf-n-quads/manifest.ttl")]
public sealed class NQuadsSuite(ITestOutputHelper output) : RdfConformanceSuite(output);

[RdfSuite("rdf/rdf11/rdf-turtle/manifest.ttl")]
public sealed class TurtleSuite(ITestOutputHelper output) : RdfConformanceSuite(output);

[RdfSuite("rdf/rdf11/rdf-trig/manifest.ttl")]
public sealed class TriGSuite(ITestOutputHelper output) : RdfConformanceSuite(output);
