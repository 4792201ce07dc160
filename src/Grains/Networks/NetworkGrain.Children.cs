using StationNet.Grains.Live;

namespace StationNet.Grains.Networks;

/// <summary>
/// The hierarchy's live path: after each of its batches a network sends its summary to its parent, which coalesces its
/// children's summaries into batches of its own (at most ten a second, versioned like a city's), and sends its own
/// summary on up. A province of fifty cities hears fifty networks, never its five thousand stations.
/// </summary>
public sealed partial class NetworkGrain
{
    public Task ChildChanged(NetworkRollup rollup)
    {
        if (_picture is not null && rollup.NetworkId != this.GetPrimaryKeyString())
        {
            var changedAt = rollup.ChangedAt ?? time.GetUtcNow();
            _changedSince = _changedSince is { } since && since < changedAt ? since : changedAt;
            _picture.ApplyChild(rollup);
            FlushSoon();
        }
        return Task.CompletedTask;
    }

    public Task ChildLeft(string networkId)
    {
        _picture?.Children.Remove(networkId);
        return Task.CompletedTask;
    }

    public Task<NetworkRollup?> GetRollup() => Task.FromResult(_picture is null ? null : Rollup([], null));

    /// <summary>A parent that wakes asks each child for its summary now; after that, the children's batches keep it current.</summary>
    private async Task LoadChildren(LivePicture picture)
    {
        var ids = await GrainFactory.GetGrain<INetworkDirectoryGrain>(0).Children(this.GetPrimaryKeyString());
        foreach (var rollup in await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<INetworkGrain>(id).GetRollup())))
        {
            if (rollup is not null)
            {
                picture.ApplyChild(rollup with { Recent = [] });
            }
        }
    }

    /// <summary>Tells the parent, if any, this network's numbers now; never awaited, so a parent calling back cannot deadlock.</summary>
    private void SendRollup(IReadOnlyList<TickerItem> recent, DateTimeOffset? changedAt = null)
    {
        if (state.State.Info?.ParentId is { } parent && _picture is not null)
        {
            GrainFactory.GetGrain<INetworkGrain>(parent).ChildChanged(Rollup(recent, changedAt)).Ignore();
        }
    }

    private NetworkRollup Rollup(IReadOnlyList<TickerItem> recent, DateTimeOffset? changedAt)
    {
        var info = state.State.Info!;
        return _picture!.Rollup(info.Name, info.NameEn, info.IsSample, state.State.Stations.Values.Count(s => !s.Retired), recent) with { ChangedAt = changedAt };
    }
}
