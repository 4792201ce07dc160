using StationNet.Grains.Access;

namespace StationNet.Web.Auth;

public static class ScreenLinks
{
    public static async Task<(ScreenLinkInfo Info, string Token)> Create(IGrainFactory grains, string networkId, string name, DateTimeOffset now)
    {
        var (id, token, hash) = AccessTokens.New(AccessTokens.ScreenPrefix);
        var info = new ScreenLinkInfo(id, networkId, name, now, null);
        await grains.GetGrain<IScreenLinkGrain>(id).Create(info, hash);
        return (info, token);
    }

    public static string Path(string networkId, string token) => $"/wall/{Uri.EscapeDataString(networkId)}?screen={Uri.EscapeDataString(token)}";
}
