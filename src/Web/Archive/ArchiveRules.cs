using StationNet.Grains.Access;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;
using StationNet.Web.Apis;

namespace StationNet.Web.Archive;

/// <summary>
/// What an archive must hold before anything of it is written: the limits the admin endpoints and the
/// event path check, applied to every line. A hand-edited or damaged archive is refused whole.
/// </summary>
public static class ArchiveRules
{
    public static IEnumerable<string> Manifest(ArchiveManifest m)
    {
        if (m.Format != ArchiveFormat.Name)
        {
            yield return $"manifest.json: format is '{Clip(m.Format)}', not '{ArchiveFormat.Name}' (不是 StationNet 网络归档)";
        }
        else if (m.FormatVersion is < 1 or > ArchiveFormat.Version)
        {
            yield return $"manifest.json: format version {m.FormatVersion} is not one this StationNet reads (1 to {ArchiveFormat.Version}); "
                + "import it into a newer StationNet (归档格式版本过新)";
        }
    }

    public static IEnumerable<string> Network(NetworkInfo n, ArchiveManifest m)
    {
        if (!Problems.IsId(n.Id) || n.Id != m.NetworkId)
        {
            yield return "network.json: id must be a short lowercase word and the manifest's networkId (网络编号不正确)";
        }
        if (string.IsNullOrWhiteSpace(n.Name) || n.Name.Length > 60 || string.IsNullOrWhiteSpace(n.NameEn) || n.NameEn.Length > 100)
        {
            yield return "network.json: name (up to 60) and nameEn (up to 100) are required (请填写中英文名称)";
        }
        if (n.ParentId is { } parent && (!Problems.IsId(parent) || parent == n.Id))
        {
            yield return "network.json: parentId is null or the id of another network (上级网络编号不正确)";
        }
        if (!LocalDay.IsKnownZone(n.TimeZone))
        {
            yield return $"network.json: unknown time zone '{Clip(n.TimeZone)}' (未知时区)";
        }
        if (n.Services is not { Count: > 0 } services || services.Any(s => s is null || !ServiceCatalog.IsService(s.Id)
                || string.IsNullOrWhiteSpace(s.Name) || string.IsNullOrWhiteSpace(s.NameEn) || s.Name.Length > 40 || s.NameEn.Length > 60)
            || services.Select(s => s.Id).Distinct().Count() != services.Count)
        {
            yield return "network.json: services must list known services once each, with Chinese and English names (服务项目不正确)";
        }
    }

    /// <summary>The station as the admin endpoint would store it, or what is wrong with it.</summary>
    public static (StationInfo? Station, IEnumerable<string> Problems) Station(StationInfo s, NetworkInfo network, int line)
    {
        if (!Problems.IsId(s.Id) || s.NetworkId != network.Id)
        {
            return (null, [$"stations.jsonl line {line}: id must be a short lowercase word, networkId the archive's network (驿站编号不正确)"]);
        }
        var (built, errors) = StationRules.Build(new StationBody(s.Id, s.Name, s.Township, s.Services?.ToArray(), s.OpeningHours, s.Seats,
                s.Address, s.Location is { } at ? new LocationBody(at.Lat, at.Lng) : null, s.Phone),
            s.Id, network.Id, network, existing: null, today: DateOnly.FromDateTime(DateTime.UtcNow));
        // The archive's hours and their history stand as they were kept, not as a change made today.
        return built is null
            ? (null, errors.Select(e => $"stations.jsonl line {line}: {e.Message}"))
            : (built with { Retired = s.Retired, OpeningHours = s.OpeningHours!, HoursHistory = s.HoursHistory }, []);
    }

    public static IEnumerable<string> Target(ArchiveTarget t, IReadOnlyDictionary<string, StationInfo> stations, int line)
    {
        if (t.Year is < ArchiveFormat.FirstYear or > ArchiveFormat.LastYear || t.Count is < 1 or > 10_000_000)
        {
            yield return $"targets.jsonl line {line}: year is 2000 to 2100 and count 1 to 10,000,000 (目标年份或数量不正确)";
        }
        if (t.StationId is null || !stations.TryGetValue(t.StationId, out var station) || t.Service is null || !station.Services.Contains(t.Service))
        {
            yield return $"targets.jsonl line {line}: the station is not in the archive or does not offer the service (目标的驿站或服务不存在)";
        }
    }

    public static IEnumerable<string> Device(DeviceInfo d, NetworkInfo network, IReadOnlyDictionary<string, StationInfo> stations, int line)
    {
        if (d.Id is not { Length: 32 } id || !id.All(char.IsAsciiHexDigitLower) || d.NetworkId != network.Id || d.StationId is null
            || !stations.ContainsKey(d.StationId) || string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 40)
        {
            yield return $"{ArchiveFormat.Devices} line {line}: needs a tablet id, the archive's network, one of its stations and a name of at most 40 (平板记录不正确)";
        }
    }

    public static IEnumerable<string> Event(JournalEntry e, NetworkInfo network, IReadOnlySet<string> stations, int line)
    {
        var at = $"{ArchiveFormat.Events} line {line}";
        if (e.EventId == Guid.Empty || e.NetworkId != network.Id || e.StationId is null || !stations.Contains(e.StationId))
        {
            yield return $"{at}: needs an eventId, the archive's networkId and one of its stations (事件编号、网络或驿站不正确)";
        }
        if (!ServiceCatalog.IsService(e.Service) || e.Quantity is < EventRules.MinQuantity or > EventRules.MaxQuantity)
        {
            yield return $"{at}: unknown service or quantity outside {EventRules.MinQuantity}–{EventRules.MaxQuantity} (服务项目或数量不正确)";
        }
        // The local day is kept as it was bucketed then; it lies within a day of the UTC date whatever the zone.
        var utcDay = DateOnly.FromDateTime(e.OccurredAt.UtcDateTime);
        if (e.OccurredAt == default || e.RecordedAt == default || e.Hour is < 0 or > 23 || Math.Abs(e.Day.DayNumber - utcDay.DayNumber) > 1)
        {
            yield return $"{at}: occurredAt, recordedAt, day and hour do not agree (时间、日期或小时不正确)";
        }
        if (e.Attendant is { Length: > EventRules.MaxTextLength } || e.Device is { Length: > EventRules.MaxTextLength }
            || e.WorkerGroup is not null && !ServiceCatalog.IsWorkerGroup(e.WorkerGroup))
        {
            yield return $"{at}: attendant or device longer than {EventRules.MaxTextLength}, or an unknown workerGroup (值班员、设备或人群类别不正确)";
        }
    }

    public static IEnumerable<string> Void(VoidEntry v, IReadOnlySet<Guid> events, int line)
    {
        if (!events.Contains(v.EventId) || v.RecordedAt == default || v.Device is { Length: > EventRules.MaxTextLength })
        {
            yield return $"{ArchiveFormat.Voids} line {line}: needs an eventId of an event in the archive and recordedAt (撤销记录不正确)";
        }
    }

    private static string Clip(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
