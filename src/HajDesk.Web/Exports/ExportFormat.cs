namespace HajDesk.Web.Exports;

/// <summary>The two download formats of every export.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}

public static class ExportFormats
{
    /// <summary>Reads <c>csv</c> or <c>xlsx</c> (any case) from an address; anything else is no format.</summary>
    public static bool TryParse(string? value, out ExportFormat format)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "CSV":
                format = ExportFormat.Csv;
                return true;
            case "XLSX":
                format = ExportFormat.Xlsx;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>The file name extension, without the dot (also the value in an address).</summary>
    public static string Extension(this ExportFormat format) => format == ExportFormat.Csv ? "csv" : "xlsx";

    public static string ContentType(this ExportFormat format) => format == ExportFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The Persian name of the format, for links and the audit log.</summary>
    public static string DisplayName(this ExportFormat format) => format == ExportFormat.Csv ? "CSV" : "اکسل (XLSX)";
}
