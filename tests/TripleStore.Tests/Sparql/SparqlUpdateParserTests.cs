using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Syntax;
using TripleStore.Sparql.Update;
using Xunit;

namespace TripleStore.Tests.Sparql;

public class SparqlUpdateParserTests
{
    [Fact]
    public void ParsesASequenceOfOperations()
    {
        var update = SparqlUpdate.Parse(@"
            PREFIX : <http://e/>
            INSERT DATA { :a :p 1 . GRAPH :g { :a :q _:b } } ;
            DELETE { ?s :p ?o } INSERT { ?s :p2 ?o } USING :g WHERE { ?s :p ?o } ;
            DELETE WHERE { GRAPH :g { ?s :q ?x } } ;
            LOAD SILENT <http://e/data.ttl> INTO GRAPH :g ;
            CLEAR NAMED ; DROP SILENT GRAPH :g ; CREATE GRAPH :h ;
            COPY DEFAULT TO :h ; MOVE :h TO DEFAULT ; ADD SILENT GRAPH :g TO GRAPH :h ;");
        Assert.Equal(10, update.Operations.Count);
        var insert = Assert.IsType<InsertDataOperation>(update.Operations[0]);
        Assert.Equal(2, insert.Data.Count);
        Assert.Equal(new Iri("http://e/g"), insert.Data[1].Graph!.Value.Term);
        Assert.IsType<BlankNode>(insert.Data[1].Object.Term);
        var modify = Assert.IsType<ModifyOperation>(update.Operations[1]);
        Assert.Single(modify.Delete);
        Assert.Single(modify.Insert);
        Assert.Single(modify.Using);
        var deleteWhere = Assert.IsType<ModifyOperation>(update.Operations[2]);
        Assert.IsType<NamedGraphPattern>(deleteWhere.Where);
        var load = Assert.IsType<LoadOperation>(update.Operations[3]);
        Assert.True(load.Silent);
        Assert.Equal(GraphTargetKind.AllNamed, Assert.IsType<GraphManagementOperation>(update.Operations[4]).Target.Kind);
        var move = Assert.IsType<GraphTransferOperation>(update.Operations[8]);
        Assert.Equal(GraphTransferKind.Move, move.Kind);
        Assert.Equal(GraphTargetKind.Default, move.To.Kind);
    }

    [Theory]
    [InlineData("INSERT DATA { ?s <http://e/p> 1 }", "variables")]
    [InlineData("DELETE DATA { _:b <http://e/p> 1 }", "blank nodes")]
    [InlineData("DELETE WHERE { _:b <http://e/p> ?o }", "blank nodes")]
    [InlineData("INSERT DATA { _:b <http://e/p> 1 } ; INSERT DATA { _:b <http://e/p> 2 }", "earlier operation")]
    [InlineData("CLEAR <http://e/g>", "expected GRAPH")]
    public void InvalidUpdatesAreRejected(string text, string reason)
    {
        var e = Assert.Throws<SparqlSyntaxException>(() => SparqlUpdate.Parse(text));
        Assert.Contains(reason, e.Message);
        Assert.Equal(ErrorCodes.QuerySyntax, e.ErrorCode);
    }
}
