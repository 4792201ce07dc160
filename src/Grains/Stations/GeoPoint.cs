namespace StationNet.Grains.Stations;

/// <summary>Where a station is, in WGS-84 degrees (what GPS and the browser give); maps in China convert it themselves.</summary>
[GenerateSerializer, Immutable]
public sealed record GeoPoint(
    [property: Id(0)] double Lat,
    [property: Id(1)] double Lng)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsValid => double.IsFinite(Lat) && double.IsFinite(Lng) && Lat is >= -90 and <= 90 && Lng is >= -180 and <= 180;
}

/// <summary>Opening hours that take effect on a local day and hold until the next change.</summary>
[GenerateSerializer, Immutable]
public sealed record HoursChange(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] OpeningHours Hours);
