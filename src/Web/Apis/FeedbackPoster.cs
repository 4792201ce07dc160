using System.Globalization;
using System.Xml.Linq;
using QRCoder;

namespace StationNet.Web.Apis;

/// <summary>
/// The poster that hangs in a station: an A4 page (SVG in millimetres, prints at its size from any browser) with the station's
/// name, a QR code of its rating page and one line of text. Built as XML, so a name with markup in it stays text.
/// </summary>
public static class FeedbackPoster
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const string Font = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif";

    public static string Of(string stationName, string rateUrl)
    {
        using var qr = QRCodeGenerator.GenerateQrCode(rateUrl, QRCodeGenerator.ECCLevel.M);
        var modules = qr.ModuleMatrix;
        var size = modules.Count; // with QRCoder's quiet zone of four modules on each side
        var path = new System.Text.StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (modules[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x},{y}h1v1h-1z");
                }
            }
        }
        const double side = 140; // mm: scans from two metres away
        var scale = side / size;
        var doc = new XElement(Svg + "svg",
            new XAttribute("width", "210mm"), new XAttribute("height", "297mm"), new XAttribute("viewBox", "0 0 210 297"),
            new XElement(Svg + "title", $"{stationName} · 扫码评价"),
            new XElement(Svg + "rect", new XAttribute("width", 210), new XAttribute("height", 297), new XAttribute("fill", "#ffffff")),
            new XElement(Svg + "rect", new XAttribute("width", 210), new XAttribute("height", 34), new XAttribute("fill", "#b3261e")),
            Text("工会驿站 · 职工评价", 105, 22, 11, "#ffffff", bold: true),
            Text(stationName, 105, 62, Fit(stationName), "#1b1f24", bold: true, id: "station-name"),
            new XElement(Svg + "g", new XAttribute("id", "qr"),
                new XAttribute("transform", FormattableString.Invariant($"translate({105 - side / 2},{80}) scale({scale:0.####})")),
                new XElement(Svg + "path", new XAttribute("d", path.ToString()), new XAttribute("fill", "#000000"), new XAttribute("shape-rendering", "crispEdges"))),
            Text("扫一扫，为本驿站打分（匿名，不收集个人信息）", 105, 240, 8.5, "#1b1f24", bold: false, id: "line"),
            Text(rateUrl, 105, 282, 4, "#4f5b67", bold: false));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), doc).ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>A long name gets smaller type so it stays on the page.</summary>
    private static double Fit(string name) => Math.Clamp(180.0 / Math.Max(1, name.Length), 7, 16);

    private static XElement Text(string text, double x, double y, double size, string fill, bool bold, string? id = null) =>
        new(Svg + "text",
            id is null ? null : new XAttribute("id", id),
            new XAttribute("x", x), new XAttribute("y", y), new XAttribute("font-size", size.ToString("0.##", CultureInfo.InvariantCulture)),
            new XAttribute("font-family", Font), new XAttribute("text-anchor", "middle"), new XAttribute("fill", fill),
            bold ? new XAttribute("font-weight", "bold") : null,
            text);
}
