using StationNet.Grains.Opening;
using StationNet.Grains.Stations;

namespace StationNet.Web.Archive;

/// <summary>
/// The opening journal's part of an archive (<c>journal/openings.jsonl</c>): every open, close and status-changing
/// heartbeat of the network's stations, oldest first. On import the records are appended in that order through
/// the opening journal, which rebuilds the sessions from them as it does on the write path.
/// </summary>
public static class ArchiveOpenings
{
    private const int MaxText = 64;
    private static readonly HashSet<string> Kinds = [OpeningKinds.Open, OpeningKinds.Close, OpeningKinds.Heartbeat];

    public static async Task<IReadOnlyList<OpeningEntry>> ReadAsync(IOpeningJournal openings, IEnumerable<StationInfo> stations, CancellationToken ct)
    {
        var all = new List<OpeningEntry>();
        foreach (var station in stations)
        {
            all.AddRange(await openings.RecordsAsync(station.Id, int.MaxValue, ct));
        }
        return Order(all);
    }

    public static IEnumerable<string> Check(OpeningEntry o, string networkId, IReadOnlyDictionary<string, StationInfo> stations, int line)
    {
        if (o.Id == Guid.Empty || o.NetworkId != networkId || o.StationId is null || !stations.ContainsKey(o.StationId) || o.Kind is null
            || !Kinds.Contains(o.Kind) || o.At == default || o.Device is { Length: > MaxText } || o.By is { Length: > MaxText })
        {
            yield return $"{ArchiveFormat.Openings} line {line}: needs an id, the archive's network, one of its stations, kind open, close or heartbeat, "
                + $"and at; device and by at most {MaxText} (开闭站记录不正确)";
        }
    }

    /// <summary>A record the installation has with other content, or (for a network that exists) one it lacks.</summary>
    public static async Task<string?> ConflictAsync(IOpeningJournal openings, IReadOnlyList<OpeningEntry> archived, bool networkExists, CancellationToken ct)
    {
        var known = (await ReadKnown(openings, archived, ct)).ToDictionary(o => o.Id, Fingerprint);
        foreach (var o in archived)
        {
            if (known.TryGetValue(o.Id, out var fingerprint) ? fingerprint != Fingerprint(o) : networkExists)
            {
                return $"Opening record {o.Id} is here with other content, or is missing from a network that exists here (开闭站记录不同)";
            }
        }
        return null;
    }

    /// <summary>Appends the records the installation lacks, oldest first, so each station's sessions come out as they were.</summary>
    public static async Task<int> WriteAsync(IOpeningJournal openings, IReadOnlyList<OpeningEntry> archived, CancellationToken ct)
    {
        var added = 0;
        foreach (var o in Order(archived))
        {
            if (await openings.AppendAsync(o, ct))
            {
                added++;
            }
        }
        return added;
    }

    private static async Task<IEnumerable<OpeningEntry>> ReadKnown(IOpeningJournal openings, IReadOnlyList<OpeningEntry> archived, CancellationToken ct)
    {
        var known = new List<OpeningEntry>();
        foreach (var station in archived.Select(o => o.StationId).Distinct())
        {
            known.AddRange(await openings.RecordsAsync(station, int.MaxValue, ct));
        }
        return known;
    }

    private static List<OpeningEntry> Order(IEnumerable<OpeningEntry> records) => records.OrderBy(o => o.At).ThenBy(o => o.Id).ToList();

    private static string Fingerprint(OpeningEntry o) => string.Join('|', o.NetworkId, o.StationId, o.Kind, o.At.UtcTicks / 10, o.Device, o.By);
}
