using Microsoft.Extensions.Logging.Abstractions;
using StationNet.Silo.Storage;

namespace StationNet.Silo.Tests;

[Collection(PostgresCollection.Name)]
public class MigrationTests(PostgresServer pg)
{
    /// <summary>Every migration script the silo carries runs once.</summary>
    private static readonly long Scripts = typeof(SchemaMigration).Assembly.GetManifestResourceNames().Count(n => n.Contains(".Storage.Migrations.", StringComparison.Ordinal));

    [Fact]
    public async Task Migrations_run_twice_and_at_the_same_time_without_harm()
    {
        var db = await pg.CreateDatabase("migrations");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SchemaMigration.Migrate(db, NullLogger.Instance)));
        await SchemaMigration.Migrate(db, NullLogger.Instance);

        Assert.Equal(Scripts, await Sql.Scalar<long>(db, $"SELECT count(*) FROM {SchemaMigration.VersionTable}"));
        Assert.Equal(20L, await Sql.Scalar<long>(db, "SELECT count(*) FROM OrleansQuery"));
        Assert.Equal(0L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_journal"));
    }

    [Fact]
    public async Task A_missing_database_is_created()
    {
        var db = pg.ConnectionString("created_by_migration");

        await SchemaMigration.Migrate(db, NullLogger.Instance);

        Assert.Equal(Scripts, await Sql.Scalar<long>(db, $"SELECT count(*) FROM {SchemaMigration.VersionTable}"));
    }
}
