namespace StationNet.Grains.Access;

/// <summary>A short-lived, single-use code that pairs one tablet with one station.</summary>
[GenerateSerializer, Immutable]
public sealed record PairingCode(
    [property: Id(0)] string Code,
    [property: Id(1)] string NetworkId,
    [property: Id(2)] string StationId,
    [property: Id(3)] DateTimeOffset ExpiresAt);

[GenerateSerializer]
public sealed class PairingCodeState
{
    [Id(0)] public PairingCode? Code { get; set; }
    [Id(1)] public bool Used { get; set; }
}

public interface IPairingCodeGrain : IGrainWithStringKey
{
    /// <summary>Takes this code for the station; false when the code is already in use.</summary>
    Task<bool> Issue(PairingCode code);

    /// <summary>Uses the code up; null when it is unknown, used or expired.</summary>
    Task<PairingCode?> Claim();
}

public sealed class PairingCodeGrain(
    [PersistentState("pairing-code", "networks")] IPersistentState<PairingCodeState> state,
    StationClock time) : Grain, IPairingCodeGrain
{
    public async Task<bool> Issue(PairingCode code)
    {
        if (state.State.Code is { } existing && !state.State.Used && existing.ExpiresAt > time.GetUtcNow())
        {
            return false;
        }
        state.State.Code = code;
        state.State.Used = false;
        await state.WriteStateAsync();
        return true;
    }

    public async Task<PairingCode?> Claim()
    {
        if (state.State.Code is not { } code || state.State.Used || code.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }
        state.State.Used = true;
        await state.WriteStateAsync();
        return code;
    }
}
