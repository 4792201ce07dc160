using System.Net;
using System.Net.Http.Json;
using System.Text;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>Every role against every endpoint: allowed, 401 or 403; revocation at once; cross-station refusal.</summary>
[Trait("Category", "Reliability")]
public class AccessTests(AppFixture app, AccessTests.Kept kept) : IClassFixture<AppFixture>, IClassFixture<AccessTests.Kept>
{
    private static readonly string UnknownEvent = Guid.NewGuid().ToString();

    // caller: anonymous, admin, manager, tablet (of sample-01), wall (screen link of sample)
    public static TheoryData<string, string, int, int, int, int, int> Matrix => new()
    {
        { "GET", "/api/about", 200, 200, 200, 200, 200 },
        { "GET", "/api/auth/me", 401, 200, 200, 200, 200 },
        { "GET", "/api/networks", 401, 200, 200, 200, 200 },
        { "GET", "/api/networks/sample", 401, 200, 200, 200, 200 },
        { "GET", "/api/networks/sample/live", 401, 200, 200, 200, 200 },
        { "GET", "/api/stations/sample-01", 401, 200, 200, 200, 403 },
        { "GET", "/api/stations/sample-02", 401, 200, 200, 403, 403 },
        { "POST", "/api/stations/sample-01/events", 401, 201, 403, 201, 403 },
        { "POST", "/api/stations/sample-02/events", 401, 201, 403, 403, 403 },
        { "POST", "/api/stations/sample-01/events/batch", 401, 200, 403, 200, 403 },
        { "POST", "/api/stations/sample-02/events/batch", 401, 200, 403, 403, 403 },
        { "DELETE", $"/api/stations/sample-01/events/{UnknownEvent}", 401, 404, 403, 404, 403 },
        { "DELETE", $"/api/stations/sample-02/events/{UnknownEvent}", 401, 404, 403, 403, 403 },
        { "POST", "/api/stations/sample-01/open", 401, 200, 403, 200, 403 },
        { "POST", "/api/stations/sample-02/open", 401, 200, 403, 403, 403 },
        { "POST", "/api/stations/sample-01/heartbeat", 401, 200, 403, 200, 403 },
        { "POST", "/api/stations/sample-02/heartbeat", 401, 200, 403, 403, 403 },
        { "POST", "/api/stations/sample-01/close", 401, 200, 403, 200, 403 },
        { "POST", "/api/stations/sample-02/close", 401, 200, 403, 403, 403 },
        { "GET", "/api/reports/daily?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/summary?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/audit?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/targets?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/compliance?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/status?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/hours?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/supplies?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/networks/sample/supplies", 401, 200, 200, 200, 200 },
        { "GET", "/api/networks/sample/supplies/warnings", 401, 200, 200, 200, 200 },
        { "PUT", "/api/admin/networks/sample/supplies", 401, 400, 403, 403, 403 },
        { "GET", "/api/stations/sample-01/supplies", 401, 200, 200, 200, 403 },
        { "GET", "/api/stations/sample-02/supplies", 401, 200, 200, 403, 403 },
        { "POST", "/api/stations/sample-01/supplies/movements", 401, 400, 403, 400, 403 },
        { "POST", "/api/stations/sample-02/supplies/movements", 401, 400, 403, 403, 403 },
        { "DELETE", $"/api/stations/sample-01/supplies/movements/{UnknownEvent}", 401, 404, 403, 404, 403 },
        { "DELETE", $"/api/stations/sample-02/supplies/movements/{UnknownEvent}", 401, 404, 403, 403, 403 },
        { "PUT", "/api/admin/networks/sample/targets/2026", 401, 400, 403, 403, 403 },
        { "GET", "/api/admin/accounts", 401, 200, 403, 403, 403 },
        { "GET", "/api/admin/networks/sample/devices", 401, 200, 403, 403, 403 },
        { "GET", "/api/admin/networks/sample/screen-links", 401, 200, 403, 403, 403 },
        { "POST", "/api/admin/stations/sample-03/pairing-codes", 401, 201, 403, 403, 403 },
        { "POST", "/api/admin/networks/sample/screen-links", 401, 201, 403, 403, 403 },
        { "PUT", "/api/admin/stations/sample-03", 401, 400, 403, 403, 403 },
        { "POST", "/api/admin/accounts", 401, 400, 403, 403, 403 },
        { "PATCH", "/api/admin/accounts/nobody", 401, 404, 403, 403, 403 },
        { "POST", "/api/admin/networks/sample/stations", 401, 400, 403, 403, 403 },
        { "POST", "/api/admin/networks", 401, 400, 403, 403, 403 },
        { "GET", "/api/admin/networks", 401, 200, 403, 403, 403 },
        { "PUT", "/api/admin/networks/sample", 401, 400, 403, 403, 403 },
        { "POST", "/api/admin/stations/nowhere/retire", 401, 404, 403, 403, 403 },
        { "PUT", "/api/admin/networks/sample/services", 401, 400, 403, 403, 403 },
        { "PATCH", $"/api/admin/devices/{NoSuchToken}", 401, 400, 403, 403, 403 },
        { "POST", $"/api/admin/devices/{NoSuchToken}/revoke", 401, 404, 403, 403, 403 },
        { "POST", $"/api/admin/screen-links/{NoSuchToken}/revoke", 401, 404, 403, 403, 403 },
        { "GET", "/api/admin/export?networkId=sample", 401, 200, 403, 403, 403 },
        { "POST", "/api/admin/import", 401, 400, 403, 403, 403 },
        { "POST", "/api/pair", 400, 400, 400, 400, 400 },
        { "GET", "/api/public/stations/sample-01/name", 200, 200, 200, 200, 200 },
        { "POST", "/api/auth/logout", 204, 204, 204, 204, 204 },
        { "GET", "/api/reports/yearly?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/hourly?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/auth/antiforgery", 200, 200, 200, 200, 200 },
        { "POST", "/api/auth/login", 400, 400, 400, 400, 400 },
        { "POST", "/hubs/live/negotiate?negotiateVersion=1", 401, 200, 200, 200, 200 },
        { "GET", "/hubs/live", 401, 400, 400, 400, 400 },
        { "GET", "/openapi/v1.json", 200, 200, 200, 200, 200 },
        // The pages are public; what they show comes from the API above.
        { "GET", "/", 200, 200, 200, 200, 200 },
        { "GET", "/station", 200, 200, 200, 200, 200 },
        { "GET", "/station/sample-01", 200, 200, 200, 200, 200 },
        { "GET", "/wall/sample", 200, 200, 200, 200, 200 },
        { "GET", "/manage", 200, 200, 200, 200, 200 },
        { "GET", "/admin", 200, 200, 200, 200, 200 },
        { "GET", "/find", 200, 200, 200, 200, 200 },
        { "GET", "/find/sample", 200, 200, 200, 200, 200 },
        { "GET", "/rate/sample-01", 200, 200, 200, 200, 200 },
        // The public finder's API is anonymous by design, and shows nothing about people, tablets or counts.
        { "GET", "/api/public/networks", 200, 200, 200, 200, 200 },
        { "GET", "/api/public/networks/sample", 200, 200, 200, 200, 200 },
        { "GET", "/api/public/networks/sample/stations", 200, 200, 200, 200, 200 },
        { "GET", "/api/public/networks/sample/stations.geojson", 200, 200, 200, 200, 200 },
        // Workers rate anonymously; {} is refused for what it lacks, whoever sends it.
        { "POST", "/api/public/stations/sample-01/feedback", 400, 400, 400, 400, 400 },
        { "GET", "/api/reports/feedback?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/satisfaction?networkId=sample", 401, 200, 200, 403, 403 },
        { "GET", "/api/networks/sample/satisfaction", 401, 200, 200, 200, 200 },
        { "GET", "/api/admin/stations/sample-01/poster", 401, 200, 403, 403, 403 },
        { "GET", "/api/admin/networks/sample/assessment/2026", 401, 200, 403, 403, 403 },
        { "PUT", "/api/admin/networks/sample/assessment/2026", 401, 400, 403, 403, 403 },
        { "GET", "/api/reports/assessment?networkId=sample", 401, 200, 200, 403, 403 },
        // A province's later reports and supply warnings (#21) hold its cities' rows: the same callers as a city's, and no tablet or wall.
        { "GET", "/api/reports/supplies?networkId=sample-province", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/feedback?networkId=sample-province", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/satisfaction?networkId=sample-province", 401, 200, 200, 403, 403 },
        { "GET", "/api/reports/assessment?networkId=sample-province", 401, 200, 200, 403, 403 },
        { "GET", "/api/networks/sample-province/supplies/warnings", 401, 200, 200, 403, 403 },
        // Managers follow ratings up too.
        { "PATCH", $"/api/admin/feedback/{UnknownEvent}", 401, 404, 404, 403, 403 },
        // Health and metrics answer anyone who reaches the silo; the balancer keeps /metrics inside (docker/nginx.conf).
        { "GET", "/health/live", 200, 200, 200, 200, 200 },
        { "GET", "/health/ready", 200, 200, 200, 200, 200 },
        { "GET", "/metrics", 200, 200, 200, 200, 200 },
        // The Orleans dashboard is for administrators only.
        { "GET", "/dashboard/", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/index.html", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/favicon.ico", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/index.min.js", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/index.css", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/version", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/DashboardCounters", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/ClusterStats", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/Reminders", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/Reminders/1", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/HistoricalStats/x", 401, 400, 403, 403, 403 },
        { "GET", "/dashboard/SiloProperties/x", 401, 400, 403, 403, 403 },
        { "GET", "/dashboard/SiloMetadata/x", 401, 400, 403, 403, 403 },
        { "GET", "/dashboard/SiloStats/x", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/SiloCounters/x", 401, 400, 403, 403, 403 },
        { "GET", "/dashboard/GrainStats/x", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/TopGrainMethods", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/GrainState", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/LifecycleStages", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/GrainTypes", 401, 200, 403, 403, 403 },
        { "GET", "/dashboard/Trace", 401, 200, 403, 403, 403 },
    };

    private const string NoSuchToken = "0123456789abcdef0123456789abcdef";

    /// <summary>
    /// The same endpoints for accounts scoped to a network (#21): a manager of the sample province (the sample city lies
    /// beneath it), a manager of another city of it (sample-north), an administrator of the sample city, and one of
    /// another city (sample-lake). Inside their subtree they get what their role gets; outside it, 403.
    /// </summary>
    public static TheoryData<string, string, int, int, int, int> ScopedMatrix => new()
    {
        { "GET", "/api/about", 200, 200, 200, 200 },
        { "GET", "/api/auth/me", 200, 200, 200, 200 },
        { "GET", "/api/networks", 200, 200, 200, 200 },
        { "GET", "/api/networks/sample", 200, 403, 200, 403 },
        { "GET", "/api/networks/sample/live", 200, 403, 200, 403 },
        { "GET", "/api/stations/sample-01", 200, 403, 200, 403 },
        { "GET", "/api/stations/sample-02", 200, 403, 200, 403 },
        { "POST", "/api/stations/sample-01/events", 403, 403, 201, 403 },
        { "POST", "/api/stations/sample-02/events", 403, 403, 201, 403 },
        { "DELETE", $"/api/stations/sample-01/events/{UnknownEvent}", 403, 403, 404, 403 },
        { "DELETE", $"/api/stations/sample-02/events/{UnknownEvent}", 403, 403, 404, 403 },
        { "POST", "/api/stations/sample-01/open", 403, 403, 200, 403 },
        { "POST", "/api/stations/sample-02/open", 403, 403, 200, 403 },
        { "POST", "/api/stations/sample-01/heartbeat", 403, 403, 200, 403 },
        { "POST", "/api/stations/sample-02/heartbeat", 403, 403, 200, 403 },
        { "POST", "/api/stations/sample-01/close", 403, 403, 200, 403 },
        { "POST", "/api/stations/sample-02/close", 403, 403, 200, 403 },
        { "GET", "/api/reports/daily?networkId=sample", 200, 403, 200, 403 },
        { "GET", "/api/reports/summary?networkId=sample", 200, 403, 200, 403 },
        { "GET", "/api/reports/audit?networkId=sample", 200, 403, 200, 403 },
        { "GET", "/api/reports/targets?networkId=sample", 200, 403, 200, 403 },
        { "GET", "/api/reports/compliance?networkId=sample", 200, 403, 200, 403 },
        { "GET", "/api/reports/status?networkId=sample", 200, 403, 200, 403 },
        { "GET", "/api/reports/hours?networkId=sample", 200, 403, 200, 403 },
        { "PUT", "/api/admin/networks/sample/targets/2026", 403, 403, 400, 403 },
        { "GET", "/api/admin/accounts", 403, 403, 200, 200 },
        { "GET", "/api/admin/networks/sample/devices", 403, 403, 200, 403 },
        { "GET", "/api/admin/networks/sample/screen-links", 403, 403, 200, 403 },
        { "POST", "/api/admin/stations/sample-03/pairing-codes", 403, 403, 201, 403 },
        { "POST", "/api/admin/networks/sample/screen-links", 403, 403, 201, 403 },
        { "PUT", "/api/admin/stations/sample-03", 403, 403, 400, 403 },
        { "POST", "/api/admin/accounts", 403, 403, 400, 400 },
        { "PATCH", "/api/admin/accounts/nobody", 403, 403, 404, 404 },
        { "POST", "/api/admin/networks/sample/stations", 403, 403, 400, 403 },
        { "POST", "/api/admin/networks", 403, 403, 400, 400 },
        { "GET", "/api/admin/networks", 403, 403, 200, 200 },
        { "GET", "/api/reports/supplies?networkId=sample", 200, 403, 200, 403 },
        { "POST", "/api/public/stations/sample-01/feedback", 400, 400, 400, 400 },
        { "GET", "/api/reports/feedback?networkId=sample", 200, 403, 200, 403 },
        { "GET", "/api/reports/satisfaction?networkId=sample", 200, 403, 200, 403 },
        { "GET", "/api/networks/sample/satisfaction", 200, 403, 200, 403 },
        { "GET", "/api/admin/stations/sample-01/poster", 403, 403, 200, 403 },
        { "GET", "/api/admin/networks/sample/assessment/2026", 403, 403, 200, 403 },
        { "PUT", "/api/admin/networks/sample/assessment/2026", 403, 403, 400, 403 },
        { "GET", "/api/reports/assessment?networkId=sample", 200, 403, 200, 403 },
        // The province's: its own manager only; a city's manager or administrator is beneath it, and cannot read its sibling cities' rows.
        { "GET", "/api/reports/supplies?networkId=sample-province", 200, 403, 403, 403 },
        { "GET", "/api/reports/feedback?networkId=sample-province", 200, 403, 403, 403 },
        { "GET", "/api/reports/satisfaction?networkId=sample-province", 200, 403, 403, 403 },
        { "GET", "/api/reports/assessment?networkId=sample-province", 200, 403, 403, 403 },
        { "GET", "/api/networks/sample-province/supplies/warnings", 200, 403, 403, 403 },
        { "PATCH", $"/api/admin/feedback/{UnknownEvent}", 404, 404, 404, 404 },
        { "GET", "/rate/sample-01", 200, 200, 200, 200 },
        { "POST", "/api/stations/sample-01/events/batch", 403, 403, 200, 403 },
        { "POST", "/api/stations/sample-02/events/batch", 403, 403, 200, 403 },
        { "GET", "/api/networks/sample/supplies", 200, 403, 200, 403 },
        { "GET", "/api/networks/sample/supplies/warnings", 200, 403, 200, 403 },
        { "PUT", "/api/admin/networks/sample/supplies", 403, 403, 400, 403 },
        { "GET", "/api/stations/sample-01/supplies", 200, 403, 200, 403 },
        { "GET", "/api/stations/sample-02/supplies", 200, 403, 200, 403 },
        { "POST", "/api/stations/sample-01/supplies/movements", 403, 403, 400, 403 },
        { "POST", "/api/stations/sample-02/supplies/movements", 403, 403, 400, 403 },
        { "DELETE", $"/api/stations/sample-01/supplies/movements/{UnknownEvent}", 403, 403, 404, 403 },
        { "DELETE", $"/api/stations/sample-02/supplies/movements/{UnknownEvent}", 403, 403, 404, 403 },
        { "PUT", "/api/admin/networks/sample", 403, 403, 400, 403 },
        { "POST", "/api/admin/stations/nowhere/retire", 403, 403, 404, 404 },
        { "PUT", "/api/admin/networks/sample/services", 403, 403, 400, 403 },
        { "PATCH", $"/api/admin/devices/{NoSuchToken}", 403, 403, 400, 400 },
        { "POST", $"/api/admin/devices/{NoSuchToken}/revoke", 403, 403, 404, 404 },
        { "POST", $"/api/admin/screen-links/{NoSuchToken}/revoke", 403, 403, 404, 404 },
        { "GET", "/api/admin/export?networkId=sample", 403, 403, 200, 403 },
        { "POST", "/api/admin/import", 403, 403, 403, 403 },
        { "POST", "/api/pair", 400, 400, 400, 400 },
        { "GET", "/api/public/stations/sample-01/name", 200, 200, 200, 200 },
        { "POST", "/api/auth/logout", 204, 204, 204, 204 },
        { "GET", "/api/reports/yearly?networkId=sample", 200, 403, 200, 403 },
        { "GET", "/api/reports/hourly?networkId=sample", 200, 403, 200, 403 },
        { "GET", "/api/auth/antiforgery", 200, 200, 200, 200 },
        { "POST", "/api/auth/login", 400, 400, 400, 400 },
        { "POST", "/hubs/live/negotiate?negotiateVersion=1", 200, 200, 200, 200 },
        { "GET", "/hubs/live", 400, 400, 400, 400 },
        { "GET", "/openapi/v1.json", 200, 200, 200, 200 },
        { "GET", "/", 200, 200, 200, 200 },
        { "GET", "/station", 200, 200, 200, 200 },
        { "GET", "/station/sample-01", 200, 200, 200, 200 },
        { "GET", "/wall/sample", 200, 200, 200, 200 },
        { "GET", "/manage", 200, 200, 200, 200 },
        { "GET", "/admin", 200, 200, 200, 200 },
        { "GET", "/find", 200, 200, 200, 200 },
        { "GET", "/find/sample", 200, 200, 200, 200 },
        { "GET", "/api/public/networks", 200, 200, 200, 200 },
        { "GET", "/api/public/networks/sample", 200, 200, 200, 200 },
        { "GET", "/api/public/networks/sample/stations", 200, 200, 200, 200 },
        { "GET", "/api/public/networks/sample/stations.geojson", 200, 200, 200, 200 },
        { "GET", "/health/live", 200, 200, 200, 200 },
        { "GET", "/health/ready", 200, 200, 200, 200 },
        { "GET", "/metrics", 200, 200, 200, 200 },
        { "GET", "/dashboard/", 403, 403, 403, 403 },
        { "GET", "/dashboard/index.html", 403, 403, 403, 403 },
        { "GET", "/dashboard/favicon.ico", 403, 403, 403, 403 },
        { "GET", "/dashboard/index.min.js", 403, 403, 403, 403 },
        { "GET", "/dashboard/index.css", 403, 403, 403, 403 },
        { "GET", "/dashboard/version", 403, 403, 403, 403 },
        { "GET", "/dashboard/DashboardCounters", 403, 403, 403, 403 },
        { "GET", "/dashboard/ClusterStats", 403, 403, 403, 403 },
        { "GET", "/dashboard/Reminders", 403, 403, 403, 403 },
        { "GET", "/dashboard/Reminders/1", 403, 403, 403, 403 },
        { "GET", "/dashboard/HistoricalStats/x", 403, 403, 403, 403 },
        { "GET", "/dashboard/SiloProperties/x", 403, 403, 403, 403 },
        { "GET", "/dashboard/SiloMetadata/x", 403, 403, 403, 403 },
        { "GET", "/dashboard/SiloStats/x", 403, 403, 403, 403 },
        { "GET", "/dashboard/SiloCounters/x", 403, 403, 403, 403 },
        { "GET", "/dashboard/GrainStats/x", 403, 403, 403, 403 },
        { "GET", "/dashboard/TopGrainMethods", 403, 403, 403, 403 },
        { "GET", "/dashboard/GrainState", 403, 403, 403, 403 },
        { "GET", "/dashboard/LifecycleStages", 403, 403, 403, 403 },
        { "GET", "/dashboard/GrainTypes", 403, 403, 403, 403 },
        { "GET", "/dashboard/Trace", 403, 403, 403, 403 },
    };

    [Fact]
    public void Every_row_of_the_matrix_has_a_row_for_scoped_callers()
    {
        var scoped = ScopedMatrix.Select(r => ((string)r[0], (string)r[1])).ToHashSet();
        var missing = Matrix.Select(r => ((string)r[0], (string)r[1])).Where(r => !scoped.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "no scoped row for: " + string.Join(", ", missing.Select(m => $"{m.Item1} {m.Item2}")));
    }

    [Theory]
    [MemberData(nameof(ScopedMatrix))]
    public async Task Each_scoped_account_gets_exactly_what_it_may(string method, string path, int managerIn, int managerOut, int adminIn, int adminOut)
    {
        var signsOut = path == "/api/auth/logout";
        var callers = new (string Who, HttpClient Client, int Expected)[]
        {
            ("manager of sample-province", await Scoped("scoped-mgr-in", "manager", "sample-province", fresh: signsOut), managerIn),
            ("manager of sample-north", await Scoped("scoped-mgr-out", "manager", "sample-north", fresh: signsOut), managerOut),
            ("admin of sample", await Scoped("scoped-adm-in", "admin", "sample", fresh: signsOut), adminIn),
            ("admin of sample-lake", await Scoped("scoped-adm-out", "admin", "sample-lake", fresh: signsOut), adminOut),
        };
        await EachGets(method, path, callers);
    }

    [Fact]
    public async Task A_scoped_account_sees_only_its_subtree_and_cannot_reach_above_it()
    {
        using var city = await Scoped("scoped-city-admin", "admin", "sample", fresh: true);
        using var province = await Scoped("scoped-prov-mgr", "manager", "sample-province", fresh: true);

        var cityNetworks = (await city.GetNode("/api/networks")).AsArray().Select(n => (string)n!["id"]!).ToList();
        var provinceNetworks = (await province.GetNode("/api/networks")).AsArray().Select(n => (string)n!["id"]!).Order().ToList();
        var tree = (await city.GetNode("/api/admin/networks")).AsArray();
        using var addAbove = await city.PostAsJsonAsync("/api/admin/networks", new { id = "scoped-top", name = "顶", nameEn = "Top" });
        using var addOutside = await city.PostAsJsonAsync("/api/admin/networks", new { id = "scoped-out", name = "外", nameEn = "Out", parentId = "sample-lake" });
        using var addInside = await city.PostAsJsonAsync("/api/admin/networks", new { id = "scoped-district", name = "示例区", nameEn = "District", parentId = "sample" });
        using var moveTop = await city.PutAsJsonAsync("/api/admin/networks/sample", new { name = "示例市总工会驿站网络", nameEn = "Sample City Union Stations", parentId = "" });
        using var unscopedAccount = await city.PostAsJsonAsync("/api/admin/accounts", new { username = "scoped-new1", role = "manager", password = "a-password-123" });
        using var outsideAccount = await city.PostAsJsonAsync("/api/admin/accounts", new { username = "scoped-new2", role = "manager", password = "a-password-123", networkId = "sample-lake" });
        using var insideAccount = await city.PostAsJsonAsync("/api/admin/accounts", new { username = "scoped-new3", role = "manager", password = "a-password-123", networkId = "scoped-district" });
        using var liftScope = await city.PatchAsJsonAsync("/api/admin/accounts/scoped-new3", new { networkId = "" });
        using var editAbove = await city.PatchAsJsonAsync("/api/admin/accounts/admin", new { displayName = "taken over" });

        Assert.Equal(["sample"], cityNetworks);
        Assert.Equal(["sample", "sample-lake", "sample-north", "sample-province"], provinceNetworks.Where(n => n.StartsWith("sample")));
        Assert.Equal("sample", (string)tree.Single()!["id"]!);
        await Problem.Assert4xx(addAbove, HttpStatusCode.BadRequest);
        await Problem.Assert4xx(addOutside, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, addInside.StatusCode);
        await Problem.Assert4xx(moveTop, HttpStatusCode.Forbidden);
        await Problem.Assert4xx(unscopedAccount, HttpStatusCode.BadRequest);
        await Problem.Assert4xx(outsideAccount, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, insideAccount.StatusCode);
        await Problem.Assert4xx(liftScope, HttpStatusCode.Forbidden);
        await Problem.Assert4xx(editAbove, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_rating_is_answered_only_by_a_scoped_account_whose_subtree_holds_its_station()
    {
        var id = Guid.NewGuid();
        using (var rated = await app.Http.PostAsJsonAsync("/api/public/stations/sample-04/feedback", new { id, device = Guid.NewGuid().ToString(), rating = 1, tags = Array.Empty<string>() }))
        {
            Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        }
        using var outside = await (await Scoped("scoped-adm-out", "admin", "sample-lake")).PatchAsJsonAsync($"/api/admin/feedback/{id}", new { status = "dismissed", note = "not ours" });
        using var northManager = await (await Scoped("scoped-mgr-out", "manager", "sample-north")).PatchAsJsonAsync($"/api/admin/feedback/{id}", new { status = "dismissed" });
        using var inside = await (await Scoped("scoped-mgr-in", "manager", "sample-province")).PatchAsJsonAsync($"/api/admin/feedback/{id}", new { status = "in-progress", note = "已联系站长" });

        await Problem.Assert4xx(outside, HttpStatusCode.Forbidden);
        await Problem.Assert4xx(northManager, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal("in-progress", (string?)(await inside.ReadNode())["status"]);
    }

    /// <summary>
    /// The sessions the matrix rows share, kept for the class as its app is: each sign-in checks a password hash
    /// (PBKDF2, by design slow), and made afresh for each of the matrix's rows they cost the suite a minute and a half.
    /// A row that ends a session asks for sessions of its own.
    /// </summary>
    public sealed class Kept
    {
        public Dictionary<string, HttpClient> Scoped { get; } = new(StringComparer.Ordinal);
        public HttpClient? Manager { get; set; }
        public HttpClient? Tablet { get; set; }
    }

    /// <summary>A session of an account scoped to a network, made on first use.</summary>
    private async Task<HttpClient> Scoped(string username, string role, string networkId, bool fresh = false)
    {
        if (!fresh && kept.Scoped.TryGetValue(username, out var known))
        {
            return known;
        }
        using (var created = await app.Http.PostAsJsonAsync("/api/admin/accounts",
            new { username, displayName = username, role, password = username + "-password-1", networkId }))
        {
            Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)created.StatusCode}");
        }
        var session = await Sessions.SignIn(app.BaseAddress, username, username + "-password-1");
        if (!fresh)
        {
            kept.Scoped[username] = session;
        }
        return session;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_gets_exactly_what_it_may(string method, string path, int anonymous, int admin, int manager, int tablet, int wall)
    {
        // Signing out ends a session: that row gets sessions of its own, so the shared ones stay signed in.
        var signsOut = path == "/api/auth/logout";
        var managerSession = await Manager();
        var callers = new (string Who, HttpClient Client, int Expected)[]
        {
            ("anonymous", app.Anonymous, anonymous),
            ("admin", signsOut ? await Sessions.SignIn(app.BaseAddress, "admin", Sessions.AdminPassword) : app.Http, admin),
            ("manager", signsOut ? await Sessions.SignIn(app.BaseAddress, "mgr", "mgr-password-123") : managerSession, manager),
            ("tablet", await Tablet(), tablet),
            ("wall", Sessions.WithToken(app.BaseAddress, app.ScreenToken), wall),
        };
        await EachGets(method, path, callers);
    }

    /// <summary>Each caller sends the request (with a body the endpoint can take) and gets exactly its status; refusals are problem details.</summary>
    private static async Task EachGets(string method, string path, IEnumerable<(string Who, HttpClient Client, int Expected)> callers)
    {
        foreach (var (who, client, expected) in callers)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = path.EndsWith("/events") ? JsonContent.Create(new { id = Guid.NewGuid(), service = "visit" })
                    : path.EndsWith("/events/batch") ? JsonContent.Create(new { events = new[] { new { id = Guid.NewGuid(), service = "visit" } } })
                    : JsonContent.Create(new { });
            }
            // Headers are enough, and the dashboard's log stream never ends.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.True(expected == (int)response.StatusCode, $"{who} {method} {path}: expected {expected}, got {(int)response.StatusCode}");
            if (expected is 401 or 403)
            {
                await Problem.Assert4xx(response, (HttpStatusCode)expected);
            }
        }
    }

    [Fact]
    public async Task A_revoked_tablet_is_refused_at_once()
    {
        var token = await Sessions.PairTablet(app.Http, "sample-05");
        using var tablet = Sessions.WithToken(app.BaseAddress, token);
        using (var before = await tablet.PostEvent("sample-05", new { id = Guid.NewGuid(), service = "water" }))
        {
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        }
        var deviceId = token[2..token.IndexOf('.')];
        using (var revoke = await app.Http.PostAsync($"/api/admin/devices/{deviceId}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        using var after = await tablet.PostEvent("sample-05", new { id = Guid.NewGuid(), service = "water" });

        await Problem.Assert4xx(after, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_pairing_code_pairs_one_tablet_only()
    {
        using var issued = await app.Http.PostAsync("/api/admin/stations/sample-06/pairing-codes", null);
        var pairing = await issued.ReadNode();
        Assert.Matches("^[0-9]{8}$", (string)pairing["code"]!);
        Assert.StartsWith("<svg", ((string)pairing["qrSvg"]!).TrimStart().Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "").TrimStart());
        Assert.Contains($"/station/sample-06?pair={pairing["code"]}", (string)pairing["url"]!);

        using var first = await app.Anonymous.PostAsJsonAsync("/api/pair", new { code = (string)pairing["code"]!, name = "前台平板" });
        using var second = await app.Anonymous.PostAsJsonAsync("/api/pair", new { code = (string)pairing["code"]!, name = "another" });
        using var wrong = await app.Anonymous.PostAsJsonAsync("/api/pair", new { code = "12ab", name = "x" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("sample-06", (string)(await first.ReadNode())["stationId"]!);
        await Problem.Assert4xx(second, HttpStatusCode.Unauthorized);
        await Problem.Assert4xx(wrong, HttpStatusCode.BadRequest);
        var devices = (await app.Http.GetNode("/api/admin/networks/sample/devices")).AsArray();
        Assert.Contains(devices, d => (string?)d!["name"] == "前台平板" && (string?)d["stationId"] == "sample-06");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        await CreateAccount("locky", "manager");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new() }) { BaseAddress = app.BaseAddress };
        await Sessions.SetAntiforgery(http);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await http.PostAsJsonAsync("/api/auth/login", new { username = "locky", password = "not the password" });
            await Problem.Assert4xx(wrong, HttpStatusCode.Unauthorized);
        }

        using var locked = await http.PostAsJsonAsync("/api/auth/login", new { username = "locky", password = "locky-password-1" });

        var detail = await Problem.Assert4xx(locked, (HttpStatusCode)423);
        Assert.Contains("locked", detail);
        Assert.True(locked.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task A_disabled_account_is_signed_out_at_once()
    {
        await CreateAccount("leaver", "manager");
        using var session = await Sessions.SignIn(app.BaseAddress, "leaver", "leaver-password-1");
        using (var ok = await session.GetAsync("/api/reports/daily?networkId=sample"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using (var disable = await app.Http.PatchAsJsonAsync("/api/admin/accounts/leaver", new { disabled = true }))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        using var after = await session.GetAsync("/api/reports/daily?networkId=sample");

        await Problem.Assert4xx(after, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_cookie_write_without_the_antiforgery_header_is_refused()
    {
        using var session = await Sessions.SignIn(app.BaseAddress, "admin", Sessions.AdminPassword);
        session.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");

        using var response = await session.PostEvent("sample-01", new { id = Guid.NewGuid(), service = "visit" });

        var detail = await Problem.Assert4xx(response, HttpStatusCode.BadRequest);
        Assert.Contains("X-XSRF-TOKEN", detail);
    }

    [Fact]
    public async Task Answers_carry_security_headers_and_large_bodies_are_refused()
    {
        using var page = await app.Anonymous.GetAsync("/");
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());

        var huge = "{\"id\":\"" + Guid.NewGuid() + "\",\"service\":\"visit\",\"attendant\":\"" + new string('x', 100_000) + "\"}";
        var tablet = await Tablet();
        using var big = await tablet.PostAsync("/api/stations/sample-01/events", new StringContent(huge, Encoding.UTF8, "application/json"));
        await Problem.Assert4xx(big, HttpStatusCode.RequestEntityTooLarge);
    }

    private async Task<HttpClient> Manager()
    {
        if (kept.Manager is null)
        {
            await CreateAccount("mgr", "manager");
            kept.Manager = await Sessions.SignIn(app.BaseAddress, "mgr", "mgr-password-123");
        }
        return kept.Manager;
    }

    /// <summary>A paired tablet of sample-01, shared by the class's tests: not to be disposed.</summary>
    private async Task<HttpClient> Tablet() => kept.Tablet ??= await app.Tablet("sample-01");

    private async Task CreateAccount(string username, string role)
    {
        using var created = await app.Http.PostAsJsonAsync("/api/admin/accounts",
            new { username, displayName = username, role, password = username + (username.Length < 4 ? "-password-123" : "-password-1") });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)created.StatusCode}");
    }
}

/// <summary>An app of its own, since the test moves its clock.</summary>
public sealed class PairingClockApp() : StationNetApp();

public class PairingExpiryTests(PairingClockApp app) : IClassFixture<PairingClockApp>
{
    [Fact]
    public async Task A_pairing_code_expires_after_fifteen_minutes()
    {
        using var fresh = await app.Http.PostAsync("/api/admin/stations/sample-08/pairing-codes", null);
        using var stale = await app.Http.PostAsync("/api/admin/stations/sample-09/pairing-codes", null);
        var freshCode = (string)(await fresh.ReadNode())["code"]!;
        var staleCode = (string)(await stale.ReadNode())["code"]!;

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        using var inTime = await app.Anonymous.PostAsJsonAsync("/api/pair", new { code = freshCode });
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        using var late = await app.Anonymous.PostAsJsonAsync("/api/pair", new { code = staleCode });

        Assert.Equal(HttpStatusCode.Created, inTime.StatusCode);
        var detail = await Problem.Assert4xx(late, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", detail);
    }
}
