using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace StationNet.Web.Apis;

/// <summary>
/// A report table as a workbook a person opens and files: title lines (which report, network, days, when made
/// and by whom), a blank line, then the table with its header frozen, columns wide enough for their words, and
/// numbers stored as numbers.
/// </summary>
public static class ReportSheet
{
    /// <summary>The table's header is on this row (1-based): after the three title lines and a blank one.</summary>
    public const int HeaderRow = 5;

    /// <param name="printable">Set up the sheet to print: A4 landscape, all columns on one page wide (a 考核表 is filed on paper).</param>
    public static byte[] Xlsx(IReadOnlyList<string> title, string[] header, IEnumerable<object[]> rows, bool printable = false)
    {
        var keys = header.Select((_, i) => $"c{i}").ToArray();
        var table = rows.ToList();
        var sheet = new List<Dictionary<string, object?>>();
        sheet.AddRange(title.Take(HeaderRow - 2).Select(line => Line(keys, [line])));
        while (sheet.Count < HeaderRow - 1)
        {
            sheet.Add(Line(keys, []));
        }
        sheet.Add(Line(keys, header));
        sheet.AddRange(table.Select(r => Line(keys, r)));
        var widths = keys.Select((_, i) => Math.Clamp(table.Select(r => Width(r[i])).Append(Width(header[i])).Max() + 2, 8, 60)).ToArray();
        var config = new OpenXmlConfiguration
        {
            FreezeRowCount = HeaderRow,
            FreezeColumnCount = 0,
            TableStyles = TableStyles.None,
            AutoFilter = false,
            DynamicColumns = keys.Select((k, i) => new DynamicExcelColumn(k) { Width = widths[i] }).ToArray(),
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheet, printHeader: false, sheetName: "StationNet", configuration: config);
        if (printable)
        {
            ForPrinting(buffer);
        }
        return buffer.ToArray();
    }

    /// <summary>Elements a worksheet may hold after its page setup (ECMA-376 order): the setup goes before the first of them.</summary>
    private static readonly string[] AfterPageSetup = ["headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
        "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

    /// <summary>MiniExcel writes no print settings, so they are added to the sheet's XML: fit to one page wide, A4 (9), landscape.</summary>
    private static void ForPrinting(MemoryStream workbook)
    {
        using var zip = new System.IO.Compression.ZipArchive(workbook, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true);
        var entry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        System.Xml.Linq.XDocument doc;
        using (var read = entry.Open())
        {
            doc = System.Xml.Linq.XDocument.Load(read);
        }
        var root = doc.Root!;
        var ns = root.Name.Namespace;
        var sheetPr = root.Element(ns + "sheetPr");
        if (sheetPr is null)
        {
            root.AddFirst(sheetPr = new System.Xml.Linq.XElement(ns + "sheetPr"));
        }
        sheetPr.Add(new System.Xml.Linq.XElement(ns + "pageSetUpPr", new System.Xml.Linq.XAttribute("fitToPage", "1")));
        var setup = new System.Xml.Linq.XElement(ns + "pageSetup", new System.Xml.Linq.XAttribute("paperSize", "9"),
            new System.Xml.Linq.XAttribute("orientation", "landscape"), new System.Xml.Linq.XAttribute("fitToWidth", "1"), new System.Xml.Linq.XAttribute("fitToHeight", "0"));
        var before = root.Elements().FirstOrDefault(e => AfterPageSetup.Contains(e.Name.LocalName));
        if (before is null)
        {
            root.Add(setup);
        }
        else
        {
            before.AddBeforeSelf(setup);
        }
        entry.Delete();
        var replaced = zip.CreateEntry(entry.FullName);
        using var write = replaced.Open();
        doc.Save(write, System.Xml.Linq.SaveOptions.DisableFormatting);
    }

    private static Dictionary<string, object?> Line(string[] keys, object[] cells)
    {
        var line = new Dictionary<string, object?>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            line[keys[i]] = i < cells.Length ? cells[i] : null;
        }
        return line;
    }

    /// <summary>Characters as Excel measures them: a Chinese character takes about two.</summary>
    private static int Width(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) is { } text
        ? text.Sum(c => c > 0x2E80 ? 2 : 1)
        : 0;
}
