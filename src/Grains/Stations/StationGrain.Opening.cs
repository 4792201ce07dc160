using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StationNet.Grains.Networks;
using StationNet.Grains.Opening;

namespace StationNet.Grains.Stations;

/// <summary>
/// Opening, closing and heartbeats. The session lives in the opening journal; the last heartbeat only in memory
/// (a grain that wakes gives the tablet three minutes to be heard), so a heartbeat costs no write unless it ends
/// an unreachable spell. The network grain hears each change, to show the status on the wall.
/// </summary>
public sealed partial class StationGrain
{
    private static readonly TimeSpan TellNetworkHeartbeatEvery = TimeSpan.FromSeconds(50);
    private OpeningFacts? _facts;
    private DateTimeOffset _heardFrom;
    private DateTimeOffset _toldNetworkAt;

    private IOpeningJournal Openings => ServiceProvider.GetRequiredService<IOpeningJournal>();

    private OpeningSettings OpeningSettings => ServiceProvider.GetService<OpeningSettings>() ?? new();

    public async Task<OpeningOutcome> Open(string? device, string? by)
    {
        if (Refused() is { } refused)
        {
            return refused;
        }
        var facts = await Facts();
        if (!facts.IsOpen)
        {
            var now = time.GetUtcNow();
            await Openings.AppendAsync(Entry(OpeningKinds.Open, now, device, by));
            _facts = new OpeningFacts(now, null, now);
            await TellNetwork(now);
        }
        return Done(await Status());
    }

    public async Task<OpeningOutcome> Close(string? device, string? by)
    {
        if (state.State.Info is null)
        {
            return new OpeningOutcome(OpeningResult.UnknownStation, null);
        }
        var facts = await Facts();
        if (facts.IsOpen)
        {
            var now = time.GetUtcNow();
            await Openings.AppendAsync(Entry(OpeningKinds.Close, now, device, by));
            _facts = facts with { ClosedAt = now };
            await TellNetwork(now);
        }
        return Done(await Status());
    }

    public async Task<OpeningOutcome> Heartbeat(string? device)
    {
        if (Refused() is { } refused)
        {
            return refused;
        }
        var facts = await Facts();
        if (facts.IsOpen)
        {
            var now = time.GetUtcNow();
            var before = await Status();
            if (before.Status == StationStatus.Unreachable)
            {
                await Openings.AppendAsync(Entry(OpeningKinds.Heartbeat, now, device, null));
            }
            _facts = facts with { LastHeartbeat = now };
            if (before.Status == StationStatus.Unreachable || now - _toldNetworkAt >= TellNetworkHeartbeatEvery || now < _toldNetworkAt)
            {
                await TellNetwork(now);
            }
        }
        return Done(await Status());
    }

    public async Task<StationStatusView?> GetStatus() => state.State.Info is null ? null : await Status();

    private async Task<StationStatusView> Status()
    {
        var info = state.State.Info!;
        var facts = await Facts();
        var today = await Today();
        var (status, since) = StationStatus.Of(facts, today.LastEventAt, info, _zone, time.GetUtcNow(), OpeningSettings.SilentAfter, _heardFrom);
        return new StationStatusView(info.Id, status, StationStatus.IsOpenNow(status), since);
    }

    private async Task<OpeningFacts> Facts()
    {
        if (_facts is null)
        {
            var session = await Openings.LatestSessionAsync(this.GetPrimaryKeyString());
            _heardFrom = time.GetUtcNow();
            _facts = session is null ? OpeningFacts.None : new OpeningFacts(session.OpenedAt, session.ClosedAt, null);
        }
        return _facts;
    }

    private OpeningOutcome? Refused() => state.State.Info switch
    {
        null => new OpeningOutcome(OpeningResult.UnknownStation, null),
        { Retired: true } => new OpeningOutcome(OpeningResult.Retired, null),
        _ => null,
    };

    private static OpeningOutcome Done(StationStatusView status) => new(OpeningResult.Done, status);

    private OpeningEntry Entry(string kind, DateTimeOffset at, string? device, string? by) =>
        new(Guid.NewGuid(), state.State.Info!.NetworkId, state.State.Info.Id, kind, at, device, by);

    /// <summary>The wall shows the status too; the network hears of it without holding up the tablet if it cannot.</summary>
    private async Task TellNetwork(DateTimeOffset now)
    {
        try
        {
            await GrainFactory.GetGrain<INetworkGrain>(state.State.Info!.NetworkId).StationOpening(this.GetPrimaryKeyString(), _facts!);
            _toldNetworkAt = now;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Station {StationId} could not tell its network of its opening; the next heartbeat will", this.GetPrimaryKeyString());
        }
    }
}
