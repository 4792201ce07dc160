namespace StationNet.Grains.Networks;

[GenerateSerializer]
public sealed class NetworkDirectoryState
{
    [Id(0)] public Dictionary<string, NetworkInfo> Networks { get; set; } = new(StringComparer.Ordinal);
}

public sealed class NetworkDirectoryGrain(
    [PersistentState("network-directory", "networks")] IPersistentState<NetworkDirectoryState> state)
    : Grain, INetworkDirectoryGrain
{
    public Task Add(NetworkInfo info)
    {
        state.State.Networks[info.Id] = info;
        return state.WriteStateAsync();
    }

    public Task<IReadOnlyList<NetworkInfo>> List()
    {
        IReadOnlyList<NetworkInfo> all = state.State.Networks.Values.OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        return Task.FromResult(all);
    }
}
