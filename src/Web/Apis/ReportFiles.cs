using System.Globalization;
using System.Text;
using CsvHelper;

namespace StationNet.Web.Apis;

/// <summary>Report tables as CSV that Excel opens with the Chinese intact, and never as formulas; the .xlsx is <see cref="ReportSheet"/>.</summary>
public static class ReportFiles
{
    /// <summary>UTF-8 with a byte-order mark, so Excel shows the Chinese names correctly.</summary>
    public static byte[] Csv(string[] header, IEnumerable<object[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var field in header)
            {
                csv.WriteField(field);
            }
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    csv.WriteField(FormulaSafe(field));
                }
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
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
