namespace StationNet.Grains.Journal;

/// <summary>One station's count in one local hour of the day, over a range of days: a cell of the station × hour picture.</summary>
public sealed record StationHourCount(string StationId, int Hour, int Count);
