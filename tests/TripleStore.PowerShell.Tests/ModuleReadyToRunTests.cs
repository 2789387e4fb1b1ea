using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// In an optimized build (Release, what build.ps1 -Task Package ships) deps/ holds the engine and what it
/// loads to query as ReadyToRun images for linux-x64, and deps/il/ their portable IL, which the module's
/// load context takes on every other platform (the runtime refuses a foreign image). A Debug build lays out
/// IL only (R2R code of unoptimized IL would never be recompiled by the tiered JIT). The cmdlet assembly,
/// loaded by PowerShell itself, is IL everywhere. Read from the files with PEReader: nothing is loaded into
/// this process.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class ModuleReadyToRunTests(ModuleFixture module)
{
    /// <summary>What a linux-x64 R2R image puts in the COFF header: AMD64 xor the Linux marker 0x7B79.</summary>
    private const Machine LinuxX64ReadyToRun = (Machine)(0x8664 ^ 0x7B79);

    /// <summary>On the query path, so compiled: the engine and what it loads to query.</summary>
    public static TheoryData<string> Compiled => new()
    {
        "TripleStore.dll",
        "TripleStore.Server.dll",
        "System.IO.Hashing.dll",
        "Microsoft.Extensions.Logging.Abstractions.dll",
    };

    [Theory]
    [MemberData(nameof(Compiled))]
    public void Engine_assemblies_are_ReadyToRun_for_linux_x64_with_portable_IL_exactly_when_the_build_is_optimized(string name)
    {
        var engine = Inspect("deps/TripleStore.dll");
        var image = Inspect("deps/" + name);
        var portablePath = Path.Combine(module.ModuleFolder, "deps", "il", name);

        Assert.True(image.HasIl, $"deps/{name} lost its IL");
        if (engine.Optimized)
        {
            Assert.True(image.ReadyToRun, $"deps/{name} is not a ReadyToRun image in an optimized package");
            Assert.Equal(LinuxX64ReadyToRun, image.Machine);
            Assert.True(File.Exists(portablePath), $"deps/il/{name} is missing: other platforms could not load the engine");
            var portable = Inspect("deps/il/" + name);
            Assert.False(portable.ReadyToRun, $"deps/il/{name} is not portable IL");
            Assert.True(portable.HasIl);
        }
        else
        {
            Assert.False(image.ReadyToRun, $"deps/{name} is a ReadyToRun image of unoptimized IL");
            Assert.False(File.Exists(portablePath), $"deps/il/{name} shipped beside IL");
        }
    }

    [Fact]
    public void The_cmdlet_assembly_that_PowerShell_loads_itself_is_portable_IL()
    {
        var cmdlets = Inspect("TripleStore.PowerShell.dll");
        Assert.True(cmdlets.HasIl);
        Assert.False(cmdlets.ReadyToRun);
    }

    [Fact]
    public void Dependencies_off_the_query_path_stay_IL_only()
    {
        foreach (var name in new[] { "StackExchange.Redis.dll", "Polly.Core.dll", "RocksDbSharp.dll" })
        {
            var image = Inspect("deps/" + name);
            Assert.True(image.HasIl, name);
            Assert.False(image.ReadyToRun, $"{name} was compiled although it is excluded");
        }
    }

    [Fact]
    public void The_packaged_module_queries_through_its_shipped_engine()
    {
        using var folder = new TempFolder();
        var run = module.Run("""
            $store = Open-TripleStore -Path $args[0]
            Add-Triple -Subject 'http://example.org/a' -Predicate 'http://example.org/p' -Object 'http://example.org/b' | Out-Null
            Invoke-Sparql 'SELECT ?o WHERE { <http://example.org/a> <http://example.org/p> ?o }' | ForEach-Object { [string]$_.o }
            Close-TripleStore -Store $store
            """, folder.File("store"));

        Assert.Empty(run.Errors);
        Assert.Equal("http://example.org/b", Assert.Single(run.Output).BaseObject);
    }

    private Image Inspect(string relativePath)
    {
        var path = Path.Combine(module.ModuleFolder, relativePath);
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var headers = pe.PEHeaders;
        var corHeader = headers.CorHeader ?? throw new InvalidOperationException($"{path} is not a managed assembly.");
        var metadata = pe.GetMetadataReader();
        var hasIl = metadata.MethodDefinitions.Any(m => metadata.GetMethodDefinition(m).RelativeVirtualAddress != 0);
        return new Image(corHeader.ManagedNativeHeaderDirectory.Size > 0, headers.CoffHeader.Machine, hasIl, IsOptimized(metadata));
    }

    /// <summary>False when the assembly carries DebuggableAttribute with DisableOptimizations (a Debug build).</summary>
    private static bool IsOptimized(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind != HandleKind.TypeReference) continue;
            var type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (metadata.GetString(type.Name) != "DebuggableAttribute") continue;
            var blob = metadata.GetBlobReader(attribute.Value);
            blob.ReadUInt16(); // prolog
            // The C# compiler uses the DebuggingModes constructor: one int32.
            const int disableOptimizations = 0x100;
            return (blob.ReadInt32() & disableOptimizations) == 0;
        }
        return true;
    }

    private sealed record Image(bool ReadyToRun, Machine Machine, bool HasIl, bool Optimized);
}
