using System.Diagnostics;

namespace StationNet.Bench;

/// <summary>
/// Where each process runs. "pinned": the silo and PostgreSQL on core 0, this load generator (tablets, walls, pgbench)
/// on core 1, so the server's figures are not the harness's. "shared": every process on every core, as before.
/// Pinning uses <c>taskset -a -p</c> (every thread); PostgreSQL's backends are forked from the postmaster and inherit it.
/// </summary>
public static class Layouts
{
    public const string Pinned = "pinned";
    public const string Shared = "shared";

    public static bool CanPin => Environment.ProcessorCount >= 2 && File.Exists("/usr/bin/taskset");

    public static string Describe(string layout) => layout == Pinned
        ? "silo + PostgreSQL on core 0, load generator + walls + pgbench on core 1"
        : $"everything on all {Environment.ProcessorCount} cores";

    public static async Task Apply(string layout, int siloPid, int postgresPort)
    {
        var all = $"0-{Environment.ProcessorCount - 1}";
        var (server, load) = layout == Pinned ? ("0", "1") : (all, all);
        foreach (var pid in PostgresPids(postgresPort).Append(siloPid))
        {
            await TaskSet(server, pid);
        }
        await TaskSet(load, Environment.ProcessId);
    }

    private static async Task TaskSet(string cpus, int pid)
    {
        using var process = Process.Start(new ProcessStartInfo("taskset", $"-a -p -c {cpus} {pid}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"taskset -c {cpus} {pid} failed: {error}");
        }
    }

    /// <summary>The postmaster listening on the port, and every process it forked.</summary>
    private static IEnumerable<int> PostgresPids(int port)
    {
        var postmaster = Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0)
            .FirstOrDefault(pid => Read($"/proc/{pid}/cmdline").Replace('\0', ' ') is var cmd && cmd.Contains("postgres", StringComparison.Ordinal) && cmd.Contains($"-p {port} ", StringComparison.Ordinal));
        if (postmaster == 0)
        {
            throw new InvalidOperationException($"no PostgreSQL postmaster on port {port}");
        }
        yield return postmaster;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Read($"{dir}/stat") is { Length: > 0 } stat
                && stat[(stat.LastIndexOf(')') + 2)..].Split(' ') is [_, var parent, ..] && parent == postmaster.ToString())
            {
                yield return pid;
            }
        }
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
