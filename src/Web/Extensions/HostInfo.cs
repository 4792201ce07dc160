namespace StationNet.Web.Extensions;

/// <summary>What the running host keeps, so screens can say plainly when data is not kept.</summary>
public sealed record HostInfo(string Storage, bool DataKept);
