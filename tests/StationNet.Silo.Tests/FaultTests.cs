using System.Diagnostics;
using System.Net;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// Faults on a two-silo cluster under load from tablets that behave as the real outbox does. The pass
/// condition is the users': every acknowledged event is counted exactly once, and screens keep showing it.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Reliability")]
public class FaultTests(PostgresServer pg, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task After_a_kill_9_of_one_silo_screens_on_the_other_keep_updating_and_every_acknowledged_event_counts_once()
    {
        // Silo A seeded the sample network and paired the tablets, so it holds the stations, the network and the
        // accounts: killing it makes every grain move. The wall watches through silo B.
        var (cluster, wall, load) = await UnderLoad("fault_kill", watchThroughB: true);
        await using var _ = cluster;
        await using var __ = wall;

        cluster.A.Kill();
        var versionAtKill = wall.Version;
        var clock = Stopwatch.StartNew();
        await Poll.Until(async () => await cluster.Declared(cluster.A, dead: true), "silo A declared dead");
        var declared = clock.Elapsed;
        var afterDeclared = load.Acknowledged.Count;
        await Poll.Until(() => load.Acknowledged.Count >= afterDeclared + 200, "events acknowledged after silo A was declared dead");
        output.WriteLine($"silo A declared dead {declared.TotalSeconds:F1} s after the kill; 200 more events {clock.Elapsed.TotalSeconds:F1} s after it");
        await load.StopAsync();
        await load.DrainAsync(Long);
        output.WriteLine($"answers: {string.Join(", ", load.Answers.OrderBy(a => a.Key))}");

        await AssertCountedOnce(cluster.B, cluster, load);
        await AssertWallShows(wall, cluster);
        output.WriteLine($"the wall on silo B: {wall.Changes} batches, {wall.Resyncs} fresh snapshots after a gap");
        Assert.True(wall.Version > versionAtKill, "the wall on the surviving silo got no change after the kill");
        Assert.False(wall.IsClosed, $"the wall's connection closed: {wall.Closed?.Message}");
        Assert.Equal(0, load.Count("500"));
    }

    [Fact]
    public async Task A_postgresql_restart_fails_requests_fast_with_503_and_retry_after_and_retries_land_exactly_once()
    {
        var (cluster, wall, load) = await UnderLoad("fault_restart", watchThroughB: false);
        await using var _ = cluster;
        await using var __ = wall;

        await pg.PauseAsync();
        try
        {
            await Poll.Until(() => load.Count("503") >= 20, "503 answers while PostgreSQL is down");
            // One tap, timed: the answer comes at once, and tells the tablet when to try again.
            using var http = Sessions.WithToken(cluster.A.BaseAddress, cluster.Tablets["sample-01"]);
            http.Timeout = TimeSpan.FromSeconds(20);
            var clock = Stopwatch.StartNew();
            using var refused = await http.PostEvent("sample-01", new { id = Guid.NewGuid(), service = "visit", quantity = 1 });
            output.WriteLine($"a tap during the outage: {(int)refused.StatusCode} in {clock.ElapsedMilliseconds} ms");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("不可用", await refused.Content.ReadAsStringAsync());

            // The balancer's readiness probe sees it; liveness does not (restarting the silo would not help).
            using var ready = await http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var checks = (await ready.Content.ReadAsStringAsync()).Replace(" ", "");
            Assert.Contains("\"name\":\"postgresql\",\"status\":\"Unhealthy\"", checks);
            Assert.DoesNotContain(pg.Port.ToString(), checks); // no driver message naming the host and port
            using var live = await http.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await pg.ResumeAsync();
        }
        using (var probe = new HttpClient { BaseAddress = cluster.A.BaseAddress })
        {
            await Poll.Until(async () => (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "ready again after the restart");
        }
        var resumedAt = load.Acknowledged.Count;
        await Poll.Until(() => load.Acknowledged.Count >= resumedAt + 200, "events acknowledged after the restart");
        await load.StopAsync();
        await load.DrainAsync(Long);
        output.WriteLine($"answers: {string.Join(", ", load.Answers.OrderBy(a => a.Key))}; slowest failure {load.SlowestFailure.TotalMilliseconds:F0} ms");
        foreach (var line in cluster.A.Log.Concat(cluster.B.Log).Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception")).Take(60))
        {
            output.WriteLine(line);
        }

        Assert.Equal(0, load.UnavailableWithoutRetryAfter);
        Assert.Equal(0, load.Count("500"));
        // No request hung until the tablet gave up (its timeout is 10 s): the outage was answered, not waited out.
        Assert.Equal(0, load.Count("no answer"));
        await AssertCountedOnce(cluster.A, cluster, load);
        await AssertWallShows(wall, cluster);
    }

    /// <summary>Two silos, a wall on one of them, and 8 tablets posting to both, 200 events acknowledged already.</summary>
    private async Task<(TwoSilos Cluster, WallWatch Wall, TabletLoad Load)> UnderLoad(string database, bool watchThroughB)
    {
        var cluster = await TwoSilos.Start(await pg.CreateDatabase(database));
        var wall = await WallWatch.Connect((watchThroughB ? cluster.B : cluster.A).BaseAddress, cluster.ScreenToken);
        var load = new TabletLoad([cluster.A.BaseAddress, cluster.B.BaseAddress], cluster.Tablets, tablets: 8);
        load.Start();
        await Poll.Until(() => load.Acknowledged.Count >= 200, "events acknowledged before the fault");
        return (cluster, wall, load);
    }

    private static async Task AssertCountedOnce(SiloProcess through, TwoSilos cluster, TabletLoad load)
    {
        var rows = await cluster.JournalRows();
        Assert.Equal(load.Acknowledged.Count, rows.Count);
        Assert.All(load.Acknowledged.Keys, id => Assert.Equal(1, rows.GetValueOrDefault(id)));
        Assert.Equal(load.Acknowledged.Values.Sum(e => e.Quantity), await Sql.Scalar<long>(cluster.Database,
            "SELECT coalesce(sum(count), 0) FROM stationnet_daily WHERE service = 'visit'"));
        // Each station's count for its day is the journal's for that day (a run may cross local midnight).
        using var admin = await Sessions.SignIn(through.BaseAddress, "admin", Sessions.AdminPassword);
        foreach (var station in TwoSilos.Stations)
        {
            var view = await admin.GetNode($"/api/stations/{station}");
            var journal = await Sql.Visits(cluster.Database, DateOnly.Parse((string)view!["day"]!));
            Assert.Equal(journal.GetValueOrDefault(station), view["counts"].Count("visit"));
        }
    }

    /// <summary>The wall shows every acknowledged event of its day (a run may cross local midnight).</summary>
    private static async Task AssertWallShows(WallWatch wall, TwoSilos cluster)
    {
        var day = wall.Day;
        var expected = await Sql.Visits(cluster.Database, day);
        Assert.True(await wall.Shows(w => w.Day != day || TwoSilos.Stations.All(s => w.Count(s, "visit") == expected.GetValueOrDefault(s)), TimeSpan.FromSeconds(30)),
            "the wall does not show the acknowledged counts: " + string.Join(", ", TwoSilos.Stations.Select(s => $"{s}={wall.Count(s, "visit")}/{expected.GetValueOrDefault(s)}")));
    }


}
