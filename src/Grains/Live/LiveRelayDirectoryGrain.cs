namespace StationNet.Grains.Live;

/// <summary>
/// One relay per silo, as in the Orleans GPSTracker sample. Relays re-register periodically, so the
/// list rebuilds itself if this grain moves; relays of silos that left the cluster are dropped.
/// </summary>
public sealed class LiveRelayDirectoryGrain(IClusterMembershipService membership) : Grain, ILiveRelayDirectoryGrain
{
    private readonly Dictionary<SiloAddress, ILiveObserver> _relays = [];

    public Task Register(SiloAddress silo, ILiveObserver relay)
    {
        _relays[silo] = relay;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ILiveObserver>> GetRelays()
    {
        var members = membership.CurrentSnapshot.Members;
        foreach (var silo in _relays.Keys.ToList())
        {
            if (members.TryGetValue(silo, out var m) && m.Status.IsTerminating())
            {
                _relays.Remove(silo);
            }
        }
        IReadOnlyList<ILiveObserver> live = _relays.Values.ToList();
        return Task.FromResult(live);
    }
}
