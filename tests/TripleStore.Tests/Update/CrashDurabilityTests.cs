using System.Collections.Concurrent;
using System.Diagnostics;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Tests.Storage;
using Xunit;
using Xunit.Abstractions;

namespace TripleStore.Tests.Update;

/// <summary>
/// Kills a process that commits transactions in a loop (SIGKILL, at random moments) and checks after
/// each kill that every commit it reported is fully in the store and no transaction is there in part.
/// </summary>
public sealed class CrashDurabilityTests(ITestOutputHelper output)
{
    private const int Kills = 20;

    [Fact]
    public void Reported_commits_survive_a_kill_and_none_is_partial()
    {
        using var folder = new TempFolder();
        var random = new Random(20261130);
        long highestReported = 0;
        for (int round = 0; round < Kills; round++)
        {
            var reported = RunAndKill(folder.Path, TimeSpan.FromMilliseconds(random.Next(20, 400)));
            if (reported.Count > 0) highestReported = Math.Max(highestReported, reported.Max());
            using var store = RdfStore.Open(folder.Path);
            using var snapshot = store.OpenSnapshot();
            var counters = snapshot.Match(CommitLoopCommand.Counter, CommitLoopCommand.Value, null, GraphSelector.Default)
                .Select(q => long.Parse(((Literal)q.Object).Value)).ToList();
            long committed = Assert.Single(counters);
            Assert.True(committed >= highestReported, $"round {round}: transaction {highestReported} was reported committed but the counter says {committed}");
            var graphs = snapshot.NamedGraphs().ToList();
            Assert.Equal(committed, graphs.Count);
            for (long n = 1; n <= committed; n++)
                Assert.Equal(CommitLoopCommand.QuadsPerTransaction, snapshot.Match(null, null, null, GraphSelector.Named(CommitLoopCommand.GraphOf(n))).Count());
            output.WriteLine($"round {round}: {reported.Count} commits reported, {committed} in the store");
        }
        Assert.True(highestReported > 0, "the child never committed anything");
    }

    /// <summary>Starts the child, lets it commit for a while after its first commit, kills it, and returns the commits it reported.</summary>
    private static List<long> RunAndKill(string path, TimeSpan after)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(typeof(CommitLoopCommand).Assembly.Location);
        info.ArgumentList.Add("commit-loop");
        info.ArgumentList.Add(path);
        var lines = new ConcurrentQueue<long>();
        using var first = new ManualResetEventSlim();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("committed ", StringComparison.Ordinal))
            {
                lines.Enqueue(long.Parse(line["committed ".Length..]));
                first.Set();
            }
        };
        var stderr = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) stderr.Enqueue(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (!first.Wait(TimeSpan.FromSeconds(120)))
                throw new InvalidOperationException("The child did not commit within 120 s: " + string.Join("\n", stderr));
            Thread.Sleep(after);
        }
        finally
        {
            // Process.Kill sends SIGKILL on Unix: no finalizers, no flush, no clean close.
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return lines.ToList();
    }
}
