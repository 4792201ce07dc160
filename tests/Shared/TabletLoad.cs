using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace StationNet.Tests;

/// <summary>
/// Tablets under load, behaving as the real outbox does: an event is kept until a server answers 2xx,
/// and anything else (no answer, 5xx, 429) sends the same event, with the same id, again later. A tablet
/// that gets no answer from one server tries the next, as a load balancer would route it.
/// </summary>
public sealed class TabletLoad(IReadOnlyList<Uri> servers, IReadOnlyDictionary<string, string> tokens, int tablets, double eventsPerSecond = 0)
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Guid, (string Station, int Quantity)> _outstanding = new();
    private readonly ConcurrentDictionary<string, int> _answers = new();
    private Task[] _tablets = [];
    private long _slowestFailureTicks;

    public ConcurrentDictionary<Guid, (string Station, int Quantity)> Acknowledged { get; } = new();

    /// <summary>Answers by kind: "201", "503", "no answer" ...</summary>
    public IReadOnlyDictionary<string, int> Answers => _answers;

    /// <summary>503 answers that came without Retry-After.</summary>
    public int UnavailableWithoutRetryAfter;

    /// <summary>The longest a request took to fail: a server that hangs shows here.</summary>
    public TimeSpan SlowestFailure => TimeSpan.FromTicks(Interlocked.Read(ref _slowestFailureTicks));

    public int Count(string answer) => _answers.GetValueOrDefault(answer);

    public void Start() => _tablets = Enumerable.Range(0, tablets).Select(i => Task.Run(() => Run(i))).ToArray();

    /// <summary>Stops making new events; what is outstanding stays outstanding.</summary>
    public async Task StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_tablets);
    }

    /// <summary>Sends every outstanding event again, as tablets do when the server is back, until each is acknowledged.</summary>
    public async Task DrainAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        var turn = 0;
        while (!_outstanding.IsEmpty)
        {
            if (deadline.Elapsed > within)
            {
                throw new TimeoutException($"{_outstanding.Count} events still not acknowledged after {within}; answers: {string.Join(", ", _answers)}");
            }
            foreach (var (id, e) in _outstanding.ToArray())
            {
                if (!await Send(http, servers[turn++ % servers.Count], id, e))
                {
                    await Task.Delay(200);
                }
            }
        }
    }

    private async Task Run(int tablet)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var random = new Random(tablet);
        var stations = tokens.Keys.ToArray();
        var server = tablet % servers.Count;
        var pace = eventsPerSecond > 0 ? TimeSpan.FromSeconds(tablets / eventsPerSecond) : TimeSpan.Zero;
        var next = Stopwatch.StartNew();
        var due = TimeSpan.Zero;
        (Guid, (string Station, int Quantity))? pending = null;
        while (!_stop.IsCancellationRequested)
        {
            // A tablet sends its oldest event until it is acknowledged, then makes the next.
            var (id, e) = pending ?? (Guid.NewGuid(), (stations[random.Next(stations.Length)], random.Next(1, 4)));
            pending = null;
            if (!await Send(http, servers[server], id, e))
            {
                pending = (id, e);
                server = (server + 1) % servers.Count;
                await Delay(TimeSpan.FromMilliseconds(200));
            }
            if (pace > TimeSpan.Zero)
            {
                due += pace;
                var wait = due - next.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Delay(wait);
                }
            }
        }
    }

    private async Task<bool> Send(HttpClient http, Uri server, Guid id, (string Station, int Quantity) e)
    {
        var clock = Stopwatch.StartNew();
        string answer;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, $"/api/stations/{e.Station}/events"))
            {
                Content = JsonContent.Create(new { id, service = "visit", quantity = e.Quantity }),
            };
            request.Headers.Authorization = new("Bearer", tokens[e.Station]);
            using var response = await http.SendAsync(request);
            answer = ((int)response.StatusCode).ToString();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is null)
            {
                Interlocked.Increment(ref UnavailableWithoutRetryAfter);
            }
            if (response.IsSuccessStatusCode)
            {
                Acknowledged[id] = e;
                _outstanding.TryRemove(id, out _);
                _answers.AddOrUpdate(answer, 1, (_, n) => n + 1);
                return true;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            answer = "no answer";
        }
        _outstanding[id] = e;
        _answers.AddOrUpdate(answer, 1, (_, n) => n + 1);
        var took = clock.Elapsed.Ticks;
        long seen;
        while (took > (seen = Interlocked.Read(ref _slowestFailureTicks)) && Interlocked.CompareExchange(ref _slowestFailureTicks, took, seen) != seen)
        {
        }
        return false;
    }

    private async Task Delay(TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, _stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
