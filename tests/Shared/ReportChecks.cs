using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using MiniExcelLibs;
using StationNet.Grains.Catalog;

namespace StationNet.Tests;

/// <summary>
/// Random events across days, the local-midnight edge and voids, sent through the API; then every report
/// and export must equal what those events add up to, day by local day in the network's zone.
/// </summary>
public static class ReportChecks
{
    private static readonly string[] Stations = ["sample-01", "sample-03", "sample-05", "sample-07", "sample-09", "sample-11"];
    private static readonly string[] Services = ["visit", "water", "meal", "charging"];

    public static async Task ReportsEqualTheJournal(StationNetApp app, int seed)
    {
        var zone = LocalDay.Zone(LocalDay.DefaultTimeZone);
        var now = app.Clock.GetUtcNow();
        var today = LocalDay.Of(now, zone);
        var midnight = LocalDay.End(today.AddDays(-1), zone);
        var random = new Random(seed);
        var events = new List<(Guid Id, string Station, string Service, int Quantity, DateTimeOffset At)>();
        // Both sides of local midnight, to the second, and the oldest and newest times allowed.
        foreach (var at in new[] { midnight.AddSeconds(-1), midnight, midnight.AddSeconds(1), now.AddHours(-47.9), now.AddMinutes(4) })
        {
            events.Add((Guid.NewGuid(), Stations[random.Next(Stations.Length)], Services[random.Next(Services.Length)], random.Next(1, 51), at));
        }
        for (var i = 0; i < 120; i++)
        {
            events.Add((Guid.NewGuid(), Stations[random.Next(Stations.Length)], Services[random.Next(Services.Length)], random.Next(1, 6),
                now.AddMinutes(-random.Next(0, 47 * 60))));
        }
        foreach (var e in events)
        {
            using var r = await app.Http.PostAsJsonAsync($"/api/stations/{e.Station}/events", new { id = e.Id, service = e.Service, quantity = e.Quantity, occurredAt = e.At });
            Xunit.Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        // Some resends, which count once; some voids of today's events, which take them back.
        foreach (var e in events.Where((_, i) => i % 7 == 0))
        {
            using var r = await app.Http.PostAsJsonAsync($"/api/stations/{e.Station}/events", new { id = e.Id, service = e.Service, quantity = e.Quantity, occurredAt = e.At });
            Xunit.Assert.True(r.IsSuccessStatusCode);
        }
        var voided = events.Where(e => LocalDay.Of(e.At, zone) == today).Where((_, i) => i % 4 == 0).Select(e => e.Id).ToHashSet();
        foreach (var e in events.Where(e => voided.Contains(e.Id)))
        {
            using var r = await app.Http.DeleteAsync($"/api/stations/{e.Station}/events/{e.Id}");
            Xunit.Assert.True(r.IsSuccessStatusCode);
        }

        var counted = events.Where(e => !voided.Contains(e.Id)).ToList();
        var expectedDaily = counted.GroupBy(e => (Day: LocalDay.Of(e.At, zone), e.Station, e.Service))
            .Select(g => $"{g.Key.Day:yyyy-MM-dd}|{g.Key.Station}|{g.Key.Service}|{g.Sum(e => e.Quantity)}").Order().ToList();
        var from = today.AddDays(-2).ToString("yyyy-MM-dd");
        var to = today.ToString("yyyy-MM-dd");
        var scope = $"networkId=sample&from={from}&to={to}";

        var daily = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/daily?{scope}"))!.AsArray()
            .Where(r => Stations.Contains((string)r!["stationId"]!))
            .Select(r => $"{r!["day"]}|{r["stationId"]}|{r["service"]}|{r["count"]}").Order().ToList();
        Xunit.Assert.Equal(expectedDaily, daily);

        var expectedTotals = counted.GroupBy(e => (e.Station, e.Service)).ToDictionary(g => $"{g.Key.Station}|{g.Key.Service}", g => g.Sum(e => e.Quantity));
        var summary = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/summary?{scope}"))!;
        foreach (var station in summary["stations"]!.AsArray().Where(s => Stations.Contains((string)s!["stationId"]!)))
        {
            foreach (var service in Services)
            {
                Xunit.Assert.Equal(expectedTotals.GetValueOrDefault($"{station!["stationId"]}|{service}"), station["counts"]?[service]?.GetValue<int>() ?? 0);
            }
        }

        // The exports parse back to exactly the numbers of the summary on screen: a row per station by name, the totals last.
        var onScreen = summary["stations"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => s!["total"]!.GetValue<int>());
        var csvBytes = await app.Http.GetByteArrayAsync($"/api/reports/summary?{scope}&format=csv");
        Xunit.Assert.Equal(Encoding.UTF8.GetPreamble(), csvBytes[..3]);
        using (var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(csvBytes[3..])), CultureInfo.InvariantCulture))
        {
            var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
            foreach (var row in rows.SkipLast(1))
            {
                Xunit.Assert.Equal(onScreen[(string)row["驿站"]], int.Parse((string)row["合计"], CultureInfo.InvariantCulture));
            }
            Xunit.Assert.Equal(summary["total"]!.GetValue<int>(), int.Parse((string)rows[^1]["合计"], CultureInfo.InvariantCulture));
        }
        var xlsx = await app.Http.GetByteArrayAsync($"/api/reports/summary?{scope}&format=xlsx");
        using (var stream = new MemoryStream(xlsx))
        {
            var rows = stream.Query(useHeaderRow: true, startCell: "A5").Cast<IDictionary<string, object>>().ToList();
            foreach (var row in rows.SkipLast(1))
            {
                Xunit.Assert.Equal(onScreen[(string)row["驿站"]], Convert.ToInt32(row["合计"], CultureInfo.InvariantCulture));
            }
            Xunit.Assert.Equal(summary["total"]!.GetValue<int>(), Convert.ToInt32(rows[^1]["合计"], CultureInfo.InvariantCulture));
        }

        // A day by hour adds up to that day's totals.
        foreach (var day in new[] { today, today.AddDays(-1) })
        {
            var hourly = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/hourly?networkId=sample&day={day:yyyy-MM-dd}"))!["hourly"]!.AsObject();
            var dayTotals = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/summary?networkId=sample&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"))!["totals"]!;
            foreach (var service in Services)
            {
                var byHour = hourly[service]?.AsArray().Sum(h => h!.GetValue<int>()) ?? 0;
                Xunit.Assert.Equal(dayTotals[service]?.GetValue<int>() ?? 0, byHour);
            }
        }

        // Stations by hour of day over the range add up to each station's total (voids left out).
        var hours = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/hours?{scope}"))!["stations"]!.AsArray();
        foreach (var station in hours.Where(s => Stations.Contains((string)s!["stationId"]!)))
        {
            Xunit.Assert.Equal(onScreen[(string)station!["name"]!], station["hours"]!.AsArray().Sum(h => h!.GetValue<int>()));
        }

        // Today's live counts agree too.
        foreach (var station in Stations)
        {
            var live = JsonNode.Parse(await app.Http.GetStringAsync($"/api/stations/{station}"))!["counts"]!;
            foreach (var service in Services)
            {
                var expected = counted.Where(e => e.Station == station && e.Service == service && LocalDay.Of(e.At, zone) == today).Sum(e => e.Quantity);
                Xunit.Assert.Equal(expected, live[service]?.GetValue<int>() ?? 0);
            }
        }
    }
}
