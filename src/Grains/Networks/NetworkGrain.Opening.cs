using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Live;
using StationNet.Grains.Opening;

namespace StationNet.Grains.Networks;

/// <summary>
/// Each station's verified status for the wall and the finder. The station grains send their opening facts; this
/// grain asks the same <see cref="StationStatus"/> function as they do, every few seconds, since a status can change
/// with nothing sent at all (no heartbeat: unreachable; not opened: late).
/// </summary>
public sealed partial class NetworkGrain
{
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, OpeningFacts> _openings = new(StringComparer.Ordinal);
    private DateTimeOffset _heardFrom;
    private DateTimeOffset _statusAt = DateTimeOffset.MinValue;

    public Task StationOpening(string stationId, OpeningFacts facts)
    {
        _openings[stationId] = facts;
        RefreshStatuses(force: true);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StationStatusView>> GetStatuses()
    {
        var now = time.GetUtcNow();
        IReadOnlyList<StationStatusView> list = state.State.Stations.Values.Where(s => !s.Retired).OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => StatusOf(s.Id, now)).ToList();
        return Task.FromResult(list);
    }

    private async Task LoadOpenings(LivePicture picture, CancellationToken ct)
    {
        _heardFrom = time.GetUtcNow();
        foreach (var session in await ServiceProvider.GetRequiredService<IOpeningJournal>().LatestSessionsAsync(this.GetPrimaryKeyString(), ct))
        {
            _openings[session.StationId] = new OpeningFacts(session.OpenedAt, session.ClosedAt, null);
        }
        foreach (var station in state.State.Stations.Values.Where(s => !s.Retired))
        {
            picture.SetStatus(station.Id, StatusOf(station.Id, _heardFrom, picture).Status);
        }
    }

    private void RefreshStatuses(bool force)
    {
        var now = time.GetUtcNow();
        if (_picture is null || (!force && now - _statusAt < StatusEvery && now >= _statusAt))
        {
            return;
        }
        _statusAt = now;
        var shown = state.State.Stations.Values.Where(s => !s.Retired).ToList();
        foreach (var station in shown)
        {
            _picture.SetStatus(station.Id, StatusOf(station.Id, now).Status);
        }
        _picture.KeepStatusesOf(shown.Select(s => s.Id).ToHashSet(StringComparer.Ordinal));
    }

    private StationStatusView StatusOf(string stationId, DateTimeOffset now, LivePicture? picture = null)
    {
        var station = state.State.Stations[stationId];
        var facts = _openings.GetValueOrDefault(stationId) ?? OpeningFacts.None;
        var silentAfter = (ServiceProvider.GetService<OpeningSettings>() ?? new()).SilentAfter;
        var (status, since) = StationStatus.Of(facts, (picture ?? _picture)?.LastEventAt(stationId), station, _zone, now, silentAfter, _heardFrom);
        return new StationStatusView(stationId, status, StationStatus.IsOpenNow(status), since);
    }
}
