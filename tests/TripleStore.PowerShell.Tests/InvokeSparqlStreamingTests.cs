using System.Diagnostics;
using System.Management.Automation;
using PS = System.Management.Automation.PowerShell;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// Invoke-Sparql streams: solutions reach the pipeline while the query still runs, and stopping the
/// pipeline stops the query. The query is a cross product of 2.7e10 solutions, which would run for
/// hours, so "finished" can only mean "stopped".
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class InvokeSparqlStreamingTests(ModuleFixture module)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public void The_first_solution_arrives_while_the_query_is_running_and_Stop_ends_it()
    {
        using var folder = new TempFolder();
        using var runspace = module.OpenRunspace();
        Prepare(runspace, folder);

        using var ps = PS.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Invoke-Sparql").AddParameter("Query", SparqlSamples.CrossProduct);
        var output = new PSDataCollection<PSObject>();
        var first = new ManualResetEventSlim();
        var stateAtFirstRow = PSInvocationState.NotStarted;
        output.DataAdded += (_, _) =>
        {
            if (first.IsSet) return;
            stateAtFirstRow = ps.InvocationStateInfo.State;
            first.Set();
        };

        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(first.Wait(Patience), "no solution arrived");
        Assert.Equal(PSInvocationState.Running, stateAtFirstRow);
        Assert.False(invocation.IsCompleted);

        var stopping = Stopwatch.StartNew();
        ps.Stop();
        stopping.Stop();

        Assert.True(invocation.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        // Far below the hours the whole result would take; generous because the machine may be busy.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(30), $"Stop took {stopping.Elapsed}");
        AssertStoreStillAnswers(runspace);
    }

    [Fact]
    public void Stop_cancels_a_query_that_has_produced_nothing_yet()
    {
        using var folder = new TempFolder();
        using var runspace = module.OpenRunspace();
        Prepare(runspace, folder);

        using var ps = PS.Create();
        ps.Runspace = runspace;
        // COUNT reads every solution before it writes one, so only the cancellation token can end it.
        ps.AddCommand("Invoke-Sparql").AddParameter("Query", "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }");
        var output = new PSDataCollection<PSObject>();
        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Thread.Sleep(500);
        Assert.False(invocation.IsCompleted);

        ps.Stop();

        Assert.True(invocation.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Empty(output);
        AssertStoreStillAnswers(runspace);
    }

    private static void Prepare(System.Management.Automation.Runspaces.Runspace runspace, TempFolder folder)
    {
        var data = folder.Write("big.nt", SparqlSamples.Generated(3000));
        using var ps = PS.Create();
        ps.Runspace = runspace;
        ps.AddScript($"Open-TripleStore '{folder.File("store")}' | Out-Null; (Import-Rdf '{data}').TriplesAdded");
        var imported = ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(3000L, Assert.Single(imported).BaseObject);
    }

    private static void AssertStoreStillAnswers(System.Management.Automation.Runspaces.Runspace runspace)
    {
        using var ps = PS.Create();
        ps.Runspace = runspace;
        ps.AddScript("Invoke-Sparql 'ASK { <http://example.org/s7> ?p \"7\" }'; Close-TripleStore");
        var answer = ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(true, Assert.Single(answer).BaseObject);
    }
}
