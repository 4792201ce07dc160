namespace StationNet.Grains.Networks;

/// <summary>A yearly target: how many of one service one station should give in a year (考核 goals).</summary>
[GenerateSerializer, Immutable]
public sealed record Target(
    [property: Id(0)] string StationId,
    [property: Id(1)] string Service,
    [property: Id(2)] int Count);

[GenerateSerializer]
public sealed class TargetsState
{
    [Id(0)] public List<Target> Targets { get; set; } = [];
}

/// <summary>One per network and year, keyed "{networkId}/{year}".</summary>
public interface ITargetsGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    Task<IReadOnlyList<Target>> Get();

    /// <summary>Sets the targets given; a target of 0 removes one.</summary>
    Task<IReadOnlyList<Target>> Set(IReadOnlyList<Target> targets);
}

public sealed class TargetsGrain(
    [PersistentState("targets", "networks")] IPersistentState<TargetsState> state) : Grain, ITargetsGrain
{
    public static string Key(string networkId, int year) => $"{networkId}/{year}";

    public Task<IReadOnlyList<Target>> Get() => Task.FromResult<IReadOnlyList<Target>>(state.State.Targets.ToList());

    public async Task<IReadOnlyList<Target>> Set(IReadOnlyList<Target> targets)
    {
        var byKey = state.State.Targets.ToDictionary(t => (t.StationId, t.Service));
        foreach (var t in targets)
        {
            if (t.Count == 0)
            {
                byKey.Remove((t.StationId, t.Service));
            }
            else
            {
                byKey[(t.StationId, t.Service)] = t;
            }
        }
        state.State.Targets = byKey.Values.OrderBy(t => t.StationId, StringComparer.Ordinal).ThenBy(t => t.Service, StringComparer.Ordinal).ToList();
        await state.WriteStateAsync();
        return state.State.Targets;
    }
}
