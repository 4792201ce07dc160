namespace StationNet.Grains.Access;

/// <summary>Lists the paired tablets and the screen links of one network, for the admin pages.</summary>
public interface IAccessDirectoryGrain : IGrainWithStringKey
{
    Task AddDevice(string deviceId);

    Task AddScreenLink(string linkId);

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> Devices();

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ScreenLinks();
}

[GenerateSerializer]
public sealed class AccessDirectoryState
{
    [Id(0)] public List<string> Devices { get; set; } = [];
    [Id(1)] public List<string> ScreenLinks { get; set; } = [];
}

public sealed class AccessDirectoryGrain(
    [PersistentState("access-directory", "networks")] IPersistentState<AccessDirectoryState> state) : Grain, IAccessDirectoryGrain
{
    public Task AddDevice(string deviceId) => Add(state.State.Devices, deviceId);

    public Task AddScreenLink(string linkId) => Add(state.State.ScreenLinks, linkId);

    public Task<IReadOnlyList<string>> Devices() => Task.FromResult<IReadOnlyList<string>>(state.State.Devices.ToList());

    public Task<IReadOnlyList<string>> ScreenLinks() => Task.FromResult<IReadOnlyList<string>>(state.State.ScreenLinks.ToList());

    private async Task Add(List<string> list, string id)
    {
        if (!list.Contains(id))
        {
            list.Add(id);
            await state.WriteStateAsync();
        }
    }
}
