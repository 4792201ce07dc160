using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;

namespace StationNet.Grains.Stations;

/// <summary>The rules an event must pass before it is counted. Pure, so every rule has a unit test.</summary>
public static class EventRules
{
    public const int MinQuantity = JournalLimits.MinQuantity;
    public const int MaxQuantity = JournalLimits.MaxQuantity;
    public const int MaxTextLength = JournalLimits.Attendant;
    /// <summary>The most events one batch may hold (a tablet's outbox after a spell offline).</summary>
    public const int MaxBatch = 100;

    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(48);

    public static IReadOnlyList<FieldError> Check(StationEvent e, IReadOnlyCollection<string> offered, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (e.Id == Guid.Empty)
        {
            errors.Add(new("id", "id must be a non-empty UUID made by the client (id 须为客户端生成的 UUID)"));
        }
        if (!ServiceCatalog.IsService(e.Service))
        {
            errors.Add(new("service", $"unknown service '{Clip(e.Service ?? "")}' (未知服务项目)"));
        }
        else if (!offered.Contains(e.Service))
        {
            errors.Add(new("service", $"this station does not offer '{e.Service}' (本驿站未提供该服务)"));
        }
        if (e.Quantity is < MinQuantity or > MaxQuantity)
        {
            errors.Add(new("quantity", $"quantity must be between {MinQuantity} and {MaxQuantity} (数量须在 {MinQuantity} 到 {MaxQuantity} 之间)"));
        }
        if (e.OccurredAt > now + MaxAhead)
        {
            errors.Add(new("occurredAt", "occurredAt is more than 5 minutes in the future (发生时间超前 5 分钟以上)"));
        }
        else if (e.OccurredAt < now - MaxAge)
        {
            errors.Add(new("occurredAt", "occurredAt is more than 48 hours old (发生时间早于 48 小时以前)"));
        }
        if (JournalLimits.TextError("attendant", "值班员姓名", e.Attendant, JournalLimits.Attendant) is { } attendant)
        {
            errors.Add(new("attendant", attendant));
        }
        if (e.WorkerGroup is not null && !ServiceCatalog.IsWorkerGroup(e.WorkerGroup))
        {
            errors.Add(new("workerGroup", $"unknown worker group '{Clip(e.WorkerGroup)}' (未知人群类别)"));
        }
        if (JournalLimits.TextError("device", "设备名称", e.Device, JournalLimits.Device) is { } device)
        {
            errors.Add(new("device", device));
        }
        return errors;
    }

    /// <summary>
    /// An id is the key of one request: a resend must name the same station, service, quantity and time (when the
    /// client gave one; the journal keeps microseconds). Returns the fields that differ, empty for a true resend.
    /// </summary>
    public static IReadOnlyList<string> Differences(JournalEntry kept, JournalEntry resent, bool timeGiven)
    {
        var fields = new List<string>();
        if (kept.StationId != resent.StationId)
        {
            fields.Add("station");
        }
        if (kept.Service != resent.Service)
        {
            fields.Add("service");
        }
        if (kept.Quantity != resent.Quantity)
        {
            fields.Add("quantity");
        }
        if (timeGiven && kept.OccurredAt.UtcTicks / 10 != resent.OccurredAt.UtcTicks / 10)
        {
            fields.Add("occurredAt");
        }
        return fields;
    }

    private static string Clip(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…";
}
