using System.Text;
using System.Text.Json.Nodes;

namespace StationNet.Web.Tests.Fuzz;

/// <summary>
/// Random and hostile input, repeatable from a seed: ids with path traversal, SQL and HTML meta-characters and
/// Unicode edge cases; JSON with wrong types, huge numbers, deep nesting; instants on midnight and DST edges.
/// </summary>
public sealed class HostileInput(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Strings =
    [
        "", " ", "sample", "sample-01", "sample-99", "admin2", "manager", "x", "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "..\\..\\windows",
        "%00", "\0", "' OR '1'='1", "'; DROP TABLE stationnet_journal; --", "\" OR 1=1 --", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://x}", "😀", "👨‍👩‍👧‍👦", "\uFEFF", "\u202Eevil",
        "\uD800", "a\u0301\u0301\u0301", "ＳＡＭＰＬＥ", "İstanbul", "ß", "驿站", "工会驿站·科技园", "null", "undefined", "NaN", "-1", "0",
        "1e309", "9223372036854775808", "2026-02-30", "24:01", "Asia/Shanghai", "Mars/Olympus", "America/New_York", "visit", "water",
        "VISIT", "delivery", "%", "_", "*", "?", "#", "&", "=", "+", "/", "//", "\\", "\r\n", "\t", "a\nb",
    ];

    private static readonly string[] Fields =
    [
        "id", "service", "quantity", "occurredAt", "attendant", "workerGroup", "device", "name", "nameEn", "timeZone", "username",
        "password", "role", "displayName", "disabled", "code", "township", "services", "openingHours", "opens", "closes", "seats",
        "stationId", "count", "targets",
    ];

    public int Next(int max) => _random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A string for a route value or a field: mostly hostile, sometimes long, sometimes valid.</summary>
    public string Text() => _random.Next(20) switch
    {
        0 => new string('a', _random.Next(65, 5000)),
        1 => RandomUnicode(_random.Next(1, 40)),
        2 => Guid.NewGuid().ToString(),
        _ => Pick(Strings),
    };

    /// <summary>A route value: escaped as a browser would, or raw (a raw "../" is normalised by the client).</summary>
    public string RouteValue()
    {
        var text = Text();
        return _random.Next(3) == 0 ? text.Replace("/", "%2F") : Uri.EscapeDataString(text.Length > 2000 ? text[..2000] : text);
    }

    public string Query()
    {
        var keys = new[] { "from", "to", "day", "station", "stationId", "format", "before", "limit", "kind", "device", "year", "network", "by", "service" };
        var parts = Enumerable.Range(0, _random.Next(0, 5)).Select(_ => $"{Pick(keys)}={Uri.EscapeDataString(Scalar()?.ToJsonString().Trim('"') ?? "")}");
        return string.Join("&", parts);
    }

    /// <summary>A body: a valid one with one field made hostile, random JSON with the API's field names, or not JSON at all.</summary>
    public (string Body, string MediaType) Body(string pattern) => _random.Next(16) switch
    {
        < 6 => (Mutated(Template(pattern)).ToJsonString(), "application/json"),
        6 => ("{", "application/json"),
        7 => (Deep(_random.Next(50, 400)), "application/json"),
        8 => ("\"" + new string('x', _random.Next(1, 70_000)) + "\"", "application/json"),
        9 => ("{\"id\":1,\"id\":\"x\"}", "application/json"),
        10 => ("<xml/>", "text/xml"),
        11 => ("name=x&password=y", "application/x-www-form-urlencoded"),
        12 => (Encoding.Latin1.GetString([0xff, 0xfe, 0x00, 0xc3, 0x28]), "application/json"),
        13 => (Pick(new[] { "null", "[]", "0", "true", "1e999", "[{}]" }), "application/json"),
        _ => (Object(depth: 0).ToJsonString(), "application/json"),
    };

    /// <summary>An instant near the server's now, on a local midnight or a daylight-saving edge, or far away.</summary>
    public string Instant(DateTimeOffset now) => _random.Next(8) switch
    {
        0 => now.ToString("O"),
        1 => new DateTimeOffset(now.Date, TimeSpan.FromHours(8)).AddTicks(-1).ToString("O"), // a tick before midnight in Beijing
        2 => new DateTimeOffset(now.Date, TimeSpan.FromHours(8)).ToString("O"),
        3 => "2026-03-08T02:30:00-05:00", // a New York time that does not exist (spring forward)
        4 => "2026-11-01T01:30:00-04:00", // a New York time that happens twice (fall back)
        5 => "2026-10-25T02:30:00+01:00", // the repeated Berlin hour
        6 => Pick(new[] { "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "yesterday", "1700000000" }),
        _ => now.AddMinutes(_random.Next(-3000, 10)).ToString("O"),
    };

    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>A body the endpoint would accept, so that a single hostile field reaches the deepest validation.</summary>
    private JsonNode Template(string pattern)
    {
        var now = Now.ToString("O");
        return pattern switch
        {
            _ when pattern.EndsWith("/events") => new JsonObject
            {
                ["id"] = Guid.NewGuid(), ["service"] = "visit", ["quantity"] = 1, ["occurredAt"] = now, ["attendant"] = "张三", ["workerGroup"] = "delivery",
            },
            _ when pattern.EndsWith("/stations") || pattern.StartsWith("/api/admin/stations/{") => new JsonObject
            {
                ["id"] = "fz-" + _random.Next(1000), ["name"] = "驿站", ["township"] = "街道", ["services"] = new JsonArray("visit", "water"),
                ["openingHours"] = new JsonObject { ["opens"] = "08:00", ["closes"] = "20:00" }, ["seats"] = 4,
            },
            _ when pattern.EndsWith("/accounts") || pattern.Contains("/accounts/") => new JsonObject
            {
                ["username"] = "fz" + _random.Next(1000), ["displayName"] = "测试", ["role"] = "manager", ["password"] = "fuzz-password-123", ["disabled"] = false,
            },
            _ when pattern.EndsWith("/networks") || pattern.EndsWith("/networks/{networkId}") => new JsonObject
            {
                ["id"] = "fz-" + _random.Next(1000), ["name"] = "测试网络", ["nameEn"] = "Test", ["timeZone"] = "Asia/Shanghai",
            },
            _ when pattern.EndsWith("/services") => new JsonArray(new JsonObject { ["id"] = "visit", ["name"] = "休息", ["nameEn"] = "Rest" }),
            _ when pattern.Contains("/targets/") => new JsonArray(new JsonObject { ["stationId"] = "sample-01", ["service"] = "visit", ["count"] = 100 }),
            _ when pattern.EndsWith("/login") => new JsonObject { ["username"] = "nobody", ["password"] = "wrong-password" },
            _ when pattern.EndsWith("/pair") => new JsonObject { ["code"] = "123456", ["name"] = "平板" },
            _ => new JsonObject { ["name"] = "名字" },
        };
    }

    private JsonNode Mutated(JsonNode template)
    {
        var target = template is JsonArray { Count: > 0 } list ? list[0]!.AsObject() : template as JsonObject;
        if (target is null || target.Count == 0)
        {
            return template;
        }
        var field = target.ElementAt(_random.Next(target.Count)).Key;
        switch (_random.Next(4))
        {
            case 0:
                target.Remove(field);
                break;
            case 1:
                target[field] = JsonValue.Create(Text());
                break;
            default:
                target[field] = field == "occurredAt" ? JsonValue.Create(Instant(Now)) : Value(1);
                break;
        }
        return template;
    }

    private JsonObject Object(int depth)
    {
        var o = new JsonObject();
        foreach (var field in Fields.OrderBy(_ => _random.Next()).Take(_random.Next(1, 8)))
        {
            o[field] = field == "occurredAt" && _random.Next(2) == 0 ? JsonValue.Create(Instant(Now)) : Value(depth + 1);
        }
        return o;
    }

    private JsonNode? Value(int depth) => _random.Next(depth > 3 ? 6 : 9) switch
    {
        6 => new JsonArray(Enumerable.Range(0, _random.Next(0, 5)).Select(_ => Value(depth + 1)).ToArray()),
        7 or 8 => Object(depth),
        _ => Scalar(),
    };

    private JsonNode? Scalar() => _random.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(Pick(new[] { 0, -1, 1, 2, 3, 1000, int.MaxValue, int.MinValue })),
        3 => JsonValue.Create(Pick(new[] { 1.5, -0.0, 1e308, double.Epsilon, 123456789012345678901234567890.0 })),
        4 => JsonValue.Create(long.MaxValue),
        _ => JsonValue.Create(Text()),
    };

    private string RandomUnicode(int length)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var c = _random.Next(0x20, 0x2FFFF);
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }
            sb.Append(char.ConvertFromUtf32(c));
        }
        return sb.ToString();
    }

    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);
}
