using System.Management.Automation;
using TripleStore.PowerShell.Loading;

namespace TripleStore.PowerShell;

/// <summary>
/// Runs when PowerShell imports the module, before any cmdlet touches the engine: it points the
/// engine's loading at the module's own deps/ folder.
/// </summary>
public sealed class TripleStoreModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>The folder beside the cmdlet assembly that holds the engine and its dependencies.</summary>
    public const string DependencyFolderName = "deps";

    public void OnImport()
    {
        var moduleFolder = Path.GetDirectoryName(typeof(TripleStoreModuleInitializer).Assembly.Location)!;
        EngineAssemblyResolver.Register(Path.Combine(moduleFolder, DependencyFolderName));
    }

    /// <summary>
    /// Closes the stores the removing session has open, so their folders are unlocked. The resolver stays:
    /// the engine assembly cannot be unloaded, and a later import in this process must find it again.
    /// </summary>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        Servers.ServerSession.StopCurrentSession();
        Stores.StoreSession.CloseCurrentSession();
    }
}
