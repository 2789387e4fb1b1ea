using System.Runtime.Loader;
using Microsoft.Extensions.Logging.Abstractions;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// This test process references Microsoft.Extensions.Logging.Abstractions 8.0, older than the engine's
/// 11.0. Loaded into the default context, the engine would fail on its first log call; the module's
/// own load context must give it the copy from deps/.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class DependencyIsolationTests(ModuleFixture module)
{
    [Fact]
    public void The_engine_runs_beside_an_older_logging_library_already_loaded_by_the_host()
    {
        var hostCopy = typeof(NullLogger).Assembly;
        Assert.Equal(8, hostCopy.GetName().Version!.Major);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(hostCopy));
        using var folder = new TempFolder();
        var source = folder.Write("a.ttl", RdfSamples.ValidTurtle);

        // Convert-Rdf logs through the engine's ILoggerFactory option, so it needs the 11.0 library.
        var run = module.Run($"Convert-Rdf '{source}' '{folder.File("a.nt")}'");

        Assert.Empty(run.Errors);
        var engine = run.Single().BaseObject.GetType().Assembly;
        var engineContext = AssemblyLoadContext.GetLoadContext(engine)!;
        Assert.NotSame(AssemblyLoadContext.Default, engineContext);
        Assert.Equal(Path.Combine(module.ModuleFolder, "deps", "TripleStore.dll"), engine.Location);
        var engineCopy = Assert.Single(engineContext.Assemblies, a => a.GetName().Name == "Microsoft.Extensions.Logging.Abstractions");
        Assert.Equal(11, engineCopy.GetName().Version!.Major);
        Assert.Equal(Path.Combine(module.ModuleFolder, "deps", "Microsoft.Extensions.Logging.Abstractions.dll"), engineCopy.Location);
    }

    [Fact]
    public void The_cmdlet_assembly_is_the_only_module_assembly_in_the_default_context()
    {
        module.Run("Test-Rdf -Path ./missing.ttl -ErrorAction SilentlyContinue");

        var inDefault = AssemblyLoadContext.Default.Assemblies.Select(a => a.GetName().Name).ToHashSet();
        Assert.Contains("TripleStore.PowerShell", inDefault);
        Assert.DoesNotContain("TripleStore", inDefault);
    }
}
