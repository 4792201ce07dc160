using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Live;

namespace StationNet.Web.Tests;

/// <summary>A real SignalR .NET client against the real app: the path a wall screen takes.</summary>
public class LiveHubTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private HubConnection Connect(Channel<LiveChanges> received, string? screenToken = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(screenToken ?? app.ScreenToken))
            .Build();
        connection.On<LiveChanges>("changes", c => received.Writer.TryWrite(c));
        return connection;
    }

    [Fact]
    public async Task A_watching_client_receives_the_change_for_a_posted_event_with_the_next_version()
    {
        var received = Channel.CreateUnbounded<LiveChanges>();
        await using var connection = Connect(received);
        await connection.StartAsync();
        var snapshot = await connection.InvokeAsync<LiveSnapshot>("Watch", "sample");
        var before = snapshot.Stations.Single(s => s.StationId == "sample-07").Counts.GetValueOrDefault("charging");

        using var posted = await app.Http.PostEvent("sample-07", new { id = Guid.NewGuid(), service = "charging", quantity = 2 });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        var changes = await NextWith(received, "sample-07");
        Assert.Equal(snapshot.Version + 1, changes.Version);
        Assert.Equal("sample", changes.NetworkId);
        Assert.Equal(snapshot.Day, changes.Day);
        Assert.Equal(before + 2, changes.Stations.Single(s => s.StationId == "sample-07").Counts["charging"]);
        Assert.Equal(snapshot.Totals.GetValueOrDefault("charging") + 2, changes.Totals["charging"]);
    }

    [Fact]
    public async Task A_reconnecting_client_gets_a_fresh_snapshot_with_what_it_missed()
    {
        var received = Channel.CreateUnbounded<LiveChanges>();
        await using var connection = Connect(received);
        await connection.StartAsync();
        var first = await connection.InvokeAsync<LiveSnapshot>("Watch", "sample");
        await connection.StopAsync();

        using var posted = await app.Http.PostEvent("sample-08", new { id = Guid.NewGuid(), service = "visit", quantity = 3 });
        var expected = (await posted.ReadNode())["counts"].Count("visit");
        await Task.Delay(300); // let the batch for that event go out while this client is away

        await connection.StartAsync();
        var fresh = await connection.InvokeAsync<LiveSnapshot>("Watch", "sample");

        Assert.True(fresh.Version > first.Version);
        Assert.Equal(expected, fresh.Stations.Single(s => s.StationId == "sample-08").Counts["visit"]);
        Assert.Equal(first.Totals.GetValueOrDefault("visit") + 3, fresh.Totals["visit"]);
    }

    [Fact]
    public async Task A_screen_may_speak_messagepack_instead_of_json()
    {
        var received = Channel.CreateUnbounded<LiveChanges>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(app.ScreenToken))
            .AddMessagePackProtocol()
            .Build();
        connection.On<LiveChanges>("changes", c => received.Writer.TryWrite(c));
        await connection.StartAsync();
        var snapshot = await connection.InvokeAsync<LiveSnapshot>("Watch", "sample");

        using var posted = await app.Http.PostEvent("sample-14", new { id = Guid.NewGuid(), service = "visit", workerGroup = "driver" });

        var changes = await NextWith(received, "sample-14");
        Assert.Equal(snapshot.Day, changes.Day);
        Assert.True(changes.Version > snapshot.Version);
        Assert.Contains(changes.Recent, r => r.StationId == "sample-14" && r.WorkerGroup == "driver");
    }

    [Fact]
    public async Task Watching_an_unknown_network_fails_with_a_clear_message()
    {
        await using var connection = Connect(Channel.CreateUnbounded<LiveChanges>());
        await connection.StartAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LiveSnapshot>("Watch", "nowhere"));
        Assert.Contains("nowhere", error.Message);
    }

    [Fact]
    public async Task Many_events_at_once_arrive_coalesced_in_consecutive_versions()
    {
        var received = Channel.CreateUnbounded<LiveChanges>();
        await using var connection = Connect(received);
        await connection.StartAsync();
        var snapshot = await connection.InvokeAsync<LiveSnapshot>("Watch", "sample");
        var before = snapshot.Stations.Single(s => s.StationId == "sample-09").Counts.GetValueOrDefault("water");

        var posts = Enumerable.Range(0, 30).Select(_ => app.Http.PostEvent("sample-09", new { id = Guid.NewGuid(), service = "water" }));
        foreach (var response in await Task.WhenAll(posts))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            response.Dispose();
        }

        var version = snapshot.Version;
        var batches = 0;
        var water = before;
        while (water < before + 30)
        {
            var changes = await NextWith(received, "sample-09");
            Assert.Equal(++version, changes.Version);
            water = changes.Stations.Single(s => s.StationId == "sample-09").Counts["water"];
            batches++;
        }
        Assert.Equal(before + 30, water);
        Assert.True(batches < 30, $"30 events came in {batches} batches; they should be coalesced");
    }

    [Fact]
    public async Task A_steady_stream_of_taps_reaches_a_wall_in_at_most_ten_batches_a_second_and_whole()
    {
        var received = Channel.CreateUnbounded<LiveChanges>();
        await using var connection = Connect(received);
        await connection.StartAsync();
        var snapshot = await connection.InvokeAsync<LiveSnapshot>("Watch", "sample");
        var before = snapshot.Stations.Single(s => s.StationId == "sample-10").Counts.GetValueOrDefault("water");

        // 60 taps, one every 25 ms: a change in nearly every batch interval, as at a busy lunch hour.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 60; i++)
        {
            using var response = await app.Http.PostEvent("sample-10", new { id = Guid.NewGuid(), service = "water" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var next = TimeSpan.FromMilliseconds(25 * (i + 1)) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }
        var water = before;
        var batches = 0;
        while (water < before + 60)
        {
            var changes = await NextWith(received, "sample-10");
            water = changes.Stations.Single(s => s.StationId == "sample-10").Counts["water"];
            batches++;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Assert.Equal(before + 60, water);
        // The network grain sends a wall at most one batch per 100 ms interval, whatever the rate of taps.
        Assert.True(batches <= seconds * 10 + 2, $"{batches} batches in {seconds:0.00} s: more than ten a second");
        Assert.True(batches > 1, "the taps should reach the wall as they come, not in one batch at the end");
    }

    [Fact]
    public async Task A_quiet_network_sends_its_last_batch_again_so_a_screen_that_missed_it_catches_up()
    {
        var received = Channel.CreateUnbounded<LiveChanges>();
        await using var connection = Connect(received);
        await connection.StartAsync();
        await connection.InvokeAsync<LiveSnapshot>("Watch", "sample");
        using var posted = await app.Http.PostEvent("sample-13", new { id = Guid.NewGuid(), service = "meal" });

        var first = await NextWith(received, "sample-13");
        var again = await NextWith(received, "sample-13");

        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Stations.Single(s => s.StationId == "sample-13").Counts, again.Stations.Single(s => s.StationId == "sample-13").Counts);
    }

    [Fact]
    public async Task A_batch_says_when_its_first_change_came_so_push_latency_is_measured_from_the_tap()
    {
        // A network of its own, so its first tap is the test's.
        using (var network = await app.Http.PostAsJsonAsync("/api/admin/networks", new { id = "push-clock", name = "推送时钟", nameEn = "Push clock" }))
        {
            Assert.Equal(HttpStatusCode.Created, network.StatusCode);
        }
        using (var station = await app.Http.PostAsJsonAsync("/api/admin/networks/push-clock/stations", new
        {
            id = "push-clock-1", name = "推送时钟驿站", township = "测试街道", services = new[] { "visit" },
            openingHours = new { opens = "00:00", closes = "24:00" }, seats = 2,
        }))
        {
            Assert.Equal(HttpStatusCode.Created, station.StatusCode);
        }
        var received = Channel.CreateUnbounded<LiveChanges>();
        await using var connection = Connect(received, (await StationNet.Tests.Sessions.NewScreenLink(app.Http, "push-clock")).Token);
        await connection.StartAsync();
        await connection.InvokeAsync<LiveSnapshot>("Watch", "push-clock");

        // A second station: its status goes into the next batch, with the tap; a change that is not a tap.
        using (var station = await app.Http.PostAsJsonAsync("/api/admin/networks/push-clock/stations", new
        {
            id = "push-clock-2", name = "推送时钟二站", township = "测试街道", services = new[] { "visit" },
            openingHours = new { opens = "00:00", closes = "24:00" }, seats = 2,
        }))
        {
            Assert.Equal(HttpStatusCode.Created, station.StatusCode);
        }

        var tapped = app.Clock.GetUtcNow(); // the app's clock, set to midday
        using var posted = await app.Http.PostEvent("push-clock-1", new { id = Guid.NewGuid(), service = "visit" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        LiveChanges changes;
        do
        {
            changes = await NextWith(received, "push-clock-1");
        }
        while (changes.Stations.Single(s => s.StationId == "push-clock-1").Counts.GetValueOrDefault("visit") < 1);

        // The metric stationnet.push.latency is now minus this time: before the fix the first batch of a network carried
        // no time of its own (year 1), and the histogram's mean said two thousand years.
        Assert.NotNull(changes.ChangedAt);
        Assert.InRange(changes.ChangedAt!.Value, tapped.AddSeconds(-1), app.Clock.GetUtcNow().AddSeconds(1));
    }

    private static async Task<LiveChanges> NextWith(Channel<LiveChanges> received, string stationId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var changes = await received.Reader.ReadAsync(timeout.Token);
            if (changes.Stations.Any(s => s.StationId == stationId))
            {
                return changes;
            }
        }
    }
}
