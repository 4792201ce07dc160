using StationNet.Grains.Catalog;
using StationNet.Grains.Live;
using StationNet.Grains.Networks;

namespace StationNet.Grains.Tests;

public class NetworkTreeTests
{
    private static NetworkInfo Net(string id, string? parent = null) => new(id, id, id, LocalDay.DefaultTimeZone, ServiceCatalog.All, false) { ParentId = parent };

    /// <summary>country → province → city-a, city-b; city-a → district.</summary>
    private static Dictionary<string, NetworkInfo> Tree() => new[]
    {
        Net("country"), Net("province", "country"), Net("city-a", "province"), Net("city-b", "province"), Net("district", "city-a"),
    }.ToDictionary(n => n.Id, StringComparer.Ordinal);

    [Theory]
    [InlineData("province", "district", "cycle")]
    [InlineData("province", "province", "self")]
    [InlineData("country", "city-b", "cycle")]
    [InlineData("city-b", "nowhere", "unknown")]
    public void A_parent_that_would_make_a_cycle_or_does_not_exist_is_refused(string network, string parent, string refusal)
    {
        Assert.Equal(refusal, NetworkTree.Refuse(Tree(), network, parent));
    }

    [Theory]
    [InlineData("city-b", "city-a")]
    [InlineData("district", "country")]
    [InlineData("city-a", null)]
    [InlineData("new-city", "province")]
    public void A_move_within_the_tree_or_to_the_top_is_allowed(string network, string? parent)
    {
        Assert.Null(NetworkTree.Refuse(Tree(), network, parent));
    }

    [Fact]
    public void A_tree_deeper_than_the_limit_is_refused()
    {
        var chain = Enumerable.Range(0, NetworkTree.MaxDepth).Select(i => Net($"n{i}", i == 0 ? null : $"n{i - 1}")).ToDictionary(n => n.Id, StringComparer.Ordinal);

        Assert.Equal("depth", NetworkTree.Refuse(chain, "extra", $"n{NetworkTree.MaxDepth - 1}"));
        Assert.Null(NetworkTree.Refuse(chain, "extra", $"n{NetworkTree.MaxDepth - 2}"));
    }

    [Fact]
    public void A_subtree_holds_the_network_and_everything_beneath_it_and_scope_follows_it()
    {
        var tree = Tree();

        Assert.Equal(["province", "city-a", "city-b", "district"], NetworkTree.Subtree(tree, "province"));
        Assert.True(NetworkTree.IsWithin(tree, "district", "province"));
        Assert.True(NetworkTree.IsWithin(tree, "province", "province"));
        Assert.False(NetworkTree.IsWithin(tree, "city-b", "city-a"));
        Assert.False(NetworkTree.IsWithin(tree, "country", "province"));
    }
}

public class ParentPictureTests
{
    private static readonly DateOnly Day = new(2026, 5, 1);

    private static NetworkRollup City(string id, int visits, int open, int stations, params TickerItem[] recent) =>
        new(id, id, id, Day, new Dictionary<string, int> { ["visit"] = visits }, new Dictionary<string, int> { ["visit"] = 100 },
            new Dictionary<string, int> { ["visit"] = 1000 }, open, stations, recent);

    [Fact]
    public void A_parent_adds_up_its_children_and_batches_them_with_the_next_version()
    {
        var province = new LivePicture("province", Day, version: 7);
        var tap = new TickerItem("a-01", "visit", 1, null, DateTimeOffset.UnixEpoch);
        province.ApplyChild(City("a", 5, 2, 3));
        province.ApplyChild(City("b", 4, 1, 2, tap));
        province.ApplyChild(City("a", 6, 2, 3));

        var batch = province.TakeBatch()!;

        Assert.Equal(8, batch.Version);
        Assert.Equal(10, batch.Totals["visit"]);
        Assert.Equal(200, batch.MonthBefore!["visit"]);
        Assert.Equal(2000, batch.YearBefore!["visit"]);
        Assert.Equal(3, batch.OpenNow);
        Assert.Equal(["a", "b"], batch.Children!.Select(c => c.NetworkId));
        Assert.Equal([tap], batch.Recent);
        Assert.Null(province.TakeBatch());
    }

    [Fact]
    public void A_child_that_leaves_takes_its_numbers_with_it_and_the_parent_rolls_up_for_its_own_parent()
    {
        var province = new LivePicture("province", Day, version: 1);
        province.ApplyChild(City("a", 5, 2, 3));
        province.ApplyChild(City("b", 4, 1, 2));
        province.TakeBatch();

        province.Children.Remove("a");
        var batch = province.TakeBatch()!;
        var up = province.Rollup("省", "Province", false, ownStations: 0, recent: []);

        Assert.Equal(4, batch.Totals["visit"]);
        Assert.Equal(["b"], batch.Children!.Select(c => c.NetworkId));
        Assert.Equal(4, up.Totals["visit"]);
        Assert.Equal(2, up.Stations);
        Assert.Equal(1, up.OpenNow);
        Assert.Equal(100, up.MonthBefore["visit"]);
    }

    [Fact]
    public void What_a_province_compares_with_is_its_cities_last_week_and_last_year_added_up_and_passed_on_up()
    {
        static int[] Hours(int at8) => Enumerable.Range(0, 24).Select(h => h == 8 ? at8 : 0).ToArray();
        NetworkRollup Compared(string id, int lastWeekAt8, int lastYearAt8, int monthLastYear, int yearLastYear) => City(id, 1, 0, 1) with
        {
            LastWeekHourly = new Dictionary<string, int[]> { ["visit"] = Hours(lastWeekAt8) },
            LastYearHourly = new Dictionary<string, int[]> { ["visit"] = Hours(lastYearAt8) },
            MonthLastYear = new Dictionary<string, int> { ["visit"] = monthLastYear },
            YearLastYear = new Dictionary<string, int> { ["visit"] = yearLastYear },
        };
        var province = new LivePicture("province", Day, version: 1);
        province.ApplyChild(Compared("a", 5, 7, 300, 3000));
        province.ApplyChild(Compared("b", 2, 1, 50, 500));

        var snapshot = province.Snapshot([]);
        var batch = province.TakeBatch()!;
        var up = province.Rollup("省", "Province", false, ownStations: 0, recent: []);

        Assert.Equal(7, snapshot.LastWeekHourly["visit"][8]);
        Assert.Equal(8, snapshot.LastYearHourly["visit"][8]);
        Assert.Equal(350, snapshot.MonthLastYear["visit"]);
        Assert.Equal(3500, snapshot.YearLastYear["visit"]);
        Assert.Equal(7, batch.LastWeekHourly!["visit"][8]);
        Assert.Equal(3500, up.YearLastYear["visit"]); // a country above the province compares the same way
        Assert.Equal(8, up.LastYearHourly["visit"][8]);
        Assert.Empty(batch.Children!.SelectMany(c => c.LastYearHourly)); // tiles do not carry the hours
    }
}
