using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace StationNet.Web.Apis;

/// <summary>Report tables as files: CSV that Excel opens with the Chinese intact, and .xlsx.</summary>
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
                    csv.WriteField(field);
                }
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Xlsx(string[] header, IEnumerable<object[]> rows)
    {
        var sheet = rows.Select(row =>
        {
            var line = new Dictionary<string, object>();
            for (var i = 0; i < header.Length; i++)
            {
                line[header[i]] = row[i];
            }
            return line;
        }).ToList();
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheet, sheetName: "StationNet");
        return buffer.ToArray();
    }
}
