using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TripleStore.Tests.Remote;

/// <summary>
/// A private redis-server (Debian's package, installed by tests/install-servers.sh) on a free loopback
/// port, with its own folder and no persistence. It can be killed and started again on the same port,
/// which is how the tests take Redis away mid-run. A missing redis-server fails the tests; it does not
/// skip them. Shared as source with the PowerShell tests, so it uses nothing of the engine.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ts-redis-{Guid.NewGuid():N}");
    private Process? _process;

    public RedisServer()
    {
        Directory.CreateDirectory(_folder);
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string of this server.</summary>
    public string Connection => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public void Start()
    {
        if (IsRunning) return;
        var executable = Find("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed; run tests/install-servers.sh (apt-get install redis-server).");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder, "--daemonize", "no" })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}.");
            if (Answers()) return;
            Thread.Sleep(50);
        }
        throw new TimeoutException($"redis-server did not answer on port {Port} within 15 s.");
    }

    /// <summary>Kills the server at once (SIGKILL): connections drop, nothing is saved.</summary>
    public void Kill()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Sends one command in the inline protocol and returns the first line of the reply.</summary>
    public string Command(string command)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        using var stream = client.GetStream();
        var bytes = System.Text.Encoding.ASCII.GetBytes(command + "\r\n");
        stream.Write(bytes);
        using var reader = new StreamReader(stream);
        var line = reader.ReadLine() ?? "";
        // A bulk string: its length line, then the value.
        return line.StartsWith('$') && line != "$-1" ? reader.ReadLine() ?? "" : line;
    }

    private bool Answers()
    {
        try
        {
            return Command("PING") == "+PONG";
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Append("/usr/bin").Append("/usr/sbin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
