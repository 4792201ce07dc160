namespace StationNet.Grains.Stations;

/// <summary>One per station: counts each event once, by its id, into the local day it happened on.</summary>
public interface IStationGrain : IGrainWithStringKey
{
    Task Configure(StationInfo info, string timeZone);

    [AlwaysInterleave]
    Task<StationInfo?> GetInfo();

    Task<StationToday?> GetToday();

    Task<RecordOutcome> Record(StationEvent e);

    Task<VoidOutcome> Void(Guid eventId, string? device);
}

[GenerateSerializer]
public sealed class StationState
{
    [Id(0)] public StationInfo? Info { get; set; }
    [Id(1)] public string TimeZone { get; set; } = Catalog.LocalDay.DefaultTimeZone;
}
