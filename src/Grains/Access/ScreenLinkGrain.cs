using System.Security.Cryptography;

namespace StationNet.Grains.Access;

/// <summary>A read-only link for an unattended wall screen of one network; revocable.</summary>
[GenerateSerializer, Immutable]
public sealed record ScreenLinkInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string NetworkId,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? RevokedAt);

[GenerateSerializer]
public sealed class ScreenLinkState
{
    [Id(0)] public ScreenLinkInfo? Info { get; set; }
    [Id(1)] public byte[] SecretHash { get; set; } = [];
}

public interface IScreenLinkGrain : IGrainWithStringKey
{
    Task Create(ScreenLinkInfo info, byte[] secretHash);

    Task<ScreenLinkInfo?> Authenticate(byte[] secretHash);

    Task<ScreenLinkInfo?> GetInfo();

    Task<ScreenLinkInfo?> Revoke();
}

public sealed class ScreenLinkGrain(
    [PersistentState("screen-link", "networks")] IPersistentState<ScreenLinkState> state,
    StationClock time) : Grain, IScreenLinkGrain
{
    public async Task Create(ScreenLinkInfo info, byte[] secretHash)
    {
        state.State.Info = info;
        state.State.SecretHash = secretHash;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAccessDirectoryGrain>(info.NetworkId).AddScreenLink(info.Id);
    }

    public Task<ScreenLinkInfo?> Authenticate(byte[] secretHash) => Task.FromResult(
        state.State.Info is { RevokedAt: null } info && CryptographicOperations.FixedTimeEquals(secretHash, state.State.SecretHash) ? info : null);

    public Task<ScreenLinkInfo?> GetInfo() => Task.FromResult(state.State.Info);

    public async Task<ScreenLinkInfo?> Revoke()
    {
        if (state.State.Info is not { } info)
        {
            return null;
        }
        state.State.Info = info with { RevokedAt = info.RevokedAt ?? time.GetUtcNow() };
        await state.WriteStateAsync();
        return state.State.Info;
    }
}
