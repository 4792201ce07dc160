using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Live;

namespace StationNet.Bench;

public sealed record Tablet(string StationId, string Token);

/// <summary>Tablets posting over HTTP, and walls listening over SignalR, against a running silo.</summary>
public sealed class LoadTests(Uri server, IReadOnlyList<Tablet> tablets)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1000, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Every acknowledged event: id → (station, quantity).</summary>
    public ConcurrentDictionary<Guid, (string Station, int Quantity)> Acknowledged { get; } = new();

    public int Errors;

    /// <summary>Closed loop: each simulated tablet posts again as soon as it has its answer.</summary>
    public async Task<(double Rate, Summary Latency)> Ingest(int concurrency, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(worker);
            while (stop.Elapsed < duration)
            {
                var tablet = tablets[random.Next(tablets.Count)];
                var started = Stopwatch.GetTimestamp();
                if (await Post(tablet, random.Next(1, 4)) is not null)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }));
        return (latencies.Count / stop.Elapsed.TotalSeconds, Summary.Of(latencies));
    }

    /// <summary>Closed loop with the tablet outbox's batch endpoint: each simulated tablet sends <paramref name="size"/> events per request.</summary>
    public async Task<(double Rate, Summary Latency)> IngestBatches(int concurrency, int size, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var counted = 0L;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(1000 + worker);
            while (stop.Elapsed < duration)
            {
                var tablet = tablets[random.Next(tablets.Count)];
                var started = Stopwatch.GetTimestamp();
                var n = await PostBatch(tablet, Enumerable.Range(0, size).Select(_ => random.Next(1, 4)).ToList());
                if (n > 0)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Add(ref counted, n);
                }
            }
        }));
        return (counted / stop.Elapsed.TotalSeconds, Summary.Of(latencies));
    }

    /// <summary>Posts one batch; how many of its events were counted (0 when it failed).</summary>
    public async Task<int> PostBatch(Tablet tablet, IReadOnlyList<int> quantities)
    {
        var events = quantities.Select(q => (Id: Guid.NewGuid(), Quantity: q)).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/{tablet.StationId}/events/batch")
        {
            Content = JsonContent.Create(new { events = events.Select(e => new { id = e.Id, service = "visit", quantity = e.Quantity }) }),
        };
        request.Headers.Authorization = new("Bearer", tablet.Token);
        try
        {
            using var response = await _http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref Errors);
                return 0;
            }
            var results = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]!.AsArray();
            var counted = 0;
            for (var i = 0; i < events.Count; i++)
            {
                if ((string?)results[i]!["status"] == "counted")
                {
                    Acknowledged[events[i].Id] = (tablet.StationId, events[i].Quantity);
                    counted++;
                }
                else
                {
                    Interlocked.Increment(ref Errors);
                }
            }
            return counted;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref Errors);
            return 0;
        }
    }

    /// <summary>Open loop: events sent at a fixed rate whatever the answers, the way real tablets tap.</summary>
    public async Task<double> Steady(double perSecond, TimeSpan duration, CancellationToken ct)
    {
        var stop = Stopwatch.StartNew();
        var sent = 0;
        var inFlight = new List<Task>();
        var random = new Random(42);
        while (stop.Elapsed < duration && !ct.IsCancellationRequested)
        {
            var due = (int)(stop.Elapsed.TotalSeconds * perSecond);
            for (; sent < due; sent++)
            {
                inFlight.Add(Post(tablets[random.Next(tablets.Count)], 1));
            }
            inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(5, CancellationToken.None);
        }
        await Task.WhenAll(inFlight);
        return sent / stop.Elapsed.TotalSeconds;
    }

    /// <summary>Posts one event; the station's count after it, or null when it failed.</summary>
    public async Task<int?> Post(Tablet tablet, int quantity)
    {
        var id = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/{tablet.StationId}/events")
        {
            Content = JsonContent.Create(new { id, service = "visit", quantity }),
        };
        request.Headers.Authorization = new("Bearer", tablet.Token);
        try
        {
            using var response = await _http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref Errors);
                return null;
            }
            Acknowledged[id] = (tablet.StationId, quantity);
            var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return reply["counts"]?["visit"]?.GetValue<int>();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref Errors);
            return null;
        }
    }
}

/// <summary>A wall screen: a SignalR client that notes when each count of the probe station arrived.</summary>
/// <summary>A wall screen on the hub, noting when each change of the probe's count arrived.</summary>
/// <param name="probe">the probe's count in a batch, or null when the batch does not carry it (a station of a city wall, a city of a province wall).</param>
public sealed class Wall : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<(int Count, long At)> _probe = [];
    public int Messages;
    /// <summary>The JSON bytes of the batches a raw wall received.</summary>
    public long Bytes;
    private IAsyncDisposable? _connection;

    /// <summary>A city wall: a raw hub socket that reads the probe station's count from each batch (<see cref="RawWall"/>).</summary>
    public static async Task<Wall> Connect(Uri server, string token, string networkId, string probeStation)
    {
        var wall = new Wall();
        wall._connection = await RawWall.Connect(server, token, networkId, probeStation, (count, bytes) =>
        {
            Interlocked.Add(ref wall.Bytes, bytes);
            wall.OnChanges(count);
        });
        return wall;
    }

    public static Task<Wall> Connect(Uri server, string token, string networkId, Func<LiveChanges, int?> probe) =>
        Connect<LiveChanges>(server, token, networkId, probe);

    private static async Task<Wall> Connect<T>(Uri server, string token, string networkId, Func<T, int?> probe)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/live"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddMessagePackProtocol()
            .Build();
        var wall = new Wall { _connection = connection };
        connection.On<T>("changes", changes => wall.OnChanges(probe(changes)));
        await connection.StartAsync();
        await connection.InvokeAsync<LiveSnapshot>("Watch", networkId);
        return wall;
    }

    private void OnChanges(int? probed)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref Messages);
        if (probed is { } count)
        {
            lock (_gate)
            {
                _probe.Add((count, now));
            }
        }
    }

    /// <summary>When this wall first saw the probe station's count reach the given value.</summary>
    public long? SawAt(int count)
    {
        lock (_gate)
        {
            foreach (var (c, at) in _probe)
            {
                if (c >= count)
                {
                    return at;
                }
            }
        }
        return null;
    }

    public ValueTask DisposeAsync() => _connection?.DisposeAsync() ?? ValueTask.CompletedTask;
}
