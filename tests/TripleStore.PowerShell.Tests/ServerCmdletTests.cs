using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class ServerCmdletTests(ModuleFixture module)
{
    private static Collection Invoke(Runspace runspace, string script, params object[] arguments)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        foreach (var argument in arguments) ps.AddArgument(argument);
        var output = ps.Invoke();
        return new Collection(output.ToList(), ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList());
    }

    private sealed record Collection(List<PSObject> Output, List<ErrorRecord> Errors, List<string> Warnings);

    private static HttpResponseMessage Send(HttpMethod method, string url, string? body = null, string? contentType = null, Action<HttpRequestMessage>? configure = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }
        configure?.Invoke(request);
        return client.Send(request);
    }

    private static string Ask(string sparqlEndpoint, string query)
    {
        using var response = Send(HttpMethod.Get, sparqlEndpoint + "?query=" + Uri.EscapeDataString(query));
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    private static bool Refused(string url)
    {
        try
        {
            using var response = Send(HttpMethod.Get, url + "health/live");
            return false;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    [Fact]
    public void Start_returns_a_typed_server_that_answers_and_Get_piped_to_Stop_stops_it()
    {
        using var folder = new TempFolder();
        using var runspace = module.OpenRunspace();
        var started = Invoke(runspace, "Open-TripleStore $args[0] | Out-Null; Start-TripleStoreServer -Port 0 -ApiKey k", Path.Combine(folder.Path, "store"));
        Assert.Empty(started.Errors);
        var server = Assert.Single(started.Output);
        Assert.Equal("TripleStore.PowerShell.TripleStoreServer", server.BaseObject.GetType().FullName);
        var url = (string)server.Properties["Url"].Value;
        Assert.StartsWith("http://127.0.0.1:", url);
        Assert.Equal("Running", server.Properties["State"].Value);
        Assert.Equal("ApiKey", server.Properties["Authentication"].Value);

        using (var update = Send(HttpMethod.Post, url + "sparql", "INSERT DATA { <http://example.org/s> <http://example.org/p> 42 }", "application/sparql-update",
                   r => r.Headers.Add("X-API-Key", "k")))
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.True(System.Text.Json.JsonDocument.Parse(Ask(url + "sparql", "ASK { <http://example.org/s> <http://example.org/p> 42 }")).RootElement.GetProperty("boolean").GetBoolean());

        var listed = Invoke(runspace, "@(Get-TripleStoreServer).Count");
        Assert.Equal(1, (int)listed.Output[0].BaseObject);
        var stopped = Invoke(runspace, "Get-TripleStoreServer | Stop-TripleStoreServer; $args[0].State; @(Get-TripleStoreServer).Count", server);
        Assert.Empty(stopped.Errors);
        Assert.Equal("Stopped", stopped.Output[0].BaseObject);
        Assert.Equal(0, (int)stopped.Output[1].BaseObject);
        Assert.True(Refused(url));
    }

    [Fact]
    public void Read_only_server_refuses_updates_with_403_and_Basic_credentials_authorize_writes()
    {
        using var folder = new TempFolder();
        using var runspace = module.OpenRunspace();
        var result = Invoke(runspace, """
            Open-TripleStore $args[0] | Out-Null
            $password = ConvertTo-SecureString 'pw' -AsPlainText -Force
            Start-TripleStoreServer -Port 0 -Credential ([pscredential]::new('ann', $password))
            Start-TripleStoreServer -Port 0 -ApiKey k -ReadOnly
            """, Path.Combine(folder.Path, "store"));
        Assert.Empty(result.Errors);
        var basicUrl = (string)result.Output[0].Properties["Url"].Value;
        var readOnlyUrl = (string)result.Output[1].Properties["Url"].Value;
        Assert.Equal(true, result.Output[1].Properties["ReadOnly"].Value);
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ann:pw")));
        using (var response = Send(HttpMethod.Put, basicUrl + "store?default", "<http://example.org/s> <http://example.org/p> <http://example.org/o> .", "application/n-triples", r => r.Headers.Authorization = basic))
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using (var response = Send(HttpMethod.Post, readOnlyUrl + "sparql", "CLEAR ALL", "application/sparql-update", r => r.Headers.Add("X-API-Key", "k")))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(System.Text.Json.JsonDocument.Parse(Ask(readOnlyUrl + "sparql", "ASK { ?s ?p ?o }")).RootElement.GetProperty("boolean").GetBoolean());
        Invoke(runspace, "Stop-TripleStoreServer");
        Assert.True(Refused(basicUrl) && Refused(readOnlyUrl));
    }

    [Fact]
    public void A_port_in_use_is_a_ServerStartFailed_error_record()
    {
        using var folder = new TempFolder();
        using var runspace = module.OpenRunspace();
        var first = Invoke(runspace, "Open-TripleStore $args[0] | Out-Null; Start-TripleStoreServer -Port 0", Path.Combine(folder.Path, "store"));
        var port = (int)first.Output[0].Properties["Port"].Value;
        var second = Invoke(runspace, "Start-TripleStoreServer -Port $args[0]", port);
        var error = Assert.Single(second.Errors);
        Assert.StartsWith("ServerStartFailed", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Invoke(runspace, "Stop-TripleStoreServer");
    }

    [Fact]
    public void WhatIf_starts_nothing_and_a_missing_credential_is_warned_about()
    {
        using var folder = new TempFolder();
        using var runspace = module.OpenRunspace();
        var whatIf = Invoke(runspace, "Open-TripleStore $args[0] | Out-Null; Start-TripleStoreServer -Port 0 -WhatIf; @(Get-TripleStoreServer).Count", Path.Combine(folder.Path, "store"));
        Assert.Equal(0, (int)Assert.Single(whatIf.Output).BaseObject);
        var anonymous = Invoke(runspace, "Start-TripleStoreServer -Port 0");
        Assert.Contains(anonymous.Warnings, w => w.Contains("-ApiKey"));
        Invoke(runspace, "Stop-TripleStoreServer");
    }

    [Fact]
    public void Closing_the_store_or_the_runspace_stops_its_servers()
    {
        using var folder = new TempFolder();
        string first, second;
        using (var runspace = module.OpenRunspace())
        {
            var a = Invoke(runspace, "Open-TripleStore $args[0] | Out-Null; Start-TripleStoreServer -Port 0", Path.Combine(folder.Path, "a"));
            first = (string)a.Output[0].Properties["Url"].Value;
            Invoke(runspace, "Close-TripleStore");
            Assert.True(Refused(first));
            var b = Invoke(runspace, "Open-TripleStore $args[0] | Out-Null; Start-TripleStoreServer -Port 0", Path.Combine(folder.Path, "b"));
            second = (string)b.Output[0].Properties["Url"].Value;
            Assert.False(Refused(second));
        }
        Assert.True(Refused(second));
    }

    [Fact]
    public void Bundled_host_serves_until_SIGTERM_then_closes_the_store()
    {
        if (OperatingSystem.IsWindows()) return; // SIGTERM is a POSIX signal; Ctrl+C takes the same path there.
        using var folder = new TempFolder();
        using var process = HostProcess.Start(module, ["-NoProfile", "-NonInteractive", "-Command",
            "Open-TripleStore ./served | Out-Null; Start-TripleStoreServer -Port 0 -ApiKey k -Wait"], workingDirectory: folder.Path);
        var stderr = process.StandardError.ReadToEndAsync();
        string? url = null;
        var clock = Stopwatch.StartNew();
        while (url is null && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var line = process.StandardOutput.ReadLine();
            if (line is null) break;
            var at = line.IndexOf(" at http://", StringComparison.Ordinal);
            if (line.StartsWith("Serving ", StringComparison.Ordinal) && at > 0) url = line[(at + 4)..].Split(' ')[0];
        }
        Assert.True(url is not null, "The host never said where it serves. " + (process.HasExited ? stderr.Result : ""));
        using (var update = Send(HttpMethod.Post, url + "sparql", "INSERT DATA { <http://example.org/s> <http://example.org/p> 7 }", "application/sparql-update",
                   r => r.Headers.Add("X-API-Key", "k")))
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "The host did not exit after SIGTERM.");
        Assert.Equal(130, process.ExitCode);
        Assert.True(Refused(url!));
        // The store was closed (unlocked, flushed): it opens again with the acknowledged write in it.
        var reopened = module.Run("Open-TripleStore ./served | Out-Null; (Get-TripleStoreStatistics).Quads", location: folder.Path);
        Assert.Empty(reopened.Errors);
        Assert.Equal(1L, Convert.ToInt64(reopened.Single().BaseObject));
    }
}
