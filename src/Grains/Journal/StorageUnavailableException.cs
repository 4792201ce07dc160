using System.Data.Common;
using System.Net.Sockets;

namespace StationNet.Grains.Journal;

/// <summary>
/// The database could not be reached or refused work for a moment (restarting, connections exhausted).
/// Nothing the caller asked for can be known to have happened; the same request, sent again with the
/// same ids, is safe. The front door answers it with 503 and Retry-After.
/// </summary>
[GenerateSerializer, Alias("stationnet.StorageUnavailable")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <summary>
    /// True when an exception, or one it wraps, says the database is out of reach rather than that a
    /// statement was wrong: a transient database error, a socket error or a timeout.
    /// </summary>
    public static bool IsCause(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StorageUnavailableException:
                case DbException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
                case AggregateException all when all.InnerExceptions.Any(IsCause):
                    return true;
            }
        }
        return false;
    }
}
