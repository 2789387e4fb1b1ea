using System.Text.RegularExpressions;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// The categories scripts see must match the published table in docs/errors.md. The engine's types
/// live in the module's own load context, so the check builds its exceptions inside a module session,
/// reaching the engine types through the map's own method signatures.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class ErrorCategoryMapTests(ModuleFixture module)
{
    [Fact]
    public void Every_code_in_docs_errors_md_gets_the_category_the_table_gives()
    {
        var rows = File.ReadAllLines(Path.Combine(module.RepositoryRoot, "docs", "errors.md"))
            .Select(line => Regex.Match(line, @"^\| `(?<code>\w+)` \| (?<kind>\w+) \| (?<category>\w+) \|"))
            .Where(m => m.Success)
            .Select(m => (Code: m.Groups["code"].Value, Kind: m.Groups["kind"].Value, Category: m.Groups["category"].Value))
            .ToList();
        Assert.True(rows.Count >= 15, "docs/errors.md lost its table");

        var run = module.Run("""
            param($rows)
            $map = [TripleStore.PowerShell.Errors.ErrorCategoryMap]
            $parameters = $map.GetMethods() | Where-Object Name -eq 'For' | ForEach-Object { $_.GetParameters()[0].ParameterType }
            $exceptionType = $parameters | Where-Object Name -eq 'TripleStoreException'
            $kindType = $parameters | Where-Object Name -eq 'ErrorKind'
            foreach ($row in $rows) {
                $code, $kind = $row -split '\|'
                $exception = $exceptionType::new($code, [Enum]::Parse($kindType, $kind), 'test', $null)
                $map::For($exception).ToString()
            }
            """, rows.Select(r => $"{r.Code}|{r.Kind}").ToArray());

        Assert.Empty(run.Errors);
        Assert.Equal(rows.Select(r => $"{r.Code}={r.Category}"), rows.Select((r, i) => $"{r.Code}={run.Output[i]}"));
    }
}
