using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using StationNet.Grains.Live;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>Two silos on one machine, each with its own ports, forming one cluster through PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public class ClusterTests(PostgresServer pg)
{
    [Fact]
    public async Task A_wall_on_silo_a_receives_a_tap_posted_to_silo_b()
    {
        var db = await pg.CreateDatabase("cluster_push");
        await using var a = new StationNetApp(db);
        await a.InitializeAsync();
        await using var b = new StationNetApp(db);
        await b.InitializeAsync();
        Assert.Equal(2L, await Sql.Scalar<long>(db, "SELECT count(*) FROM OrleansMembershipTable WHERE Status = 3")); // both Active
        var received = Channel.CreateUnbounded<LiveChanges>();
        await using var wall = new HubConnectionBuilder()
            .WithUrl(new Uri(a.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(a.ScreenToken))
            .Build();
        wall.On<LiveChanges>("changes", c => received.Writer.TryWrite(c));
        await wall.StartAsync();
        var snapshot = await wall.InvokeAsync<LiveSnapshot>("Watch", "sample");

        // The relay list of the network grain may not list silo B's relay for a moment; silo A's is what matters here.
        using var posted = await b.Http.PostEvent("sample-05", new { id = Guid.NewGuid(), service = "charging", quantity = 2 });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        LiveChanges changes;
        try
        {
            do
            {
                changes = await received.Reader.ReadAsync(timeout.Token);
            }
            while (!changes.Stations.Any(s => s.StationId == "sample-05"));
        }
        catch (OperationCanceledException)
        {
            var live = await a.Http.GetStringAsync("/api/networks/sample/live");
            throw new Xunit.Sdk.XunitException($"no change; snapshot {snapshot.Version}, live now {live[..200]}");
        }
        Assert.True(changes.Version > snapshot.Version);
        Assert.Equal(2, changes.Stations.Single(s => s.StationId == "sample-05").Counts["charging"]);
    }

    [Fact]
    public async Task A_sign_in_cookie_from_one_silo_works_on_the_other()
    {
        var db = await pg.CreateDatabase("cluster_cookie");
        await using var a = new StationNetApp(db);
        await a.InitializeAsync();
        await using var b = new StationNetApp(db);
        await b.InitializeAsync();
        var cookies = new System.Net.CookieContainer();
        using var onA = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = a.BaseAddress };
        await Sessions.SetAntiforgery(onA);
        using (var login = await onA.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = Sessions.AdminPassword }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        await Sessions.SetAntiforgery(onA);
        // The same cookies, and the antiforgery token made by silo A, presented to silo B.
        using var onB = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = b.BaseAddress };
        foreach (System.Net.Cookie c in cookies.GetCookies(a.BaseAddress))
        {
            onB.DefaultRequestHeaders.Add("Cookie", $"{c.Name}={c.Value}");
        }
        onB.DefaultRequestHeaders.Add("X-XSRF-TOKEN", onA.DefaultRequestHeaders.GetValues("X-XSRF-TOKEN").Single());

        using var read = await onB.GetAsync("/api/admin/accounts");
        using var write = await onB.PostEvent("sample-02", new { id = Guid.NewGuid(), service = "visit" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        // The key ring both silos read is the one in PostgreSQL.
        Assert.True(await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_data_protection_keys") >= 1);
    }

    [Fact]
    public async Task Stopping_a_silo_moves_its_stations_to_the_other_without_losing_a_count()
    {
        var db = await pg.CreateDatabase("cluster_failover");
        var stations = Enumerable.Range(1, 18).Select(i => $"sample-{i:00}").ToArray();
        await using var b = new StationNetApp(db);
        await b.InitializeAsync();
        var expected = stations.ToDictionary(s => s, _ => 0);
        await using (var a = new StationNetApp(db))
        {
            await a.InitializeAsync();
            // Half the taps through each silo; each station's grain lives on one of the two.
            for (var i = 0; i < 72; i++)
            {
                var station = stations[i % stations.Length];
                var http = i % 2 == 0 ? a.Http : b.Http;
                using var r = await http.PostEvent(station, new { id = Guid.NewGuid(), service = "visit" });
                Assert.Equal(HttpStatusCode.Created, r.StatusCode);
                expected[station]++;
            }
        }

        // Silo A is gone; every station answers from silo B, with every count.
        foreach (var station in stations)
        {
            using var r = await b.Http.PostEvent(station, new { id = Guid.NewGuid(), service = "visit" });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            expected[station]++;
            Assert.Equal(expected[station], (await r.ReadNode())["counts"].Count("visit"));
        }
        var live = await b.Http.GetNode("/api/networks/sample/live");
        Assert.Equal(expected.Values.Sum(), live["totals"].Count("visit"));
        Assert.Equal(expected.Values.Sum(), await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_journal"));
    }
}
