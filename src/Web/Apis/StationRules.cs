using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Web.Apis;

/// <summary>Checks a station an administrator enters, field by field.</summary>
public static class StationRules
{
    public static (StationInfo? Station, List<FieldError> Errors) Build(StationBody body, string id, string networkId, NetworkInfo network)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 60)
        {
            errors.Add(new("name", "name is required, at most 60 characters (驿站名称不能为空且不超过 60 字)"));
        }
        if (body.Township is { Length: > 60 })
        {
            errors.Add(new("township", "township is at most 60 characters (街道名称过长)"));
        }
        var offered = network.Services.Select(s => s.Id).ToHashSet();
        if (body.Services is not { Length: > 0 } || body.Services.Any(s => !offered.Contains(s)) || body.Services.Distinct().Count() != body.Services.Length)
        {
            errors.Add(new("services", "services: one or more of the network's services, each once (请从网络的服务项目中选择)"));
        }
        if (body.OpeningHours is not { } hours || !OpeningHours.IsValidTime(hours.Opens) || !OpeningHours.IsValidTime(hours.Closes))
        {
            errors.Add(new("openingHours", "openingHours needs opens and closes as HH:mm, closes may be 24:00 (营业时间格式为 HH:mm)"));
        }
        if (body.Seats is < 0 or > 1000)
        {
            errors.Add(new("seats", "seats is between 0 and 1000 (座位数须在 0 到 1000 之间)"));
        }
        if (body.Location is { } at && (at.Lat is not { } lat || at.Lng is not { } lng || !GeoPoint.IsValid(lat, lng)))
        {
            errors.Add(new("location", "location needs lat between -90 and 90 and lng between -180 and 180, WGS-84 degrees (位置须为 WGS-84 经纬度：纬度 -90 至 90，经度 -180 至 180)"));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var services = network.Services.Select(s => s.Id).Where(body.Services!.Contains).ToArray();
        return (new StationInfo(id, networkId, body.Name!.Trim(), body.Township?.Trim() ?? "", services, body.OpeningHours!, body.Seats ?? 0)
        {
            Location = body.Location is { Lat: { } la, Lng: { } ln } ? new GeoPoint(la, ln) : null,
        }, errors);
    }
}
