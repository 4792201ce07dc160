namespace StationNet.Web.Extensions;

/// <summary>What the running host keeps, so screens can say plainly when data is not kept.</summary>
public sealed record HostInfo(string Storage, bool DataKept);

/// <summary>The answer of <c>GET /api/about</c>.</summary>
public sealed record About(string Storage, bool DataKept, DateTimeOffset Now);
