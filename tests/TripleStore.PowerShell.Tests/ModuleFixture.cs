using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// Finds the module folder that the build laid out (out/TripleStore/&lt;version&gt;/) and opens runspaces that
/// import it exactly as a user's session would: the default session state plus the packaged manifest.
/// </summary>
public sealed class ModuleFixture
{
    public const string ModuleVersion = "0.1.0";

    public ModuleFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        ModuleFolder = Path.Combine(RepositoryRoot, "out", "TripleStore", ModuleVersion);
        ManifestPath = Path.Combine(ModuleFolder, "TripleStore.psd1");
        if (!File.Exists(ManifestPath))
            throw new InvalidOperationException($"The packaged module is missing at {ManifestPath}; build TripleStore.PowerShell first.");
    }

    public string RepositoryRoot { get; }
    public string ModuleFolder { get; }
    public string ManifestPath { get; }

    public Runspace OpenRunspace()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ManifestPath);
        state.ThrowOnRunspaceOpenError = true;
        var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        return runspace;
    }

    /// <summary>Runs a script in a fresh runspace; $args[0] is <paramref name="argument"/>.</summary>
    public PipelineRun Run(string script, object? argument = null, string? location = null)
    {
        using var runspace = OpenRunspace();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        if (location is not null) ps.AddCommand("Set-Location").AddParameter("LiteralPath", location).AddStatement();
        ps.AddScript(script);
        if (argument is not null) ps.AddArgument(argument);
        var output = ps.Invoke();
        return new PipelineRun(output.ToList(), ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(), ps.Streams.Progress.ToList());
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TripleStore.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No TripleStore.slnx above {AppContext.BaseDirectory}.");
    }
}

public sealed record PipelineRun(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ProgressRecord> Progress)
{
    public PSObject Single() => Assert.Single(Output);
}

[CollectionDefinition(Name)]
public sealed class ModuleCollection : ICollectionFixture<ModuleFixture>
{
    public const string Name = "TripleStore module";
}
