using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StationNet.Grains.Journal;
using StationNet.Grains.Telemetry;
using StationNet.Silo.Hosting;
using StationNet.Silo.Storage;

namespace StationNet.Silo.Tests;

/// <summary>
/// One bad record never fails another: rows the database refuses, hidden in full group-commit batches under
/// load, are found and refused alone, and every other event is acknowledged and stored exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public class GroupCommitTests(PostgresServer pg)
{
    private static readonly DateOnly Day = new(2026, 5, 1);

    [Fact]
    public async Task Poisoned_rows_in_full_batches_are_refused_alone_and_every_other_event_is_stored_once()
    {
        await using var store = await JournalOnPostgres.Start(pg, "group_commit");
        var (db, journal) = (store.Database, store.Journal);
        // Rows only the database refuses (the edge would have stopped each): NUL, too long, out of range, not UTF-16.
        var poisons = new Func<JournalEntry, JournalEntry>[]
        {
            e => e with { Attendant = "a\u0000b" },
            e => e with { Attendant = new string('x', JournalLimits.Attendant + 1) },
            e => e with { Quantity = JournalLimits.MaxQuantity + 1 },
            e => e with { WorkerGroup = "courier" + '\ud800' },
            e => e with { Device = new string('d', JournalLimits.Device + 1) },
        };
        var good = new List<JournalEntry>();
        var bad = new List<JournalEntry>();
        var sends = new List<(JournalEntry Entry, Task<bool> Sent)>();
        // Four producers queue 2,000 events at once, so the writer takes full batches of 500; a few in each are poisoned.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var entry = Entry($"s-{p}-{i % 7}", 1 + i % 3);
                var poisoned = i % 97 == 13;
                if (poisoned)
                {
                    entry = poisons[(p + i) % poisons.Length](entry);
                }
                var sent = journal.AppendAsync(entry);
                lock (sends)
                {
                    (poisoned ? bad : good).Add(entry);
                    sends.Add((entry, sent));
                }
            }
        })));

        foreach (var (entry, sent) in sends)
        {
            if (bad.Contains(entry))
            {
                await Assert.ThrowsAsync<JournalRefusedException>(() => sent);
            }
            else
            {
                Assert.True(await sent, $"event {entry.EventId} was not counted");
            }
        }
        await journal.DisposeAsync();

        Assert.True(bad.Count >= 20, $"only {bad.Count} poisoned rows");
        var rows = await Sql.JournalRows(db);
        Assert.Equal(good.Count, rows.Count);
        Assert.All(good, e => Assert.Equal(1, rows.GetValueOrDefault(e.EventId)));
        Assert.Equal(good.Sum(e => e.Quantity), await Sql.Scalar<long>(db, "SELECT sum(count) FROM stationnet_daily"));
    }

    [Fact]
    public async Task A_refused_void_fails_alone_and_a_resend_of_good_events_is_a_duplicate()
    {
        await using var store = await JournalOnPostgres.Start(pg, "group_commit_void");
        var (db, journal) = (store.Database, store.Journal);
        var events = Enumerable.Range(0, 50).Select(i => Entry("s-void", 1)).ToList();
        Assert.All(await Task.WhenAll(events.Select(e => journal.AppendAsync(e))), Assert.True);

        var voids = events.Select((e, i) => journal.AppendVoidAsync(e, new VoidEntry(e.EventId, DateTimeOffset.UtcNow, i == 7 ? "bad\u0000device" : "admin"))).ToList();
        var resends = events.Select(e => journal.AppendAsync(e)).ToList();

        await Assert.ThrowsAsync<JournalRefusedException>(() => voids[7]);
        Assert.All(await Task.WhenAll(voids.Where((_, i) => i != 7)), Assert.True);
        Assert.All(await Task.WhenAll(resends), Assert.False);
        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT sum(count) FROM stationnet_daily"));
    }

    [Fact]
    public async Task A_tablets_batch_is_one_transaction_and_a_refused_row_in_it_fails_alone()
    {
        await using var store = await JournalOnPostgres.Start(pg, "group_commit_batch");
        var (db, journal) = (store.Database, store.Journal);
        // Single appends queued around the batch share the writer, but never split it.
        var before = Enumerable.Range(0, 450).Select(_ => journal.AppendAsync(Entry("s-single", 1))).ToList();
        var batch = Enumerable.Range(0, 100).Select(i => Entry("s-batch", 1 + i % 3)).ToList();
        var sent = journal.AppendAll(batch);
        var after = Enumerable.Range(0, 50).Select(_ => journal.AppendAsync(Entry("s-single", 1))).ToList();

        Assert.All(await Task.WhenAll(sent), Assert.True);
        Assert.All(await Task.WhenAll(before.Concat(after)), Assert.True);
        var ids = string.Join(",", batch.Select(e => $"'{e.EventId}'"));
        Assert.Equal(1L, await Sql.Scalar<long>(db, $"SELECT count(DISTINCT xmin::text) FROM stationnet_journal WHERE event_id IN ({ids})"));
        Assert.Equal(batch.Sum(e => (long)e.Quantity), await Sql.Scalar<long>(db, "SELECT sum(count) FROM stationnet_daily WHERE station_id = 's-batch'"));

        var poisoned = Enumerable.Range(0, 40).Select(i => i == 17 ? Entry("s-poison", 1) with { Attendant = "a\u0000b" } : Entry("s-poison", 1)).ToList();
        var answers = journal.AppendAll(poisoned);
        await Assert.ThrowsAsync<JournalRefusedException>(() => answers[17]);
        Assert.All(await Task.WhenAll(answers.Where((_, i) => i != 17)), Assert.True);
        Assert.Equal(39L, await Sql.Scalar<long>(db, "SELECT sum(count) FROM stationnet_daily WHERE station_id = 's-poison'"));
    }

    [Fact]
    public async Task One_event_sent_twice_in_one_transaction_is_counted_once_and_the_second_copy_is_told_duplicate()
    {
        await using var store = await JournalOnPostgres.Start(pg, "group_commit_twice");
        var (db, journal) = (store.Database, store.Journal);
        var tap = Entry("s-twice", 3);
        var other = Entry("s-twice", 2);

        // One submission, so one transaction: the set-based statement takes the first copy and answers the second as a duplicate.
        var answers = await Task.WhenAll(journal.AppendAll([tap, other, tap]));

        Assert.Equal([true, true, false], answers);
        Assert.Equal(2L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_journal WHERE station_id = 's-twice'"));
        Assert.Equal(5L, await Sql.Scalar<long>(db, "SELECT sum(count) FROM stationnet_daily WHERE station_id = 's-twice'"));
        Assert.Equal(5L, await Sql.Scalar<long>(db, "SELECT sum(count) FROM stationnet_hourly WHERE station_id = 's-twice'"));
        // A resend later, through the prepared statement the writer now uses, is a duplicate too.
        for (var i = 0; i < 6; i++)
        {
            Assert.False(await journal.AppendAsync(tap));
        }
        Assert.Equal(5L, await Sql.Scalar<long>(db, "SELECT sum(count) FROM stationnet_daily WHERE station_id = 's-twice'"));
    }

    [Fact]
    public void StationNets_connections_prepare_repeated_statements_unless_the_connection_string_says_otherwise()
    {
        const string plain = "Host=127.0.0.1;Username=postgres;Database=x";
        Assert.Equal(64, new NpgsqlConnectionStringBuilder(SiloHosting.DataSource(plain).ConnectionString).MaxAutoPrepare);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(SiloHosting.DataSource(plain + ";Max Auto Prepare=0").ConnectionString).MaxAutoPrepare);
        Assert.Equal(8, new NpgsqlConnectionStringBuilder(SiloHosting.DataSource(plain + ";MaxAutoPrepare=8").ConnectionString).MaxAutoPrepare);
    }

    private static JournalEntry Entry(string station, int quantity)
    {
        var at = new DateTimeOffset(2026, 5, 1, 4, 0, 0, TimeSpan.Zero);
        return new JournalEntry(Guid.NewGuid(), "net", station, "visit", quantity, at, at, Day, 12, null, null, "tablet");
    }
}
