using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StationNet.Grains.Journal;
using StationNet.Grains.Supplies;
using StationNet.Grains.Telemetry;
using StationNet.Silo.Storage;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// Supplies on PostgreSQL: the same checks as on the embedded default, plus what only the database can show —
/// a linked tap's hand-out is written in its event's own transaction, taps in full group-commit batches with
/// refused rows among them take stock exactly once, stock outlives a restart, and the schema's limits are SupplyLimits.
/// </summary>
[Collection(PostgresCollection.Name)]
public partial class SupplyStorageTests(PostgresServer pg)
{
    [Fact]
    public async Task Movements_taps_voids_batches_and_the_report_hold_and_survive_a_restart()
    {
        var db = await pg.CreateDatabase("supplies");
        var clock = ShiftedClock.At(new TimeOnly(12, 0), "Asia/Shanghai");
        Guid packTap;
        await using (var first = new StationNetApp(db, clock))
        {
            await first.InitializeAsync();
            await SupplyChecks.MovementsCountOnceAndAConflictingResendIsRefused(first);
            packTap = await SupplyChecks.LinkedTapsAndVoidsMoveStock(first);
            await SupplyChecks.BatchesExpireFirstExpiringFirst(first);
            await SupplyChecks.AMovementIsUndoneOnceAndEverySumTakesItBack(first);
            await SupplyChecks.ReportAddsUpForRandomMovements(first, seed: 1919, days: 3, perDay: 15);
        }

        // Each tap's hand-out and each void's putting back were written by the very transaction that wrote the journal row.
        Assert.True(await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_supply_movements WHERE source = 1") >= 2);
        Assert.Equal(0L, await Sql.Scalar<long>(db, """
            SELECT count(*) FROM stationnet_supply_movements m
              JOIN stationnet_journal j ON j.event_id = m.id AND j.kind = m.source - 1
             WHERE m.source IN (1, 2) AND j.xmin::text <> m.xmin::text
            """));
        Assert.Equal(0L, await Sql.Scalar<long>(db, """
            SELECT count(*) FROM stationnet_supply_movements m
             WHERE m.source IN (1, 2) AND NOT EXISTS (SELECT 1 FROM stationnet_journal j WHERE j.event_id = m.id AND j.kind = m.source - 1)
            """));
        Assert.Equal(1L, await Sql.Scalar<long>(db, $"SELECT count(*) FROM stationnet_supply_movements WHERE id = '{packTap}'"));
        // An undone movement stays in the journal, with its one undo (source 3) beside it.
        Assert.Equal(3L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_supply_movements WHERE source = 3"));
        Assert.Equal(0L, await Sql.Scalar<long>(db, """
            SELECT count(*) FROM stationnet_supply_movements v
             WHERE v.source = 3 AND NOT EXISTS (SELECT 1 FROM stationnet_supply_movements m WHERE m.id = v.id AND m.source = 0 AND m.change = -v.change)
            """));
        // The stock rollup and the movements agree.
        Assert.Equal(0L, await Sql.Scalar<long>(db, """
            SELECT count(*) FROM stationnet_supply_stock s
             WHERE s.on_hand <> (SELECT COALESCE(sum(change), 0) FROM stationnet_supply_movements m WHERE m.station_id = s.station_id AND m.item = s.item)
            """));
        // So do the receipts by day (which the assessment reads) and the batches by expiry date, row for row.
        Assert.True(await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_supply_receipts") > 0);
        Assert.Equal(0L, await Sql.Scalar<long>(db, """
            SELECT count(*) FROM (
                SELECT network_id, station_id, item, expires_on, day, sum(CASE WHEN source = 3 THEN -quantity ELSE quantity END) AS received FROM stationnet_supply_movements
                 WHERE kind = 'received' AND expires_on IS NOT NULL GROUP BY network_id, station_id, item, expires_on, day) m
              FULL JOIN stationnet_supply_receipts r USING (network_id, station_id, item, expires_on, day)
             WHERE m.received IS DISTINCT FROM r.received
            """));
        Assert.Equal(0L, await Sql.Scalar<long>(db, """
            SELECT count(*) FROM stationnet_supply_batches b
             WHERE b.received <> (SELECT sum(received) FROM stationnet_supply_receipts r WHERE r.station_id = b.station_id AND r.item = b.item AND r.expires_on = b.expires_on)
            """));

        await using var second = new StationNetApp(db, clock);
        await second.InitializeAsync();
        Assert.Equal(24, await SupplyChecks.OnHand(second.Http, "sample-02", "t-water"));
        Assert.Equal(-2, await SupplyChecks.OnHand(second.Http, "sample-02", "t-pack"));
        using var tablet = await second.Tablet("sample-02");
        using var voided = await tablet.DeleteAsync($"/api/stations/sample-02/events/{packTap}");
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        Assert.Equal(0, await SupplyChecks.OnHand(second.Http, "sample-02", "t-pack"));
    }

    [Fact]
    public async Task Linked_taps_in_full_batches_with_refused_rows_take_stock_exactly_once()
    {
        var db = await pg.CreateDatabase("supply_group_commit");
        await SchemaMigration.Migrate(db, NullLogger.Instance);
        await using var source = NpgsqlDataSource.Create(db);
        await new PostgresSupplyJournal(source).SetCatalogAsync("net", [new SupplyItem("bottle", "瓶装水", "Bottled water", "瓶", true, 10, "water")]);
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var journal = new PostgresJournal(source, new StationNetMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), StationClock.Real),
            NullLogger<PostgresJournal>.Instance);
        var day = new DateOnly(2026, 5, 1);
        var at = new DateTimeOffset(2026, 5, 1, 4, 0, 0, TimeSpan.Zero);
        var good = new List<JournalEntry>();
        var sends = new List<(JournalEntry Entry, bool Poisoned, Task<bool> Sent)>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 400; i++)
            {
                var entry = new JournalEntry(Guid.NewGuid(), "net", $"s-{p}-{i % 5}", i % 3 == 0 ? "visit" : "water", 1 + i % 3, at, at.AddTicks(i * 10 + p), day, 12,
                    null, null, "tablet");
                var poisoned = i % 89 == 7;
                if (poisoned)
                {
                    entry = entry with { Attendant = "a\u0000b" };
                }
                var sent = journal.AppendAsync(entry);
                lock (sends)
                {
                    sends.Add((entry, poisoned, sent));
                }
            }
        })));
        foreach (var (entry, poisoned, sent) in sends)
        {
            if (poisoned)
            {
                await Assert.ThrowsAsync<JournalRefusedException>(() => sent);
            }
            else
            {
                Assert.True(await sent);
                good.Add(entry);
            }
        }
        // Resends (a tablet that lost the answer) are duplicates and take nothing more; voids of half the water taps put units back.
        var now = DateTimeOffset.UtcNow;
        var voided = good.Where((e, i) => e.Service == "water" && i % 2 == 0).ToList();
        var resends = good.Select(e => journal.AppendAsync(e with { RecordedAt = now })).ToList();
        var voids = voided.Select(e => journal.AppendVoidAsync(e, new VoidEntry(e.EventId, now, "tablet"))).ToList();
        Assert.All(await Task.WhenAll(resends), Assert.False);
        Assert.All(await Task.WhenAll(voids), Assert.True);
        await journal.DisposeAsync();

        var water = good.Where(e => e.Service == "water").ToList();
        Assert.Equal((long)water.Count, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_supply_movements WHERE source = 1"));
        Assert.Equal((long)voided.Count, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_supply_movements WHERE source = 2"));
        var expected = -water.Sum(e => e.Quantity) + voided.Sum(e => e.Quantity);
        Assert.Equal((long)expected, await Sql.Scalar<long>(db, "SELECT sum(on_hand) FROM stationnet_supply_stock"));
        Assert.Equal((long)-expected, await Sql.Scalar<long>(db, "SELECT sum(handed_out) FROM stationnet_supply_daily"));
        Assert.Equal(0L, await Sql.Scalar<long>(db, """
            SELECT count(*) FROM stationnet_supply_movements m JOIN stationnet_journal j ON j.event_id = m.id AND j.kind = m.source - 1
             WHERE j.xmin::text <> m.xmin::text
            """));
    }

    [Fact]
    public async Task The_schema_holds_the_limits_of_SupplyLimits()
    {
        var db = await pg.CreateDatabase("supply_limits");
        await SchemaMigration.Migrate(db, NullLogger.Instance);
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        var widths = new Dictionary<string, int>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT table_name || '.' || column_name, character_maximum_length FROM information_schema.columns
             WHERE table_name LIKE 'stationnet_supply%' AND character_maximum_length IS NOT NULL
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                widths[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        Assert.Equal(SupplyLimits.TextColumns.OrderBy(c => c.Key), widths.OrderBy(c => c.Key));

        var ranges = new Dictionary<string, (int, int)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT c.conrelid::regclass::text, pg_get_constraintdef(c.oid) FROM pg_constraint c
             WHERE c.conrelid::regclass::text LIKE 'stationnet_supply%' AND c.contype = 'c'
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (Between().Match(reader.GetString(1)) is { Success: true } m)
                {
                    ranges[$"{reader.GetString(0)}.{m.Groups[1].Value}"] = (int.Parse(m.Groups[2].Value), int.Parse(m.Groups[4].Value));
                }
            }
        }
        Assert.Equal((SupplyLimits.MinQuantity, SupplyLimits.MaxQuantity), ranges["stationnet_supply_movements.quantity"]);
        Assert.Equal((0, SupplyLimits.MaxLowAt), ranges["stationnet_supply_items.low_at"]);
        Assert.Equal((0, SupplyLimits.MaxItems - 1), ranges["stationnet_supply_items.position"]);
    }

    [GeneratedRegex(@"\(\(""?(\w+)""? >= (\d+)\) AND \(""?(\w+)""? <= (\d+)\)\)")]
    private static partial Regex Between();
}
