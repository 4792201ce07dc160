using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;
using StationNet.Grains.Supplies;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

/// <summary>One item as an administrator sends it; everything optional here so a missing field gets a clear message.</summary>
public sealed record SupplyItemBody(string? Id, string? Name, string? NameEn, string? Unit, bool? Expires, int? LowAt, string? Service, string? UnitEn);

public sealed record SupplyMovementBody(Guid? Id, string? Item, string? Kind, int? Quantity, DateOnly? ExpiresOn);

public sealed record SupplyMovementReply(Guid Id, bool Duplicate, string StationId, SupplyLevel Level);

/// <summary>The answer to an undo: Level is the item's stock after it (absent when the item has left the catalog).</summary>
public sealed record SupplyVoidReply(Guid Id, bool Voided, bool AlreadyVoided, string StationId, SupplyLevel? Level);

public sealed record StationSupplies(string StationId, DateOnly Day, IReadOnlyList<SupplyLevel> Items);

/// <summary>A level someone must act on, for the manager's list and the wall's small counts.</summary>
public sealed record SupplyWarning(string StationId, string Station, string Item, string Name, string NameEn, string Unit, int OnHand, int LowAt,
    bool Low, bool Negative, IReadOnlyList<SupplyBatch> Expiring, int Expired, string? UnitEn)
{
    /// <summary>The station's network (a parent's warnings are those of every station beneath it).</summary>
    public string? NetworkId { get; init; }
}

/// <summary>Supplies: the network's catalog, movements from the station's tablet, stock per station, and warnings.</summary>
public static class SuppliesApi
{
    private const string MovementRefused = "The supply movement was refused (物资记录未被接受)";

    public static void MapSuppliesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/networks/{networkId}/supplies", Catalog).WithTags("Supplies").WithName("SupplyCatalog").RequireAuthorization()
            .WithSummary("The network's supply catalog: [{ id, name, nameEn, unit, expires, lowAt, service }]");
        app.MapPut("/api/admin/networks/{networkId}/supplies", SetCatalog).WithTags("Supplies").WithName("SetSupplyCatalog")
            .RequireAuthorization(Access.AdminPolicy)
            .WithSummary("Replace the network's supply catalog; an item with a service takes one unit per tap of it. Administrators");
        app.MapGet("/api/networks/{networkId}/supplies/warnings", Warnings).WithTags("Supplies").WithName("SupplyWarnings").RequireAuthorization()
            .WithSummary("Every station's items that are low, below zero, or expiring within 30 days (or expired), stations in order; a parent's cover every station beneath it");
        var stations = app.MapGroup("/api/stations").WithTags("Supplies").RequireAuthorization();
        stations.MapGet("/{stationId}/supplies", Stock).WithName("StationSupplies")
            .WithSummary("The station's stock: each catalog item's on hand, low threshold, and batches expiring within 30 days, first-expiring first");
        stations.MapPost("/{stationId}/supplies/movements", PostMovement).WithName("PostSupplyMovement").RequireRateLimiting(AuthSetup.EventsLimit)
            .WithSummary("Record a supply movement (received, handed-out, counted, discarded): 201, 200 with duplicate=true for the same resend, 409 for the same id with other content. The station's tablet or an administrator");
        stations.MapDelete("/{stationId}/supplies/movements/{movementId}", VoidMovement).WithName("VoidSupplyMovement").RequireRateLimiting(AuthSetup.EventsLimit)
            .WithSummary("Undo a mistaken supply movement of today: journaled once as its void (the movement stays); idempotent. The station's tablet or an administrator");
    }

    public static async Task<Results<Ok<IReadOnlyList<SupplyItem>>, ProblemHttpResult>> Catalog(string networkId, ClaimsPrincipal user, IGrainFactory grains,
        ISupplyJournal supplies, CancellationToken ct)
    {
        if (!user.CanReadNetwork(networkId))
        {
            return Problems.Forbidden("network", networkId);
        }
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (_, info))
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        return TypedResults.Ok(await supplies.CatalogAsync(info.Id, ct));
    }

    public static async Task<Results<Ok<IReadOnlyList<SupplyItem>>, ValidationProblem, ProblemHttpResult>> SetCatalog(string networkId, List<SupplyItemBody?>? body,
        IGrainFactory grains, ISupplyJournal supplies, CancellationToken ct)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (_, info))
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        var items = body?.Select(b => b is null ? null
            : new SupplyItem(b.Id ?? "", b.Name ?? "", b.NameEn ?? "", b.Unit ?? "", b.Expires ?? false, b.LowAt ?? 0, string.IsNullOrEmpty(b.Service) ? null : b.Service,
                string.IsNullOrEmpty(b.UnitEn) ? null : b.UnitEn)).ToList();
        var errors = SupplyRules.CheckCatalog(items, info.Services);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors, "The supply catalog was refused (物资目录未被接受)");
        }
        IReadOnlyList<SupplyItem> catalog = items!.Select(i => i!).ToList();
        await supplies.SetCatalogAsync(info.Id, catalog, ct);
        return TypedResults.Ok(catalog);
    }

    public static async Task<Results<Ok<StationSupplies>, ProblemHttpResult>> Stock(string stationId, ClaimsPrincipal user, IGrainFactory grains,
        ISupplyJournal supplies, StationClock time, CancellationToken ct)
    {
        if (!user.CanReadStation(stationId))
        {
            return Problems.Forbidden("station", stationId);
        }
        if (!Problems.IsId(stationId) || await grains.GetGrain<IStationGrain>(stationId).GetInfo() is not { } station
            || await NetworksApi.FindNetwork(station.NetworkId, grains) is not var (_, network))
        {
            return Problems.NotFound("Station", stationId, "驿站");
        }
        var today = LocalDay.Of(time.GetUtcNow(), LocalDay.Zone(network.TimeZone));
        var levels = SupplyStock.Levels(await supplies.CatalogAsync(network.Id, ct), await supplies.StockAsync(network.Id, station.Id, ct), today, station.Services);
        return TypedResults.Ok(new StationSupplies(station.Id, today, levels));
    }

    public static async Task<Results<Ok<IReadOnlyList<SupplyWarning>>, ProblemHttpResult>> Warnings(string networkId, ClaimsPrincipal user,
        IGrainFactory grains, ISupplyJournal supplies, StationClock time, CancellationToken ct)
    {
        if (!user.CanReadNetwork(networkId))
        {
            return Problems.Forbidden("network", networkId);
        }
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (_, info))
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        var today = LocalDay.Of(time.GetUtcNow(), LocalDay.Zone(info.TimeZone));
        // Every network of the subtree with its own catalog: a province's warnings are its cities'.
        var subtree = await grains.GetGrain<INetworkDirectoryGrain>(0).Subtree(info.Id) is { Count: > 0 } ids ? ids : [info.Id];
        var parts = await Task.WhenAll(subtree.Select(async id =>
        {
            var catalog = await supplies.CatalogAsync(id, ct);
            var stock = (await supplies.StockAsync(id, null, ct)).ToLookup(s => s.StationId);
            return (await grains.GetGrain<INetworkGrain>(id).GetStations()).Where(s => !s.Retired)
                .SelectMany(s => SupplyStock.Levels(catalog, stock[s.Id], today, s.Services).Where(SupplyStock.NeedsAction)
                    .Select(l => new SupplyWarning(s.Id, s.Name, l.Item, l.Name, l.NameEn, l.Unit, l.OnHand, l.LowAt, l.Low, l.Negative, l.Expiring, l.Expired, l.UnitEn)
                        { NetworkId = id }));
        }));
        IReadOnlyList<SupplyWarning> warnings = parts.SelectMany(p => p).ToList();
        return TypedResults.Ok(warnings);
    }

    public static async Task<Results<Created<SupplyMovementReply>, Ok<SupplyMovementReply>, ValidationProblem, ProblemHttpResult>> PostMovement(
        string stationId, SupplyMovementBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.CanWriteStation(stationId))
        {
            return Problems.Forbidden("station", stationId);
        }
        if (!Problems.IsId(stationId))
        {
            return Problems.NotFound("Station", stationId, "驿站");
        }
        if (body.Id is not { } id)
        {
            return Problems.Validation([new FieldError("id", "id is required: a UUID made by the client (缺少 id)")], MovementRefused);
        }
        var outcome = await grains.GetGrain<IStationGrain>(stationId)
            .RecordSupply(new SupplyRequest(id, body.Item, body.Kind, body.Quantity, body.ExpiresOn, user.DeviceId() ?? user.Identity?.Name));
        return outcome.Status switch
        {
            SupplyStatus.Recorded => TypedResults.Created($"/api/stations/{stationId}/supplies", new SupplyMovementReply(id, false, stationId, outcome.Level!)),
            SupplyStatus.Duplicate => TypedResults.Ok(new SupplyMovementReply(id, true, stationId, outcome.Level!)),
            SupplyStatus.Rejected => Problems.Validation(outcome.Errors, MovementRefused),
            SupplyStatus.Conflict => Problems.Conflict(outcome.Errors[0].Message),
            SupplyStatus.Retired => Problems.Conflict($"Station '{stationId}' is retired and takes no movements (该驿站已停用)"),
            _ => Problems.NotFound("Station", stationId, "驿站"),
        };
    }

    public static async Task<Results<Ok<SupplyVoidReply>, ProblemHttpResult>> VoidMovement(string stationId, Guid movementId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.CanWriteStation(stationId))
        {
            return Problems.Forbidden("station", stationId);
        }
        if (!Problems.IsId(stationId))
        {
            return Problems.NotFound("Station", stationId, "驿站");
        }
        var outcome = await grains.GetGrain<IStationGrain>(stationId).VoidSupply(movementId, user.DeviceId() ?? user.Identity?.Name);
        return outcome.Status switch
        {
            SupplyStatus.Recorded => TypedResults.Ok(new SupplyVoidReply(movementId, true, false, stationId, outcome.Level)),
            SupplyStatus.Duplicate => TypedResults.Ok(new SupplyVoidReply(movementId, true, true, stationId, outcome.Level)),
            SupplyStatus.NotToday => Problems.Conflict("Only a supply movement of today can be undone (只能撤销当天的物资记录)"),
            SupplyStatus.Retired => Problems.Conflict($"Station '{stationId}' is retired and takes no movements (该驿站已停用)"),
            SupplyStatus.UnknownMovement => Problems.NotFound("Supply movement", movementId.ToString(), "该驿站的这条物资记录"),
            _ => Problems.NotFound("Station", stationId, "驿站"),
        };
    }
}
