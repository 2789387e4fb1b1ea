using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace TripleStore.Tests.Server;

/// <summary>Many clients at once on loopback, for a bounded time: every response must be right.</summary>
public sealed class ServerLoadTests(ITestOutputHelper output)
{
    private const int MinimumRequestsPerClient = 4;

    [Fact]
    public void Sixteen_clients_for_three_seconds_get_only_correct_answers()
    {
        using var f = new ServerFixture();
        f.Store.Update("INSERT DATA { " + string.Concat(Enumerable.Range(0, 200).Select(i => $"<http://example.org/s{i}> <http://example.org/p> {i} . ")) + "}");
        var duration = TimeSpan.FromSeconds(3);
        var clock = Stopwatch.StartNew();
        long requests = 0, acknowledged = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var clients = Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(f.Server.Url) };
            int i = 0;
            // At least a few requests per client whatever the machine's load (at the start of a full test run
            // two cores also compile and run every other test class): the test is about answers under concurrency.
            while (clock.Elapsed < duration || i < MinimumRequestsPerClient)
            {
                try
                {
                    switch ((client + i++) % 4)
                    {
                        case 0:
                        {
                            // The writer client adds to its own graph; readers must still see the default graph whole.
                            var n = (client * 100_000) + i;
                            using var request = new HttpRequestMessage(HttpMethod.Post, "sparql")
                            {
                                Content = new StringContent($"INSERT DATA {{ GRAPH <http://example.org/load/{client}> {{ <http://example.org/x{n}> <http://example.org/p> {n} }} }}"),
                            };
                            request.Content.Headers.ContentType = new("application/sparql-update");
                            request.Headers.Add("X-API-Key", ServerFixture.ApiKey);
                            using var response = await http.SendAsync(request);
                            if (response.StatusCode != HttpStatusCode.OK) failures.Add($"update: {(int)response.StatusCode}");
                            else Interlocked.Increment(ref acknowledged);
                            break;
                        }
                        case 1:
                        {
                            var body = await http.GetStringAsync("sparql?query=" + Uri.EscapeDataString("SELECT (COUNT(*) AS ?n) (SUM(?o) AS ?sum) { ?s <http://example.org/p> ?o }"));
                            var binding = JsonDocument.Parse(body).RootElement.GetProperty("results").GetProperty("bindings")[0];
                            if (binding.GetProperty("n").GetProperty("value").GetString() != "200" || binding.GetProperty("sum").GetProperty("value").GetString() != "19900")
                                failures.Add("count/sum wrong: " + body);
                            break;
                        }
                        case 2:
                        {
                            var k = i % 200;
                            var body = await http.GetStringAsync("sparql?query=" + Uri.EscapeDataString($"SELECT ?o {{ <http://example.org/s{k}> <http://example.org/p> ?o }}"));
                            var value = JsonDocument.Parse(body).RootElement.GetProperty("results").GetProperty("bindings")[0].GetProperty("o").GetProperty("value").GetString();
                            if (value != k.ToString()) failures.Add($"s{k} gave {value}");
                            break;
                        }
                        default:
                        {
                            using var response = await http.GetAsync("store?default");
                            var text = await response.Content.ReadAsStringAsync();
                            if (response.StatusCode != HttpStatusCode.OK || !text.Contains("<http://example.org/s199>")) failures.Add("GSP GET: " + (int)response.StatusCode);
                            break;
                        }
                    }
                    Interlocked.Increment(ref requests);
                }
                catch (Exception e)
                {
                    failures.Add(e.GetType().Name + ": " + e.Message);
                }
            }
        })).ToArray();
        Assert.True(Task.WaitAll(clients, TimeSpan.FromSeconds(60)), "The clients did not finish within a minute.");
        output.WriteLine($"{requests} requests in {clock.Elapsed.TotalSeconds:0.0} s from 16 clients, {failures.Count} failures");
        Assert.Empty(failures);
        Assert.True(requests >= 16 * MinimumRequestsPerClient, $"Only {requests} requests were answered.");
        // Every acknowledged insert is in the store.
        Assert.True(acknowledged > 0);
        Assert.Equal(acknowledged, f.Store.Count(Dataset.GraphSelector.AllNamed));
    }
}
