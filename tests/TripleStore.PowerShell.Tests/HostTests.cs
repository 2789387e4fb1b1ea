namespace TripleStore.PowerShell.Tests;

[Collection(ModuleCollection.Name)]
public sealed class HostTests(ModuleFixture module)
{
    [Fact]
    public void Command_output_is_formatted_with_the_module_table_view()
    {
        using var folder = new TempFolder();
        var file = folder.Write("library.ttl", RdfSamples.ValidTurtle);

        var result = HostProcess.Command(module, $"Test-Rdf '{file}'");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("File") && l.Contains("Statements") && l.Contains("Errors"));
        Assert.Contains(lines, l => l.StartsWith("library.ttl Turtle") && l.Contains("True") && l.Contains($" {RdfSamples.ValidTurtleStatements} "));
        Assert.DoesNotContain("\e[", result.Stdout);
    }

    [Fact]
    public void File_runs_a_script_with_named_and_switch_arguments()
    {
        using var folder = new TempFolder();
        var data = folder.Write("library.ttl", RdfSamples.ValidTurtle);
        var script = folder.Write("check.ps1", """
            param([string]$Path, [switch]$Count)
            $result = Test-Rdf -Path $Path
            if ($Count) { "statements=$($result.StatementCount) root=$([IO.Path]::GetFileName($PSScriptRoot))" }
            """);

        var result = HostProcess.Run(module, new[] { "-File", script, "-Path", data, "-Count" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"statements={RdfSamples.ValidTurtleStatements} root={Path.GetFileName(folder.Path)}", result.Stdout.Trim());
    }

    [Fact]
    public void Exit_in_a_script_file_sets_the_process_exit_code()
    {
        using var folder = new TempFolder();
        var script = folder.Write("three.ps1", "'before'\nexit 3\n'after'\n");

        var result = HostProcess.Run(module, new[] { "-NoProfile", "-File", script });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("before", result.Stdout.Trim());
    }

    [Fact]
    public void Exit_in_a_command_sets_the_process_exit_code()
    {
        Assert.Equal(3, HostProcess.Command(module, "exit 3").ExitCode);
    }

    [Fact]
    public void A_terminating_error_in_a_script_exits_1_with_its_position_on_stderr()
    {
        using var folder = new TempFolder();
        var script = folder.Write("fails.ps1", "'first'\nthrow 'the sky fell'\n'never'\n");

        var result = HostProcess.Run(module, new[] { "-File", script });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("first", result.Stdout.Trim());
        Assert.Contains($"{script}:2", result.Stderr);
        Assert.Contains("the sky fell", result.Stderr);
    }

    [Fact]
    public void A_cmdlet_error_goes_to_stderr_in_the_concise_pwsh_form()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.nt", RdfSamples.NTriplesWithErrorAtLine2Column27);

        var result = HostProcess.Command(module, $"Convert-Rdf '{bad}' '{folder.File("bad.nq")}'");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout.Trim());
        Assert.StartsWith($"Convert-Rdf: {bad}:2:27: ", result.Stderr);
    }

    [Fact]
    public void The_exit_code_of_a_command_follows_its_last_statement()
    {
        Assert.Equal(1, HostProcess.Command(module, "Write-Error 'bad'").ExitCode);
        Assert.Equal(0, HostProcess.Command(module, "Write-Error 'bad'; 'recovered'").ExitCode);
    }

    [Fact]
    public void Warnings_and_verbose_lines_go_to_stdout_with_their_prefixes()
    {
        var result = HostProcess.Command(module, "Write-Warning 'careful'; Write-Verbose 'details' -Verbose; Write-Host 'hello'");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { "WARNING: careful", "VERBOSE: details", "hello" }, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void WhatIf_shows_what_would_be_written_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var source = folder.Write("a.ttl", RdfSamples.ValidTurtle);
        var destination = folder.File("a.nt");

        var result = HostProcess.Command(module, $"Convert-Rdf '{source}' '{destination}' -WhatIf");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"What if: Performing the operation \"Convert RDF from '{source}'\" on target \"{destination}\".", result.Stdout);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public void A_copy_of_the_package_in_an_unrelated_folder_is_imported_from_there()
    {
        using var folder = new TempFolder();
        var copy = Path.Combine(folder.Path, "Modules", "TripleStore", ModuleFixture.ModuleVersion);
        CopyFolder(module.ModuleFolder, copy);
        var data = folder.Write("a.ttl", RdfSamples.ValidTurtle);

        var result = HostProcess.Run(module,
            new[] { "-Command", $"(Get-Module TripleStore).ModuleBase; (Test-Rdf '{data}').GetType().Assembly.Location" },
            workingDirectory: folder.Path,
            environment: new Dictionary<string, string> { ["TRIPLESTORE_MODULE"] = Path.Combine(copy, "TripleStore.psd1") });

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(new[] { copy, Path.Combine(copy, "deps", "TripleStore.dll") }, lines);
    }

    [Fact]
    public void A_missing_module_is_reported_with_how_to_build_it()
    {
        var result = HostProcess.Run(module, new[] { "-Command", "'unreached'" },
            environment: new Dictionary<string, string> { ["TRIPLESTORE_MODULE"] = "/nonexistent/TripleStore.psd1" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TripleStore module was not found", result.Stderr);
        Assert.DoesNotContain("unreached", result.Stdout);
    }

    [Fact]
    public void Help_prints_the_usage_and_an_unknown_option_is_a_usage_error()
    {
        var help = HostProcess.Run(module, new[] { "-Help" });
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("-File <script.ps1>", help.Stdout);

        var wrong = HostProcess.Run(module, new[] { "-Bogus" });
        Assert.Equal(64, wrong.ExitCode);
        Assert.Contains("Unknown option '-Bogus'", wrong.Stderr);
    }

    [Fact]
    public void Ctrl_C_stops_the_running_pipeline_and_exits_130()
    {
        // Ctrl+C reaches a process as SIGINT; Windows has no way to send it to another console process.
        if (OperatingSystem.IsWindows()) return;
        using var process = HostProcess.Start(module, new[] { "-Command", "'started'; Start-Sleep -Seconds 300; 'not reached'" });
        var stderr = process.StandardError.ReadToEndAsync();

        Assert.Equal("started", process.StandardOutput.ReadLine());
        using (var interrupt = System.Diagnostics.Process.Start("kill", $"-INT {process.Id}")) interrupt.WaitForExit();
        var exited = process.WaitForExit(TimeSpan.FromSeconds(60));
        if (!exited) process.Kill(entireProcessTree: true);

        Assert.True(exited, "the host did not stop within 60 seconds of SIGINT");
        Assert.Equal(130, process.ExitCode);
        Assert.DoesNotContain("not reached", process.StandardOutput.ReadToEnd());
        Assert.Equal("", stderr.Result);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
