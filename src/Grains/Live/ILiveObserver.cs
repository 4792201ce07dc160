namespace StationNet.Grains.Live;

/// <summary>The live relay of one silo: it pushes each batch to the screens connected to that silo.</summary>
public interface ILiveObserver : IGrainObserver
{
    [OneWay]
    Task OnChanges(LiveChanges changes);
}
