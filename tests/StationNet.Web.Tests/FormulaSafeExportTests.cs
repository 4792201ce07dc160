using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using CsvHelper;
using StationNet.Tests;
using StationNet.Web.Apis;

namespace StationNet.Web.Tests;

/// <summary>Free text in exports stays text when a manager opens the file in Excel or WPS: no live formulas.</summary>
public class FormulaSafeExportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Station = "sample-16";

    private static readonly string[] Hostile = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+cmd|' /C calc'!A0", "-2+3+cmd", "@SUM(1+1)"];

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("-3", "-3")]
    [InlineData("+1.5e3", "+1.5e3")]
    [InlineData("李师傅", "李师傅")]
    [InlineData("", "")]
    public void Text_a_spreadsheet_would_run_gets_a_leading_apostrophe_and_numbers_do_not(string cell, string written)
    {
        Assert.Equal(written, ReportFiles.FormulaSafe(cell));
        Assert.Equal(-3, ReportFiles.FormulaSafe(-3));
    }

    [Fact]
    public async Task Attendants_and_tablet_names_in_the_audit_csv_and_xlsx_are_never_formulas()
    {
        using var tablet = Sessions.WithToken(app.BaseAddress, await Sessions.PairTablet(app.Http, Station, name: "=WEBSERVICE(\"http://x\")"));
        foreach (var attendant in Hostile)
        {
            using var posted = await tablet.PostEvent(Station, new { id = Guid.NewGuid(), service = "visit", attendant });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }
        var day = (string)(await app.Http.GetNode($"/api/stations/{Station}"))["day"]!;
        var url = $"/api/reports/audit?networkId=sample&from={day}&to={day}&stationId={Station}";

        var csv = await app.Http.GetByteArrayAsync(url + "&format=csv");
        using var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(csv)), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(Hostile.Select(h => "'" + h).Order(), rows.Select(r => (string)r["attendant"]).Order());
        Assert.All(rows, r => Assert.Equal("'=WEBSERVICE(\"http://x\")", (string)r["deviceName"]));
        Assert.All(rows, r => Assert.Equal("1", (string)r["quantity"]));

        var xlsx = await app.Http.GetByteArrayAsync(url + "&format=xlsx");
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var xml = string.Concat(zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.DoesNotContain("<f>", xml);
        Assert.DoesNotContain("<x:f>", xml);
        Assert.Contains("=HYPERLINK(", WebUtility.HtmlDecode(xml));
    }
}
