using StationNet.Grains.Assessment;
using StationNet.Grains.Supplies;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>An app of its own: the check moves its clock back a year.</summary>
public sealed class AssessmentAppFixture() : StationNetApp();

/// <summary>The star assessment on the embedded default (AssessmentStorageTests runs the same on PostgreSQL).</summary>
public class AssessmentTests(AssessmentAppFixture app) : IClassFixture<AssessmentAppFixture>
{
    [Fact]
    public Task The_score_of_a_constructed_year_is_what_the_hand_says() => AssessmentChecks.ScoreOfAConstructedYearIsWhatTheHandSays(app);

    [Fact]
    public Task Supplies_out_and_expired_days_of_a_constructed_year_score_as_by_hand() => AssessmentChecks.SuppliesOfAConstructedYearAreWhatTheHandSays(app);

    [Fact]
    public Task Settings_are_checked_and_the_defaults_are_shown_until_set() => AssessmentChecks.SettingsAreValidatedAndDefaultsShown(app);
}

public class AssessmentRulesTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(59.9, 1)]
    [InlineData(60, 2)]
    [InlineData(89.9, 4)]
    [InlineData(90, 5)]
    [InlineData(100, 5)]
    public void Stars_follow_the_bounds(double score, int stars) => Assert.Equal(stars, AssessmentRules.StarsOf(score, AssessmentRules.Default.Stars));

    [Fact]
    public void A_station_nothing_is_known_about_has_no_score_rather_than_zero()
    {
        var station = new Grains.Stations.StationInfo("s", "n", "name", "t", ["visit"], Grains.Stations.OpeningHours.AllDay, Seats: 0);
        var scored = AssessmentRules.Score(station, new AssessmentFacts(null, null, 0, 0, 0, 0, 0, 0),
            AssessmentRules.Default with { Criteria = [new(AssessmentRules.Hours, 50), new(AssessmentRules.Visits, 50)] });
        Assert.Null(scored.Score);
        Assert.Null(scored.Stars);
        Assert.All(scored.Parts, p => Assert.Null(p.Value));
        Assert.Equal(new[] { "no-sessions", "no-seats" }, scored.Parts.Select(p => p.Reason));
    }

    [Fact]
    public void Supply_days_carry_last_years_stock_and_batches_into_the_year()
    {
        var catalog = new SupplyItem[] { new("water", "水", "Water", "瓶", Expires: true, LowAt: 5), new("kit", "急救包", "Kit", "个", Expires: false, LowAt: 1) };
        var (first, last) = (new DateOnly(2030, 1, 1), new DateOnly(2030, 1, 31));
        // Before the year (folded into one row dated its first day): 12 bottles came, 8 dated 10 Jan and 4 dated 1 Jul; 3 left.
        SupplyDay[] days =
        [
            new("s", "water", new DateOnly(2029, 11, 2), 9, 3),
            new("s", "water", new DateOnly(2030, 1, 12), -5, 5), // the last 5 of the 10 Jan batch go: held expired 11 Jan only
            new("s", "water", new DateOnly(2030, 1, 20), -4, 4), // and the July ones: out 20–31 Jan
            new("s", "kit", new DateOnly(2030, 1, 15), 1, 0),    // kits are watched from 15 Jan on, in stock
        ];
        SupplyReceipt[] receipts =
        [
            new("s", "water", new DateOnly(2029, 11, 2), new DateOnly(2030, 1, 10), 8),
            new("s", "water", new DateOnly(2029, 12, 1), new DateOnly(2030, 7, 1), 4),
        ];
        var facts = SupplyRecord.Of(catalog, days, receipts, first, last);
        // 31 days; out 20–31 Jan = 12; expired 11 Jan = 1; in order 31 − 13 = 18.
        Assert.Equal(new SupplyFacts(31, 12, 1, 18), facts);
        // Counted only through the day given (today, in the current year); a catalog without records, or none, is unknown.
        Assert.Equal(new SupplyFacts(11, 0, 1, 10), SupplyRecord.Of(catalog, days, receipts, first, new DateOnly(2030, 1, 11)));
        Assert.Equal(SupplyFacts.NoRecords, SupplyRecord.Of(catalog, [], [], first, last).Unknown);
        Assert.Equal(SupplyFacts.NoCatalog, SupplyRecord.Of([], days, receipts, first, last).Unknown);
        Assert.Equal(SupplyFacts.NoDays, SupplyRecord.Of(catalog, days, receipts, first, new DateOnly(2029, 12, 31)).Unknown);
    }
}
