using StationNet.Grains.Stations;

namespace StationNet.Silo.Sample;

/// <summary>
/// The sample stations' tablets open and close their stations by the sample's habits (<see cref="SampleOpenings"/>: most a few
/// minutes before their hours, a few late, the old town's not at all today) and send a heartbeat every minute while open,
/// through the same API a real tablet uses. A station the history already opened today is opened again harmlessly (the
/// open is idempotent and keeps its time). Only an open station is tapped (<see cref="IsOpen"/>).
/// </summary>
internal sealed class SimulatedOpening
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>Whether the simulated tablet has the station open now.</summary>
    public bool IsOpen(string stationId) => _open.Contains(stationId);

    /// <summary>Whether the station is opened at this local time by the sample's habits (today's session, or yesterday's past midnight).</summary>
    public static bool IsDue(StationInfo station, DateTime local)
    {
        var today = DateOnly.FromDateTime(local);
        foreach (var day in new[] { today, today.AddDays(-1) })
        {
            if (SampleOpenings.Session(station, day, today) is var (open, close) && open <= local && (close is null || local < close))
            {
                return true;
            }
        }
        return false;
    }

    public async Task Step(HttpClient http, IEnumerable<StationInfo> stations, DateTime local, DateTimeOffset now,
        Func<StationInfo, Task<string>> token, ILogger logger, CancellationToken ct)
    {
        if (now - _last < Every && now >= _last)
        {
            return;
        }
        _last = now;
        foreach (var station in stations.Where(s => !s.Retired))
        {
            var due = IsDue(station, local);
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
