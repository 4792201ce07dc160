using StationNet.Grains.Journal;

namespace StationNet.Silo.Hosting;

/// <summary>
/// A grain call that failed because PostgreSQL was out of reach fails with <see cref="StorageUnavailableException"/>,
/// a type every silo and the front door know, instead of a driver exception that may not cross silos intact.
/// </summary>
internal sealed class StorageFaults : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is not StorageUnavailableException && StorageUnavailableException.IsCause(ex))
        {
            // No inner exception: the driver's own types have no codec to cross to another silo.
            throw new StorageUnavailableException($"The database is out of reach: {ex.GetBaseException().Message}");
        }
    }
}
