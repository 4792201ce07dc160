using Npgsql;
using StationNet.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// A throwaway PostgreSQL that archives its WAL as docker/compose.yml's does (wal_level=replica,
/// archive_mode=on, archive_command copying each segment into an archive folder), and recovers a base
/// backup of itself to a moment with restore_command and recovery_target_time.
/// </summary>
internal sealed class ArchivingCluster : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _bin;
    private readonly int _port = Ports.Free();
    private readonly string _data;

    /// <summary>A server of its own port on <paramref name="data"/>; the WAL archive and base backup are in <paramref name="dir"/>.</summary>
    private ArchivingCluster(string bin, string dir, string data)
    {
        _bin = bin;
        _dir = dir;
        _data = data;
    }

    private string Wal => Path.Combine(_dir, "wal");

    private string Base => Path.Combine(_dir, "base");

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=false";

    public static async Task<ArchivingCluster> Start()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin")).First(d => File.Exists(Path.Combine(d, "pg_basebackup")));
        var dir = Path.Combine(Path.GetTempPath(), "stationnet-pitr-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(dir, "primary");
        var cluster = new ArchivingCluster(bin, dir, data);
        Directory.CreateDirectory(cluster.Wal);
        await cluster.Own(dir);
        await ThrowawayPostgres.Run(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"""

            wal_level = replica
            archive_mode = on
            archive_command = 'test ! -f {cluster.Wal}/%f && cp %p {cluster.Wal}/%f'
            fsync = off
            """);
        await cluster.PgCtl(data, "start");
        return cluster;
    }

    public async Task<string> CreateDatabase(string name)
    {
        await Execute(ConnectionString("postgres"), $"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    public async Task BaseBackup()
    {
        await ThrowawayPostgres.Run(Path.Combine(_bin, "pg_basebackup"), $"-h 127.0.0.1 -p {_port} -U postgres -D {Base} -X stream --checkpoint=fast");
    }

    /// <summary>Closes the current WAL segment and waits until the archiver has copied it.</summary>
    public async Task ArchiveCurrentWal()
    {
        var segment = await Scalar(ConnectionString("postgres"), "SELECT pg_walfile_name(pg_switch_wal())");
        for (var waited = 0; !File.Exists(Path.Combine(Wal, segment)); waited += 100)
        {
            if (waited > 60_000)
            {
                throw new TimeoutException($"WAL segment {segment} was not archived");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A new server from the base backup, replaying the archived WAL up to the moment, then open for writes.</summary>
    public async Task<ArchivingCluster> RecoverTo(DateTimeOffset moment)
    {
        var data = Path.Combine(_dir, "recovered");
        Directory.Move(Base, data);
        var recovered = new ArchivingCluster(_bin, _dir, data);
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"""

            archive_mode = off
            restore_command = 'cp {Wal}/%f %p'
            recovery_target_time = '{moment.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'
            recovery_target_action = 'promote'
            """);
        await File.WriteAllTextAsync(Path.Combine(data, "recovery.signal"), "");
        await Own(data);
        await ThrowawayPostgres.Run("chmod", $"-R go-rwx {data}", asPostgres: false);
        await recovered.PgCtl(data, "start");
        for (var waited = 0; await Scalar(recovered.ConnectionString("postgres"), "SELECT pg_is_in_recovery()::text") != "false"; waited += 100)
        {
            if (waited > 60_000)
            {
                throw new TimeoutException("the recovered server did not finish recovery");
            }
            await Task.Delay(100);
        }
        return recovered;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ThrowawayPostgres.Run(Path.Combine(_bin, "pg_ctl"), $"-D {_data} -m immediate -w stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        if (_data.EndsWith("primary", StringComparison.Ordinal) && Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private Task PgCtl(string data, string verb) => ThrowawayPostgres.Run(Path.Combine(_bin, "pg_ctl"),
        $"-D {data} -o \"-p {_port} -k {Path.GetDirectoryName(data)} -c listen_addresses=127.0.0.1\" -l {data}.log -w -t 120 {verb}");

    private async Task Own(string path)
    {
        if (Environment.UserName == "root")
        {
            await ThrowawayPostgres.Run("chown", $"-R postgres {path}", asPostgres: false);
        }
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> Scalar(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
