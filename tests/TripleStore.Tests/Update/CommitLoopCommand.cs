using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Tests.Update;

/// <summary>
/// The child side of the crash test: commits numbered transactions forever, each adding
/// <see cref="QuadsPerTransaction"/> quads to its own graph and moving the single counter quad, and
/// prints "committed N" after each commit returns.
/// </summary>
public static class CommitLoopCommand
{
    public const int QuadsPerTransaction = 10;
    public static readonly Iri Counter = new("http://example.org/counter");
    public static readonly Iri Value = new("http://example.org/value");
    public static readonly Iri Member = new("http://example.org/member");

    public static Iri GraphOf(long n) => new("http://example.org/tx/" + n);

    public static int Run(string path)
    {
        using var store = RdfStore.Open(path);
        long last;
        using (var snapshot = store.OpenSnapshot())
            last = snapshot.Match(Counter, Value, null, GraphSelector.Default).Select(q => long.Parse(((Literal)q.Object).Value)).DefaultIfEmpty(0).Max();
        for (long n = last + 1; ; n++)
        {
            using (var tx = store.BeginTransaction())
            {
                for (int i = 0; i < QuadsPerTransaction; i++)
                    tx.Add(new Quad(new Iri($"http://example.org/s{n}-{i}"), Member, Literal.Typed(i.ToString(), Xsd.Integer), GraphOf(n)));
                if (n > 1) tx.Remove(new Quad(Counter, Value, Literal.Typed((n - 1).ToString(), Xsd.Integer)));
                tx.Add(new Quad(Counter, Value, Literal.Typed(n.ToString(), Xsd.Integer)));
                tx.Commit();
            }
            Console.WriteLine("committed " + n);
            Console.Out.Flush();
        }
    }
}
