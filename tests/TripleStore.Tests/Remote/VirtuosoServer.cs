using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TripleStore.Tests.Remote;

/// <summary>
/// A private Virtuoso open source instance for tests: its own database folder and virtuoso.ini in a
/// temporary folder, SQL and HTTP ports on 127.0.0.1 only, never the system service. Started once per
/// fixture; tests may kill, restart, stop (SIGSTOP) and continue it. Missing Virtuoso is a failure,
/// not a skip: <c>.ci/run</c> installs the Debian package virtuoso-opensource.
/// </summary>
public sealed class VirtuosoServer : IDisposable
{
    private const int SigStop = 19, SigCont = 18;
    private readonly string _folder;
    private Process? _process;

    public VirtuosoServer()
    {
        Executable = Find("virtuoso-t") ?? throw new InvalidOperationException(
            "virtuoso-t is not installed, so the remote store tests cannot run. Install it with 'apt-get install -y virtuoso-opensource' (.ci/run does).");
        _folder = Path.Combine(Path.GetTempPath(), "ts-virtuoso-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        SqlPort = FreePort();
        HttpPort = FreePort();
        File.WriteAllText(Path.Combine(_folder, "virtuoso.ini"), $"""
            [Database]
            DatabaseFile = {_folder}/virtuoso.db
            ErrorLogFile = {_folder}/virtuoso.log
            LockFile = {_folder}/virtuoso.lck
            TransactionFile = {_folder}/virtuoso.trx
            xa_persistent_file = {_folder}/virtuoso.pxa
            Striping = 0
            TempStorage = TempDatabase
            [TempDatabase]
            DatabaseFile = {_folder}/virtuoso-temp.db
            TransactionFile = {_folder}/virtuoso-temp.trx
            [Parameters]
            ServerPort = 127.0.0.1:{SqlPort}
            DisableUnixSocket = 1
            CheckpointInterval = 0
            NumberOfBuffers = 2000
            MaxDirtyBuffers = 1200
            ThreadsPerQuery = 1
            DirsAllowed = .
            [HTTPServer]
            ServerPort = 127.0.0.1:{HttpPort}
            ServerRoot = {_folder}
            ServerThreads = 4
            MaxClientConnections = 4
            EnabledDavVSP = 0
            [SPARQL]
            ResultSetMaxRows = 1000000
            """);
        Start();
        // The anonymous SPARQL user may update (on loopback, in a throwaway database).
        Isql("GRANT SPARQL_UPDATE TO \"SPARQL\";");
    }

    public string Executable { get; }

    public int SqlPort { get; }

    public int HttpPort { get; }

    public Uri SparqlEndpoint => new($"http://127.0.0.1:{HttpPort}/sparql");

    /// <summary>The Graph Store endpoint that needs Digest authentication (user dba, password dba in a fresh database).</summary>
    public Uri GraphStoreAuthEndpoint => new($"http://127.0.0.1:{HttpPort}/sparql-graph-crud-auth");

    /// <summary>
    /// Bulk-loads an N-Triples file into a graph through isql (TTLP_MT), much faster than SPARQL requests;
    /// the file is copied into the server's folder, the only one it may read.
    /// </summary>
    public void LoadNTriples(string path, string graph)
    {
        var name = "load-" + Guid.NewGuid().ToString("N")[..8] + ".nt";
        File.Copy(path, Path.Combine(_folder, name));
        try
        {
            Isql($"DB.DBA.TTLP_MT(file_to_string_output('{name}'), '', '{graph}', 0); checkpoint;");
        }
        finally
        {
            File.Delete(Path.Combine(_folder, name));
        }
    }

    private readonly ManualResetEventSlim _httpOnline = new();

    public int ProcessId => _process?.Id ?? -1;

    public void Start()
    {
        var info = new ProcessStartInfo(Executable) { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-f", "-c", Path.Combine(_folder, "virtuoso.ini") }) info.ArgumentList.Add(a);
        // Another test process may have taken the same free port in the meantime; then a different server
        // answers on it. Only our own process announcing the port proves the endpoint is ours.
        var online = $"HTTP server online at 127.0.0.1:{HttpPort}";
        _httpOnline.Reset();
        void Watch(string? line)
        {
            if (line is not null && line.Contains(online, StringComparison.Ordinal)) _httpOnline.Set();
        }
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Watch(e.Data);
        _process.ErrorDataReceived += (_, e) => Watch(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilAnswering(TimeSpan.FromSeconds(90));
    }

    private void WaitUntilAnswering(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < limit)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"Virtuoso exited with code {_process.ExitCode} while starting; see {_folder}/virtuoso.log:\n{Log()}");
            try
            {
                using var response = http.GetAsync(SparqlEndpoint + "?query=ASK%7B%7D").GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode && _httpOnline.IsSet) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            Thread.Sleep(250);
        }
        throw new InvalidOperationException(_httpOnline.IsSet
            ? $"Virtuoso did not answer on {SparqlEndpoint} within {limit.TotalSeconds} s:\n{Log()}"
            : $"Virtuoso did not announce its HTTP server on {SparqlEndpoint} within {limit.TotalSeconds} s (port taken by another process?):\n{Log()}");
    }

    private string Log()
    {
        var log = Path.Combine(_folder, "virtuoso.log");
        return File.Exists(log) ? string.Join("\n", File.ReadLines(log).TakeLast(20)) : "(no log)";
    }

    /// <summary>Kills the server at once (SIGKILL); <see cref="Start"/> brings it back on the same data.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        _process.WaitForExit();
        // The lock file would stop the restart.
        File.Delete(Path.Combine(_folder, "virtuoso.lck"));
    }

    /// <summary>
    /// Freezes the server (SIGSTOP): connections are accepted by the kernel but never answered. Returns
    /// once every thread of the process is stopped: kill() only queues the signal, and on a loaded machine
    /// a thread may still answer a request before it takes the stop.
    /// </summary>
    public void Stall()
    {
        var p = _process is { HasExited: false } running ? running : throw new InvalidOperationException("Virtuoso is not running, so it cannot be stalled.");
        Signal(p, SigStop);
        WaitForThreads(p, stopped: true);
    }

    /// <summary>Continues a stalled server (SIGCONT) and returns once its threads run again.</summary>
    public void Resume()
    {
        if (_process is not { HasExited: false } p) return;
        Signal(p, SigCont);
        WaitForThreads(p, stopped: false);
    }

    private static void Signal(Process p, int signal)
    {
        if (kill(p.Id, signal) != 0)
            throw new InvalidOperationException($"kill({p.Id}, {signal}) failed: {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits until every thread in /proc/pid/task shows the state T (stopped), or none does.</summary>
    private static void WaitForThreads(Process p, bool stopped)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            var states = ThreadStates(p.Id);
            if (states.Count == 0 || (stopped ? states.All(IsStopped) : !states.Any(IsStopped))) return;
            Thread.Sleep(5);
        }
        throw new InvalidOperationException($"Virtuoso's threads did not {(stopped ? "stop" : "continue")} within 10 s: {string.Join(' ', ThreadStates(p.Id))}");
    }

    private static bool IsStopped(char state) => state is 'T' or 't';

    private static List<char> ThreadStates(int pid)
    {
        var states = new List<char>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    // The state follows the command name, which is in parentheses and may itself hold spaces.
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var close = stat.LastIndexOf(')');
                    if (close > 0 && close + 2 < stat.Length) states.Add(stat[close + 2]);
                }
                catch (IOException) { } // the thread ended meanwhile
            }
        }
        catch (DirectoryNotFoundException) { }
        return states;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    public void Isql(string statement)
    {
        var isql = Find("isql-vt") ?? Find("isql") ?? throw new InvalidOperationException("isql-vt (from virtuoso-opensource) is not installed.");
        var info = new ProcessStartInfo(isql) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"127.0.0.1:{SqlPort}", "dba", "dba", "exec=" + statement }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0 || output.Contains("Error", StringComparison.Ordinal))
            throw new InvalidOperationException($"isql failed on '{statement}': {output}");
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            Resume();
            Kill();
        }
        catch (InvalidOperationException) { }
        _process?.Dispose();
        _httpOnline.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class VirtuosoCollection : ICollectionFixture<VirtuosoServer>
{
    public const string Name = "Virtuoso";
}
