namespace StationNet.Grains.Networks;

[GenerateSerializer]
public sealed class NetworkDirectoryState
{
    [Id(0)] public Dictionary<string, NetworkInfo> Networks { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Thrown when a network's parent would be unknown, itself, beneath it, or too deep; the message says which, in English and Chinese.</summary>
[GenerateSerializer]
public sealed class HierarchyRefusedException(string message) : Exception(message);

/// <summary>
/// Every network and its parent link: the one place the hierarchy is checked (no cycles, known parents, bounded depth),
/// so a network's description only ever reaches storage with a parent this grain allowed.
/// </summary>
public sealed class NetworkDirectoryGrain(
    [PersistentState("network-directory", "networks")] IPersistentState<NetworkDirectoryState> state)
    : Grain, INetworkDirectoryGrain
{
    public async Task Add(NetworkInfo info)
    {
        if (NetworkTree.Refuse(state.State.Networks, info.Id, info.ParentId) is { } refusal)
        {
            throw new HierarchyRefusedException(NetworkTree.Say(refusal, info.Id, info.ParentId));
        }
        state.State.Networks[info.Id] = info;
        await state.WriteStateAsync();
    }

    public Task<string?> CheckParent(string networkId, string? parentId) =>
        Task.FromResult(NetworkTree.Refuse(state.State.Networks, networkId, parentId) is { } refusal ? NetworkTree.Say(refusal, networkId, parentId) : null);

    public Task<IReadOnlyList<NetworkInfo>> List()
    {
        IReadOnlyList<NetworkInfo> all = state.State.Networks.Values.OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        return Task.FromResult(all);
    }

    public Task<IReadOnlyList<string>> Subtree(string networkId) =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Networks.ContainsKey(networkId) ? NetworkTree.Subtree(state.State.Networks, networkId) : []);

    public Task<IReadOnlyList<string>> Children(string networkId) =>
        Task.FromResult<IReadOnlyList<string>>(NetworkTree.ChildrenByParent(state.State.Networks).GetValueOrDefault(networkId) ?? []);

    public Task<bool> IsWithin(string networkId, string scopeId) => Task.FromResult(NetworkTree.IsWithin(state.State.Networks, networkId, scopeId));
}
