using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StationNet.Grains.Supplies;
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

    /// <summary>
    /// Migration 0010 on a database that already holds supply movements: the receipts per day are summed in from the
    /// movements once (the table is dropped and the script forgotten, so it runs as it does on an upgrade from 0009).
    /// </summary>
    [Fact]
    public async Task The_receipts_rollup_is_filled_from_the_movements_already_kept()
    {
        var db = await pg.CreateDatabase("receipts_upgrade");
        await SchemaMigration.Migrate(db, NullLogger.Instance);
        await using (var source = NpgsqlDataSource.Create(db))
        {
            var supplies = new PostgresSupplyJournal(source);
            var (d1, d2, e1, e2) = (new DateOnly(2030, 3, 1), new DateOnly(2030, 3, 2), new DateOnly(2030, 6, 1), new DateOnly(2030, 9, 1));
            SupplyMovement Move(string kind, int quantity, DateOnly? expires, DateOnly day) =>
                new(Guid.NewGuid(), "n", "s1", "water", kind, quantity, expires, day, new DateTimeOffset(day, new TimeOnly(9, 0), TimeSpan.Zero), null);
            foreach (var m in new[]
            {
                Move("received", 10, e1, d1), Move("received", 5, e1, d1), Move("received", 7, e2, d1),
                Move("received", 3, e1, d2), Move("received", 4, null, d2), Move("handed-out", 6, null, d2),
            })
            {
                Assert.True(await supplies.AppendAsync(m));
            }
        }
        await using (var conn = new NpgsqlConnection(db))
        {
            await conn.OpenAsync();
            await using var forget = new NpgsqlCommand($"""
                DELETE FROM {SchemaMigration.VersionTable} WHERE scriptname LIKE '%0010_stationnet_supply_receipts%';
                DROP TABLE stationnet_supply_receipts;
                """, conn);
            await forget.ExecuteNonQueryAsync();
        }
        Assert.Equal(0L, await Sql.Scalar<long>(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'stationnet_supply_receipts'"));

        await SchemaMigration.Migrate(db, NullLogger.Instance);

        Assert.Equal(Scripts, await Sql.Scalar<long>(db, $"SELECT count(*) FROM {SchemaMigration.VersionTable}"));
        // 1 Mar: 15 dated 1 Jun and 7 dated 1 Sep; 2 Mar: 3 dated 1 Jun (the 4 without a date and the hand-out are no batch).
        Assert.Equal("2030-03-01 2030-06-01 15|2030-03-01 2030-09-01 7|2030-03-02 2030-06-01 3", await Sql.Scalar<string>(db, """
            SELECT string_agg(day || ' ' || expires_on || ' ' || received, '|' ORDER BY day, expires_on) FROM stationnet_supply_receipts
            """));
    }
}
