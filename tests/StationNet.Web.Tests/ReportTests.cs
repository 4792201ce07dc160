using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>Reports and exports against the journal, on the embedded default.</summary>
public class ReportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public Task Reports_and_exports_equal_random_events_across_days_midnight_and_voids() => ReportChecks.ReportsEqualTheJournal(app, seed: 11);
}
