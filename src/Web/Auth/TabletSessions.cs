using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using StationNet.Grains.Access;

namespace StationNet.Web.Auth;

/// <summary>
/// Tablets this silo has recently authenticated, so a tap costs no device-grain call (that call was a tenth of
/// an event's CPU). An entry lives <see cref="Lifetime"/> (<c>StationNet:Auth:TabletCacheSeconds</c>, default 10 s) and
/// matches only the same secret. A revocation is pushed to every silo's relay, which forgets the tablet at once and
/// remembers it was revoked, so an authentication in flight cannot put it back; the lifetime bounds what a lost push costs.
/// </summary>
public sealed class TabletSessions(IConfiguration configuration, StationClock time)
{
    public const string LifetimeKey = "StationNet:Auth:TabletCacheSeconds";
    private const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);

    public TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(configuration.GetValue(LifetimeKey, 10.0));

    public async ValueTask<DeviceInfo?> Authenticate(IGrainFactory grains, string deviceId, byte[] secretHash)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(deviceId, out var hit) && hit.Expires > now && CryptographicOperations.FixedTimeEquals(hit.SecretHash, secretHash))
        {
            return hit.Device;
        }
        var device = await grains.GetGrain<IDeviceGrain>(deviceId).Authenticate(secretHash);
        if (device is null || _revoked.ContainsKey(deviceId) || Lifetime <= TimeSpan.Zero)
        {
            _entries.TryRemove(deviceId, out _);
            return _revoked.ContainsKey(deviceId) ? null : device;
        }
        if (_entries.Count >= MaxEntries)
        {
            foreach (var (id, entry) in _entries)
            {
                if (entry.Expires <= now)
                {
                    _entries.TryRemove(id, out _);
                }
            }
        }
        _entries[deviceId] = new Entry(device, secretHash, now + Lifetime);
        if (_revoked.ContainsKey(deviceId))
        {
            _entries.TryRemove(deviceId, out _); // revoked while this authentication was in flight
            return null;
        }
        return device;
    }

    /// <summary>The tablet was revoked: it is refused on this silo from now on.</summary>
    public void Revoked(string deviceId)
    {
        _revoked[deviceId] = 0;
        _entries.TryRemove(deviceId, out _);
    }

    private sealed record Entry(DeviceInfo Device, byte[] SecretHash, DateTimeOffset Expires);
}
