using System.Diagnostics;

namespace StationNet.Tests;

/// <summary>The silo as its own operating-system process, so a test can kill it with SIGKILL.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The process id, for reading its memory.</summary>
    public int ProcessId => _process.Id;

    public static async Task<SiloProcess> Start(string connectionString, int httpPort, int siloPort, int gatewayPort, string configuration = "")
    {
        var dll = SiloDll(configuration);
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{httpPort}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__StationNet"] = connectionString;
        info.Environment["StationNet__SampleData"] = "true";
        info.Environment["StationNet__Simulator__Enabled"] = "false";
        info.Environment["StationNet__Orleans__SiloPort"] = siloPort.ToString();
        info.Environment["StationNet__Orleans__GatewayPort"] = gatewayPort.ToString();
        info.Environment["StationNet__Admin__Password"] = Sessions.AdminPassword;
        info.Environment["StationNet__RateLimits__PerIpPerMinute"] = "1000000";
        info.Environment["StationNet__RateLimits__PerDevicePerMinute"] = "1000000";
        info.Environment["StationNet__RateLimits__SignInPerIpPerMinute"] = "100000";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{httpPort}"));
        using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var r = await http.GetAsync("/api/about");
                if (r.IsSuccessStatusCode)
                {
                    return silo;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        await silo.DisposeAsync();
        throw new InvalidOperationException($"The silo process at {silo.BaseAddress} did not become ready");
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
