using System.Reflection;
using System.Reflection.PortableExecutable;
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
        if (!File.Exists(candidate)) return null;
        // A Release package ships the engine in deps/ as ReadyToRun images for one platform (linux-x64), with
        // their portable IL in deps/il/. The runtime refuses an image compiled for another platform
        // (BadImageFormatException), so there the IL copy is loaded and JIT-compiled (docs/packaging.md).
        var portable = Path.Combine(_dependencyFolder, "il", assemblyName.Name + ".dll");
        if (File.Exists(portable) && !NativeCodeRunsHere(candidate)) candidate = portable;
        return LoadFromAssemblyPath(candidate);
    }

    /// <summary>True for an IL-only assembly, or a ReadyToRun image compiled for this OS and architecture.</summary>
    internal static bool NativeCodeRunsHere(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var headers = pe.PEHeaders;
            if (headers.CorHeader is null || headers.CorHeader.ManagedNativeHeaderDirectory.Size == 0) return true;
            return ReadyToRunMachine() is { } expected && headers.CoffHeader.Machine == expected;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>The COFF machine a ReadyToRun image for this process carries: the architecture xor an OS marker.</summary>
    private static Machine? ReadyToRunMachine()
    {
        int? architecture = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 0x8664,
            Architecture.Arm64 => 0xAA64,
            Architecture.X86 => 0x014C,
            Architecture.Arm => 0x01C4,
            _ => null,
        };
        int? os = OperatingSystem.IsWindows() ? 0
            : OperatingSystem.IsLinux() ? 0x7B79
            : OperatingSystem.IsMacOS() ? 0x4644
            : OperatingSystem.IsFreeBSD() ? 0xADC4
            : null;
        return architecture is int a && os is int o ? (Machine)(a ^ o) : null;
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
