using StationNet.Grains.Assessment;
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
    }
}
