using StationNet.Grains.Stations;

namespace StationNet.Silo.Sample;

/// <summary>
/// The sample stations' tablets open and close their stations by their hours and send a heartbeat every minute while
/// open, through the same API a real tablet uses. One station (the old town's) never opens, so the demo shows a late station.
/// </summary>
internal sealed class SimulatedOpening
{
    public const string NeverOpens = "sample-05";
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public async Task Step(HttpClient http, IEnumerable<StationInfo> stations, DateTime local, DateTimeOffset now,
        Func<StationInfo, Task<string>> token, ILogger logger, CancellationToken ct)
    {
        if (now - _last < Every && now >= _last)
        {
            return;
        }
        _last = now;
        foreach (var station in stations.Where(s => !s.Retired && s.Id != NeverOpens))
        {
            var due = station.HoursOn(DateOnly.FromDateTime(local)).IsOpenAt(TimeOnly.FromDateTime(local));
            var action = due ? (_open.Contains(station.Id) ? "heartbeat" : "open") : _open.Contains(station.Id) ? "close" : null;
            if (action is null)
            {
                continue;
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/{station.Id}/{action}");
            request.Headers.Authorization = new("Bearer", await token(station));
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Simulated {Action} at {StationId} got {Status}", action, station.Id, (int)response.StatusCode);
                continue;
            }
            if (action == "open")
            {
                _open.Add(station.Id);
            }
            else if (action == "close")
            {
                _open.Remove(station.Id);
            }
        }
    }
}
