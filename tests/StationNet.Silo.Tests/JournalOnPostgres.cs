using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StationNet.Grains;
using StationNet.Grains.Telemetry;
using StationNet.Silo.Hosting;
using StationNet.Silo.Storage;

namespace StationNet.Silo.Tests;

/// <summary>
/// The PostgreSQL journal alone on a fresh, migrated database of the shared test server: for tests of the storage itself.
/// Its connections are the silo's own (<see cref="SiloHosting.DataSource"/>), prepared statements included.
/// </summary>
internal sealed class JournalOnPostgres : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly ServiceProvider _services;

    private JournalOnPostgres(string database, NpgsqlDataSource source, ServiceProvider services)
    {
        Database = database;
        _source = source;
        _services = services;
        Journal = new PostgresJournal(source, new StationNetMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), StationClock.Real),
            NullLogger<PostgresJournal>.Instance);
    }

    public string Database { get; }

    public PostgresJournal Journal { get; }

    public static async Task<JournalOnPostgres> Start(PostgresServer pg, string name)
    {
        var db = await pg.CreateDatabase(name);
        await SchemaMigration.Migrate(db, NullLogger.Instance);
        return new JournalOnPostgres(db, SiloHosting.DataSource(db), new ServiceCollection().AddMetrics().BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await Journal.DisposeAsync();
        await _source.DisposeAsync();
        await _services.DisposeAsync();
    }
}
