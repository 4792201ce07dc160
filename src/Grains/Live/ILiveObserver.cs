namespace StationNet.Grains.Live;

/// <summary>The live relay of one silo: it pushes each batch to the screens connected to that silo.</summary>
public interface ILiveObserver : IGrainObserver
{
    [OneWay]
    Task OnChanges(LiveChanges changes);

    /// <summary>A network's stations or catalog changed: screens reload its details.</summary>
    [OneWay]
    Task OnNetworkChanged(string networkId);

    /// <summary>A screen link was revoked: screens using it are disconnected.</summary>
    [OneWay]
    Task OnScreenRevoked(string linkId);

    /// <summary>A tablet was revoked: this silo forgets its cached authentication and refuses it from now on.</summary>
    [OneWay]
    Task OnTabletRevoked(string deviceId);

    /// <summary>An account was disabled: its hub connections on this silo are closed.</summary>
    [OneWay]
    Task OnAccountDisabled(string username);
}
