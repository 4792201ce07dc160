using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Reliability")]
public class CrashTests(PostgresServer pg, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task After_a_kill_9_while_clients_post_every_acknowledged_event_is_journaled_and_counted_once()
    {
        var db = await pg.CreateDatabase("crash");
        var ports = SiloProcess.FreePorts();
        var stations = Enumerable.Range(1, 18).Select(i => $"sample-{i:00}").ToArray();
        var acknowledged = new ConcurrentDictionary<Guid, (string Station, int Quantity)>();
        var unanswered = new ConcurrentDictionary<Guid, (string Station, int Quantity)>();

        var tokens = new Dictionary<string, string>();
        await using (var silo = await SiloProcess.Start(db, ports.Http, ports.Silo, ports.Gateway))
        {
            // Sample data is seeded in the background of the start; wait for it, then pair a tablet per station.
            using var admin = await Sessions.SignIn(silo.BaseAddress, "admin", Sessions.AdminPassword);
            await Poll.SampleSeeded(admin);
            foreach (var station in stations)
            {
                tokens[station] = await Sessions.PairTablet(admin, station);
            }
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
            {
                using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
                var random = new Random(c);
                while (!stop.IsCancellationRequested)
                {
                    var id = Guid.NewGuid();
                    var e = (Station: stations[random.Next(stations.Length)], Quantity: random.Next(1, 4));
                    try
                    {
                        using var r = await http.PostEvent(e.Station, new { id, service = "visit", quantity = e.Quantity }, tokens[e.Station]);
                        (r.IsSuccessStatusCode ? acknowledged : unanswered)[id] = e;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        unanswered[id] = e;
                        await Task.Delay(50);
                    }
                }
            })).ToArray();

            await Poll.Until(() => acknowledged.Count >= 150, "150 events acknowledged");
            silo.Kill();
            await Task.Delay(500);
            stop.Cancel();
            await Task.WhenAll(clients);
        }
        Assert.True(acknowledged.Count >= 150);
        output.WriteLine($"{acknowledged.Count} acknowledged before the kill, {unanswered.Count} without an answer");

        await using var restarted = await SiloProcess.Start(db, ports.Http, ports.Silo, ports.Gateway);
        using var client = await Sessions.SignIn(restarted.BaseAddress, "admin", Sessions.AdminPassword);
        // A tablet resends what got no answer, with the same id; some of those had committed before the kill.
        foreach (var (id, e) in unanswered)
        {
            using var r = await client.PostEvent(e.Station, new { id, service = "visit", quantity = e.Quantity }, tokens[e.Station]);
            Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"resend got {(int)r.StatusCode}");
            acknowledged[id] = e;
        }
        // A resend of something already acknowledged is a duplicate, never a second count.
        var again = acknowledged.First();
        using (var dup = await client.PostEvent(again.Value.Station, new { id = again.Key, service = "visit", quantity = again.Value.Quantity }, tokens[again.Value.Station]))
        {
            Assert.Equal(HttpStatusCode.OK, dup.StatusCode);
        }

        var journal = await Sql.JournalRows(db);
        Assert.Equal(acknowledged.Count, journal.Count);
        Assert.All(acknowledged.Keys, id => Assert.Equal(1, journal.GetValueOrDefault(id)));
        foreach (var station in stations)
        {
            var expected = acknowledged.Values.Where(e => e.Station == station).Sum(e => e.Quantity);
            var counts = await DurabilityTests.Counts(client, station);
            Assert.Equal(expected, counts.GetValueOrDefault("visit"));
        }
    }
}
