using System.Net;
using System.Net.Http.Json;
using StationNet.Grains.Catalog;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>
/// A network's time zone changes in one call that re-zones its stations and rebuilds the live picture, in
/// either direction across the date line; an open wall follows without a reload and keeps counting.
/// </summary>
public class TimeZoneChangeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);
    private const string Station = "sample-09";

    [Fact]
    public async Task Moving_west_across_the_date_line_and_back_the_wall_follows_and_keeps_counting()
    {
        await using var wall = await WallWatch.Connect(app.BaseAddress, app.ScreenToken);
        var now = app.Clock.GetUtcNow();
        var shanghai = LocalDay.Of(now, LocalDay.Zone("Asia/Shanghai"));
        var honolulu = LocalDay.Of(now, LocalDay.Zone("Pacific/Honolulu"));
        Assert.Equal(shanghai.AddDays(-1), honolulu); // local noon in Shanghai is the evening before in Honolulu
        Assert.Equal(shanghai, wall.Day);
        await CountsOn(wall, shanghai);

        await Rezone("Pacific/Honolulu");
        Assert.True(await wall.Shows(w => w.Day == honolulu, Within), $"the wall still shows {wall.Day}, not Honolulu's {honolulu}");
        Assert.Equal(honolulu.ToString("yyyy-MM-dd"), (string?)(await app.Http.GetNode("/api/networks/sample/live"))["day"]);
        await CountsOn(wall, honolulu);

        await Rezone("Asia/Shanghai");
        Assert.True(await wall.Shows(w => w.Day == shanghai, Within), $"the wall still shows {wall.Day}, not Shanghai's {shanghai}");
        Assert.Equal(shanghai.ToString("yyyy-MM-dd"), (string?)(await app.Http.GetNode("/api/networks/sample/live"))["day"]);
        await CountsOn(wall, shanghai);
    }

    private async Task Rezone(string zone)
    {
        using var changed = await app.Http.PutAsJsonAsync("/api/admin/networks/sample", new { name = "示例市总工会驿站网络（演示数据）", nameEn = "Sample City Union Stations (demo data)", timeZone = zone });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    /// <summary>A tap now is counted on the zone's day, at the station and on the open wall.</summary>
    private async Task CountsOn(WallWatch wall, DateOnly day)
    {
        var before = wall.Count(Station, "visit");
        using var posted = await app.Http.PostEvent(Station, new { id = Guid.NewGuid(), service = "visit", quantity = 2 });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var reply = await posted.ReadNode();
        Assert.Equal(day.ToString("yyyy-MM-dd"), (string?)reply["day"]);
        Assert.Equal(before + 2, reply["counts"].Count("visit"));
        Assert.True(await wall.Shows(w => w.Count(Station, "visit") == before + 2, Within),
            $"the wall shows {wall.Count(Station, "visit")} visits at {Station} on {wall.Day}, not {before + 2}");
    }
}
