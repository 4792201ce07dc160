using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Web.Apis;

/// <summary>Administration of networks themselves: adding one, and changing its names or time zone.</summary>
public static partial class AdminApi
{
    public static async Task<Results<Created<NetworkInfo>, ValidationProblem, ProblemHttpResult>> AddNetwork(NetworkBody body, IGrainFactory grains)
    {
        var errors = NetworkErrors(body);
        if (!Problems.IsId(body.Id))
        {
            errors.Add(new("id", "id is a short lowercase word: a-z, 0-9, - and _ (网络编号格式不正确)"));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var network = grains.GetGrain<INetworkGrain>(body.Id!);
        if (await network.GetInfo() is not null)
        {
            return Problems.Conflict($"Network '{body.Id}' already exists (网络编号已存在)");
        }
        var info = new NetworkInfo(body.Id!, body.Name!.Trim(), body.NameEn!.Trim(), body.TimeZone ?? LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: false);
        await network.Configure(info);
        return TypedResults.Created($"/api/networks/{info.Id}", info);
    }

    public static async Task<Results<Ok<NetworkInfo>, ValidationProblem, ProblemHttpResult>> EditNetwork(string networkId, NetworkBody body, IGrainFactory grains)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, old))
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        var errors = NetworkErrors(body);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var info = old with { Name = body.Name!.Trim(), NameEn = body.NameEn!.Trim(), TimeZone = body.TimeZone ?? old.TimeZone };
        // A new zone re-zones every station and rebuilds the live picture inside this one call.
        await network.Configure(info);
        return TypedResults.Ok(info);
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
        return errors;
    }
}
