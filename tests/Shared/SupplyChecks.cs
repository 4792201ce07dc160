using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StationNet.Web.Tests;

namespace StationNet.Tests;

/// <summary>
/// Supplies through the API, the same on either backend: a catalog, movements once per id, linked taps and their
/// voids moving stock, batches consumed first-expiring first, stock below zero flagged, and a report whose
/// columns add up over random movement sequences.
/// </summary>
public static class SupplyChecks
{
    /// <summary>Water bottles are linked to the water tap; first-aid kits expire; packs are linked to giveaway.</summary>
    public static readonly object[] Catalog =
    [
        new { id = "t-water", name = "瓶装水", nameEn = "Bottled water", unit = "瓶", unitEn = "bottles", expires = true, lowAt = 20, service = "water" },
        new { id = "t-firstaid", name = "急救包", nameEn = "First-aid kit", unit = "个", expires = true, lowAt = 2 },
        new { id = "t-pack", name = "清凉包", nameEn = "Cooling pack", unit = "份", expires = false, lowAt = 5, service = "giveaway" },
    ];

    public static async Task SetCatalog(StationNetApp app)
    {
        using var put = await app.Http.PutAsJsonAsync("/api/admin/networks/sample/supplies", Catalog);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    public static async Task<JsonNode> Item(HttpClient http, string stationId, string item)
    {
        var stock = await http.GetNode($"/api/stations/{stationId}/supplies");
        return stock["items"]!.AsArray().Single(i => (string)i!["item"]! == item)!;
    }

    public static async Task<int> OnHand(HttpClient http, string stationId, string item) => (int)(await Item(http, stationId, item))["onHand"]!;

    public static Task<HttpResponseMessage> Move(HttpClient http, string stationId, object body) =>
        http.PostAsJsonAsync($"/api/stations/{stationId}/supplies/movements", body);

    public static async Task MovementsCountOnceAndAConflictingResendIsRefused(StationNetApp app)
    {
        await SetCatalog(app);
        using var tablet = await app.Tablet("sample-03");
        var id = Guid.NewGuid();
        var delivery = new { id, item = "t-firstaid", kind = "received", quantity = 6, expiresOn = "2031-05-01" };

        using (var first = await Move(tablet, "sample-03", delivery))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal(6, (int)(await first.ReadNode())["level"]!["onHand"]!);
        }
        for (var i = 0; i < 3; i++)
        {
            using var again = await Move(tablet, "sample-03", delivery);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.True((bool)(await again.ReadNode())["duplicate"]!);
        }
        using (var changed = await Move(tablet, "sample-03", new { id, item = "t-firstaid", kind = "received", quantity = 7, expiresOn = "2031-05-01" }))
        {
            Assert.Contains("already used", await Problem.Assert4xx(changed, HttpStatusCode.Conflict));
        }
        using (var elsewhere = await Move(app.Http, "sample-04", delivery))
        {
            await Problem.Assert4xx(elsewhere, HttpStatusCode.Conflict);
        }
        Assert.Equal(6, await OnHand(tablet, "sample-03", "t-firstaid"));
        Assert.Equal(0, await OnHand(app.Http, "sample-04", "t-firstaid"));

        using (var otherStation = await Move(tablet, "sample-04", new { id = Guid.NewGuid(), item = "t-firstaid", kind = "received", quantity = 1 }))
        {
            await Problem.Assert4xx(otherStation, HttpStatusCode.Forbidden);
        }
        foreach (var (field, body) in new (string, object)[]
        {
            ("item", new { id = Guid.NewGuid(), item = "no-such", kind = "received", quantity = 1 }),
            ("kind", new { id = Guid.NewGuid(), item = "t-pack", kind = "stolen", quantity = 1 }),
            ("quantity", new { id = Guid.NewGuid(), item = "t-pack", kind = "received", quantity = 0 }),
            ("quantity", new { id = Guid.NewGuid(), item = "t-pack", kind = "received", quantity = 100_001 }),
            ("expiresOn", new { id = Guid.NewGuid(), item = "t-pack", kind = "discarded", quantity = 1, expiresOn = "2031-01-01" }),
            ("id", new { item = "t-pack", kind = "received", quantity = 1 }),
        })
        {
            using var refused = await Move(tablet, "sample-03", body);
            var detail = await Problem.Assert4xx(refused, HttpStatusCode.BadRequest);
            Assert.Contains(field, detail);
        }
    }

    /// <summary>A water tap takes its quantity of bottles; a resend takes nothing more; the void puts them back.</summary>
    public static async Task<Guid> LinkedTapsAndVoidsMoveStock(StationNetApp app)
    {
        await SetCatalog(app);
        using var tablet = await app.Tablet("sample-02");
        using (var delivery = await Move(tablet, "sample-02", new { id = Guid.NewGuid(), item = "t-water", kind = "received", quantity = 24, expiresOn = "2032-01-01" }))
        {
            Assert.Equal(HttpStatusCode.Created, delivery.StatusCode);
        }
        var tap = Guid.NewGuid();
        using (var posted = await tablet.PostEvent("sample-02", new { id = tap, service = "water", quantity = 3 }))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }
        using (var resent = await tablet.PostEvent("sample-02", new { id = tap, service = "water", quantity = 3 }))
        {
            Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        }
        using (var conflicting = await tablet.PostEvent("sample-02", new { id = tap, service = "water", quantity = 5 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflicting.StatusCode);
        }
        using (var visit = await tablet.PostEvent("sample-02", new { id = Guid.NewGuid(), service = "visit", quantity = 4 }))
        {
            Assert.Equal(HttpStatusCode.Created, visit.StatusCode); // not linked: takes nothing
        }
        Assert.Equal(21, await OnHand(tablet, "sample-02", "t-water"));

        using (var voided = await tablet.DeleteAsync($"/api/stations/sample-02/events/{tap}"))
        {
            Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        }
        using (var again = await tablet.DeleteAsync($"/api/stations/sample-02/events/{tap}"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        Assert.Equal(24, await OnHand(tablet, "sample-02", "t-water"));

        // Out of stock: the worker already has the water. Recorded, and shown below zero, never refused.
        var packTap = Guid.NewGuid();
        using (var pack = await tablet.PostEvent("sample-02", new { id = packTap, service = "giveaway", quantity = 2 }))
        {
            Assert.Equal(HttpStatusCode.Created, pack.StatusCode);
        }
        var packs = await Item(tablet, "sample-02", "t-pack");
        Assert.Equal(-2, (int)packs["onHand"]!);
        Assert.True((bool)packs["negative"]!);
        Assert.True((bool)packs["low"]!);
        return packTap;
    }

    /// <summary>
    /// A discard of 9999 with one kit on the shelf (the demo's mistake) is undone: the stock, the batches and today's
    /// report are as before it, a second undo changes nothing, and the journal keeps both rows. A count and a delivery
    /// are undone the same way; another station's movement, or an unknown one, is 404.
    /// </summary>
    public static async Task AMovementIsUndoneOnceAndEverySumTakesItBack(StationNetApp app)
    {
        await SetCatalog(app);
        using var tablet = await app.Tablet("sample-05");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Grains.Catalog.LocalDay.Zone(null)).DateTime);
        var expires = today.AddDays(10).ToString("yyyy-MM-dd");
        using (var one = await Move(tablet, "sample-05", new { id = Guid.NewGuid(), item = "t-firstaid", kind = "received", quantity = 1, expiresOn = expires }))
        {
            Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        }
        async Task<JsonNode> Report() => (await app.Http.GetNode($"/api/reports/supplies?networkId=sample&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}"))
            .AsArray().Single(r => (string)r!["stationId"]! == "sample-05" && (string)r["item"]! == "t-firstaid")!;
        var before = (await Report()).ToJsonString();

        var discard = Guid.NewGuid();
        using (var wrong = await Move(tablet, "sample-05", new { id = discard, item = "t-firstaid", kind = "discarded", quantity = 9999 }))
        {
            Assert.Equal(-9998, (int)(await wrong.ReadNode())["level"]!["onHand"]!);
        }
        using (var undo = await tablet.DeleteAsync($"/api/stations/sample-05/supplies/movements/{discard}"))
        {
            Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
            var reply = await undo.ReadNode();
            Assert.True((bool)reply["voided"]!);
            Assert.False((bool)reply["alreadyVoided"]!);
            Assert.Equal(1, (int)reply["level"]!["onHand"]!);
        }
        using (var again = await tablet.DeleteAsync($"/api/stations/sample-05/supplies/movements/{discard}"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.True((bool)(await again.ReadNode())["alreadyVoided"]!);
        }
        using (var resent = await Move(tablet, "sample-05", new { id = discard, item = "t-firstaid", kind = "discarded", quantity = 9999 }))
        {
            Assert.Equal(HttpStatusCode.OK, resent.StatusCode); // a late resend of the undone movement is a duplicate: it stays undone
        }
        var kit = await Item(tablet, "sample-05", "t-firstaid");
        Assert.Equal(1, (int)kit["onHand"]!);
        Assert.False((bool)kit["negative"]!);
        Assert.Equal(before, (await Report()).ToJsonString());

        // A count and a delivery with its batch, each undone.
        var count = Guid.NewGuid();
        using (await Move(tablet, "sample-05", new { id = count, item = "t-firstaid", kind = "counted", quantity = 7 }))
        {
        }
        var delivery = Guid.NewGuid();
        var later = today.AddDays(20).ToString("yyyy-MM-dd");
        using (await Move(tablet, "sample-05", new { id = delivery, item = "t-firstaid", kind = "received", quantity = 4, expiresOn = later }))
        {
        }
        Assert.Equal(11, await OnHand(tablet, "sample-05", "t-firstaid"));
        using (await tablet.DeleteAsync($"/api/stations/sample-05/supplies/movements/{delivery}"))
        {
        }
        using (await tablet.DeleteAsync($"/api/stations/sample-05/supplies/movements/{count}"))
        {
        }
        kit = await Item(tablet, "sample-05", "t-firstaid");
        Assert.Equal(1, (int)kit["onHand"]!);
        Assert.Equal([expires], kit["expiring"]!.AsArray().Select(b => (string)b!["expiresOn"]!).ToArray());
        Assert.Equal(before, (await Report()).ToJsonString());

        using (var elsewhere = await app.Http.DeleteAsync($"/api/stations/sample-04/supplies/movements/{discard}"))
        {
            await Problem.Assert4xx(elsewhere, HttpStatusCode.NotFound);
        }
        using (var unknown = await tablet.DeleteAsync($"/api/stations/sample-05/supplies/movements/{Guid.NewGuid()}"))
        {
            await Problem.Assert4xx(unknown, HttpStatusCode.NotFound);
        }
    }

    /// <summary>Batches leave first-expiring first, and the expiring list is in that order; expired units are counted as such.</summary>
    public static async Task BatchesExpireFirstExpiringFirst(StationNetApp app)
    {
        await SetCatalog(app);
        using var tablet = await app.Tablet("sample-06");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Grains.Catalog.LocalDay.Zone(null)).DateTime);
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd");
        foreach (var (quantity, days) in new[] { (5, 20), (4, 3), (10, 200), (3, -2) })
        {
            using var received = await Move(tablet, "sample-06", new { id = Guid.NewGuid(), item = "t-firstaid", kind = "received", quantity, expiresOn = Day(days) });
            Assert.Equal(HttpStatusCode.Created, received.StatusCode);
        }
        var kit = await Item(tablet, "sample-06", "t-firstaid");
        Assert.Equal(22, (int)kit["onHand"]!);
        Assert.Equal([Day(-2), Day(3), Day(20)], kit["expiring"]!.AsArray().Select(b => (string)b!["expiresOn"]!).ToArray());
        Assert.Equal(3, (int)kit["expired"]!);

        // The expired three are discarded; two kits handed out come from the batch expiring in 3 days.
        using (var discarded = await Move(tablet, "sample-06", new { id = Guid.NewGuid(), item = "t-firstaid", kind = "discarded", quantity = 3 }))
        {
            Assert.Equal(HttpStatusCode.Created, discarded.StatusCode);
        }
        using (var handed = await Move(tablet, "sample-06", new { id = Guid.NewGuid(), item = "t-firstaid", kind = "handed-out", quantity = 2 }))
        {
            Assert.Equal(HttpStatusCode.Created, handed.StatusCode);
        }
        kit = await Item(tablet, "sample-06", "t-firstaid");
        Assert.Equal(17, (int)kit["onHand"]!);
        Assert.Equal(0, (int)kit["expired"]!);
        Assert.Equal(new[] { (Day(3), 2), (Day(20), 5) },
            kit["expiring"]!.AsArray().Select(b => ((string)b!["expiresOn"]!, (int)b["quantity"]!)).ToArray());

        // A count sets the level; fewer than expected means units gone, the earliest first.
        using (var counted = await Move(tablet, "sample-06", new { id = Guid.NewGuid(), item = "t-firstaid", kind = "counted", quantity = 14 }))
        {
            Assert.Equal(HttpStatusCode.Created, counted.StatusCode);
        }
        kit = await Item(tablet, "sample-06", "t-firstaid");
        Assert.Equal(14, (int)kit["onHand"]!);
        Assert.Equal(new[] { (Day(20), 4) }, kit["expiring"]!.AsArray().Select(b => ((string)b!["expiresOn"]!, (int)b["quantity"]!)).ToArray());

        var warnings = (await app.Http.GetNode("/api/networks/sample/supplies/warnings")).AsArray();
        Assert.Contains(warnings, w => (string)w!["stationId"]! == "sample-06" && (string)w["item"]! == "t-firstaid" && w["expiring"]!.AsArray().Count == 1);
    }

    /// <summary>
    /// Random movements, taps, voids and resends over several days at two stations, against a model kept here:
    /// for every range of days the report's opening + received − handed out − discarded + adjusted is its closing,
    /// each column is what was sent, the closing of one range is the next one's opening, and today's closing is the stock.
    /// </summary>
    public static async Task ReportAddsUpForRandomMovements(StationNetApp app, int seed, int days = 3, int perDay = 12)
    {
        await SetCatalog(app);
        var random = new Random(seed);
        string[] stations = ["sample-08", "sample-12"];
        var tablets = new Dictionary<string, HttpClient>();
        foreach (var s in stations)
        {
            tablets[s] = await app.Tablet(s);
        }
        string[] items = ["t-water", "t-firstaid", "t-pack"];
        var zone = Grains.Catalog.LocalDay.Zone(null);
        var model = new Dictionary<(string Station, string Item), int>();
        var daily = new Dictionary<(DateOnly Day, string Station, string Item), int[]>(); // received, handed out, discarded, adjusted
        var sent = new List<(string Station, object Body)>();
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), zone).DateTime);
        foreach (var s in stations)
        {
            foreach (var i in items)
            {
                model[(s, i)] = await OnHand(app.Http, s, i); // earlier checks may have stocked these stations
            }
        }
        var startStock = new Dictionary<(string, string), int>(model);
        for (var d = 0; d < days; d++)
        {
            var day = firstDay.AddDays(d);
            var taps = new List<(string Station, Guid Id, string Item, int Quantity)>();
            for (var n = 0; n < perDay; n++)
            {
                var station = stations[random.Next(stations.Length)];
                var tablet = tablets[station];
                var item = items[random.Next(items.Length)];
                var cells = daily.TryGetValue((day, station, item), out var c) ? c : daily[(day, station, item)] = new int[4];
                var roll = random.Next(100);
                if (roll < 15 && sent.Count > 0)
                {
                    var (again, body) = sent[random.Next(sent.Count)];
                    using var resent = await Move(tablets[again], again, body);
                    Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
                    continue;
                }
                if (roll < 30 && item != "t-firstaid")
                {
                    var quantity = random.Next(1, 4);
                    var id = Guid.NewGuid();
                    using var tap = await tablet.PostEvent(station, new { id, service = item == "t-water" ? "water" : "giveaway", quantity });
                    Assert.Equal(HttpStatusCode.Created, tap.StatusCode);
                    taps.Add((station, id, item, quantity));
                    model[(station, item)] -= quantity;
                    cells[1] += quantity;
                    continue;
                }
                if (roll < 38 && taps.Count > 0)
                {
                    var voided = taps[random.Next(taps.Count)];
                    taps.Remove(voided);
                    using var response = await tablets[voided.Station].DeleteAsync($"/api/stations/{voided.Station}/events/{voided.Id}");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    model[(voided.Station, voided.Item)] += voided.Quantity;
                    daily[(day, voided.Station, voided.Item)][1] -= voided.Quantity;
                    continue;
                }
                var (kind, amount) = roll switch
                {
                    < 60 => ("received", random.Next(1, 30)),
                    < 78 => ("handed-out", random.Next(1, 12)),
                    < 90 => ("discarded", random.Next(1, 5)),
                    _ => ("counted", random.Next(0, 25)),
                };
                object movement = kind == "received" && random.Next(2) == 0
                    ? new { id = Guid.NewGuid(), item, kind, quantity = amount, expiresOn = day.AddDays(random.Next(-5, 90)).ToString("yyyy-MM-dd") }
                    : new { id = Guid.NewGuid(), item, kind, quantity = amount };
                using (var moved = await Move(tablet, station, movement))
                {
                    Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
                }
                sent.Add((station, movement));
                var before = model[(station, item)];
                model[(station, item)] = kind switch
                {
                    "received" => before + amount,
                    "counted" => amount,
                    _ => before - amount,
                };
                cells[kind switch { "received" => 0, "handed-out" => 1, "discarded" => 2, _ => 3 }] += kind == "counted" ? amount - before : amount;
            }
            app.Clock.Advance(TimeSpan.FromDays(1));
        }
        app.Clock.Advance(TimeSpan.FromDays(-days));

        foreach (var s in stations)
        {
            foreach (var i in items)
            {
                Assert.Equal(model[(s, i)], await OnHand(app.Http, s, i));
            }
        }
        for (var from = 0; from < days; from++)
        {
            for (var to = from; to < days; to++)
            {
                var report = (await app.Http.GetNode($"/api/reports/supplies?networkId=sample&from={firstDay.AddDays(from):yyyy-MM-dd}&to={firstDay.AddDays(to):yyyy-MM-dd}")).AsArray();
                foreach (var s in stations)
                {
                    foreach (var i in items)
                    {
                        var row = report.Single(r => (string)r!["stationId"]! == s && (string)r["item"]! == i)!;
                        int Col(string name) => (int)row[name]!;
                        int Sum(int column, int a, int b) => Enumerable.Range(a, b - a + 1).Sum(x => daily.TryGetValue((firstDay.AddDays(x), s, i), out var cells) ? cells[column] : 0);
                        var opening = startStock[(s, i)] + Enumerable.Range(0, from).Sum(x => daily.TryGetValue((firstDay.AddDays(x), s, i), out var cells) ? cells[0] - cells[1] - cells[2] + cells[3] : 0);
                        var what = $"{s} {i} days {from}–{to} (seed {seed})";
                        Assert.True(opening == Col("opening"), $"opening of {what}");
                        Assert.True(Sum(0, from, to) == Col("received"), $"received of {what}");
                        Assert.True(Sum(1, from, to) == Col("handedOut"), $"handed out of {what}");
                        Assert.True(Sum(2, from, to) == Col("discarded"), $"discarded of {what}");
                        Assert.True(Sum(3, from, to) == Col("adjusted"), $"adjusted of {what}");
                        Assert.True(Col("opening") + Col("received") - Col("handedOut") - Col("discarded") + Col("adjusted") == Col("closing"), $"closing of {what}");
                        if (to == days - 1)
                        {
                            Assert.True(model[(s, i)] == Col("closing"), $"closing against the stock, {what}");
                        }
                    }
                }
            }
        }
        foreach (var t in tablets.Values)
        {
            t.Dispose();
        }
    }
}
