using System.Security.Cryptography;
using StationNet.Grains.Access;

namespace StationNet.Web.Auth;

/// <summary>Issues the short-lived digits a tablet types (or scans) to pair with a station.</summary>
public static class PairingCodes
{
    public const int Length = 8;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public static async Task<PairingCode> Issue(IGrainFactory grains, string networkId, string stationId, DateTimeOffset now)
    {
        while (true)
        {
            var code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8");
            var pairing = new PairingCode(code, networkId, stationId, now + Lifetime);
            if (await grains.GetGrain<IPairingCodeGrain>(Key(code)).Issue(pairing))
            {
                return pairing;
            }
        }
    }

    /// <summary>
    /// The code's grain key: a slow, salted hash, never the digits. Orleans writes grain ids into its logs (on a
    /// storage error, a moved activation), and eight digits in a log line would be a way to pair a tablet.
    /// </summary>
    public static string Key(string code) =>
        Convert.ToHexStringLower(Rfc2898DeriveBytes.Pbkdf2(code, "stationnet.pairing-code"u8, 50_000, HashAlgorithmName.SHA256, 16));
}
