using StationNet.Grains.Opening;

namespace StationNet.Grains.Stations;

/// <summary>One per station: counts each event once, by its id, into the local day it happened on.</summary>
public interface IStationGrain : IGrainWithStringKey
{
    Task Configure(StationInfo info, string timeZone);

    [AlwaysInterleave]
    Task<StationInfo?> GetInfo();

    Task<StationToday?> GetToday();

    Task<RecordOutcome> Record(StationEvent e);

    /// <summary>Up to <see cref="EventRules.MaxBatch"/> events in one journal transaction, each answered on its own.</summary>
    Task<BatchOutcome> RecordAll(IReadOnlyList<StationEvent> events);

    Task<VoidOutcome> Void(Guid eventId, string? device);

    /// <summary>The network missed notices after the one numbered <paramref name="heard"/>: send what they carried again.</summary>
    [OneWay]
    Task ResendSince(long heard);

    /// <summary>Opens the station (idempotent: an open station stays open since its opening).</summary>
    Task<OpeningOutcome> Open(string? device, string? by);

    /// <summary>Closes the station (idempotent).</summary>
    Task<OpeningOutcome> Close(string? device, string? by);

    /// <summary>The open tablet's sign of life, every minute while its page is up. Cheap: journaled only when it changes the status.</summary>
    Task<OpeningOutcome> Heartbeat(string? device);

    /// <summary>A supply movement: received, handed out, counted or discarded; once per id.</summary>
    Task<Supplies.SupplyOutcome> RecordSupply(Supplies.SupplyRequest request);

    /// <summary>Undoes a movement sent for this station (idempotent: a second undo is a duplicate).</summary>
    Task<Supplies.SupplyOutcome> VoidSupply(Guid id, string? device);

    /// <summary>The station's verified status now; null when the station does not exist.</summary>
    Task<StationStatusView?> GetStatus();
}

public enum OpeningResult
{
    Done,
    UnknownStation,
    Retired,
}

[GenerateSerializer, Immutable]
public sealed record OpeningOutcome(
    [property: Id(0)] OpeningResult Result,
    [property: Id(1)] StationStatusView? Status);

[GenerateSerializer]
public sealed class StationState
{
    [Id(0)] public StationInfo? Info { get; set; }
    [Id(1)] public string TimeZone { get; set; } = Catalog.LocalDay.DefaultTimeZone;
}
