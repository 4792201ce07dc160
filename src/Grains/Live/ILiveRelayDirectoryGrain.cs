namespace StationNet.Grains.Live;

/// <summary>Knows the live relay of every silo, so a network grain can reach screens on all of them.</summary>
public interface ILiveRelayDirectoryGrain : IGrainWithIntegerKey
{
    Task Register(SiloAddress silo, ILiveObserver relay);

    [AlwaysInterleave]
    Task<IReadOnlyList<ILiveObserver>> GetRelays();
}
