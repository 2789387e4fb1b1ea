using System.Text.RegularExpressions;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// The examples of the help pages in docs/help/, as the example tests run them.
/// In a ```powershell block, lines starting with a prompt ("PS> ") are code and lines starting with ">> "
/// continue it; other lines are sample output. A block without prompts is code throughout.
/// An example whose heading is followed by <c>&lt;!-- example: not run (reason) --&gt;</c> needs an environment the tests
/// cannot give (another machine, a server, hours of data) and is only checked for having code.
/// </summary>
public static partial class HelpPages
{
    public sealed record Example(string Page, string Title, string Code, string? NotRunReason);

    public static string Folder { get; } = Path.Combine(FindRepositoryRoot(), "docs", "help");

    /// <summary>The cmdlet pages: every docs/help/*.md but the about_ topics and README.</summary>
    public static IEnumerable<string> CommandPages() =>
        Directory.EnumerateFiles(Folder, "*.md")
            .Where(p => !Path.GetFileName(p).StartsWith("about_", StringComparison.OrdinalIgnoreCase)
                        && !Path.GetFileName(p).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<Example> Examples()
    {
        foreach (var page in CommandPages())
        {
            var name = Path.GetFileNameWithoutExtension(page);
            var text = File.ReadAllText(page).Replace("\r\n", "\n");
            var examples = text.IndexOf("\n## EXAMPLES", StringComparison.Ordinal);
            if (examples < 0) continue;
            var end = text.IndexOf("\n## ", examples + 5, StringComparison.Ordinal);
            var section = text[examples..(end < 0 ? text.Length : end)];
            var headings = ExampleHeading().Matches(section);
            for (int i = 0; i < headings.Count; i++)
            {
                var start = headings[i].Index;
                var stop = i + 1 < headings.Count ? headings[i + 1].Index : section.Length;
                var body = section[start..stop];
                var marker = NotRunMarker().Match(body);
                yield return new Example(name, headings[i].Groups[1].Value.Trim(), Code(body),
                    marker.Success ? marker.Groups[1].Value.Trim() : null);
            }
        }
    }

    /// <summary>The code of one example: every powershell block, prompts and sample output removed.</summary>
    public static string Code(string example)
    {
        var code = new List<string>();
        foreach (Match block in CodeBlock().Matches(example))
        {
            var lines = block.Groups[1].Value.Split('\n');
            bool prompted = lines.Any(l => Prompt().IsMatch(l));
            if (!prompted)
            {
                code.AddRange(lines);
                continue;
            }
            foreach (var line in lines)
            {
                var prompt = Prompt().Match(line);
                if (prompt.Success) code.Add(line[prompt.Length..]);
                else if (line.StartsWith(">> ", StringComparison.Ordinal) || line == ">>") code.Add(line.Length > 3 ? line[3..] : "");
            }
        }
        return string.Join("\n", code).Trim();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TripleStore.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No TripleStore.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^### (Example [^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex ExampleHeading();

    [GeneratedRegex(@"<!--\s*example:\s*not run\b(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex NotRunMarker();

    [GeneratedRegex(@"```(?:powershell|pwsh|ps1)[ \t]*\n(.*?)\n[ \t]*```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"^PS(?: [^>\n]*)?> ")]
    private static partial Regex Prompt();
}
