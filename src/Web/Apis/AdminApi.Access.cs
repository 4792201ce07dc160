using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using System.Security.Claims;
using QRCoder;
using StationNet.Grains.Networks;
using StationNet.Grains.Access;
using StationNet.Grains.Live;
using StationNet.Grains.Stations;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

/// <summary>Administration of access: tablets (pairing, renaming, revoking), accounts and wall screen links.</summary>
public static partial class AdminApi
{
    public static async Task<Results<Created<PairingView>, ProblemHttpResult>> NewPairingCode(
        string stationId, HttpRequest request, IGrainFactory grains, StationClock time)
    {
        if (await FindStation(stationId, grains) is not { Retired: false } station)
        {
            return Problems.NotFound("Station", stationId, "驿站");
        }
        var code = await PairingCodes.Issue(grains, station.NetworkId, station.Id, time.GetUtcNow());
        var url = $"{request.Scheme}://{request.Host}/station/{station.Id}?pair={code.Code}";
        using var qr = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(qr).GetGraphic(8);
        return TypedResults.Created($"/api/admin/stations/{stationId}/pairing-codes/{code.Code}", new PairingView(code.Code, station.Id, code.ExpiresAt, url, svg));
    }

    public static async Task<Results<Ok<DeviceInfo[]>, ProblemHttpResult>> ListDevices(string networkId, IGrainFactory grains)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is null)
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        var ids = await grains.GetGrain<IAccessDirectoryGrain>(networkId).Devices();
        var devices = await Task.WhenAll(ids.Select(id => grains.GetGrain<IDeviceGrain>(id).GetInfo()));
        return TypedResults.Ok(devices.OfType<DeviceInfo>().OrderBy(d => d.StationId, StringComparer.Ordinal).ThenBy(d => d.PairedAt).ToArray());
    }

    public static async Task<Results<Ok<DeviceInfo>, ProblemHttpResult>> RenameDevice(string deviceId, NameBody body, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 40)
        {
            return Problems.Invalid("name is required, at most 40 characters (名称不能为空且不超过 40 字)");
        }
        var device = IsTokenId(deviceId) ? await grains.GetGrain<IDeviceGrain>(deviceId).Rename(body.Name.Trim()) : null;
        return device is null ? Problems.NotFound("Tablet", deviceId, "平板") : TypedResults.Ok(device);
    }

    public static async Task<Results<Ok<DeviceInfo>, ProblemHttpResult>> RevokeDevice(string deviceId, IGrainFactory grains, TabletSessions tablets)
    {
        var device = IsTokenId(deviceId) ? await grains.GetGrain<IDeviceGrain>(deviceId).Revoke() : null;
        if (device is null)
        {
            return Problems.NotFound("Tablet", deviceId, "平板");
        }
        // This silo at once, every other through its relay: each forgets the tablet's cached authentication.
        tablets.Revoked(deviceId);
        foreach (var relay in await grains.GetGrain<ILiveRelayDirectoryGrain>(0).GetRelays())
        {
            relay.OnTabletRevoked(deviceId).Ignore();
        }
        return TypedResults.Ok(device);
    }

    public static async Task<Ok<AccountInfo[]>> ListAccounts(ClaimsPrincipal user, IGrainFactory grains)
    {
        var names = await grains.GetGrain<IAccountDirectoryGrain>(0).List();
        var accounts = await Task.WhenAll(names.Select(n => grains.GetGrain<IAccountGrain>(n).GetInfo()));
        // A scoped administrator sees the accounts scoped within its subtree, not those above it.
        var reach = user.ScopeId() is { } scope ? (await grains.GetGrain<INetworkDirectoryGrain>(0).Subtree(scope)).ToHashSet(StringComparer.Ordinal) : null;
        return TypedResults.Ok(accounts.OfType<AccountInfo>().Where(a => reach is null || (a.NetworkId is { } n && reach.Contains(n))).ToArray());
    }

    public static async Task<Results<Created<AccountInfo>, ValidationProblem, ProblemHttpResult>> AddAccount(
        AccountBody body, ClaimsPrincipal user, IGrainFactory grains, PasswordHasher<string> hasher, StationClock time)
    {
        var username = body.Username?.Trim().ToLowerInvariant();
        var errors = AccountErrors(body, creating: true);
        if (username is null || !Problems.IsId(username))
        {
            errors.Add(new("username", "user name is a short lowercase word: a-z, 0-9, - and _ (用户名格式不正确)"));
        }
        var scope = string.IsNullOrEmpty(body.NetworkId) ? null : body.NetworkId;
        if (user.ScopeId() is not null && scope is null)
        {
            errors.Add(new("networkId", "an account scoped to a network adds accounts scoped within it: give networkId (请指定账户所辖网络)"));
        }
        errors.AddRange(await ScopeErrors(scope, grains));
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        if (!await user.Reaches(grains, scope))
        {
            return Problems.Forbidden("network", scope!);
        }
        var info = new AccountInfo(username!, body.DisplayName?.Trim() ?? username!, body.Role!, false, time.GetUtcNow(), null) { NetworkId = scope };
        return await grains.GetGrain<IAccountGrain>(username!).Create(info, hasher.HashPassword(username!, body.Password!))
            ? TypedResults.Created($"/api/admin/accounts/{username}", info)
            : Problems.Conflict($"Account '{username}' already exists (用户名已存在)");
    }

    public static async Task<Results<Ok<AccountInfo>, ValidationProblem, ProblemHttpResult>> EditAccount(
        string username, AccountBody body, ClaimsPrincipal user, IGrainFactory grains, PasswordHasher<string> hasher)
    {
        var errors = AccountErrors(body, creating: false);
        errors.AddRange(await ScopeErrors(string.IsNullOrEmpty(body.NetworkId) ? null : body.NetworkId, grains));
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        // "" lifts the scope: only an administrator of every network may make such an account.
        if (body.NetworkId is not null && !await user.Reaches(grains, body.NetworkId.Length == 0 ? null : body.NetworkId))
        {
            return Problems.Forbidden("network", body.NetworkId);
        }
        var account = Problems.IsId(username) ? grains.GetGrain<IAccountGrain>(username) : null;
        var info = account is null ? null : await account.Update(body.DisplayName?.Trim(), body.Role, body.Disabled,
            body.Password is null ? null : hasher.HashPassword(username, body.Password), body.NetworkId);
        if (info is null)
        {
            return Problems.NotFound("Account", username, "账户");
        }
        if (info.Disabled)
        {
            // Every silo closes the account's open hub connections; its cookie is refused on the next request anyway.
            foreach (var relay in await grains.GetGrain<ILiveRelayDirectoryGrain>(0).GetRelays())
            {
                relay.OnAccountDisabled(username).Ignore();
            }
        }
        return TypedResults.Ok(info);
    }

    public static async Task<Results<Ok<ScreenLinkView[]>, ProblemHttpResult>> ListScreenLinks(string networkId, IGrainFactory grains)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is null)
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        var ids = await grains.GetGrain<IAccessDirectoryGrain>(networkId).ScreenLinks();
        var links = await Task.WhenAll(ids.Select(id => grains.GetGrain<IScreenLinkGrain>(id).GetInfo()));
        return TypedResults.Ok(links.OfType<ScreenLinkInfo>().Select(l => View(l, null)).ToArray());
    }

    public static async Task<Results<Created<ScreenLinkView>, ProblemHttpResult>> AddScreenLink(
        string networkId, NameBody body, HttpRequest request, IGrainFactory grains, StationClock time)
    {
        if (await NetworksApi.FindNetwork(networkId, grains) is null)
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        if (body.Name is { Length: > 40 })
        {
            return Problems.Invalid("name is at most 40 characters (名称不超过 40 字)");
        }
        var (info, token) = await ScreenLinks.Create(grains, networkId, string.IsNullOrWhiteSpace(body.Name) ? "Wall screen" : body.Name.Trim(), time.GetUtcNow());
        var url = $"{request.Scheme}://{request.Host}{ScreenLinks.Path(networkId, token)}";
        return TypedResults.Created($"/api/admin/screen-links/{info.Id}", View(info, url));
    }

    public static async Task<Results<Ok<ScreenLinkView>, ProblemHttpResult>> RevokeScreenLink(string linkId, IGrainFactory grains)
    {
        var link = IsTokenId(linkId) ? await grains.GetGrain<IScreenLinkGrain>(linkId).Revoke() : null;
        if (link is null)
        {
            return Problems.NotFound("Screen link", linkId, "大屏链接");
        }
        foreach (var relay in await grains.GetGrain<ILiveRelayDirectoryGrain>(0).GetRelays())
        {
            relay.OnScreenRevoked(linkId).Ignore();
        }
        return TypedResults.Ok(View(link, null));
    }

    private static List<FieldError> AccountErrors(AccountBody body, bool creating)
    {
        var errors = new List<FieldError>();
        if ((creating || body.Role is not null) && !Roles.IsAccountRole(body.Role))
        {
            errors.Add(new("role", "role is admin or manager (角色须为 admin 或 manager)"));
        }
        if ((creating || body.Password is not null) && (body.Password is null || body.Password.Length < MinPasswordLength || body.Password.Length > 200))
        {
            errors.Add(new("password", $"the password needs at least {MinPasswordLength} characters (密码至少 {MinPasswordLength} 位)"));
        }
        if (body.DisplayName is { Length: > 40 })
        {
            errors.Add(new("displayName", "the display name is at most 40 characters (显示名称过长)"));
        }
        return errors;
    }

    private static async Task<List<FieldError>> ScopeErrors(string? networkId, IGrainFactory grains) =>
        networkId is null || await NetworksApi.FindNetwork(networkId, grains) is not null
            ? []
            : [new("networkId", $"no network '{(networkId.Length > 64 ? networkId[..64] : networkId)}' to scope the account to (所辖网络不存在)")];

    private static bool IsTokenId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private static ScreenLinkView View(ScreenLinkInfo l, string? url) => new(l.Id, l.NetworkId, l.Name, l.CreatedAt, l.RevokedAt, url);
}
