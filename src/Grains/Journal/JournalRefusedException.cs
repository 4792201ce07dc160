namespace StationNet.Grains.Journal;

/// <summary>
/// The database refused this one record for what it holds, not for being out of reach: it will be refused
/// again however often it is sent. The rest of its group commit was written; the front door answers 400.
/// </summary>
[GenerateSerializer, Alias("stationnet.JournalRefused")]
public sealed class JournalRefusedException : Exception
{
    public JournalRefusedException()
    {
    }

    public JournalRefusedException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
