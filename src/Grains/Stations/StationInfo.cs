using System.Globalization;
using System.Text.Json.Serialization;

namespace StationNet.Grains.Stations;

/// <summary>
/// A station of a network: where it is, what it offers, when it is open. A retired station keeps its history but takes no events.
/// The address, location and phone are the station's own, shown to workers; never a person's. Hours changes are kept with the
/// day they take effect (<see cref="HoursHistory"/>), so reports judge each day by the hours then in force.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string NetworkId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Township,
    [property: Id(4)] IReadOnlyList<string> Services,
    [property: Id(5)] OpeningHours OpeningHours,
    [property: Id(6)] int Seats,
    [property: Id(7)] bool Retired = false,
    [property: Id(8)] string Address = "",
    [property: Id(9)] GeoPoint? Location = null,
    [property: Id(10)] string Phone = "",
    // Id 11 held a stored "open 24 hours" flag: it is the hours of a day now (HoursOn(day).IsAllDay), never a second truth.
    [property: Id(12)] IReadOnlyList<HoursChange>? HoursHistory = null)
{
    /// <summary>The hours in force on a local day: the latest change that took effect on or before it, else the earliest known.</summary>
    public OpeningHours HoursOn(DateOnly day)
    {
        if (HoursHistory is not { Count: > 0 } history)
        {
            return OpeningHours;
        }
        var inForce = history.Where(h => h.From <= day).OrderBy(h => h.From).LastOrDefault();
        return (inForce ?? history.OrderBy(h => h.From).First()).Hours;
    }

    /// <summary>Open round the clock by the hours saved as in force (shown by the admin page); a day's own is <c>HoursOn(day).IsAllDay</c>.</summary>
    public bool Is24h => OpeningHours.IsAllDay;
}

/// <summary>Local opening hours as "HH:mm"; a closing time at or before the opening time runs past midnight.</summary>
[GenerateSerializer, Immutable]
public sealed record OpeningHours(
    [property: Id(0)] string Opens,
    [property: Id(1)] string Closes)
{
    public static readonly OpeningHours AllDay = new("00:00", "24:00");

    /// <summary>Hours that never close: 00:00–24:00, or a closing time equal to the opening time.</summary>
    [JsonIgnore]
    public bool IsAllDay => (Minutes(Opens) == 0 && Minutes(Closes) == 24 * 60) || Minutes(Opens) == Minutes(Closes);

    /// <summary>Minutes since today's opening time, 0–1439, for a local time inside the hours; hours that run past midnight count on.</summary>
    public int MinutesSinceOpening(TimeOnly localTime) => ((localTime.Hour * 60 + localTime.Minute) - Minutes(Opens) + 24 * 60) % (24 * 60);

    public bool IsOpenAt(TimeOnly localTime)
    {
        var opens = Minutes(Opens);
        var closes = Minutes(Closes);
        var now = localTime.Hour * 60 + localTime.Minute;
        return opens < closes ? now >= opens && now < closes : now >= opens || now < closes;
    }

    public static bool IsValidTime(string? text) => text is not null && TryMinutes(text, out _);

    private static int Minutes(string text) => TryMinutes(text, out var m) ? m : 0;

    private static bool TryMinutes(string text, out int minutes)
    {
        minutes = 0;
        if (text == "24:00")
        {
            minutes = 24 * 60;
            return true;
        }
        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return false;
        }
        minutes = t.Hour * 60 + t.Minute;
        return true;
    }
}
