namespace StationNet.Grains.Catalog;

/// <summary>
/// "Today" is the local date, in the network's time zone, of an event's occurred-at time.
/// </summary>
public static class LocalDay
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    public static TimeZoneInfo Zone(string? timeZoneId) =>
        TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZoneId) ? DefaultTimeZone : timeZoneId);

    public static bool IsKnownZone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _);

    public static DateTime Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(Local(instant, zone));

    public static int HourOf(DateTimeOffset instant, TimeZoneInfo zone) => Local(instant, zone).Hour;

    /// <summary>The instant the given local day ends, i.e. the next local midnight.</summary>
    public static DateTimeOffset End(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a daylight-saving jump does not exist; the day then ends at the first valid instant.
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30);
        }
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
