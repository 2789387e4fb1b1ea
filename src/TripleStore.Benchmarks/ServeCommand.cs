using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using TripleStore.Benchmarks.Bsbm;
using TripleStore.Server;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>serve --products N [--seconds S] [--clients 1,4,16] [--rounds R]</c>: loads BSBM data into a fresh
/// store, serves it on a loopback port, and for each client count runs the BSBM explore mix (queries
/// 1-12 with drawn parameters) over the SPARQL protocol for S seconds. Reports queries/s, latency and
/// the process's CPU time (server and clients share the process, so CPU covers both).
/// </summary>
public sealed class ServeCommand : IBenchmarkCommand
{
    public string Name => "serve";

    public string Description =>
        "serve --products N [--seconds S] [--clients 1,4,16] [--rounds R]  (BSBM mix over HTTP: queries/s per client count)";

    public int Run(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        int products = options.Int("products", 1000, min: 1);
        int seconds = options.Int("seconds", 10, min: 1);
        int rounds = options.Int("rounds", 20, min: 1);
        var clientCounts = (options.String("clients") ?? "1,4,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        options.RejectUnknown();

        var folder = Path.Combine(Path.GetTempPath(), "triplestore-serve-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var store = RdfStore.Open(folder);
            var catalog = new BsbmCatalog(products, 0);
            var summary = store.ImportQuads(new BsbmGenerator(catalog).Generate());
            Console.WriteLine($"BSBM {products} products: {summary.TriplesAdded} triples loaded.");
            var drawer = new BsbmParameterDrawer(catalog, 0);
            var mix = Enumerable.Range(0, rounds).SelectMany(_ => Enumerable.Range(1, BsbmQueryTemplates.Count).Select(drawer.Next)).ToArray();

            using var server = new SparqlServer(store, new SparqlServerOptions { Port = 0, MaxResultRows = null, QueryTimeout = null });
            server.Start();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = new Uri(server.Url),
                Timeout = TimeSpan.FromMinutes(5),
            };
            // Warm-up: every query once, so JIT and caches do not count against the first client count.
            foreach (var query in mix.Take(BsbmQueryTemplates.Count)) Send(http, query.Text).GetAwaiter().GetResult();

            Console.WriteLine($"{"clients",7} {"queries",8} {"wall s",7} {"queries/s",10} {"mean ms",8} {"p95 ms",8} {"CPU s",7} {"errors",6}");
            foreach (int clients in clientCounts)
            {
                using var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var latencies = new List<double>[clients];
                int errors = 0;
                var clock = Stopwatch.StartNew();
                var deadline = TimeSpan.FromSeconds(seconds);
                var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
                {
                    var mine = latencies[client] = [];
                    // Each client walks the mix from its own offset, so clients do not run the same query in step.
                    for (int i = client * 7; clock.Elapsed < deadline; i++)
                    {
                        var started = clock.Elapsed;
                        if (!await Send(http, mix[i % mix.Length].Text)) Interlocked.Increment(ref errors);
                        mine.Add((clock.Elapsed - started).TotalMilliseconds);
                    }
                })).ToArray();
                Task.WaitAll(tasks);
                double wall = clock.Elapsed.TotalSeconds;
                process.Refresh();
                double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
                var all = latencies.SelectMany(l => l).OrderBy(x => x).ToArray();
                double p95 = all.Length == 0 ? 0 : all[(int)Math.Min(all.Length - 1, Math.Ceiling(all.Length * 0.95) - 1)];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{clients,7} {all.Length,8} {wall,7:0.0} {all.Length / wall,10:0.0} {all.Average(),8:0.0} {p95,8:0.0} {cpu,7:0.0} {errors,6}"));
            }
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
            server.Stop();
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<bool> Send(HttpClient http, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "sparql") { Content = new StringContent(query) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sparql-query");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.CopyToAsync(Stream.Null);
        return response.IsSuccessStatusCode;
    }
}
