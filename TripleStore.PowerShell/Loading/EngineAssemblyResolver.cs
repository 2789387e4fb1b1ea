using System.Reflection;
using System.Runtime.Loader;

namespace TripleStore.PowerShell.Loading;

/// <summary>
/// Answers the default load context's request for the engine assembly with the copy in the module's
/// deps/ folder, loaded into <see cref="EngineLoadContext"/>. Only the engine is answered: its own
/// dependencies are then resolved by that context, never by the host's.
/// </summary>
internal static class EngineAssemblyResolver
{
    /// <summary>The assemblies the cmdlets reference directly: the engine and the server built on it.</summary>
    private static readonly string[] EngineAssemblyNames = ["TripleStore", "TripleStore.Server"];
    private static readonly object Gate = new();
    private static EngineLoadContext? _context;

    /// <summary>The context the engine lives in; null until the module is imported.</summary>
    public static EngineLoadContext? Context => _context;

    /// <summary>Idempotent: a process may import the module in many runspaces.</summary>
    public static void Register(string dependencyFolder)
    {
        lock (Gate)
        {
            if (_context is not null) return;
            _context = new EngineLoadContext(dependencyFolder);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext requester, AssemblyName name)
    {
        if (name.Name is null || !EngineAssemblyNames.Contains(name.Name, StringComparer.Ordinal)) return null;
        var context = _context;
        if (context is null) return null;
        var path = Path.Combine(context.DependencyFolder, name.Name + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyName(name) : null;
    }
}
