namespace StationNet.Grains.Journal;

/// <summary>
/// The one definition of what the journal's columns hold: the migrations declare these widths and
/// ranges (0003, 0005), the station grain checks them before anything reaches the database, and a test
/// reads the live schema to prove the two agree. A limit changes here and in a new migration together.
/// </summary>
public static class JournalLimits
{
    public const int NetworkId = 64;
    public const int StationId = 64;
    public const int Service = 32;
    public const int Attendant = 40;
    public const int WorkerGroup = 32;

    /// <summary>A tablet's id or, for an administrator's void, the account's user name (at most 64 characters).</summary>
    public const int Device = 64;

    public const int MinQuantity = 1;
    public const int MaxQuantity = 50;

    /// <summary>Every text column of stationnet_journal, by column name, with its width.</summary>
    public static readonly IReadOnlyDictionary<string, int> TextColumns = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["network_id"] = NetworkId,
        ["station_id"] = StationId,
        ["service"] = Service,
        ["attendant"] = Attendant,
        ["worker_group"] = WorkerGroup,
        ["device"] = Device,
    };

    /// <summary>
    /// Text PostgreSQL keeps as it came: no NUL (which it refuses outright), no other control characters
    /// (which break CSV files and screens), and no half of a surrogate pair (which is not UTF-8 at all).
    /// </summary>
    public static bool IsCleanText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return false;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The field's error, or null when the text fits its column.</summary>
    public static string? TextError(string field, string zh, string? text, int max) => text switch
    {
        null => null,
        { Length: var n } when n > max => $"{field} is longer than {max} characters ({zh}超过 {max} 字)",
        _ when !IsCleanText(text) => $"{field} holds a control character or broken text (NUL, line break, tab…) ({zh}含有控制字符或无效字符)",
        _ => null,
    };
}
