using System.Globalization;
using System.Text;
using CsvHelper;

namespace StationNet.Web.Apis;

/// <summary>Report tables as CSV that Excel opens with the Chinese intact, and never as formulas; the .xlsx is <see cref="ReportSheet"/>.</summary>
public static class ReportFiles
{
    /// <summary>
    /// UTF-8 with a byte-order mark, so Excel shows the Chinese names correctly.
    /// Writes the table to <paramref name="body"/> as the rows arrive (a response streams it: no whole file in
    /// memory, however many rows). Every write is asynchronous, as a response body requires.
    /// </summary>
    public static async Task WriteCsvAsync(Stream body, string[] header, IAsyncEnumerable<object[]> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var field in header)
        {
            csv.WriteField(field);
        }
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var field in row)
            {
                csv.WriteField(FormulaSafe(field));
            }
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    /// <summary>
    /// OWASP's rule against CSV injection: text a spreadsheet would read as a formula (starting with =, +, -, @,
    /// tab or carriage return) gets a leading apostrophe, so an attendant or tablet named "=HYPERLINK(...)" stays
    /// text in Excel and WPS. Numbers, and text that is a number (-3) or a percentage (the change against last year,
    /// -5%), are left as they are, so the file reads as the screen does.
    /// </summary>
    public static object? FormulaSafe(object? field) =>
        field is string { Length: > 0 } text && FormulaStarts.Contains(text[0]) && !IsNumber(text.EndsWith('%') ? text[..^1] : text)
            ? "'" + text
            : field;

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private const string FormulaStarts = "=+-@\t\r";
}
