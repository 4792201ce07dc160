using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace StationNet.Silo.Storage;

/// <summary>
/// Creates and upgrades the PostgreSQL schema at start-up, before the silo joins the cluster: Orleans'
/// tables and queries and StationNet's own, as ordered, versioned scripts (DbUp) recorded in
/// <c>stationnet_schema_versions</c>. A session advisory lock makes silos that start together take turns,
/// so starting twice, or two at once, is harmless.
/// </summary>
public sealed class SchemaMigration(string connectionString, ILogger<SchemaMigration> logger) : IHostedService
{
    public const string VersionTable = "stationnet_schema_versions";
    private const long LockKey = 0x5354_4E45_5431; // "STNET1"

    public Task StartAsync(CancellationToken cancellationToken) => Migrate(connectionString, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task Migrate(string connectionString, ILogger logger, CancellationToken ct = default)
    {
        var log = new MicrosoftUpgradeLog(logger);
        EnsureDatabase.For.PostgresqlDatabase(connectionString, log);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
        {
            await take.ExecuteNonQueryAsync(ct);
        }
        try
        {
            var upgrader = DeployChanges.To.PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(SchemaMigration).Assembly, name => name.Contains(".Storage.Migrations.", StringComparison.Ordinal))
                .JournalToPostgresqlTable("public", VersionTable)
                .WithTransactionPerScript()
                .LogTo(log)
                .Build();
            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Schema migration failed at {result.ErrorScript?.Name}: {result.Error.Message}", result.Error);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
