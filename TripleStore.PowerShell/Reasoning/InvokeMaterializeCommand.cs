using System.Management.Automation;
using TripleStore.PowerShell.Commands;
using TripleStore.Reasoning;

namespace TripleStore.PowerShell.Reasoning;

/// <summary>
/// <para type="synopsis">Materializes the RDFS or OWL 2 RL entailments of a store's default graph, incrementally when it can.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Materialize", SupportsShouldProcess = true)]
[OutputType(typeof(TripleStoreMaterializeResult))]
public sealed class InvokeMaterializeCommand : StoreCmdlet
{
    /// <summary>RDFS or OWL2RL (the default).</summary>
    [Parameter(Position = 0)]
    [ValidateSet(ProfileNames.Rdfs, ProfileNames.Owl2Rl, IgnoreCase = true)]
    public string Profile { get; set; } = ProfileNames.Owl2Rl;

    /// <summary>Apply only these rules (for example cax-sco, prp-trp, rdfs9); by default the profile's default set.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RuleNameCompleter))]
    public string[]? Rules { get; set; }

    /// <summary>Recompute from scratch even when an incremental update would do.</summary>
    [Parameter]
    public SwitchParameter Full { get; set; }

    protected override void ProcessRecord()
    {
        var store = TargetStore();
        var profile = ProfileNames.Parse(Profile);
        string name = ProfileNames.Name(profile);
        if (Rules is not null)
        {
            var known = MaterializeOptions.RuleNames(profile).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = Rules.Where(r => !known.Contains(r)).ToArray();
            if (unknown.Length > 0)
                ThrowEngineError(new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                    $"Unknown {name} rule name(s): {string.Join(", ", unknown)}. Known rules: {string.Join(", ", known.Order(StringComparer.Ordinal))}."), Rules);
        }
        var status = store.ReasoningStatus;
        string mode = Full || !status.IsMaterialized || status.FullRunRequired || status.Profile != profile
            ? "full recomputation"
            : status.IsStale ? $"incremental, {status.PendingChanges} logged change(s)" : "up to date: no changes to process";
        if (!ShouldProcess(store.Path, $"Materialize {name} entailments ({mode})")) return;

        var progress = new MaterializeProgressWriter(this, $"Materializing {name} entailments of {store.Path}");
        try
        {
            var result = store.Materialize(new MaterializeOptions { Profile = profile, Rules = Rules, Full = Full.IsPresent }, progress, StopToken);
            progress.Complete();
            WriteObject(new TripleStoreMaterializeResult(store.Path, result));
        }
        catch (TripleStoreException e) when (e.ErrorCode == ErrorCodes.Canceled && StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TripleStoreException e)
        {
            ThrowEngineError(e, store.Path);
        }
    }
}
