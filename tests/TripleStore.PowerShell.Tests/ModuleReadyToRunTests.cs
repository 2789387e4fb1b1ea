using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// The packaged module's own assemblies are ReadyToRun images for linux-x64 when the build is optimized
/// (Release, what build.ps1 -Task Package ships), and plain IL in a Debug build (R2R code of unoptimized IL
/// would never be recompiled by the tiered JIT). Either way the IL stays in the file, so every other
/// platform JIT-compiles it and the module imports everywhere. Read from the files with PEReader: nothing
/// is loaded into this process.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class ModuleReadyToRunTests(ModuleFixture module)
{
    /// <summary>What a linux-x64 R2R image puts in the COFF header: AMD64 xor the Linux marker 0x7B79.</summary>
    private const Machine LinuxX64ReadyToRun = (Machine)(0x8664 ^ 0x7B79);

    /// <summary>On the query path, so compiled: the cmdlets, the engine and what the engine loads to query.</summary>
    public static TheoryData<string> Compiled => new()
    {
        "TripleStore.PowerShell.dll",
        "deps/TripleStore.dll",
        "deps/TripleStore.Server.dll",
        "deps/RocksDbSharp.dll",
        "deps/System.IO.Hashing.dll",
        "deps/Microsoft.Extensions.Logging.Abstractions.dll",
    };

    [Theory]
    [MemberData(nameof(Compiled))]
    public void Module_assemblies_are_ReadyToRun_for_linux_x64_exactly_when_the_build_is_optimized(string relativePath)
    {
        var engine = Inspect("deps/TripleStore.dll");
        var image = Inspect(relativePath);

        Assert.True(image.HasIl, $"{relativePath} lost its IL");
        if (engine.Optimized)
        {
            Assert.True(image.ReadyToRun, $"{relativePath} is not a ReadyToRun image in an optimized package");
            Assert.Equal(LinuxX64ReadyToRun, image.Machine);
        }
        else
        {
            Assert.False(image.ReadyToRun, $"{relativePath} is a ReadyToRun image of unoptimized IL");
        }
    }

    [Fact]
    public void Dependencies_off_the_query_path_stay_IL_only()
    {
        foreach (var name in new[] { "StackExchange.Redis.dll", "Polly.Core.dll" })
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
