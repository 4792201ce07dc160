using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>Reports and exports against the journal, on the embedded default.</summary>
public class ReportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public Task Reports_and_exports_equal_random_events_across_days_midnight_and_voids() => ReportChecks.ReportsEqualTheJournal(app, seed: 11);

    [Fact]
    public Task The_audit_trail_shows_events_and_voids_with_device_and_attendant() => AuditChecks.EventsAndVoidsAreAudited(app, "sample-15");
}
