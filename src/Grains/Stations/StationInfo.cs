using System.Globalization;

namespace StationNet.Grains.Stations;

/// <summary>A station of a network: where it is, what it offers, when it is open. A retired station keeps its history but takes no events.</summary>
[GenerateSerializer, Immutable]
public sealed record StationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string NetworkId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Township,
    [property: Id(4)] IReadOnlyList<string> Services,
    [property: Id(5)] OpeningHours OpeningHours,
    [property: Id(6)] int Seats,
    [property: Id(7)] bool Retired = false)
{
    /// <summary>Where the station is (WGS-84), for the wall's map; optional.</summary>
    [Id(8)]
    public GeoPoint? Location { get; init; }
}

/// <summary>A point on the earth in WGS-84 degrees, as GPS and most maps give it.</summary>
[GenerateSerializer, Immutable]
public sealed record GeoPoint(
    [property: Id(0)] double Lat,
    [property: Id(1)] double Lng)
{
    public static bool IsValid(double lat, double lng) =>
        double.IsFinite(lat) && double.IsFinite(lng) && lat is >= -90 and <= 90 && lng is >= -180 and <= 180;
}

/// <summary>Local opening hours as "HH:mm"; a closing time at or before the opening time runs past midnight.</summary>
[GenerateSerializer, Immutable]
public sealed record OpeningHours(
    [property: Id(0)] string Opens,
    [property: Id(1)] string Closes)
{
    public static readonly OpeningHours AllDay = new("00:00", "24:00");

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
