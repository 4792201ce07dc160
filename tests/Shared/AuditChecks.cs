using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StationNet.Tests;

/// <summary>The audit trail shows each event and each void with its device, attendant and times, and filters.</summary>
public static class AuditChecks
{
    public static async Task EventsAndVoidsAreAudited(StationNetApp app, string stationId)
    {
        var token = await Sessions.PairTablet(app.Http, stationId);
        var deviceId = token[2..token.IndexOf('.')];
        using var tablet = Sessions.WithToken(app.BaseAddress, token);
        var kept = Guid.NewGuid();
        var voided = Guid.NewGuid();
        foreach (var id in new[] { kept, voided })
        {
            using var r = await tablet.PostAsJsonAsync($"/api/stations/{stationId}/events", new { id, service = "water", quantity = 2, attendant = "王阿姨" });
            Xunit.Assert.True(r.IsSuccessStatusCode);
        }
        using (var r = await tablet.DeleteAsync($"/api/stations/{stationId}/events/{voided}"))
        {
            Xunit.Assert.True(r.IsSuccessStatusCode);
        }

        var trail = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/audit?networkId=sample&stationId={stationId}"))!.AsArray();

        Xunit.Assert.Equal(3, trail.Count);
        Xunit.Assert.Equal("void", (string?)trail[0]!["kind"]);
        Xunit.Assert.Equal(voided.ToString(), (string?)trail[0]!["eventId"]);
        Xunit.Assert.All(trail, line =>
        {
            Xunit.Assert.Equal(deviceId, (string?)line!["device"]);
            Xunit.Assert.Equal("test tablet", (string?)line["deviceName"]);
            Xunit.Assert.Equal("王阿姨", (string?)line["attendant"]);
            Xunit.Assert.NotNull(line["recordedAt"]);
        });
        var voids = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/audit?networkId=sample&stationId={stationId}&kind=void"))!.AsArray();
        Xunit.Assert.Single(voids);
        var byDevice = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/audit?networkId=sample&device={deviceId}&limit=2"))!.AsArray();
        Xunit.Assert.Equal(2, byDevice.Count);
        var before = Uri.EscapeDataString((string)byDevice[1]!["recordedAt"]!);
        var next = JsonNode.Parse(await app.Http.GetStringAsync($"/api/reports/audit?networkId=sample&device={deviceId}&before={before}"))!.AsArray();
        Xunit.Assert.Single(next);
        Xunit.Assert.Equal(kept.ToString(), (string?)next[0]!["eventId"]);
        using var bad = await app.Http.GetAsync("/api/reports/audit?networkId=sample&kind=delete");
        Xunit.Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
