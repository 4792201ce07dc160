using System.Security.Cryptography;
using System.Text;

namespace StationNet.Web.Auth;

/// <summary>
/// Long-lived bearer tokens: <c>d_{deviceId}.{secret}</c> for a paired tablet, <c>s_{linkId}.{secret}</c>
/// for a wall screen link. Only a SHA-256 of the 256-bit secret is stored.
/// </summary>
public static class AccessTokens
{
    public const string DevicePrefix = "d_";
    public const string ScreenPrefix = "s_";

    public static (string Id, string Token, byte[] Hash) New(string prefix)
    {
        var id = Guid.NewGuid().ToString("N");
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, $"{prefix}{id}.{secret}", Hash(secret));
    }

    public static bool TryParse(string? token, out string prefix, out string id, out byte[] hash)
    {
        prefix = id = "";
        hash = [];
        if (token is null || token.Length > 200 || !(token.StartsWith(DevicePrefix, StringComparison.Ordinal) || token.StartsWith(ScreenPrefix, StringComparison.Ordinal)))
        {
            return false;
        }
        var dot = token.IndexOf('.');
        if (dot < 3 || dot == token.Length - 1)
        {
            return false;
        }
        prefix = token[..2];
        id = token[2..dot];
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }
        hash = Hash(token[(dot + 1)..]);
        return true;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
