using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
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

    /// <summary>Column widths are measured on the first rows this many; the rest are written as they arrive.</summary>
    public const int MeasuredRows = 1000;

    /// <summary>
    /// Writes the workbook to <paramref name="file"/> (a seekable spool: the zip inside an .xlsx is not written
    /// strictly forwards) with the rows streamed in, so a year of daily rows never sits in memory as a whole.
    /// </summary>
    /// <param name="printable">Set up the sheet to print: A4 landscape, all columns on one page wide (a 考核表 is filed on paper).</param>
    public static async Task WriteXlsxAsync(Stream file, IReadOnlyList<string> title, string[] header, IAsyncEnumerable<object[]> rows, CancellationToken ct,
        bool printable = false)
    {
        var keys = header.Select((_, i) => $"c{i}").ToArray();
        await using var table = rows.GetAsyncEnumerator(ct);
        var measured = new List<object[]>();
        var more = true;
        while (measured.Count < MeasuredRows && (more = await table.MoveNextAsync()))
        {
            measured.Add(table.Current);
        }
        var widths = keys.Select((_, i) => Math.Clamp(measured.Select(r => Width(r[i])).Append(Width(header[i])).Max() + 2, 8, 60)).ToArray();
        var config = new OpenXmlConfiguration
        {
            FreezeRowCount = HeaderRow,
            FreezeColumnCount = 0,
            TableStyles = TableStyles.None,
            AutoFilter = false,
            DynamicColumns = keys.Select((k, i) => new DynamicExcelColumn(k) { Width = widths[i] }).ToArray(),
        };
        await file.SaveAsAsync(Lines(keys, title, header, measured, more ? table : null, ct), printHeader: false, sheetName: "StationNet",
            configuration: config, cancellationToken: ct);
        if (printable)
        {
            ForPrinting(file);
        }
    }

    /// <summary>Elements a worksheet may hold after its page setup (ECMA-376 order): the setup goes before the first of them.</summary>
    private static readonly string[] AfterPageSetup = ["headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
        "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

    /// <summary>
    /// MiniExcel writes no print settings, so they are added to the sheet's XML: fit to one page wide, A4 (9), landscape.
    /// The workbook is small (one row per station), so it is rewritten in place.
    /// </summary>
    private static void ForPrinting(Stream workbook)
    {
        workbook.Position = 0;
        using var zip = new ZipArchive(workbook, ZipArchiveMode.Update, leaveOpen: true);
        var entry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        XDocument doc;
        using (var read = entry.Open())
        {
            doc = XDocument.Load(read);
        }
        var root = doc.Root!;
        var ns = root.Name.Namespace;
        var sheetPr = root.Element(ns + "sheetPr");
        if (sheetPr is null)
        {
            root.AddFirst(sheetPr = new XElement(ns + "sheetPr"));
        }
        sheetPr.Add(new XElement(ns + "pageSetUpPr", new XAttribute("fitToPage", "1")));
        var setup = new XElement(ns + "pageSetup", new XAttribute("paperSize", "9"), new XAttribute("orientation", "landscape"),
            new XAttribute("fitToWidth", "1"), new XAttribute("fitToHeight", "0"));
        var before = root.Elements().FirstOrDefault(e => AfterPageSetup.Contains(e.Name.LocalName));
        if (before is null)
        {
            root.Add(setup);
        }
        else
        {
            before.AddBeforeSelf(setup);
        }
        var name = entry.FullName;
        entry.Delete();
        using var write = zip.CreateEntry(name).Open();
        doc.Save(write, SaveOptions.DisableFormatting);
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> Lines(string[] keys, IReadOnlyList<string> title, string[] header,
        List<object[]> measured, IAsyncEnumerator<object[]>? rest, [EnumeratorCancellation] CancellationToken ct)
    {
        var line = 0;
        foreach (var text in title.Take(HeaderRow - 2))
        {
            line++;
            yield return Line(keys, [text]);
        }
        for (; line < HeaderRow - 1; line++)
        {
            yield return Line(keys, []);
        }
        yield return Line(keys, header);
        foreach (var row in measured)
        {
            yield return Line(keys, row);
        }
        while (rest is not null && await rest.MoveNextAsync())
        {
            ct.ThrowIfCancellationRequested();
            yield return Line(keys, rest.Current);
        }
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
