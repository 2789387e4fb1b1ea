using System.Reflection;

namespace TripleStore.Host;

/// <summary>Finds the packaged TripleStore module the host imports: never loose assemblies from a bin folder.</summary>
public static class ModuleLocator
{
    public const string EnvironmentVariable = "TRIPLESTORE_MODULE";

    /// <summary>The manifest path, or null with the places searched in <paramref name="searched"/>.</summary>
    public static string? FindManifest(out IReadOnlyList<string> searched)
    {
        var tried = new List<string>();
        searched = tried;
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var candidate = Directory.Exists(configured) ? Path.Combine(configured, "TripleStore.psd1") : configured;
            tried.Add(Path.GetFullPath(candidate));
            return File.Exists(candidate) ? Path.GetFullPath(candidate) : null;
        }

        // The build lays the module out in <repository>/out/TripleStore/<version>/, above the host's own folder.
        var relative = Path.Combine("out", "TripleStore", ModuleVersion(), "TripleStore.psd1");
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            tried.Add(candidate);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The host and the module are built with one version number (Directory.Build.props).</summary>
    private static string ModuleVersion()
    {
        var version = typeof(ModuleLocator).Assembly.GetName().Version ?? new Version(0, 0, 0);
        return $"{version.Major}.{version.Minor}.{version.Build}";
    }
}
