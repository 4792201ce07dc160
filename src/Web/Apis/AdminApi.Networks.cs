using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

/// <summary>A network in the tree: its stations' count and the networks beneath it.</summary>
public sealed record NetworkNode(string Id, string Name, string NameEn, string TimeZone, bool IsSample, string? ParentId, int Stations, IReadOnlyList<NetworkNode> Children);

/// <summary>Administration of networks themselves: adding one, changing its names or time zone, moving it in the tree.</summary>
public static partial class AdminApi
{
    public static async Task<Ok<IReadOnlyList<NetworkNode>>> NetworkTreeOf(ClaimsPrincipal user, IGrainFactory grains)
    {
        var all = (await grains.GetGrain<INetworkDirectoryGrain>(0).List()).ToDictionary(n => n.Id, StringComparer.Ordinal);
        var counts = await Task.WhenAll(all.Keys.Select(async id => (id, n: (await grains.GetGrain<INetworkGrain>(id).GetStations()).Count(s => !s.Retired))));
        var stations = counts.ToDictionary(c => c.id, c => c.n, StringComparer.Ordinal);
        var children = NetworkTree.ChildrenByParent(all);
        NetworkNode Node(NetworkInfo n) => new(n.Id, n.Name, n.NameEn, n.TimeZone, n.IsSample, n.ParentId, stations.GetValueOrDefault(n.Id),
            (children.GetValueOrDefault(n.Id) ?? []).Select(c => Node(all[c])).ToList());
        // A scoped administrator's tree starts at its scope; everyone else's at the top networks.
        IReadOnlyList<NetworkNode> roots = user.ScopeId() is { } scope
            ? all.TryGetValue(scope, out var top) ? [Node(top)] : []
            : all.Values.Where(n => n.ParentId is null || !all.ContainsKey(n.ParentId)).OrderBy(n => n.Id, StringComparer.Ordinal).Select(Node).ToList();
        return TypedResults.Ok(roots);
    }

    public static async Task<Results<Created<NetworkInfo>, ValidationProblem, ProblemHttpResult>> AddNetwork(NetworkBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = NetworkErrors(body);
        if (!Problems.IsId(body.Id))
        {
            errors.Add(new("id", "id is a short lowercase word: a-z, 0-9, - and _ (网络编号格式不正确)"));
        }
        var parentId = string.IsNullOrEmpty(body.ParentId) ? null : body.ParentId;
        if (user.ScopeId() is not null && parentId is null)
        {
            errors.Add(new("parentId", "an account scoped to a network adds networks beneath it: give parentId (请指定上级网络)"));
        }
        if (errors.Count == 0 && await grains.GetGrain<INetworkDirectoryGrain>(0).CheckParent(body.Id!, parentId) is { } refusal)
        {
            errors.Add(new("parentId", refusal));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (!await user.Reaches(grains, parentId))
        {
            return Problems.Forbidden("network", parentId!);
        }
        var network = grains.GetGrain<INetworkGrain>(body.Id!);
        if (await network.GetInfo() is not null)
        {
            return Problems.Conflict($"Network '{body.Id}' already exists (网络编号已存在)");
        }
        var info = new NetworkInfo(body.Id!, body.Name!.Trim(), body.NameEn!.Trim(), body.TimeZone ?? LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: false)
            { ParentId = parentId };
        if (await Place(network, info) is { } refused)
        {
            return refused;
        }
        return TypedResults.Created($"/api/networks/{info.Id}", info);
    }

    public static async Task<Results<Ok<NetworkInfo>, ValidationProblem, ProblemHttpResult>> EditNetwork(string networkId, NetworkBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, old))
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        var errors = NetworkErrors(body);
        var parentId = body.ParentId is null ? old.ParentId : body.ParentId.Length == 0 ? null : body.ParentId;
        if (parentId != old.ParentId && await grains.GetGrain<INetworkDirectoryGrain>(0).CheckParent(networkId, parentId) is { } refusal)
        {
            errors.Add(new("parentId", refusal));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        // A scoped administrator moves networks within its subtree, never the subtree's own top.
        if (parentId != old.ParentId && (user.ScopeId() == networkId || !await user.Reaches(grains, parentId)))
        {
            return Problems.Forbidden("network", parentId ?? networkId);
        }
        var info = old with { Name = body.Name!.Trim(), NameEn = body.NameEn!.Trim(), TimeZone = body.TimeZone ?? old.TimeZone, ParentId = parentId };
        // A new zone re-zones every station and rebuilds the live picture inside this one call.
        if (await Place(network, info) is { } refused)
        {
            return refused;
        }
        return TypedResults.Ok(info);
    }

    /// <summary>Configures the network; a parent the directory refuses at the last moment (a move racing this one) is a 400, not a 500.</summary>
    private static async Task<ValidationProblem?> Place(INetworkGrain network, NetworkInfo info)
    {
        try
        {
            await network.Configure(info);
            return null;
        }
        catch (HierarchyRefusedException e)
        {
            return Problems.Validation([new("parentId", e.Message)]);
        }
    }

    private static List<FieldError> NetworkErrors(NetworkBody body)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 60 || string.IsNullOrWhiteSpace(body.NameEn) || body.NameEn.Length > 100)
        {
            errors.Add(new("name", "name (Chinese, up to 60) and nameEn (English, up to 100) are required (请填写中英文名称)"));
        }
        if (body.TimeZone is not null && !LocalDay.IsKnownZone(body.TimeZone))
        {
            errors.Add(new("timeZone", $"unknown time zone '{(body.TimeZone.Length > 40 ? body.TimeZone[..40] : body.TimeZone)}'; use an IANA name such as Asia/Shanghai (未知时区)"));
        }
        if (!string.IsNullOrEmpty(body.ParentId) && !Problems.IsId(body.ParentId))
        {
            errors.Add(new("parentId", "parentId is a network's id: a-z, 0-9, - and _ (上级网络编号格式不正确)"));
        }
        return errors;
    }
}
