using System.Diagnostics;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// Point-in-time recovery, once, as docs/operations.md describes it: a cluster archiving its WAL, a base
/// backup, events, a chosen moment, more events; then the base backup with the archived WAL replayed to
/// <c>recovery_target_time</c> holds exactly the events acknowledged before that moment.
/// </summary>
[Trait("Category", "Reliability")]
public class PitrTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_base_backup_and_archived_wal_recover_to_a_chosen_moment_with_the_events_before_it_and_none_after()
    {
        await using var primary = await ArchivingCluster.Start();
        var db = await primary.CreateDatabase("stationnet");
        var (early, before, after) = (new List<Guid>(), new List<Guid>(), new List<Guid>());
        DateTimeOffset moment;
        await using (var app = new StationNetApp(db))
        {
            await app.InitializeAsync();
            await Post(app, early, 20);
            await primary.BaseBackup();
            await Post(app, before, 40);
            // The moment lies between the last acknowledged event and the first of the next, by the server's own clock.
            await Task.Delay(1000);
            moment = await Sql.Scalar<DateTime>(db, "SELECT now()");
            await Task.Delay(1000);
            await Post(app, after, 40);
        }
        await primary.ArchiveCurrentWal();

        await using var recovered = await primary.RecoverTo(moment);
        var rows = await Sql.JournalRows(recovered.ConnectionString("stationnet"));
        output.WriteLine($"recovered to {moment:O}: {rows.Count} events ({early.Count} before the base backup, {before.Count} after it, {after.Count} after the moment left out)");
        Assert.All(early.Concat(before), id => Assert.Equal(1, rows.GetValueOrDefault(id)));
        Assert.All(after, id => Assert.False(rows.ContainsKey(id), $"event {id}, acknowledged after the moment, was recovered"));
        Assert.Equal(early.Count + before.Count, rows.Count);
        // The rollup came back with the journal, in the same transactions.
        Assert.Equal((early.Count + before.Count) * 2L, await Sql.Scalar<long>(recovered.ConnectionString("stationnet"),
            "SELECT coalesce(sum(count), 0) FROM stationnet_daily WHERE network_id = 'sample'"));
    }

    private static async Task Post(StationNetApp app, List<Guid> ids, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            using var r = await app.Http.PostEvent($"sample-{i % 18 + 1:00}", new { id, service = "visit", quantity = 2 });
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
            ids.Add(id);
        }
    }
}
