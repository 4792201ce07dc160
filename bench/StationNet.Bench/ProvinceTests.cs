using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Catalog;
using StationNet.Grains.Live;
using StationNet.Tests;

namespace StationNet.Bench;

/// <summary>
/// A province (#21): C cities of S stations each beneath one province network, two silos on PostgreSQL, events spread
/// over every station at a steady rate, and province walls on the second silo. A probe city of one station and no other
/// load gives the time from a tap's POST to the change of that city's tile at each province wall.
/// </summary>
public static class ProvinceTests
{
    public const string Province = "bench-province";
    private const string ProbeCity = "bench-city-probe";
    private const string ProbeStation = "bench-probe-01";

    public static async Task Run(ThrowawayPostgres pg, Options options, Action<string, string, string, string?, bool?> add)
    {
        var db = await pg.CreateDatabase("province");
        var a = SiloProcess.FreePorts();
        var b = SiloProcess.FreePorts();
        await using var siloA = await SiloProcess.Start(db, a.Http, a.Silo, a.Gateway, "Release");
        await using var siloB = await SiloProcess.Start(db, b.Http, b.Silo, b.Gateway, "Release");
        using var admin = await Sessions.SignIn(siloA.BaseAddress, "admin", Sessions.AdminPassword);
        var setup = Stopwatch.StartNew();
        await Network(admin, Province, null);
        await Network(admin, ProbeCity, Province);
        await Station(admin, ProbeCity, ProbeStation);
        var tablets = new List<Tablet>();
        for (var c = 1; c <= options.ProvinceCities; c++)
        {
            var city = $"bench-city-{c:00}";
            await Network(admin, city, Province);
            var ids = Enumerable.Range(1, options.ProvinceStations).Select(s => $"bench-{c:00}-{s:000}").ToList();
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) => await Station(admin, city, id));
            var paired = await Task.WhenAll(ids.Select(async id => new Tablet(id, await Sessions.PairTablet(admin, id))));
            tablets.AddRange(paired);
        }
        var probe = new Tablet(ProbeStation, await Sessions.PairTablet(admin, ProbeStation));
        add("province", "set up", $"{options.ProvinceCities} cities × {options.ProvinceStations} stations (+1 probe city) in {setup.Elapsed.TotalSeconds:0} s", null, null);

        var screen = (await Sessions.NewScreenLink(admin, Province)).Token;
        var walls = await Task.WhenAll(Enumerable.Range(0, options.ProvinceWalls).Select(_ => Wall.Connect(siloB.BaseAddress, screen, Province, changes => changes.Children?.FirstOrDefault(c => c.NetworkId == "bench-city-probe")?.Totals.GetValueOrDefault("visit"))));
        var load = new LoadTests(siloA.BaseAddress, tablets);
        var probes = new List<(long Sent, int Count)>();
        using var stop = new CancellationTokenSource();
        var prober = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                if (await load.Post(probe, 1) is { } count)
                {
                    probes.Add((sent, count));
                }
                await Task.Delay(100);
            }
        });
        var cpuA = new Cpu(siloA.ProcessId);
        var cpuB = new Cpu(siloB.ProcessId);
        var messagesBefore = walls.Sum(w => w.Messages);
        var clock = Stopwatch.StartNew();
        cpuA.Start();
        cpuB.Start();
        var achieved = await load.Steady(options.ProvinceRate, TimeSpan.FromSeconds(options.ProvinceSeconds), CancellationToken.None);
        var (usedA, usedB) = (cpuA.Stop(), cpuB.Stop());
        stop.Cancel();
        await prober;
        await Task.Delay(1000);
        var seconds = clock.Elapsed.TotalSeconds;
        var latencies = probes.SelectMany(p => walls.Select(w => w.SawAt(p.Count) is { } at ? Stopwatch.GetElapsedTime(p.Sent, at).TotalMilliseconds : double.NaN)).ToList();
        var push = Summary.Of(latencies.Where(l => !double.IsNaN(l)));
        var batches = (walls.Sum(w => w.Messages) - messagesBefore) / (double)walls.Length / seconds;
        add("province", "load sent (events/s) over every station, walls", $"{achieved:0}/s over {tablets.Count:N0} stations, {walls.Length} walls on the other silo", null, null);
        add("province", "POST to a city → its tile at each province wall", push.ToString(), null, null);
        add("province", "probe changes a wall never saw", latencies.Count(double.IsNaN).ToString(), null, null);
        add("province", "batches per second per province wall", $"{batches:0.0}", "≤ 10", batches <= 10.5);
        add("province", "silo memory (resident)", $"A {Rss(siloA.ProcessId):0} MiB · B {Rss(siloB.ProcessId):0} MiB", null, null);
        add("province", "CPU of silo A (HTTP, stations), silo B (walls)", $"{usedA.Silo:0.00} · {usedB.Silo:0.00} of {Environment.ProcessorCount} cores", null, null);
        var parent = ParentWork(options.ProvinceCities);
        add("province", "the parent grain's own work (in process)", parent, null, null);
        await Task.WhenAll(walls.Select(w => w.DisposeAsync().AsTask()));
    }

    /// <summary>
    /// What the province grain's picture costs for one second of the worst case: every city sending ten rollups (the most
    /// its own batching lets out) and the province taking ten batches. Measured in this process, without messaging.
    /// </summary>
    private static string ParentWork(int cities)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        var picture = new LivePicture(Province, day, 1);
        var hours = ServiceCatalog.All.ToDictionary(s => s.Id, _ => new int[24]);
        NetworkRollup Rollup(int city, int n) => new($"c{city}", "城", "City", day, ServiceCatalog.All.ToDictionary(s => s.Id, _ => n), new Dictionary<string, int> { ["visit"] = n },
            new Dictionary<string, int> { ["visit"] = n }, n % 50, 100, [new TickerItem($"c{city}-001", "visit", 1, null, DateTimeOffset.UtcNow)]) { Hourly = hours };
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        const int Seconds = 20;
        for (var s = 0; s < Seconds; s++)
        {
            for (var tick = 0; tick < 10; tick++)
            {
                for (var c = 0; c < cities; c++)
                {
                    picture.ApplyChild(Rollup(c, s * 10 + tick));
                }
                picture.TakeBatch();
                picture.Rollup("省", "Province", false, 0, []);
            }
        }
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Seconds;
        return $"{used:0.0} ms CPU per second ({cities * 10} rollups in, 10 batches out) · {clock.Elapsed.TotalMilliseconds / Seconds:0.0} ms elapsed";
    }

    private static double Rss(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).FirstOrDefault();

    private static async Task Network(HttpClient admin, string id, string? parentId)
    {
        using var created = await admin.PostAsJsonAsync("/api/admin/networks", new { id, name = "基准 " + id, nameEn = "Bench " + id, parentId });
        created.EnsureSuccessStatusCode();
    }

    private static async Task Station(HttpClient admin, string networkId, string id)
    {
        using var added = await admin.PostAsJsonAsync($"/api/admin/networks/{networkId}/stations", new
        {
            id, name = "基准驿站 " + id, township = "基准街道", services = new[] { "visit", "water" },
            openingHours = new { opens = "00:00", closes = "24:00" }, seats = 10,
            location = new { lat = 26 + id.GetHashCode() % 100 / 50.0, lng = 115 + id.GetHashCode() % 100 / 40.0 },
        });
        added.EnsureSuccessStatusCode();
    }
}

