using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>The star assessment on PostgreSQL: the constructed year scores as by hand, and the settings survive a restart.</summary>
[Collection(PostgresCollection.Name)]
public class AssessmentStorageTests(PostgresServer pg)
{
    [Fact]
    public async Task The_score_of_a_constructed_year_is_what_the_hand_says_and_settings_are_kept()
    {
        var db = await pg.CreateDatabase("assessment");
        await using (var app = new StationNetApp(db))
        {
            await app.InitializeAsync();
            await AssessmentChecks.ScoreOfAConstructedYearIsWhatTheHandSays(app);
            await AssessmentChecks.SuppliesOfAConstructedYearAreWhatTheHandSays(app);
            await AssessmentChecks.SettingsAreValidatedAndDefaultsShown(app);
        }
        await using var again = new StationNetApp(db);
        await again.InitializeAsync();
        var kept = await again.Http.GetNode($"/api/admin/networks/sample/assessment/{DateTime.UtcNow.Year - 1}");
        Assert.False((bool)kept["isDefault"]!);
        Assert.Equal(40, (double)kept["criteria"]![0]!["weight"]!);
    }
}
