using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace HajDesk.Web.Exports;

/// <summary>
/// XLSX through SpreadCheetah, which compresses each row into the zip as it is added and writes the zip to the
/// stream as its buffer fills: nothing of the file is kept but that buffer. One worksheet per table, the header row
/// bold and frozen. Text cells are written as text (a formula is never made from data), so nothing needs
/// neutralising here.
/// </summary>
/// <remarks>
/// SpreadCheetah (1.28) has no right-to-left sheet option; Excel shows the Persian text right-aligned by itself,
/// and a reader can flip the sheet with «راست به چپ» in Excel's page layout.
/// </remarks>
public sealed class XlsxTableWriter : ITableWriter
{
    private readonly Spreadsheet spreadsheet;
    private readonly StyleId header;
    private Cell[] row = [];

    private XlsxTableWriter(Spreadsheet spreadsheet)
    {
        this.spreadsheet = spreadsheet;
        header = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
    }

    public static async ValueTask<XlsxTableWriter> CreateAsync(Stream stream, CancellationToken cancellationToken) =>
        new(await Spreadsheet.CreateNewAsync(stream, cancellationToken: cancellationToken));

    public async ValueTask StartTableAsync(string name, IReadOnlyList<string> headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var options = new WorksheetOptions { FrozenRows = 1, DefaultColumnWidth = 18 };
        await spreadsheet.StartWorksheetAsync(SheetName(name), options, cancellationToken);
        await spreadsheet.AddRowAsync(headers.Select(h => new Cell(h, header)).ToArray(), cancellationToken);
    }

    public async ValueTask WriteRowAsync(IReadOnlyList<ExportCell> cells, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (row.Length != cells.Count)
        {
            row = new Cell[cells.Count];
        }

        for (var i = 0; i < cells.Count; i++)
        {
            row[i] = cells[i].Number is double number ? new Cell(number) : new Cell(cells[i].Text);
        }

        await spreadsheet.AddRowAsync(row, cancellationToken);
    }

    public async ValueTask FinishAsync(CancellationToken cancellationToken) => await spreadsheet.FinishAsync(cancellationToken);

    public ValueTask DisposeAsync() => spreadsheet.DisposeAsync();

    /// <summary>Excel's rules for a sheet name: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    public static string SheetName(string name)
    {
        var clean = new string((name ?? string.Empty).Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c).ToArray()).Trim('\'').Trim();
        clean = clean.Length == 0 ? "Sheet1" : clean;
        return clean.Length > 31 ? clean[..31] : clean;
    }
}
