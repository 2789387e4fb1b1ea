using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;
using TripleStore.Host;

var commandLine = HostCommandLine.Parse(args);
if (commandLine.Error is not null)
{
    Console.Error.WriteLine(commandLine.Error);
    Console.Error.WriteLine(HostCommandLine.Usage);
    return 64;
}
if (commandLine.ShowHelp)
{
    Console.Out.WriteLine(HostCommandLine.Usage);
    return 0;
}

var manifest = ModuleLocator.FindManifest(out var searched);
if (manifest is null)
{
    Console.Error.WriteLine($"The TripleStore module was not found (looked for {searched.FirstOrDefault()} and the same path above it).");
    Console.Error.WriteLine("Build it with: dotnet build TripleStore.PowerShell   or set TRIPLESTORE_MODULE to its folder.");
    return 1;
}

var host = new ConsoleHost(interactive: !commandLine.NonInteractive);
ScriptRunner runner;
try
{
    runner = new ScriptRunner(host, manifest);
}
catch (RunspaceOpenModuleLoadException ex)
{
    Console.Error.WriteLine($"Importing the TripleStore module from {manifest} failed: {ex.Message}");
    return 1;
}

using (runner)
{
    Console.CancelKeyPress += (_, e) =>
    {
        // Keep the process alive and let PowerShell unwind the pipeline (finally blocks, Dispose).
        e.Cancel = true;
        runner.RequestStop();
    };
    // SIGTERM (docker stop, systemd, kill) stops the script the same way, so a long-lived
    // Start-TripleStoreServer -Wait stops its server and the runspace closes the store before exit.
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        runner.RequestStop();
    });
    var exitCode = commandLine.File is not null
        ? runner.RunFile(commandLine.File, commandLine.FileArguments)
        : runner.RunCommand(commandLine.Command!);
    Console.Out.Flush();
    return exitCode;
}
