using System.Text.RegularExpressions;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Web.Apis;

/// <summary>Checks a station an administrator enters, field by field, and keeps its hours history.</summary>
public static partial class StationRules
{
    public const int MaxAddressLength = 120;
    public const int MaxHoursHistory = 100;

    /// <param name="existing">The station as it was, when it is being changed: its hours history goes on.</param>
    /// <param name="today">The network's local day: new hours take effect today unless <c>hoursFrom</c> says otherwise.</param>
    public static (StationInfo? Station, List<FieldError> Errors) Build(StationBody body, string id, string networkId, NetworkInfo network,
        StationInfo? existing, DateOnly today)
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
        var is24h = body.Is24h == true;
        if (!is24h && (body.OpeningHours is not { } hours || !OpeningHours.IsValidTime(hours.Opens) || !OpeningHours.IsValidTime(hours.Closes)))
        {
            errors.Add(new("openingHours", "openingHours needs opens and closes as HH:mm, closes may be 24:00; or set is24h (营业时间格式为 HH:mm，或设为 24 小时)"));
        }
        if (body.Seats is < 0 or > 1000)
        {
            errors.Add(new("seats", "seats is between 0 and 1000 (座位数须在 0 到 1000 之间)"));
        }
        if (body.Address is { Length: > MaxAddressLength })
        {
            errors.Add(new("address", $"address is at most {MaxAddressLength} characters (地址不超过 {MaxAddressLength} 字)"));
        }
        var location = body.Location is { Lat: { } lat, Lng: { } lng } ? new GeoPoint(lat, lng) : null;
        if (body.Location is not null && location is not { IsValid: true })
        {
            errors.Add(new("location", "location is { lat: -90..90, lng: -180..180 } in WGS-84 degrees (位置坐标无效)"));
        }
        if (!string.IsNullOrWhiteSpace(body.Phone) && !PhonePattern().IsMatch(body.Phone.Trim()))
        {
            errors.Add(new("phone", "phone is the station's public number: 3–20 digits, spaces, +, - or brackets (电话号码格式不正确)"));
        }
        if (body.HoursFrom is { } from && (from.Year < 2000 || from > today.AddYears(1)))
        {
            errors.Add(new("hoursFrom", "hoursFrom is a day from 2000 to a year ahead (生效日期超出范围)"));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var services = network.Services.Select(s => s.Id).Where(body.Services!.Contains).ToArray();
        var opening = is24h ? OpeningHours.AllDay : body.OpeningHours!;
        var station = new StationInfo(id, networkId, body.Name!.Trim(), body.Township?.Trim() ?? "", services, opening, body.Seats ?? 0,
            Address: body.Address?.Trim() ?? "", Location: location, Phone: body.Phone?.Trim() ?? "",
            HoursHistory: History(existing, opening, body.HoursFrom ?? today));
        // openingHours are the hours in force today; a change that starts later waits in the history.
        var inForce = station.HoursOn(today);
        return (station with { OpeningHours = inForce }, errors);
    }

    /// <summary>
    /// A change of hours is kept with the day it takes effect; the hours a station had before its first change hold for every
    /// earlier day. A new station's first entry starts on the day it is added (or its hoursFrom): the assessment and compliance
    /// judge its opening from then, never for days before it existed. A second change for the same day replaces the first; the oldest changes go beyond a hundred.
    /// </summary>
    private static IReadOnlyList<HoursChange>? History(StationInfo? existing, OpeningHours hours, DateOnly from)
    {
        if (existing is null)
        {
            return [new HoursChange(from, hours)];
        }
        var history = existing.HoursHistory?.ToList() ?? [new HoursChange(DateOnly.MinValue, existing.OpeningHours)];
        if (existing.HoursOn(from) == hours && history.All(h => h.From <= from))
        {
            return history;
        }
        history.RemoveAll(h => h.From == from);
        history.Add(new HoursChange(from, hours));
        return history.OrderBy(h => h.From).TakeLast(MaxHoursHistory).ToList();
    }

    [GeneratedRegex(@"^[0-9+\-() ]{3,20}$")]
    private static partial Regex PhonePattern();
}
