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
        var (load, tokens) = await KilledUnderLoad<(string Station, int Quantity)>.Run(db, ports, stations, clients: 8, before: 150,
            random => (stations[random.Next(stations.Length)], random.Next(1, 4)),
            async (address, tokens, id, e) =>
            {
                using var http = Sessions.WithToken(address, tokens[e.Station]);
                http.Timeout = TimeSpan.FromSeconds(5);
                return await http.PostEvent(e.Station, new { id, service = "visit", quantity = e.Quantity });
            });
        var (acknowledged, unanswered) = (load.Acknowledged, load.Unanswered);
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
