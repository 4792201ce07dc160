using System.Diagnostics;

namespace StationNet.Tests;

/// <summary>The silo as its own operating-system process, so a test can kill it with SIGKILL.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log;

    private SiloProcess(Process process, Uri baseAddress, System.Collections.Concurrent.ConcurrentQueue<string> log, int siloPort)
    {
        SiloPort = siloPort;
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    /// <summary>The last lines the process wrote, for a failing test to show.</summary>
    public IReadOnlyList<string> Log => _log.ToArray();

    public Uri BaseAddress { get; }

    /// <summary>The Orleans silo-to-silo port, as the membership table lists it.</summary>
    public int SiloPort { get; }

    /// <summary>The process id, for reading its memory.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the silo on the given ports. A port picked as free can be taken by another test before the
    /// silo binds it; then the process exits at once, and it is started again on fresh ports.
    /// </summary>
    /// <param name="environment">settings that differ from the tests' defaults, e.g. <c>StationNet__SampleHistory</c>.</param>
    /// <param name="readyWithin">how long the start may take (90 s unless told; a first start that imports the sample history takes longer on a busy machine).</param>
    public static async Task<SiloProcess> Start(string connectionString, int httpPort, int siloPort, int gatewayPort, string configuration = "",
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? readyWithin = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (silo, exited, log) = await TryStart(connectionString, httpPort, siloPort, gatewayPort, configuration, environment, readyWithin ?? TimeSpan.FromSeconds(90));
            if (silo is not null)
            {
                return silo;
            }
            if (!exited || attempt == 3)
            {
                throw new InvalidOperationException($"The silo process at 127.0.0.1:{httpPort} did not become ready: {log}");
            }
            (httpPort, siloPort, gatewayPort) = FreePorts();
        }
    }

    private static async Task<(SiloProcess? Silo, bool Exited, string Log)> TryStart(string connectionString, int httpPort, int siloPort, int gatewayPort, string configuration,
        IReadOnlyDictionary<string, string>? environment, TimeSpan readyWithin)
    {
        var dll = SiloDll(configuration);
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{httpPort}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"); // the bench's own socket setting, not the silo's
        info.Environment["ConnectionStrings__StationNet"] = connectionString;
        info.Environment["StationNet__SampleData"] = "true";
        info.Environment["StationNet__SampleHistory"] = "false";
        info.Environment["StationNet__Simulator__Enabled"] = "false";
        info.Environment["StationNet__Orleans__SiloPort"] = siloPort.ToString();
        info.Environment["StationNet__Orleans__GatewayPort"] = gatewayPort.ToString();
        info.Environment["StationNet__Admin__Password"] = Sessions.AdminPassword;
        info.Environment["StationNet__FirstRunFile"] = Path.Combine(Path.GetTempPath(), $"stationnet-first-run-{Guid.NewGuid():N}.txt");
        info.Environment["StationNet__RateLimits__PerIpPerMinute"] = "1000000";
        info.Environment["StationNet__RateLimits__PerDevicePerMinute"] = "1000000";
        info.Environment["StationNet__RateLimits__SignInPerIpPerMinute"] = "100000";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            log.Enqueue(line);
            while (log.Count > 400)
            {
                log.TryDequeue(out _);
            }
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{httpPort}"), log, siloPort);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + readyWithin;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var r = await http.GetAsync("/api/about");
                if (r.IsSuccessStatusCode)
                {
                    return (silo, false, "");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or listening but still starting: on a busy machine the first answer can take
                // longer than one poll's 5 s. Either way, ask again until the deadline.
            }
            await Task.Delay(200);
        }
        var exited = process.HasExited;
        await silo.DisposeAsync();
        return (null, exited, string.Join(Environment.NewLine, log.TakeLast(40)));
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the host shuts down gracefully. Returns the exit code.</summary>
    public async Task<int> Terminate(TimeSpan within)
    {
        using (var kill = Process.Start("kill", $"-TERM {_process.Id}"))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flushing, no goodbye to the cluster.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>The silo built in the same configuration as these tests (Debug or Release).</summary>
    private static string SiloDll(string configuration)
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testDir.Name;
        configuration = configuration.Length > 0 ? configuration : testDir.Parent!.Name;
        var root = testDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "StationNet.sln")))
        {
            root = root.Parent;
        }
        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("StationNet.sln not found"),
            "src", "Silo", "bin", configuration, framework, "StationNet.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first", dll);
    }

    public static (int Http, int Silo, int Gateway) FreePorts() => (Ports.Free(), Ports.Free(), Ports.Free());
}
