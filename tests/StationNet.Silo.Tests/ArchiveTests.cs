using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StationNet.Grains.Catalog;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// A network with history goes out of one installation as an archive and into another; every report of
/// the second then equals the first's. Importing again changes nothing; a changed or broken archive is refused.
/// </summary>
[Collection(PostgresCollection.Name)]
public partial class ArchiveTests(PostgresServer pg)
{
    private const string Network = "archcity";
    private static readonly string[] Stations = ["arch-east", "arch-west", "arch-north"];

    [Fact]
    public async Task A_network_with_history_moves_from_the_embedded_default_to_postgresql_with_every_report_equal()
    {
        await using var source = new StationNetApp();
        await source.InitializeAsync();
        await MakeHistory(source);
        var archive = await Export(source);

        await using var target = new StationNetApp(await pg.CreateDatabase("archive_target"));
        await target.InitializeAsync();
        // Padded past the 64 KiB every other request is held to: the import's own limit lets it in, and a part it does not know is left alone.
        var padded = Rewrite(archive, "notes/padding.bin", null, Convert.ToBase64String(RandomNumberGenerator.GetBytes(200 * 1024)));
        Assert.True(padded.Length > 128 * 1024);
        using (var imported = await Import(target, padded))
        {
            Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
            var summary = JsonNode.Parse(await imported.Content.ReadAsStringAsync())!;
            Assert.Equal(3, (int)summary["stations"]!);
            Assert.Equal((long)summary["events"]!, (long)summary["eventsAdded"]!);
            Assert.Equal(3, (int)summary["openingsAdded"]!);
        }
        await AssertSameReports(source, target);

        // Importing the same archive again changes nothing.
        var rows = await Sql.Scalar<long>(pg.ConnectionString("archive_target"), "SELECT count(*) FROM stationnet_journal");
        using (var again = await Import(target, archive))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(0, (int)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["eventsAdded"]!);
        }
        Assert.Equal(rows, await Sql.Scalar<long>(pg.ConnectionString("archive_target"), "SELECT count(*) FROM stationnet_journal"));

        // The same network with one event changed is a conflict, and the network stays as it was.
        var changed = Rewrite(archive, "journal/events.jsonl", text => QuantityPattern().Replace(text, "\"quantity\":49", 1));
        using (var conflict = await Import(target, changed))
        {
            await Problem.Assert4xx(conflict, HttpStatusCode.Conflict);
        }
        await AssertSameReports(source, target);

        // What the target exports is what the source exported: the same rows, field for field.
        var back = await Export(target);
        foreach (var part in new[] { "network.json", "stations.jsonl", "targets.jsonl", "journal/events.jsonl", "journal/voids.jsonl", "journal/openings.jsonl" })
        {
            Assert.Equal(Lines(archive, part), Lines(back, part));
        }
    }

    [Fact]
    public async Task A_broken_or_foreign_archive_is_refused_with_400_naming_the_problem_and_nothing_is_imported()
    {
        await using var app = new StationNetApp();
        await app.InitializeAsync();
        await MakeHistory(app);
        var archive = await Export(app);
        await using var target = new StationNetApp();
        await target.InitializeAsync();

        var cases = new (string What, byte[] Body, string Says)[]
        {
            ("not a zip", Encoding.UTF8.GetBytes("{\"networkId\":\"x\"}"), "not a zip"),
            ("empty", [], "not a zip"),
            ("a truncated zip", archive[..(archive.Length / 2)], "not a zip"),
            ("no manifest", Rewrite(archive, "manifest.json", null), "manifest.json is missing"),
            ("a newer format", Rewrite(archive, "manifest.json", t => t.Replace($"\"formatVersion\":{StationNet.Web.Archive.ArchiveFormat.Version}", "\"formatVersion\":99")), "format version 99"),
            ("a bad event line", Rewrite(archive, "journal/events.jsonl", t => t.Replace("\"quantity\":", "\"quantity\":\"many\",\"x\":")), "line 1"),
            ("a quantity out of range", Rewrite(archive, "journal/events.jsonl", t => QuantityPattern().Replace(t, "\"quantity\":500", 1)), "quantity outside"),
            ("an unknown station", Rewrite(archive, "journal/events.jsonl", t => t.Replace("\"stationId\":\"arch-east\"", "\"stationId\":\"elsewhere\"")), "one of its stations"),
            ("a void of no event", Rewrite(archive, "journal/voids.jsonl", t => GuidPattern().Replace(t, Guid.NewGuid().ToString(), 1)), "voids.jsonl line 1"),
        };
        foreach (var (what, body, says) in cases)
        {
            using var response = await Import(target, body);
            await Problem.Assert4xx(response, HttpStatusCode.BadRequest);
            Assert.True((await response.Content.ReadAsStringAsync()).Contains(says, StringComparison.Ordinal), $"{what}: {await response.Content.ReadAsStringAsync()}");
        }
        using var none = await target.Http.GetAsync($"/api/networks/{Network}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    /// <summary>A network, its stations and targets, and two days of events and voids from an administrator and a tablet.</summary>
    private static async Task MakeHistory(StationNetApp app)
    {
        (await app.Http.PostAsJsonAsync("/api/admin/networks", new { id = Network, name = "归档市", nameEn = "Archive City", timeZone = "Asia/Shanghai" })).EnsureSuccessStatusCode();
        foreach (var station in Stations)
        {
            (await app.Http.PostAsJsonAsync($"/api/admin/networks/{Network}/stations", new
            {
                id = station, name = $"驿站 {station}", township = "东城", services = new[] { "visit", "water", "meal" },
                openingHours = new { opens = "08:00", closes = "20:00" }, seats = 6,
            })).EnsureSuccessStatusCode();
        }
        var year = LocalDay.Of(app.Clock.GetUtcNow(), LocalDay.Zone(null)).Year;
        (await app.Http.PutAsJsonAsync($"/api/admin/networks/{Network}/targets/{year}", new[]
        {
            new { stationId = "arch-east", service = "visit", count = 1000 }, new { stationId = "arch-west", service = "meal", count = 300 },
        })).EnsureSuccessStatusCode();
        using var tablet = await app.Tablet("arch-west");
        var random = new Random(24);
        var now = app.Clock.GetUtcNow();
        var today = new List<(Guid Id, string Station)>();
        for (var i = 0; i < 80; i++)
        {
            var station = Stations[random.Next(Stations.Length)];
            var at = now.AddMinutes(-random.Next(0, 47 * 60));
            var id = Guid.NewGuid();
            var http = station == "arch-west" ? tablet : app.Http;
            using var r = await http.PostEvent(station, new
            {
                id, service = new[] { "visit", "water", "meal" }[random.Next(3)], quantity = random.Next(1, 6), occurredAt = at,
                attendant = i % 3 == 0 ? "王师傅" : null, workerGroup = i % 2 == 0 ? "courier" : null,
            });
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
            if (LocalDay.Of(at, LocalDay.Zone(null)) == LocalDay.Of(now, LocalDay.Zone(null)))
            {
                today.Add((id, station));
            }
        }
        foreach (var (id, station) in today.Where((_, i) => i % 5 == 0))
        {
            (await app.Http.DeleteAsync($"/api/stations/{station}/events/{id}")).EnsureSuccessStatusCode();
        }
        // Opening records: a station opened and closed by an administrator, one opened by its tablet.
        (await app.Http.PostAsync("/api/stations/arch-east/open", null)).EnsureSuccessStatusCode();
        (await app.Http.PostAsync("/api/stations/arch-east/close", null)).EnsureSuccessStatusCode();
        (await tablet.PostAsync("/api/stations/arch-west/open", null)).EnsureSuccessStatusCode();
    }

    private static async Task AssertSameReports(StationNetApp source, StationNetApp target)
    {
        var today = LocalDay.Of(source.Clock.GetUtcNow(), LocalDay.Zone(null));
        var range = $"networkId={Network}&from={today.AddDays(-2):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var reports = new[]
        {
            $"/api/reports/daily?{range}", $"/api/reports/summary?{range}", $"/api/reports/compliance?{range}",
            $"/api/reports/yearly?networkId={Network}&year={today.Year}", $"/api/reports/targets?networkId={Network}&year={today.Year}",
            $"/api/reports/hourly?networkId={Network}&day={today:yyyy-MM-dd}", $"/api/reports/hourly?networkId={Network}&day={today.AddDays(-1):yyyy-MM-dd}",
            $"/api/reports/audit?{range}&limit=1000", $"/api/reports/summary?{range}&format=csv", $"/api/networks/{Network}",
        };
        foreach (var report in reports)
        {
            Assert.Equal(Canonical(await source.Http.GetStringAsync(report)), Canonical(await target.Http.GetStringAsync(report)));
        }
        // The live picture starts from the imported journal: today's counts per station and in total.
        var before = await source.Http.GetNode($"/api/networks/{Network}/live");
        var after = await target.Http.GetNode($"/api/networks/{Network}/live");
        Assert.Equal(Canonical(before["totals"]!.ToJsonString()), Canonical(after["totals"]!.ToJsonString()));
        Assert.Equal(Counts(before), Counts(after));
        foreach (var station in Stations)
        {
            Assert.Equal(Canonical((await source.Http.GetNode($"/api/stations/{station}"))["counts"]!.ToJsonString()),
                Canonical((await target.Http.GetNode($"/api/stations/{station}"))["counts"]!.ToJsonString()));
        }
    }

    /// <summary>The same JSON whatever order an object's keys come in (the two journals list services in different orders).</summary>
    private static string Canonical(string text)
    {
        if (!text.StartsWith('{') && !text.StartsWith('['))
        {
            return Micro(text);
        }
        static JsonNode? Sort(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
            JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
            _ => node?.DeepClone(),
        };
        return Micro(Sort(JsonNode.Parse(text))!.ToJsonString());
    }

    private static string Counts(JsonNode live) =>
        string.Join(";", live["stations"]!.AsArray().Select(s => $"{s!["stationId"]}={Canonical(s["counts"]!.ToJsonString())}"));

    /// <summary>PostgreSQL keeps times to the microsecond; the embedded journal to the tenth of one.</summary>
    private static string Micro(string json) => FractionPattern().Replace(json, m => m.Value[..Math.Min(m.Value.Length, 7)].TrimEnd('0').TrimEnd('.'));

    private static async Task<byte[]> Export(StationNetApp app)
    {
        using var response = await app.Http.GetAsync($"/api/admin/export?networkId={Network}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static Task<HttpResponseMessage> Import(StationNetApp app, byte[] archive)
    {
        var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return app.Http.PostAsync("/api/admin/import", content);
    }

    private static List<string> Lines(byte[] archive, string part)
    {
        using var zip = new ZipArchive(new MemoryStream(archive));
        using var reader = new StreamReader(zip.GetEntry(part)!.Open());
        return reader.ReadToEnd().Split('\n').Select(Micro).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The archive with one part changed by <paramref name="change"/>, or left out when it is null.</summary>
    private static byte[] Rewrite(byte[] archive, string part, Func<string, string>? change, string? extra = null)
    {
        using var input = new ZipArchive(new MemoryStream(archive));
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                if (entry.FullName == part)
                {
                    if (change is null)
                    {
                        continue;
                    }
                    text = change(text);
                }
                using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open());
                writer.Write(text);
            }
            if (extra is not null)
            {
                using var writer = new StreamWriter(zip.CreateEntry(part, CompressionLevel.NoCompression).Open());
                writer.Write(extra);
            }
        }
        return output.ToArray();
    }

    [GeneratedRegex("\"quantity\":\\d+")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"(?<=:\d\d)\.\d+")]
    private static partial Regex FractionPattern();
}
