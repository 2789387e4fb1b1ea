using System.Management.Automation;
using System.Numerics;
using System.Text.Json;

namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class InvokeSparqlTests(ModuleFixture module)
{
    private const string Ex = "http://example.org/";

    /// <summary>Runs <paramref name="script"/> after opening a fresh store holding <see cref="SparqlSamples.People"/>.</summary>
    private PipelineRun RunOverPeople(TempFolder folder, string script)
    {
        var data = folder.Write("people.ttl", SparqlSamples.People);
        return module.Run($"""
            Open-TripleStore '{folder.File("store")}' | Out-Null
            Import-Rdf '{data}' | Out-Null
            {script}
            """, location: folder.Path);
    }

    [Fact]
    public void Select_writes_native_values_with_properties_in_projection_order()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?name ?age ?height ?score ?active ?born ?knows ?big ?label
                { ex:alice ex:name ?name ; ex:age ?age ; ex:height ?height ; ex:score ?score ; ex:active ?active ;
                  ex:born ?born ; ex:knows ?knows ; ex:big ?big ; ex:label ?label }'
            """);

        Assert.Empty(run.Errors);
        var row = run.Single();
        Assert.Equal(new[] { "name", "age", "height", "score", "active", "born", "knows", "big", "label" }, row.Properties.Select(p => p.Name));
        Assert.Equal("Alice", row.Properties["name"].Value);
        Assert.Equal(42L, row.Properties["age"].Value);
        Assert.Equal(1.68m, row.Properties["height"].Value);
        Assert.Equal(2.5d, row.Properties["score"].Value);
        Assert.Equal(true, row.Properties["active"].Value);
        Assert.Equal(new DateTimeOffset(1990, 5, 1, 10, 0, 0, TimeSpan.Zero), row.Properties["born"].Value);
        Assert.Equal(new Uri(Ex + "bob"), row.Properties["knows"].Value);
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890"), row.Properties["big"].Value);
        Assert.Equal("Alicia", row.Properties["label"].Value);
    }

    [Fact]
    public void Unbound_variables_are_null_and_blank_nodes_are_labels()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?p ?name ?k { ?p ex:name ?name OPTIONAL { ?p ex:knows ?k } } ORDER BY ?name'
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "Alice", "Bob", "Carol" }, run.Output.Select(r => (string)r.Properties["name"].Value));
        Assert.Equal(new Uri(Ex + "bob"), run.Output[0].Properties["k"].Value);
        Assert.Null(run.Output[1].Properties["k"].Value);
        Assert.Null(run.Output[2].Properties["k"].Value);
        Assert.StartsWith("_:", (string)run.Output[2].Properties["p"].Value);
    }

    [Fact]
    public void AsTerm_writes_term_objects_in_NTriples_form()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?age ?label ?knows ?none { ex:alice ex:age ?age ; ex:label ?label ; ex:knows ?knows }' -AsTerm
            """);

        Assert.Empty(run.Errors);
        var row = run.Single();
        var age = Term(row, "age");
        Assert.Equal(("Literal", "42", "http://www.w3.org/2001/XMLSchema#integer"), (Prop(age, "Kind"), Prop(age, "Value"), Prop(age, "Datatype")));
        Assert.Equal("\"42\"^^<http://www.w3.org/2001/XMLSchema#integer>", age.ToString());
        var label = Term(row, "label");
        Assert.Equal("es", Prop(label, "Language"));
        Assert.Equal("\"Alicia\"@es", label.ToString());
        var knows = Term(row, "knows");
        Assert.Equal(("Iri", "<http://example.org/bob>"), (Prop(knows, "Kind"), knows.ToString()));
        Assert.Null(row.Properties["none"].Value);
    }

    [Fact]
    public void Ask_writes_a_bool()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            Invoke-Sparql '{{SparqlSamples.Prefix}} ASK { ex:alice ex:knows ex:bob }'
            Invoke-Sparql '{{SparqlSamples.Prefix}} ASK { ex:bob ex:knows ex:alice }'
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { true, false }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Construct_writes_triple_objects()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            Invoke-Sparql '{{SparqlSamples.Prefix}} CONSTRUCT { ?b ex:knownBy ?a } WHERE { ?a ex:knows ?b }'
            """);

        Assert.Empty(run.Errors);
        var triple = run.Single().BaseObject;
        Assert.Equal("TripleStore.PowerShell.RdfTripleObject", triple.GetType().FullName);
        Assert.Equal(Ex + "bob", Prop(Prop(triple, "Subject")!, "Value"));
        Assert.Equal(Ex + "knownBy", Prop(Prop(triple, "Predicate")!, "Value"));
        Assert.Equal(Ex + "alice", Prop(Prop(triple, "Object")!, "Value"));
        Assert.Null(Prop(triple, "Graph"));
        Assert.Equal("<http://example.org/bob> <http://example.org/knownBy> <http://example.org/alice> .", triple.ToString());
    }

    [Fact]
    public void As_Json_and_As_Csv_write_the_standard_serializations()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?name ?age { ?p ex:name ?name ; ex:age ?age } ORDER BY ?name' -As Json
            Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?name ?age { ?p ex:name ?name ; ex:age ?age } ORDER BY ?name' -As Csv
            Invoke-Sparql '{{SparqlSamples.Prefix}} ASK { ex:alice ex:knows ex:bob }' -As Json
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(3, run.Output.Count);
        using var json = JsonDocument.Parse((string)run.Output[0].BaseObject);
        Assert.Equal(new[] { "name", "age" }, json.RootElement.GetProperty("head").GetProperty("vars").EnumerateArray().Select(v => v.GetString()));
        var bindings = json.RootElement.GetProperty("results").GetProperty("bindings").EnumerateArray().ToList();
        Assert.Equal("Alice", bindings[0].GetProperty("name").GetProperty("value").GetString());
        Assert.Equal("42", bindings[0].GetProperty("age").GetProperty("value").GetString());
        Assert.Equal("http://www.w3.org/2001/XMLSchema#integer", bindings[0].GetProperty("age").GetProperty("datatype").GetString());
        var lines = ((string)run.Output[1].BaseObject).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "name,age", "Alice,42", "Bob,30" }, lines);
        using var ask = JsonDocument.Parse((string)run.Output[2].BaseObject);
        Assert.True(ask.RootElement.GetProperty("boolean").GetBoolean());
    }

    [Fact]
    public void Parameters_bind_typed_terms()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            (Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?p { ?p ex:name ?name }' -Parameters @{ name = 'Bob' }).p
            (Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?name { ?p ex:age ?age ; ex:name ?name }' -Parameters @{ age = 42 }).name
            (Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?name { ?p ex:born ?born ; ex:name ?name FILTER(?born > ?since) }' -Parameters @{ since = [datetime]'2000-01-01' }).name
            (Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?name { ?who ex:name ?name }' -Parameters @{ who = [uri]'http://example.org/alice' }).name
            (Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?name { ?p ex:height ?h ; ex:name ?name }' -Parameters @{ h = 1.68d }).name
            (Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?name { ?p ex:active ?a ; ex:name ?name }' -Parameters @{ '?a' = $true }).name
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { new Uri(Ex + "bob"), "Alice", "Bob", "Alice", "Alice", "Alice" }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Parameter_values_are_literals_never_query_text()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            @(Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?p { ?p ex:name ?name }' -Parameters @{ name = 'Alice" } ; DROP ALL ; SELECT * { "' }).Count
            (Invoke-Sparql 'SELECT ?name { }' -Parameters @{ name = '" } ; DROP ALL #' }).name
            (Get-TripleStoreStatistics).Quads
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { 0, "\" } ; DROP ALL #", 13L }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Parameters_of_a_type_without_an_RDF_form_are_rejected()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, "Invoke-Sparql 'SELECT * { ?s ?p ?o }' -Parameters @{ s = [guid]::Empty }");

        var error = Assert.Single(run.Errors);
        Assert.Equal("ConfigurationInvalid", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("System.Guid", error.Exception.Message);
    }

    [Fact]
    public void Queries_come_from_rq_files_and_from_the_pipeline()
    {
        using var folder = new TempFolder();
        folder.Write("names.rq", SparqlSamples.Prefix + "SELECT ?name { ?p ex:name ?name } ORDER BY ?name");
        folder.Write("ask.rq", SparqlSamples.Prefix + "ASK { ex:alice ex:age 42 }");
        var run = RunOverPeople(folder, $$"""
            (Invoke-Sparql -Path ./names.rq).name
            Get-ChildItem ./ask.rq | Invoke-Sparql
            '{{SparqlSamples.Prefix}} ASK { ex:bob ex:age 30 }', '{{SparqlSamples.Prefix}} SELECT ?n { ex:bob ex:name ?n }' | Invoke-Sparql | ForEach-Object { if ($_ -is [bool]) { $_ } else { $_.n } }
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { "Alice", "Bob", "Carol", true, true, "Bob" }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Explain_writes_the_plan_with_estimated_and_actual_rows()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?name { ?p ex:name ?name ; ex:age ?age }' -Explain
            """);

        Assert.Empty(run.Errors);
        Assert.All(run.Output, o => Assert.Equal("TripleStore.PowerShell.SparqlPlanOperator", o.BaseObject.GetType().FullName));
        var plan = run.Output;
        Assert.True(plan.Count >= 2);
        Assert.Equal(0, Prop(plan[0], "Depth"));
        Assert.All(plan.Skip(1), op => Assert.True((int)Prop(op, "Depth")! >= 1));
        Assert.Contains(plan, op => Prop(op, "ActualRows") is 2L);
        Assert.Contains(plan, op => Prop(op, "EstimatedRows") is double);
    }

    [Fact]
    public void A_syntax_error_is_a_parser_error_with_line_and_column()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, "Invoke-Sparql \"SELECT ?s`n WHERE { ?s ?p }\"");

        var error = Assert.Single(run.Errors);
        Assert.Equal("SparqlSyntaxError", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ParserError, error.CategoryInfo.Category);
        Assert.Matches("line 2, column \\d+", error.Exception.Message);
    }

    [Fact]
    public void A_malformed_update_reports_the_update_parsers_error()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, """
            Invoke-Sparql 'PREFIX ex: <http://example.org/>
            INSERT DATA { ex:x ex:p }'
            (Get-TripleStoreStatistics).Quads
            """);

        var error = Assert.Single(run.Errors);
        Assert.Equal("SparqlSyntaxError", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Matches("line 2, column \\d+", error.Exception.Message);
        Assert.Equal(13L, run.Single().BaseObject);
    }

    [Fact]
    public void A_query_over_its_time_limit_fails_with_SparqlTimeout()
    {
        using var folder = new TempFolder();
        var data = folder.Write("big.nt", SparqlSamples.Generated(3000));
        var run = module.Run($"""
            Open-TripleStore '{folder.File("store")}' | Out-Null
            Import-Rdf '{data}' | Out-Null
            Invoke-Sparql 'SELECT (COUNT(*) AS ?n) {"{"} ?a ?p ?b . ?c ?q ?d . ?e ?r ?f {"}"}' -Timeout 0.5
            """);

        var error = Assert.Single(run.Errors);
        Assert.Equal("SparqlTimeout", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Term_triple_and_plan_objects_have_table_views()
    {
        var run = module.Run("""
            'TripleStore.PowerShell.RdfTripleObject', 'TripleStore.PowerShell.RdfTermObject', 'TripleStore.PowerShell.SparqlPlanOperator' |
                ForEach-Object { $t = $_; Get-FormatData -TypeName $t | ForEach-Object { $t + '=' + $_.FormatViewDefinition[0].Control.GetType().Name } }
            """);

        Assert.Equal(new[]
        {
            "TripleStore.PowerShell.RdfTripleObject=TableControl",
            "TripleStore.PowerShell.RdfTermObject=TableControl",
            "TripleStore.PowerShell.SparqlPlanOperator=TableControl",
        }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_failing_query_in_a_pipeline_does_not_stop_the_next_one()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            'SELECT ?x {', '{{SparqlSamples.Prefix}} ASK { ex:alice ex:age 42 }' | Invoke-Sparql
            """);

        Assert.Equal("SparqlSyntaxError", Assert.Single(run.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(true, run.Single().BaseObject);
    }

    [Fact]
    public void Describe_writes_the_resources_statements_and_Xml_results_parse()
    {
        using var folder = new TempFolder();
        var run = RunOverPeople(folder, $$"""
            @(Invoke-Sparql '{{SparqlSamples.Prefix}} DESCRIBE ex:bob' -Timeout '00:01:00').Count
            Invoke-Sparql '{{SparqlSamples.Prefix}} SELECT ?n { ex:bob ex:name ?n }' -As Xml -Timeout 60
            Invoke-Sparql '{{SparqlSamples.Prefix}} ASK { ex:bob ex:name ?n }' -As Csv
            """);

        Assert.Equal(2, run.Output.Count);
        Assert.Equal(3, run.Output[0].BaseObject);
        var xml = System.Xml.Linq.XDocument.Parse((string)run.Output[1].BaseObject);
        Assert.Equal("Bob", xml.Descendants().Single(e => e.Name.LocalName == "literal").Value);
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-As Csv has no form for an ASK result", error.Exception.Message);
    }

    private static object? Prop(object target, string name) => PSObject.AsPSObject(target).Properties[name].Value;

    /// <summary>A solution's value that must be a term object.</summary>
    private static object Term(PSObject row, string name)
    {
        var value = row.Properties[name].Value;
        Assert.Equal("TripleStore.PowerShell.RdfTermObject", value?.GetType().FullName);
        return value!;
    }
}
