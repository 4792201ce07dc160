using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StationNet.Grains.Journal;
using StationNet.Grains.Telemetry;
using StationNet.Silo.Storage;

namespace StationNet.Silo.Tests;

/// <summary>
/// The rollups by hour and by worker group are the journal's sums, written with each event and void and with
/// a bulk import, and a grain waking up, the compliance and the yearly report read them.
/// </summary>
[Collection(PostgresCollection.Name)]
public class RollupTests(PostgresServer pg)
{
    private static readonly DateOnly Day = new(2026, 5, 1);
    private static readonly string[] Groups = ["courier", "sanitation", "driver"];

    [Fact]
    public async Task Hourly_and_worker_group_rollups_equal_the_journal_after_events_voids_and_an_import()
    {
        await using var store = await JournalOnPostgres.Start(pg, "rollups");
        var (db, journal) = (store.Database, store.Journal);
        var random = new Random(8);
        var events = Enumerable.Range(0, 600).Select(_ => Entry(random, "net")).ToList();
        Assert.All(await Task.WhenAll(events.Select(e => journal.AppendAsync(e))), Assert.True);
        var voided = events.Where((_, i) => i % 7 == 0).ToList();
        Assert.All(await Task.WhenAll(voided.Select(e => journal.AppendVoidAsync(e, new VoidEntry(e.EventId, DateTimeOffset.UtcNow, "t")))), Assert.True);
        Assert.NotNull(await journal.ImportHistoryAsync("imported", Enumerable.Range(0, 300).Select(_ => Entry(random, "imported")).ToList()));

        Assert.Equal(await Rows(db, JournalHourly), await Rows(db, "SELECT network_id, day, station_id, service, hour, count, last_at FROM stationnet_hourly"));
        Assert.Equal(await Rows(db, JournalGroups), await Rows(db, "SELECT network_id, day, station_id, worker_group, count FROM stationnet_groups WHERE count <> 0"));

        // What a network grain reads when it wakes: each station's hours and groups, less the voids.
        var kept = events.Except(voided).ToList();
        foreach (var station in await journal.LoadNetworkDayAsync("net", Day))
        {
            var mine = kept.Where(e => e.StationId == station.StationId).ToList();
            foreach (var service in mine.Select(e => e.Service).Distinct())
            {
                Assert.Equal(Enumerable.Range(0, 24).Select(h => mine.Where(e => e.Service == service && e.Hour == h).Sum(e => e.Quantity)), station.Hourly[service]);
            }
            Assert.Equal(events.Where(e => e.StationId == station.StationId).Max(e => e.OccurredAt), station.LastEventAt);
            Assert.Equal(mine.Where(e => e.Service == "visit" && e.WorkerGroup is not null).GroupBy(e => e.WorkerGroup!).ToDictionary(g => g.Key, g => g.Sum(e => e.Quantity)).OrderBy(g => g.Key),
                station.Groups!.OrderBy(g => g.Key));
        }
        // The yearly report's groups and the compliance report's active hours.
        Assert.Equal(kept.Where(e => e.Service == "visit" && e.WorkerGroup is not null).GroupBy(e => e.WorkerGroup!).ToDictionary(g => g.Key, g => g.Sum(e => e.Quantity)).OrderBy(g => g.Key),
            (await journal.VisitGroupsAsync("net", Day, Day)).OrderBy(g => g.Key));
        Assert.Equal(events.Select(e => (e.StationId, e.Day, e.Hour)).Distinct().Order(), (await journal.ActivityAsync("net", Day, Day)).Order());
    }

    private const string JournalHourly = """
        SELECT e.network_id, e.day, e.station_id, e.service, e.hour, sum(CASE WHEN v.event_id IS NULL THEN e.quantity ELSE 0 END)::integer, max(e.occurred_at)
          FROM stationnet_journal e LEFT JOIN stationnet_journal v ON v.event_id = e.event_id AND v.kind = 1
         WHERE e.kind = 0 GROUP BY e.network_id, e.day, e.station_id, e.service, e.hour
        """;

    private const string JournalGroups = """
        SELECT e.network_id, e.day, e.station_id, e.worker_group, sum(e.quantity)::integer
          FROM stationnet_journal e
         WHERE e.kind = 0 AND e.service = 'visit' AND e.worker_group IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM stationnet_journal v WHERE v.event_id = e.event_id AND v.kind = 1)
         GROUP BY e.network_id, e.day, e.station_id, e.worker_group
        """;

    private static async Task<List<string>> Rows(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static JournalEntry Entry(Random random, string network)
    {
        var hour = random.Next(24);
        var at = new DateTimeOffset(2026, 5, 1, hour, random.Next(60), random.Next(60), TimeSpan.FromHours(8));
        var service = random.Next(3) == 0 ? "water" : "visit";
        return new JournalEntry(Guid.NewGuid(), network, $"s-{random.Next(5)}", service, 1 + random.Next(4), at, at, Day, hour, null,
            random.Next(3) == 0 ? null : Groups[random.Next(Groups.Length)], "tablet");
    }
}
