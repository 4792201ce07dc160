using System.Security.Cryptography;

namespace StationNet.Grains.Access;

/// <summary>A paired tablet: it may write counts for its one station until it is revoked.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string NetworkId,
    [property: Id(2)] string StationId,
    [property: Id(3)] string Name,
    [property: Id(4)] DateTimeOffset PairedAt,
    [property: Id(5)] DateTimeOffset? LastSeenAt,
    [property: Id(6)] DateTimeOffset? RevokedAt);

[GenerateSerializer]
public sealed class DeviceState
{
    [Id(0)] public DeviceInfo? Info { get; set; }
    [Id(1)] public byte[] SecretHash { get; set; } = [];
}

public interface IDeviceGrain : IGrainWithStringKey
{
    Task Create(DeviceInfo info, byte[] secretHash);

    /// <summary>The device when the secret matches and it is not revoked; notes the contact.</summary>
    Task<DeviceInfo?> Authenticate(byte[] secretHash);

    Task<DeviceInfo?> GetInfo();

    Task<DeviceInfo?> Rename(string name);

    Task<DeviceInfo?> Revoke();
}

public sealed class DeviceGrain(
    [PersistentState("device", "networks")] IPersistentState<DeviceState> state,
    StationClock time) : Grain, IDeviceGrain
{
    /// <summary>Last contact is kept in memory on every request and written at most this often.</summary>
    private static readonly TimeSpan SaveContactEvery = TimeSpan.FromMinutes(5);
    private DateTimeOffset? _lastSeen;

    public async Task Create(DeviceInfo info, byte[] secretHash)
    {
        state.State.Info = info;
        state.State.SecretHash = secretHash;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAccessDirectoryGrain>(info.NetworkId).AddDevice(info.Id);
    }

    public async Task<DeviceInfo?> Authenticate(byte[] secretHash)
    {
        if (state.State.Info is not { RevokedAt: null } info || !CryptographicOperations.FixedTimeEquals(secretHash, state.State.SecretHash))
        {
            return null;
        }
        var now = time.GetUtcNow();
        _lastSeen = now;
        if (info.LastSeenAt is null || now - info.LastSeenAt > SaveContactEvery)
        {
            state.State.Info = info with { LastSeenAt = now };
            await state.WriteStateAsync();
        }
        return Current();
    }

    public Task<DeviceInfo?> GetInfo() => Task.FromResult(Current());

    public async Task<DeviceInfo?> Rename(string name)
    {
        if (state.State.Info is not { } info)
        {
            return null;
        }
        state.State.Info = info with { Name = name };
        await state.WriteStateAsync();
        return Current();
    }

    public async Task<DeviceInfo?> Revoke()
    {
        if (state.State.Info is not { } info)
        {
            return null;
        }
        state.State.Info = info with { RevokedAt = info.RevokedAt ?? time.GetUtcNow() };
        await state.WriteStateAsync();
        return Current();
    }

    private DeviceInfo? Current() => state.State.Info is { } info && _lastSeen > info.LastSeenAt ? info with { LastSeenAt = _lastSeen } : state.State.Info;
}
