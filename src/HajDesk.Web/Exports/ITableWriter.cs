namespace HajDesk.Web.Exports;

/// <summary>
/// Writes tables to a stream as rows arrive, never holding more than a buffer: CSV (<see cref="CsvTableWriter"/>)
/// or XLSX (<see cref="XlsxTableWriter"/>).
/// </summary>
public interface ITableWriter : IAsyncDisposable
{
    /// <summary>Starts a table (a worksheet in XLSX) and writes its header row.</summary>
    ValueTask StartTableAsync(string name, IReadOnlyList<string> headers, CancellationToken cancellationToken);

    ValueTask WriteRowAsync(IReadOnlyList<ExportCell> cells, CancellationToken cancellationToken);

    /// <summary>Ends the file; nothing is complete (an XLSX is not readable) before this.</summary>
    ValueTask FinishAsync(CancellationToken cancellationToken);
}

public static class TableWriters
{
    /// <summary>A writer of <paramref name="format"/> over <paramref name="stream"/> (left open).</summary>
    public static async ValueTask<ITableWriter> CreateAsync(ExportFormat format, Stream stream, CancellationToken cancellationToken) =>
        format == ExportFormat.Csv
            ? new CsvTableWriter(stream)
            : await XlsxTableWriter.CreateAsync(stream, cancellationToken);
}
