using System.Globalization;
using System.Text;

namespace HajDesk.Web.Exports;

/// <summary>
/// CSV as Excel opens it in Persian: UTF-8 with a byte-order mark, comma-separated, CRLF line ends, RFC 4180 quoting
/// (a field with a comma, a quote or a line break is quoted, its quotes doubled). A text cell that a spreadsheet would
/// take for a formula gets a leading apostrophe (see <see cref="Field"/>).
/// </summary>
/// <remarks>
/// CSV has no sheets: a second table is written after an empty line, with its name on a line of its own. Rows go
/// into a 16 KB buffer that is flushed to the stream as it fills, so memory stays flat however many rows come.
/// </remarks>
public sealed class CsvTableWriter(Stream stream) : ITableWriter
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private readonly StreamWriter writer = new(stream, Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
    private readonly StringBuilder line = new();
    private bool anyTable;

    public async ValueTask StartTableAsync(string name, IReadOnlyList<string> headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (anyTable)
        {
            await WriteLineAsync(string.Empty, cancellationToken);
            await WriteLineAsync(Field(name), cancellationToken);
        }

        anyTable = true;
        await WriteRowAsync(headers.Select(ExportCell.Of).ToList(), cancellationToken);
    }

    public async ValueTask WriteRowAsync(IReadOnlyList<ExportCell> cells, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cells);
        line.Clear();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var cell = cells[i];
            line.Append(cell.Number is double number ? number.ToString("R", CultureInfo.InvariantCulture) : Field(cell.Text));
        }

        await WriteLineAsync(line.ToString(), cancellationToken);
    }

    public async ValueTask FinishAsync(CancellationToken cancellationToken) => await writer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    /// <summary>
    /// One text field, neutralised and quoted. A value beginning with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab
    /// or a carriage return would run as a formula when the file is opened in a spreadsheet (CSV injection: a
    /// citizen's name is typed by the citizen); it gets a leading apostrophe, which the spreadsheet shows as text.
    /// </summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private async ValueTask WriteLineAsync(string text, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
        await writer.WriteAsync(writer.NewLine.AsMemory(), cancellationToken);
    }
}
