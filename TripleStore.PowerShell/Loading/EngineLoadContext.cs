using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace TripleStore.PowerShell.Loading;

/// <summary>
/// Holds the engine and everything it depends on, loaded from the module's deps/ folder. PowerShell
/// loads a module's references into the default context, where the host's copy of a shared library
/// (Microsoft.Extensions.*, say) would win and break the engine; in here the module's copies win.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyFolder;
    private readonly string[] _nativeFolders;

    public EngineLoadContext(string dependencyFolder)
        : base("TripleStore.Engine", isCollectible: false)
    {
        _dependencyFolder = dependencyFolder;
        _nativeFolders = NativeFolders(dependencyFolder).ToArray();
    }

    public string DependencyFolder => _dependencyFolder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var candidate = Path.Combine(_dependencyFolder, assemblyName.Name + ".dll");
        // Anything not shipped in deps/ (the framework, System.Management.Automation) is shared with the host.
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var folder in _nativeFolders)
        {
            foreach (var fileName in NativeFileNames(unmanagedDllName))
            {
                var candidate = Path.Combine(folder, fileName);
                if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle)) return handle;
            }
        }
        return IntPtr.Zero;
    }

    private static IEnumerable<string> NativeFolders(string dependencyFolder)
    {
        var runtimes = Path.Combine(dependencyFolder, "runtimes");
        foreach (var rid in RuntimeIdentifiers())
            yield return Path.Combine(runtimes, rid, "native");
        yield return dependencyFolder;
    }

    /// <summary>The most specific runtime identifier first, then the portable one the NuGet layout uses.</summary>
    private static IEnumerable<string> RuntimeIdentifiers()
    {
        yield return RuntimeInformation.RuntimeIdentifier;
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        if (OperatingSystem.IsWindows()) yield return $"win-{arch}";
        else if (OperatingSystem.IsMacOS()) yield return $"osx-{arch}";
        else if (OperatingSystem.IsLinux())
        {
            if (IsMusl()) yield return $"linux-musl-{arch}";
            yield return $"linux-{arch}";
        }
    }

    private static bool IsMusl() =>
        Directory.Exists("/lib") && Directory.EnumerateFiles("/lib", "ld-musl-*").Any();

    private static IEnumerable<string> NativeFileNames(string name)
    {
        yield return name;
        if (OperatingSystem.IsWindows())
        {
            yield return name + ".dll";
        }
        else
        {
            var extension = OperatingSystem.IsMacOS() ? ".dylib" : ".so";
            yield return name + extension;
            if (!name.StartsWith("lib", StringComparison.Ordinal)) yield return "lib" + name + extension;
        }
    }
}
