namespace HajDesk.Web.Exports;

/// <summary>
/// One cell of an exported table: text, a number, or empty. Numbers stay numbers in XLSX (so a spreadsheet can add
/// them up) and are written with ASCII digits in CSV; text is written as given (already Persian where people read it).
/// </summary>
public readonly record struct ExportCell(string? Text, double? Number)
{
    public static ExportCell Of(string? text) => new(text, null);

    public static ExportCell Of(double? number) => new(null, number);

    public static ExportCell Of(int? number) => new(null, number);

    public static ExportCell Of(long? number) => new(null, number);
}

/// <summary>A column of an exported table: its Persian header and how a row gives its cell.</summary>
public sealed record ExportColumn<T>(string Header, Func<T, ExportCell> Value);

/// <summary>
/// One table of a download as the writers take it: a name (the worksheet's), the header row and the rows' cells,
/// streamed. Every export — the inbox's list, a dashboard table, the periodic report — becomes sheets of this shape.
/// </summary>
public sealed record ExportSheet(string Name, IReadOnlyList<string> Headers, IAsyncEnumerable<IReadOnlyList<ExportCell>> Rows)
{
    /// <summary>A sheet of typed rows read through <paramref name="columns"/>, one row at a time.</summary>
    public static ExportSheet Of<T>(string name, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new ExportSheet(name, columns.Select(c => c.Header).ToList(), Cells(columns, rows));
    }

    /// <summary>A sheet of rows already in memory (a dashboard table, a report's lines).</summary>
    public static ExportSheet Of<T>(string name, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows) =>
        Of(name, columns, rows.ToAsyncEnumerable());

    private static async IAsyncEnumerable<IReadOnlyList<ExportCell>> Cells<T>(IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows)
    {
        // One array reused for every row: the writer copies the cells out before asking for the next.
        var cells = new ExportCell[columns.Count];
        await foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                cells[i] = columns[i].Value(row);
            }

            yield return cells;
        }
    }
}
