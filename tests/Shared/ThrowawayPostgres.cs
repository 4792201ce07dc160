using System.Diagnostics;
using Npgsql;

namespace StationNet.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster from the machine's own server binaries, on a free loopback port,
/// run as the postgres user when run as root (the server refuses root).
/// </summary>
public sealed class ThrowawayPostgres
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "stationnet-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private string _bin = "";
    private int _port;
    private string _options = "";

    /// <summary>The server binaries' folder, for tools such as pgbench.</summary>
    public string Bin => _bin;

    public int Port => _port;

    /// <param name="durable">fsync on, as in production (benchmarks); off for tests, where the server's own durability is not under test.</param>
    public async Task StartAsync(bool durable = false)
    {
        _bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException("No PostgreSQL server under /usr/lib/postgresql: run scripts/test.sh, which installs it");
        _port = Ports.Free();
        Directory.CreateDirectory(_dir);
        if (IsRoot)
        {
            await Run("chown", $"postgres {_dir}", asPostgres: false);
        }
        await Run(Path.Combine(_bin, "initdb"), $"-D {_dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        var durability = durable ? "" : " -c fsync=off -c full_page_writes=off";
        _options = $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c max_connections=300{durability}";
        await ResumeAsync();
    }

    /// <summary>Stops the server as an operator's restart does (fast shutdown: connections cut, data kept).</summary>
    public async Task PauseAsync()
    {
        await Run(Path.Combine(_bin, "pg_ctl"), $"-D {_dir}/data -m fast -w stop");
        NpgsqlConnection.ClearAllPools(); // this process's pooled connections died with the server
    }

    /// <summary>Starts the server again on the same port, with the same data.</summary>
    public Task ResumeAsync() => Run(Path.Combine(_bin, "pg_ctl"), $"-D {_dir}/data -o \"{_options}\" -l {_dir}/log -w start");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>A new, empty database.</summary>
    public async Task<string> CreateDatabase(string name)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Run(Path.Combine(_bin, "pg_ctl"), $"-D {_dir}/data -m immediate -w stop");
        Directory.Delete(_dir, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task Run(string file, string args, bool asPostgres = true)
    {
        var info = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {args}")
            : new ProcessStartInfo(file, args);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
