using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// Supply movements and linked taps across a kill -9: every acknowledged movement and tap is in the journal once,
/// a tablet's resend after no answer is counted at most once, and the stock is the seed plus what was acknowledged.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Reliability")]
public class SupplyCrashTests(PostgresServer pg, Xunit.Abstractions.ITestOutputHelper output)
{
    private sealed record Sent(string Station, bool Tap, int Quantity);

    [Fact]
    public async Task After_a_kill_9_every_acknowledged_movement_and_tap_moved_stock_once()
    {
        var db = await pg.CreateDatabase("supply_crash");
        var ports = SiloProcess.FreePorts();
        string[] stations = ["sample-01", "sample-02", "sample-03", "sample-04"];
        var (load, tokens) = await KilledUnderLoad<Sent>.Run(db, ports, stations, clients: 4, before: 120,
            random => new Sent(stations[random.Next(stations.Length)], random.Next(2) == 0, random.Next(1, 4)),
            (address, tokens, id, record) => Send(address, tokens[record.Station], id, record));
        var (acknowledged, unanswered) = (load.Acknowledged, load.Unanswered);
        output.WriteLine($"{acknowledged.Count} acknowledged before the kill, {unanswered.Count} without an answer");

        await using var restarted = await SiloProcess.Start(db, ports.Http, ports.Silo, ports.Gateway);
        foreach (var (id, sent) in unanswered)
        {
            using var r = await Send(restarted.BaseAddress, tokens[sent.Station], id, sent);
            Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"resend got {(int)r.StatusCode}");
            acknowledged[id] = sent;
        }
        var again = acknowledged.First(a => !a.Value.Tap);
        using (var dup = await Send(restarted.BaseAddress, tokens[again.Value.Station], again.Key, again.Value))
        {
            Assert.Equal(HttpStatusCode.OK, dup.StatusCode);
        }

        foreach (var (id, sent) in acknowledged)
        {
            Assert.Equal(1L, await Sql.Scalar<long>(db, $"SELECT count(*) FROM stationnet_supply_movements WHERE id = '{id}' AND source = {(sent.Tap ? 1 : 0)}"));
        }
        Assert.Equal((long)acknowledged.Count(a => a.Value.Tap), await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_supply_movements WHERE source = 1"));
        foreach (var station in stations)
        {
            var seed = await Sql.Scalar<long>(db, $"SELECT COALESCE(sum(quantity), 0) FROM stationnet_supply_movements WHERE station_id = '{station}' AND item = 'sample-water' AND device = 'sample'");
            var mine = acknowledged.Values.Where(s => s.Station == station).Sum(s => s.Tap ? -s.Quantity : s.Quantity);
            Assert.Equal(seed + mine, await Sql.Scalar<long>(db, $"SELECT on_hand FROM stationnet_supply_stock WHERE station_id = '{station}' AND item = 'sample-water'"));
        }
    }

    /// <summary>A delivery of bottled water, or a water tap (linked to it in the sample catalog).</summary>
    private static async Task<HttpResponseMessage> Send(Uri baseAddress, string token, Guid id, Sent sent)
    {
        using var http = Sessions.WithToken(baseAddress, token);
        http.Timeout = TimeSpan.FromSeconds(5);
        return sent.Tap
            ? await http.PostEvent(sent.Station, new { id, service = "water", quantity = sent.Quantity })
            : await http.PostAsJsonAsync($"/api/stations/{sent.Station}/supplies/movements", new { id, item = "sample-water", kind = "received", quantity = sent.Quantity });
    }
}
