using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using StationNet.Bench;
using StationNet.Tests;

// StationNet's benchmarks: ingest, tap-to-wall latency, PostgreSQL's own limit, the polling peer,
// scale and reports. Everything runs on this machine; all load goes to 127.0.0.1 and stops by itself.
// Usage: dotnet run -c Release --project bench/StationNet.Bench [-- --key value ...]

// The harness's own sockets (500 walls, the tablets) complete on the socket engine's thread instead of a hop through the
// thread pool: on the one core the pinned layout gives the harness, that hop cost a third of its CPU, and a wall's
// batch then waited behind the other walls' in the harness, not in the server. Read once, at the first socket; the
// silos this starts do not inherit it (SiloProcess).
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
var options = Options.Parse(args);
var results = new List<Result>();
void Add(string area, string measure, string value, string? target = null, bool? met = null)
{
    results.Add(new Result(area, measure, value, target, met));
    Console.WriteLine($"  {area,-22} {measure,-48} {value}{(target is null ? "" : $"   [target {target}: {(met == true ? "met" : "missed")}]")}");
}
bool Runs(string phase) => options.Only?.Contains(phase) ?? phase != "province";
var total = Stopwatch.StartNew();
Console.WriteLine($"StationNet bench on {Environment.ProcessorCount} cores, {JsonSerializer.Serialize(options)}");

var pg = new ThrowawayPostgres();
await pg.StartAsync(durable: true);

// 0. The sample history: the sample network's past (from the first of January last year, at least 400 days), imported by a silo's first start.
if (Runs("history"))
{
    Console.WriteLine("History: a silo's first start with the sample history, on a fresh database ...");
    var history = await HistoryTests.Import(pg);
    Add("history", "sample history imported at first start", $"{history.Events:N0} events in {history.Seconds:0.0} s");
    Add("history", "events per second (generated, COPY, rollup, commit)", $"{history.Events / history.Seconds:N0}");
    Add("history", "rollup equals the journal", history.RollupEqual ? "yes" : "NO", "exact", history.RollupEqual);
}
// The province (#21), only when asked for (--only province; a few minutes): two silos, a province of cities, province walls.
if (Runs("province"))
{
    Console.WriteLine($"Province: {options.ProvinceCities} cities × {options.ProvinceStations} stations, two silos, {options.ProvinceRate} events/s for {options.ProvinceSeconds} s ...");
    await ProvinceTests.Run(pg, options, Add);
}
if (Runs("ingest") || Runs("push") || Runs("reports"))
{
    var db = await pg.CreateDatabase("stationnet");
    var ports = SiloProcess.FreePorts();
    var silo = await SiloProcess.Start(db, ports.Http, ports.Silo, ports.Gateway, "Release");
    try
    {
        using var admin = await Sessions.SignIn(silo.BaseAddress, "admin", Sessions.AdminPassword);
        while (!(await admin.GetAsync("/api/networks/sample")).IsSuccessStatusCode)
        {
            await Task.Delay(100);
        }
        var stationIds = Enumerable.Range(1, options.Stations).Select(i => $"bench-{i:000}").Append("bench-probe").ToList();
        foreach (var id in stationIds)
        {
            using var added = await admin.PostAsJsonAsync("/api/admin/networks/sample/stations", new
            {
                id, name = "基准驿站 " + id, township = "基准街道", services = new[] { "visit", "water" },
                openingHours = new { opens = "00:00", closes = "24:00" }, seats = 10,
            });
            added.EnsureSuccessStatusCode();
        }
        var tablets = new List<Tablet>();
        foreach (var id in stationIds)
        {
            tablets.Add(new Tablet(id, await Sessions.PairTablet(admin, id)));
        }
        var probe = tablets[^1];
        var load = new LoadTests(silo.BaseAddress, tablets[..^1]);
        var cpu = new Cpu(silo.ProcessId);
        var screen = (await Sessions.NewScreenLink(admin, "sample")).Token;

        if (options.WarmupSeconds > 0 && (Runs("ingest") || Runs("push")))
        {
            // A silo in service has run for hours: its code is compiled to the last tier and its pools are full. The
            // measured phases start from that state, not from a cold start's JIT (which doubled the CPU per event of a
            // 15-second run). The warm-up's events are acknowledged and verified like every other.
            Console.WriteLine($"Warm-up: {options.WarmupSeconds} s of single events, {Math.Max(1, options.WarmupSeconds / 4)} s of batches, {Math.Max(1, options.WarmupSeconds / 2)} s at {options.Rate}/s with 20 walls (not measured) ...");
            var warm = await load.Ingest(options.Tablets, TimeSpan.FromSeconds(options.WarmupSeconds));
            await load.IngestBatches(options.Tablets, options.BatchSize, TimeSpan.FromSeconds(Math.Max(1, options.WarmupSeconds / 4)));
            // The push path too (a few walls at the steady rate): its code compiled on the server's one core in the
            // middle of the first push phase (probe taps stalled for up to a second there, and only there).
            var warmWalls = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Wall.Connect(silo.BaseAddress, screen, "sample", probe.StationId)));
            await load.Steady(options.Rate, TimeSpan.FromSeconds(Math.Max(1, options.WarmupSeconds / 2)), CancellationToken.None);
            await Task.WhenAll(warmWalls.Select(w => w.DisposeAsync().AsTask()));
            Add("warm-up", $"{options.WarmupSeconds} s of single events before measuring (events/s)", $"{warm.Rate:0}");
        }
        foreach (var layout in Runs("ingest") || Runs("push") ? options.Layouts : [])
        {
            if (layout == Layouts.Pinned && !Layouts.CanPin)
            {
                Add($"layout {layout}", "skipped", "needs 2 cores and taskset");
                continue;
            }
            await Layouts.Apply(layout, silo.ProcessId, pg.Port);
            Console.WriteLine($"Layout {layout}: {Layouts.Describe(layout)}");
            Add($"layout {layout}", "where each process runs", Layouts.Describe(layout));
            if (Runs("ingest"))
            {
                await Ingest($"ingest · {layout}");
            }
            if (Runs("push"))
            {
                await Push($"tap-to-wall · {layout}");
            }
        }
        if (Layouts.CanPin && options.Layouts.Contains(Layouts.Pinned))
        {
            await Layouts.Apply(Layouts.Shared, silo.ProcessId, pg.Port);
        }
        if (Runs("reports"))
        {
            await Reports(db);
        }

        // 1 and 2. Ingest, single events and batches, closed loop, as fast as the server acknowledges; then PostgreSQL's own limit.
        async Task Ingest(string area)
        {
            // pgbench right before and right after the single events, the ratio against their mean: PostgreSQL's rate on
            // this machine drifts by a third between minutes (the disk's flushes, a neighbour), so one reading beside
            // the ingest would decide the ratio by luck.
            var tpsBefore = await PgBench("before");
            Console.WriteLine($"Ingest: {options.Tablets} tablets, {options.Stations} stations, {options.IngestSeconds} s ...");
            // Each measured phase starts from a fresh checkpoint, so none pays for the last one's dirty pages (a
            // checkpoint landing in pgbench's 15 s halved its rate in one run and not in the next).
            await Checkpoint(db);
            var errorsBefore = load.Errors;
            var counted = load.Acknowledged.Count;
            var groupsBefore = await MetricHistogram.Read(admin, MetricHistogram.JournalBatch);
            cpu.Start();
            var (rate, ack) = await load.Ingest(options.Tablets, TimeSpan.FromSeconds(options.IngestSeconds));
            var ingestCpu = cpu.Stop();
            Add(area, "single-event POST: acknowledged durable events/s", $"{rate:0}");
            Add(area, "single-event POST: CPU in use", Cpu.Describe(ingestCpu));
            Add(area, "single-event POST: silo CPU per event", $"{ingestCpu.SiloSeconds * 1e6 / (load.Acknowledged.Count - counted):0} µs");
            Add(area, "single-event POST: acknowledgement latency", ack.ToString());
            var groups = (await MetricHistogram.Read(admin, MetricHistogram.JournalBatch)).Since(groupsBefore);
            Add(area, "single-event POST: events per journal transaction (group commit)", $"mean {groups.Mean:0.0} (n={groups.Count:0} transactions)");
            Add(area, "single-event POST: PostgreSQL (and the rest) CPU per event", $"{ingestCpu.Others * options.IngestSeconds * 1e6 / Math.Max(1, load.Acknowledged.Count - counted):0} µs");

            var tpsAfter = await PgBench("after");
            var tps = (tpsBefore + tpsAfter) / 2;
            Add(area, "pgbench, one journal write per transaction (tps)", $"{tps:0} (before {tpsBefore:0} · after {tpsAfter:0})");
            Add(area, "single-event ingest / pgbench", $"{rate / tps:0.00}×", "≥ 1.0×", rate / tps >= 1.0);
            await Checkpoint(db);
            Console.WriteLine($"Batched ingest: {options.Tablets} tablets, {options.BatchSize} events a request, {options.BatchSeconds} s ...");
            counted = load.Acknowledged.Count;
            cpu.Start();
            var (batchRate, batchAck) = await load.IngestBatches(options.Tablets, options.BatchSize, TimeSpan.FromSeconds(options.BatchSeconds));
            var batchCpu = cpu.Stop();
            Add(area, $"batches of {options.BatchSize}: acknowledged durable events/s", $"{batchRate:0}");
            Add(area, $"batches of {options.BatchSize}: silo CPU per event", $"{batchCpu.SiloSeconds * 1e6 / Math.Max(1, load.Acknowledged.Count - counted):0.0} µs");
            Add(area, $"batches of {options.BatchSize}: request latency", batchAck.ToString());
            Add(area, "errors", (load.Errors - errorsBefore).ToString());
            var exact = await Verify(db, admin, load);
            Add(area, "journal and counts equal the acknowledged events", exact ? "yes: none lost, none doubled" : "NO", "exact", exact);

            Add(area, $"batched ingest / pgbench", $"{batchRate / tps:0.00}×");
        }

        async Task<double> PgBench(string when)
        {
            Console.WriteLine($"pgbench ({when}): {options.Tablets} clients, {options.PgBenchSeconds} s ...");
            await Checkpoint(db);
            return await DatabaseTests.PgBench(pg, "stationnet", options.Tablets, TimeSpan.FromSeconds(options.PgBenchSeconds));
        }

        // 3 and 4. Tap-to-wall latency at a steady rate, at each number of walls; the server's own push latency and the polling peer beside it.
        async Task Push(string area)
        {
            var walls = new List<Wall>();
            try
            {
                foreach (var count in options.Walls)
                {
                    Console.WriteLine($"Fan-out: {count} walls, {options.Rate} events/s, {options.FanOutSeconds} s ...");
                    while (walls.Count < count)
                    {
                        walls.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(50, count - walls.Count))
                            .Select(_ => Wall.Connect(silo.BaseAddress, screen, "sample", probe.StationId))));
                    }
                    await FanOut($"{area} · {count} walls", walls);
                }
            }
            finally
            {
                await Task.WhenAll(walls.Select(w => w.DisposeAsync().AsTask()));
            }
        }

        async Task FanOut(string area, List<Wall> walls)
        {
            // The ingest phases just wrote a few hundred thousand rows; autovacuum would now work through them on the
            // server's core in the middle of this phase (a one-second stall of a tap in one run). Vacuum and
            // checkpoint first, so the phase measures the steady state.
            await Settle(db);
            // Then the load runs for a few seconds before anything is measured: the statistics the vacuum just gathered
            // make PostgreSQL plan the journal's prepared statements again, and the first writes after a checkpoint
            // carry whole pages into the WAL (probe taps took 90–220 ms there, in the phase's first half-second only).
            var lead = TimeSpan.FromSeconds(3);
            var steady = load.Steady(options.Rate, lead + TimeSpan.FromSeconds(options.FanOutSeconds), CancellationToken.None);
            await Task.Delay(lead);
            var probes = new List<(long Sent, long Acked, int Count)>();
            using var stopProbes = new CancellationTokenSource();
            var serverBefore = await MetricHistogram.Read(admin);
            var prober = Task.Run(async () =>
            {
                while (!stopProbes.IsCancellationRequested)
                {
                    var sent = Stopwatch.GetTimestamp();
                    if (await load.Post(probe, 1) is { } count)
                    {
                        probes.Add((sent, Stopwatch.GetTimestamp(), count));
                    }
                    await Task.Delay(100);
                }
            });
            var messagesBefore = walls.Sum(w => w.Messages);
            var bytesBefore = walls.Sum(w => w.Bytes);
            var fanClock = Stopwatch.StartNew();
            cpu.Start();
            var achieved = await steady;
            var fanCpu = cpu.Stop();
            stopProbes.Cancel();
            await prober;
            await Task.Delay(1000);
            var fanSeconds = fanClock.Elapsed.TotalSeconds;
            var server = (await MetricHistogram.Read(admin)).Since(serverBefore);
            // When each wall first showed each probe's count (null: never).
            var arrivals = probes.Select(p => (Probe: p, At: walls.Select(w => w.SawAt(p.Count)).ToList())).ToList();
            var latencies = arrivals.SelectMany(a => a.At.Select(at => at is { } t ? Stopwatch.GetElapsedTime(a.Probe.Sent, t).TotalMilliseconds : double.NaN))
                .ToList();
            var missed = latencies.Count(double.IsNaN);
            var push = Summary.Of(latencies.Where(l => !double.IsNaN(l)));
            Add(area, "load sent (events/s)", $"{achieved:0}/s");
            Add(area, "client: POST sent → change at each wall", push.ToString(), "p99 ≤ 150 ms", push.P99 <= 150);
            Add(area, "server: change at network grain → written to walls", server.ToString());
            Add(area, "probe POST sent → acknowledged (durable)", Summary.Of(probes.Select(p => Stopwatch.GetElapsedTime(p.Sent, p.Acked).TotalMilliseconds)).ToString());
            Add(area, "probe changes a wall never saw", missed.ToString());
            // Where a probe's time went: its commit (above), then the wait for the network's next batch and the way to
            // the first wall, then the fan-out's spread from the first wall to the last.
            var seen = arrivals.Select(a => (a.Probe.Acked, First: a.At.Min(), Last: a.At.Max())).Where(a => a.First is not null).ToList();
            Add(area, "probe acknowledged → first wall (the wait for the next batch, the way there)",
                Summary.Of(seen.Select(a => Stopwatch.GetElapsedTime(a.Acked, a.First!.Value).TotalMilliseconds)).ToString());
            Add(area, "probe: first wall → last wall (the fan-out's spread)",
                Summary.Of(seen.Select(a => Stopwatch.GetElapsedTime(a.First!.Value, a.Last!.Value).TotalMilliseconds)).ToString());
            Add(area, "CPU in use", Cpu.Describe(fanCpu));
            Add(area, "messages per second per wall", $"{(walls.Sum(w => w.Messages) - messagesBefore) / (double)walls.Count / fanSeconds:0.0}");
            Add(area, "bytes per batch (JSON)", $"{(walls.Sum(w => w.Bytes) - bytesBefore) / (double)Math.Max(1, walls.Sum(w => w.Messages) - messagesBefore):N0}");
            var period = TimeSpan.FromSeconds(5).TotalMilliseconds;
            var staleness = probes.SelectMany(p =>
            {
                var visible = Stopwatch.GetElapsedTime(p.Sent, p.Acked).TotalMilliseconds;
                return Enumerable.Range(0, 100).Select(k => visible + (k * period / 100));
            });
            var poll = Summary.Of(staleness);
            Add(area, "peer: polling every 5 s would show", $"staleness mean {poll.Mean:0} · p99 {poll.P99:0} ms (push: mean {push.Mean:0.0} · p99 {push.P99:0.0} ms)");
            var exact = await Verify(db, admin, load);
            Add(area, "journal and counts equal the acknowledged events", exact ? "yes" : "NO", "exact", exact);
        }

        // 6. Reports over a province-sized year, answered by SQL over the rollup.
        async Task Reports(string db)
        {
            Console.WriteLine($"Reports: {options.ReportStations} stations × {options.ReportDays} days × {options.Services} services ...");
            var lastDay = DateOnly.FromDateTime(DateTime.UtcNow);
            var firstDay = lastDay.AddDays(-(options.ReportDays - 1));
            var seeded = await DatabaseTests.SeedProvince(db, options.ReportStations, options.ReportDays, options.Services, lastDay);
            Add("reports", "rollup rows seeded", $"{options.ReportStations * options.ReportDays * options.Services:N0} in {seeded.TotalSeconds:0.0} s");
            var (yearTable, tableRows) = await DatabaseTests.Time(db,
                "SELECT station_id, service, sum(count) FROM stationnet_daily WHERE network_id = $1 AND day BETWEEN $2 AND $3 GROUP BY station_id, service", firstDay, lastDay);
            Add("reports", "year, station × service totals", $"{yearTable.TotalMilliseconds:0} ms ({tableRows:N0} rows)", "≪ 1 s", yearTable.TotalMilliseconds < 1000);
            var (yearTotals, _) = await DatabaseTests.Time(db,
                "SELECT service, sum(count) FROM stationnet_daily WHERE network_id = $1 AND day BETWEEN $2 AND $3 GROUP BY service", firstDay, lastDay);
            Add("reports", "year, network totals by service", $"{yearTotals.TotalMilliseconds:0} ms");
            var (yearDaily, dailyRows) = await DatabaseTests.Time(db,
                "SELECT day, station_id, service, count FROM stationnet_daily WHERE network_id = $1 AND day BETWEEN $2 AND $3 AND count <> 0 ORDER BY day, station_id, service", firstDay, lastDay, runs: 1);
            Add("reports", "year, every daily row (/api/reports/daily)", $"{yearDaily.TotalMilliseconds:0} ms ({dailyRows:N0} rows)");
        }
    }
    finally
    {
        await silo.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
NpgsqlConnection.ClearAllPools();
await pg.StopAsync();

// 5. Scale: station grains in one silo, and the snapshot of a big network.
if (Runs("scale"))
{
    Console.WriteLine($"Scale: {options.Scale:N0} station grains ...");
    await using (var scale = await ScaleTests.Start())
    {
        var (heap, process, took) = await scale.Activate(options.Scale);
        var gib = heap * options.Scale / (1024.0 * 1024 * 1024);
        Add("scale", $"{options.Scale:N0} stations activated", $"{took.TotalSeconds:0.0} s");
        Add("scale", "memory per station (managed heap)", $"{heap:0} bytes → {gib:0.00} GiB for {options.Scale:N0}", "≤ 1 GiB for 150,000", heap * 150_000 <= 1024.0 * 1024 * 1024);
        Add("scale", "memory per station (process working set)", $"{process:0} bytes");
        Add("scale", "snapshot of a 1,000-station network", (await scale.Snapshot(1000, 200)).ToString());
    }
}

await Finish();

// The table and the JSON file, at the end of a full run or of one phase (--only history).
async Task Finish()
{
    Add("run", "total time", $"{total.Elapsed.TotalSeconds:0} s");
    Console.WriteLine();
    Console.WriteLine($"| area | measure | value | target |");
    Console.WriteLine($"|---|---|---|---|");
    foreach (var r in results)
    {
        Console.WriteLine($"| {r.Area} | {r.Measure} | {r.Value} | {(r.Target is null ? "" : $"{r.Target}: {(r.Met == true ? "met" : "missed")}")} |");
    }
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Json))!);
    await File.WriteAllTextAsync(options.Json, JsonSerializer.Serialize(new
    {
        machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
        options,
        results,
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    Console.WriteLine($"JSON written to {options.Json}");
}

/// <summary>Vacuums and analyzes the tables the ingest phases filled, then checkpoints: the next phase starts from the steady state.</summary>
static async Task Settle(string db)
{
    await using var conn = new NpgsqlConnection(db);
    await conn.OpenAsync();
    await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) stationnet_journal, stationnet_daily, stationnet_hourly, stationnet_groups", conn) { CommandTimeout = 600 };
    await vacuum.ExecuteNonQueryAsync();
    await Checkpoint(db);
}

/// <summary>A checkpoint now, so none falls in the middle of the phase that follows.</summary>
static async Task Checkpoint(string db)
{
    await using var conn = new NpgsqlConnection(db);
    await conn.OpenAsync();
    await using var cmd = new NpgsqlCommand("CHECKPOINT", conn) { CommandTimeout = 300 };
    await cmd.ExecuteNonQueryAsync();
}

/// <summary>The journal and the server's counts equal what was acknowledged: none lost, none doubled.</summary>
static async Task<bool> Verify(string db, HttpClient admin, LoadTests load)
{
    var acknowledged = load.Acknowledged.ToArray();
    await using var conn = new NpgsqlConnection(db);
    await conn.OpenAsync();
    await using var cmd = new NpgsqlCommand("SELECT count(*), COALESCE(sum(quantity), 0) FROM stationnet_journal WHERE kind = 0 AND station_id LIKE 'bench-%'", conn);
    await using var reader = await cmd.ExecuteReaderAsync();
    await reader.ReadAsync();
    var (rows, sum) = (reader.GetInt64(0), reader.GetInt64(1));
    await reader.DisposeAsync();
    var counted = 0L;
    foreach (var station in acknowledged.Select(a => a.Value.Station).Distinct())
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync($"/api/stations/{station}"))!;
        counted += node["counts"]?["visit"]?.GetValue<int>() ?? 0;
    }
    var expected = acknowledged.Sum(a => (long)a.Value.Quantity);
    return rows == acknowledged.Length && sum == expected && counted == expected;
}

public sealed record Options(int Tablets, int Stations, int IngestSeconds, int PgBenchSeconds, int[] Walls, int Rate, int FanOutSeconds,
    int Scale, int ReportStations, int ReportDays, int Services, string Json, string[]? Only = null, string[]? LayoutList = null,
    int BatchSize = 50, int BatchSeconds = 10, int WarmupSeconds = 20,
    int ProvinceCities = 50, int ProvinceStations = 100, int ProvinceRate = 1000, int ProvinceSeconds = 30, int ProvinceWalls = 20)
{
    /// <summary>The phases --only picks from; every one but the province runs when --only is not given.</summary>
    public static readonly string[] Phases = ["history", "ingest", "push", "reports", "scale", "province"];

    /// <summary>pinned first (the figure the targets are judged on), then shared (as before pinning).</summary>
    public string[] Layouts => LayoutList ?? [StationNet.Bench.Layouts.Pinned, StationNet.Bench.Layouts.Shared];

    public static Options Parse(string[] args)
    {
        var o = new Options(20, 100, 20, 15, [50, 500], 1000, 20, 150_000, 5000, 365, 3, "bench/results/latest.json");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            o = args[i] switch
            {
                "--tablets" => o with { Tablets = int.Parse(v) },
                "--stations" => o with { Stations = int.Parse(v) },
                "--ingest" => o with { IngestSeconds = int.Parse(v) },
                "--pgbench" => o with { PgBenchSeconds = int.Parse(v) },
                "--walls" => o with { Walls = v.Split(',').Select(int.Parse).Order().ToArray() },
                "--rate" => o with { Rate = int.Parse(v) },
                "--fanout" => o with { FanOutSeconds = int.Parse(v) },
                "--scale" => o with { Scale = int.Parse(v) },
                "--report-stations" => o with { ReportStations = int.Parse(v) },
                "--report-days" => o with { ReportDays = int.Parse(v) },
                "--services" => o with { Services = int.Parse(v) },
                "--batch" => o with { BatchSize = int.Parse(v) },
                "--batch-seconds" => o with { BatchSeconds = int.Parse(v) },
                "--warmup" => o with { WarmupSeconds = int.Parse(v) },
                "--json" => o with { Json = v },
                "--province-cities" => o with { ProvinceCities = int.Parse(v) },
                "--province-stations" => o with { ProvinceStations = int.Parse(v) },
                "--province-rate" => o with { ProvinceRate = int.Parse(v) },
                "--province-seconds" => o with { ProvinceSeconds = int.Parse(v) },
                "--province-walls" => o with { ProvinceWalls = int.Parse(v) },
                "--only" => o with { Only = List(v, Phases, "--only") },
                "--layouts" => o with { LayoutList = List(v, [StationNet.Bench.Layouts.Pinned, StationNet.Bench.Layouts.Shared], "--layouts") },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return o;
    }

    private static string[] List(string value, string[] allowed, string option) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is var items && items.All(allowed.Contains)
            ? items
            : throw new ArgumentException($"{option} takes a comma-separated list of {string.Join(", ", allowed)}");
}
