using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.VisualBasic.FileIO;

namespace HajDesk.Web.Tests.Exports;

/// <summary>Reads exported files back with independent readers: .NET's TextFieldParser for CSV, the Open XML SDK for XLSX.</summary>
public static class ExportFiles
{
    public static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The CSV's rows (header first); asserts the byte-order mark Excel needs for Persian.</summary>
    public static List<string[]> ReadCsv(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith(Utf8Bom), "the CSV starts with the UTF-8 byte-order mark");
        using var reader = new StringReader(new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3));
        using var csv = new TextFieldParser(reader) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        csv.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!csv.EndOfData)
        {
            rows.Add(csv.ReadFields()!);
        }

        return rows;
    }

    /// <summary>Every worksheet by name, as rows of cell texts (numbers as written, in invariant form).</summary>
    public static Dictionary<string, List<string[]>> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheets = new Dictionary<string, List<string[]>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var rows = part.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(cell => Text(cell, shared)).ToArray()).ToList();
            sheets[sheet.Name!] = rows;
        }

        return sheets;
    }

    private static string Text(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)];
        }

        return cell.CellValue?.Text ?? string.Empty;
    }
}
