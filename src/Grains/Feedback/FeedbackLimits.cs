using StationNet.Grains.Journal;

namespace StationNet.Grains.Feedback;

/// <summary>
/// The one definition of what feedback's columns hold: migration 0009 declares these widths and ranges, the front
/// door checks them before anything reaches the database, and a test reads the live schema to prove the two agree.
/// </summary>
public static class FeedbackLimits
{
    public const int MinRating = 1;
    public const int MaxRating = 5;

    /// <summary>A worker's comment, and a manager's note on a follow-up.</summary>
    public const int Comment = 200;

    public const int Note = 200;

    /// <summary>The chosen tags' ids, joined by commas: all six fit.</summary>
    public const int Tags = 96;

    /// <summary>The SHA-256 of device, station and day, in hex.</summary>
    public const int DeviceDay = 64;

    /// <summary>The random id a browser keeps for itself; it is hashed, never stored.</summary>
    public const int Device = 64;

    public const int Status = 16;

    /// <summary>The account that wrote a follow-up (account names follow the id rule: at most 64).</summary>
    public const int By = JournalLimits.Device;

    /// <summary>Every text column of the feedback tables, by table and column name, with its width.</summary>
    public static readonly IReadOnlyDictionary<string, int> TextColumns = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["stationnet_feedback.network_id"] = JournalLimits.NetworkId,
        ["stationnet_feedback.station_id"] = JournalLimits.StationId,
        ["stationnet_feedback.tags"] = Tags,
        ["stationnet_feedback.comment"] = Comment,
        ["stationnet_feedback.device_day"] = DeviceDay,
        ["stationnet_feedback.status"] = Status,
        ["stationnet_feedback_notes.status"] = Status,
        ["stationnet_feedback_notes.note"] = Note,
        ["stationnet_feedback_notes.by_account"] = By,
        ["stationnet_feedback_daily.network_id"] = JournalLimits.NetworkId,
        ["stationnet_feedback_daily.station_id"] = JournalLimits.StationId,
        ["stationnet_feedback_resolved.network_id"] = JournalLimits.NetworkId,
        ["stationnet_feedback_resolved.station_id"] = JournalLimits.StationId,
    };
}
