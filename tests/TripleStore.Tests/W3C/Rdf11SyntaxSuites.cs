using Xunit.Abstractions;

// The RDF 1.1 syntax suites, one class each so every test is listed under its suite. Adding a suite is
// one more such declaration, here or in a file of its own.

namespace TripleStore.Tests.W3C;

[RdfSuite("rdf/rdf11/rdf-n-triples/manifest.ttl")]
public sealed class NTriplesSuite(ITestOutputHelper output) : RdfConformanceSuite(output);

[RdfSuite("rdf/rdf11/rdf-n-quads/manifest.ttl")]
public sealed class NQuadsSuite(ITestOutputHelper output) : RdfConformanceSuite(output);

[RdfSuite("rdf/rdf11/rdf-turtle/manifest.ttl")]
public sealed class TurtleSuite(ITestOutputHelper output) : RdfConformanceSuite(output);

[RdfSuite("rdf/rdf11/rdf-trig/manifest.ttl")]
public sealed class TriGSuite(ITestOutputHelper output) : RdfConformanceSuite(output);
