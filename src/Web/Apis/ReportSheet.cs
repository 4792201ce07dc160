using System.Runtime.CompilerServices;
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
    public static async Task WriteXlsxAsync(Stream file, IReadOnlyList<string> title, string[] header, IAsyncEnumerable<object[]> rows, CancellationToken ct)
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
