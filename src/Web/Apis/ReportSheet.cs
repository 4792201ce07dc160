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

    public static byte[] Xlsx(IReadOnlyList<string> title, string[] header, IEnumerable<object[]> rows)
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
        return buffer.ToArray();
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
