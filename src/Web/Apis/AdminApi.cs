using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using QRCoder;
using StationNet.Grains.Access;
using StationNet.Grains.Catalog;
using StationNet.Grains.Live;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

/// <summary>A station as an administrator enters it; <c>hoursFrom</c> is the local day new opening hours take effect (default today).</summary>
public sealed record StationBody(string? Id, string? Name, string? Township, string[]? Services, OpeningHours? OpeningHours, int? Seats,
    string? Address = null, LocationBody? Location = null, string? Phone = null, bool? Is24h = null, DateOnly? HoursFrom = null);

/// <summary>A location as entered: both numbers are needed, so a missing one is named rather than read as 0.</summary>
public sealed record LocationBody(double? Lat, double? Lng);

public sealed record PairingView(string Code, string StationId, DateTimeOffset ExpiresAt, string Url, string QrSvg);

public sealed record NameBody(string? Name);

/// <summary>A network as entered; <c>parentId</c> places it under another ("" on a change: at the top).</summary>
public sealed record NetworkBody(string? Id, string? Name, string? NameEn, string? TimeZone, string? ParentId = null);

/// <summary>An account as entered; <c>networkId</c> scopes it to that network's subtree ("" on a change: no scope).</summary>
public sealed record AccountBody(string? Username, string? DisplayName, string? Role, string? Password, bool? Disabled, string? NetworkId = null);

public sealed record ScreenLinkView(string Id, string NetworkId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? Url);

/// <summary>Administration of the network: stations, the service catalog and targets (access is in AdminApi.Access.cs). Administrators only.</summary>
public static partial class AdminApi
{
    public const int MinPasswordLength = 10;

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Access.AdminPolicy);
        api.MapGet("/networks", NetworkTreeOf).WithName("NetworkTree").WithSummary("The networks this administrator may act on, as a tree: each with its stations' count and its children");
        api.MapPost("/networks", AddNetwork).WithName("AddNetwork").WithSummary("Add a network: id, names in Chinese and English, IANA time zone (default Asia/Shanghai)");
        api.MapPut("/networks/{networkId}", EditNetwork).WithName("EditNetwork").WithSummary("Change a network's names or time zone, or move it under another parent (parentId)");
        api.MapPost("/networks/{networkId}/stations", AddStation).WithName("AddStation").WithSummary("Add a station");
        api.MapPut("/stations/{stationId}", EditStation).WithName("EditStation").WithSummary("Change a station");
        api.MapPost("/stations/{stationId}/retire", RetireStation).WithName("RetireStation").WithSummary("Retire a station; its history stays");
        api.MapPut("/networks/{networkId}/services", SetServices).WithName("SetServices").WithSummary("Set the network's service catalog and names");
        api.MapPost("/stations/{stationId}/pairing-codes", NewPairingCode).WithName("NewPairingCode")
            .WithSummary("A short-lived code, as digits and QR code, that pairs one tablet with the station");
        api.MapGet("/networks/{networkId}/devices", ListDevices).WithName("ListDevices").WithSummary("Paired tablets and their last contact");
        api.MapPatch("/devices/{deviceId}", RenameDevice).WithName("RenameDevice").WithSummary("Rename a tablet");
        api.MapPost("/devices/{deviceId}/revoke", RevokeDevice).WithName("RevokeDevice").WithSummary("Revoke a tablet's token at once");
        api.MapGet("/accounts", ListAccounts).WithName("ListAccounts").WithSummary("Manager and administrator accounts");
        api.MapPost("/accounts", AddAccount).WithName("AddAccount").WithSummary("Add an account");
        api.MapPatch("/accounts/{username}", EditAccount).WithName("EditAccount").WithSummary("Change role, name, password, or disable");
        api.MapGet("/networks/{networkId}/screen-links", ListScreenLinks).WithName("ListScreenLinks").WithSummary("Wall screen links");
        api.MapPost("/networks/{networkId}/screen-links", AddScreenLink).WithName("AddScreenLink")
            .WithSummary("A read-only link for an unattended wall screen; the URL carries its token and is shown once");
        api.MapPost("/screen-links/{linkId}/revoke", RevokeScreenLink).WithName("RevokeScreenLink")
            .WithSummary("Revoke a screen link; screens using it are disconnected");
        api.MapPut("/networks/{networkId}/targets/{year:int}", SetTargets).WithName("SetTargets")
            .WithSummary("Set yearly targets per station and service: [{ stationId, service, count }]; a count of 0 removes a target");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<Target>>, ValidationProblem, ProblemHttpResult>> SetTargets(
        string networkId, int year, Target[] body, IGrainFactory grains)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, _))
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        var errors = new List<FieldError>();
        if (year is < 2000 or > 2100)
        {
            errors.Add(new("year", "year is between 2000 and 2100 (年份须在 2000 到 2100 之间)"));
        }
        var stations = (await network.GetStations()).ToDictionary(s => s.Id);
        foreach (var t in body)
        {
            if (t.StationId is null || !stations.TryGetValue(t.StationId, out var station))
            {
                errors.Add(new("stationId", $"no station '{t.StationId}' in this network (网络中没有该驿站)"));
            }
            else if (t.Service is null || !station.Services.Contains(t.Service))
            {
                errors.Add(new("service", $"station '{t.StationId}' does not offer '{t.Service}' (该驿站未提供该服务)"));
            }
            if (t.Count is < 0 or > 10_000_000)
            {
                errors.Add(new("count", "count is between 0 and 10,000,000 (目标数须在 0 到 10,000,000 之间)"));
            }
        }
        if (body.Length == 0 || body.Length > 10_000)
        {
            errors.Add(new("targets", "send between 1 and 10,000 targets (请提交 1 到 10,000 个目标)"));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await grains.GetGrain<ITargetsGrain>(TargetsGrain.Key(networkId, year)).Set(body));
    }

    public static async Task<Results<Created<StationInfo>, ValidationProblem, ProblemHttpResult>> AddStation(string networkId, StationBody body, IGrainFactory grains,
        StationClock time)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, info))
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        if (!Problems.IsId(body.Id))
        {
            return Problems.Validation([new("id", "id is a short lowercase word: a-z, 0-9, - and _ (驿站编号格式不正确)")]);
        }
        if (await grains.GetGrain<IStationGrain>(body.Id).GetInfo() is not null)
        {
            return Problems.Conflict($"Station '{body.Id}' already exists (驿站编号已存在)");
        }
        var (station, errors) = StationRules.Build(body, body.Id, networkId, info, null, LocalDay.Of(time.GetUtcNow(), LocalDay.Zone(info.TimeZone)));
        if (station is null)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Created($"/api/stations/{body.Id}", await Save(network, station));
    }

    public static async Task<Results<Ok<StationInfo>, ValidationProblem, ProblemHttpResult>> EditStation(string stationId, StationBody body, IGrainFactory grains,
        StationClock time)
    {
        if (await FindStation(stationId, grains) is not { } existing)
        {
            return Problems.NotFound("Station", stationId, "驿站");
        }
        var network = grains.GetGrain<INetworkGrain>(existing.NetworkId);
        var info = (await network.GetInfo())!;
        var (station, errors) = StationRules.Build(body, stationId, existing.NetworkId, info, existing, LocalDay.Of(time.GetUtcNow(), LocalDay.Zone(info.TimeZone)));
        if (station is null)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await Save(network, station with { Retired = existing.Retired }));
    }

    public static async Task<Results<Ok<StationInfo>, ProblemHttpResult>> RetireStation(string stationId, IGrainFactory grains)
    {
        if (await FindStation(stationId, grains) is not { } existing)
        {
            return Problems.NotFound("Station", stationId, "驿站");
        }
        return TypedResults.Ok(await Save(grains.GetGrain<INetworkGrain>(existing.NetworkId), existing with { Retired = true }));
    }

    public static async Task<Results<Ok<IReadOnlyList<ServiceKind>>, ValidationProblem, ProblemHttpResult>> SetServices(
        string networkId, ServiceKind[] body, IGrainFactory grains)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, info))
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        var errors = new List<FieldError>();
        if (body.Length == 0 || body.Select(s => s.Id).Distinct().Count() != body.Length)
        {
            errors.Add(new("services", "list each service once, at least one (服务项目不能为空或重复)"));
        }
        foreach (var s in body)
        {
            if (!ServiceCatalog.IsService(s.Id))
            {
                errors.Add(new("services", $"unknown service '{s.Id}' (未知服务项目)"));
            }
            if (string.IsNullOrWhiteSpace(s.Name) || string.IsNullOrWhiteSpace(s.NameEn) || s.Name.Length > 40 || s.NameEn.Length > 60)
            {
                errors.Add(new("services", $"service '{s.Id}' needs a Chinese and an English name of at most 40 and 60 characters (请填写中英文名称)"));
            }
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        IReadOnlyList<ServiceKind> services = body.Select(s => new ServiceKind(s.Id, s.Name.Trim(), s.NameEn.Trim())).ToArray();
        await network.Configure(info with { Services = services });
        return TypedResults.Ok(services);
    }

    private static async Task<StationInfo> Save(INetworkGrain network, StationInfo station)
    {
        await network.SaveStation(station);
        return station;
    }

    private static async Task<StationInfo?> FindStation(string stationId, IGrainFactory grains) =>
        Problems.IsId(stationId) ? await grains.GetGrain<IStationGrain>(stationId).GetInfo() : null;

}
