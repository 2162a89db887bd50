using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Exports;

/// <summary>One exported request, as read from the database (personal data still in clear until the columns mask it).</summary>
public sealed class RequestExportRow
{
    public required string TrackingCode { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? AnsweredAt { get; init; }

    public required string ProvinceName { get; init; }

    public required string SubjectName { get; init; }

    public string? SubSubjectName { get; init; }

    public RequestType Type { get; init; }

    public RequestChannel Channel { get; init; }

    public RequestStatus Status { get; init; }

    public DateTime DueAt { get; init; }

    public string? AssignedToName { get; init; }

    public required string NationalCode { get; init; }

    public required string FullName { get; init; }

    public required string Mobile { get; init; }

    public int? Rating { get; init; }

    /// <summary>What the request answered to its subject's extra fields, labels as they were at submission.</summary>
    public IReadOnlyList<Core.Fields.RequestFieldValue> FieldValues { get; init; } = [];
}

/// <summary>
/// The inbox's list as a download: the columns (Persian headers, Jalali dates, masking) and the projection that
/// reads only what they need, one row at a time.
/// </summary>
public static class RequestExport
{
    /// <summary>Reads the rows of already filtered, scoped and ordered requests; streamed, never listed.</summary>
    public static IAsyncEnumerable<RequestExportRow> Rows(IQueryable<ServiceRequest> requests, HajDeskDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return requests.Select(r => new RequestExportRow
        {
            TrackingCode = r.TrackingCode,
            CreatedAt = r.CreatedAt,
            AnsweredAt = r.AnsweredAt,
            ProvinceName = r.Province!.Name,
            SubjectName = r.Subject!.Name,
            SubSubjectName = r.SubSubject == null ? null : r.SubSubject.Name,
            Type = r.Type,
            Channel = r.Channel,
            Status = r.Status,
            DueAt = r.DueAt,
            AssignedToName = db.Users.Where(u => u.Id == r.AssignedToId).Select(u => u.DisplayName).FirstOrDefault(),
            NationalCode = r.NationalCode,
            FullName = r.FirstName + " " + r.LastName,
            Mobile = r.Mobile,
            Rating = r.Rating,
            FieldValues = r.FieldValues.OrderBy(v => v.DisplayOrder).ThenBy(v => v.Id)
                .Select(v => new Core.Fields.RequestFieldValue { Id = v.Id, Label = v.Label, Kind = v.Kind, Value = v.Value, DisplayOrder = v.DisplayOrder })
                .ToList(),
        }).AsAsyncEnumerable();
    }

    /// <summary>The columns, in order; national codes and mobile numbers in clear only for administrators.</summary>
    public static IReadOnlyList<ExportColumn<RequestExportRow>> Columns(bool personalDataInClear) =>
    [
        new("کد پیگیری", r => ExportCell.Of(IdentifierDigits.For(IdentifierReader.Export, r.TrackingCode))),
        new("تاریخ ثبت", r => ExportCell.Of(Date(r.CreatedAt))),
        new("تاریخ پاسخ", r => ExportCell.Of(r.AnsweredAt is DateTime at ? Date(at) : null)),
        new("استان", r => ExportCell.Of(r.ProvinceName)),
        new("موضوع", r => ExportCell.Of(r.SubjectName)),
        new("زیرموضوع", r => ExportCell.Of(r.SubSubjectName)),
        new("نوع پیام", r => ExportCell.Of(r.Type.ToPersian())),
        new("راه رسیدن", r => ExportCell.Of(r.Channel.ToPersian())),
        new("وضعیت", r => ExportCell.Of(r.Status.ToPersian())),
        new("مهلت پاسخ", r => ExportCell.Of(Date(r.DueAt))),
        new("کارشناس", r => ExportCell.Of(r.AssignedToName)),
        new("کد ملی", r => ExportCell.Of(PersonalDataMask.Show(r.NationalCode, personalDataInClear))),
        new("نام و نام خانوادگی", r => ExportCell.Of(r.FullName)),
        new("تلفن همراه", r => ExportCell.Of(PersonalDataMask.Show(r.Mobile, personalDataInClear))),
        new("امتیاز", r => ExportCell.Of(r.Rating)),
        new("فیلدهای درخواست", r => ExportCell.Of(FieldValues(r.FieldValues))),
    ];

    /// <summary>The extra fields' answers in one cell, one «عنوان: پاسخ» a line; null when none.</summary>
    public static string? FieldValues(IReadOnlyList<Core.Fields.RequestFieldValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? null : string.Join('\n', values.Select(v => v.Label + ": " + v.DisplayValue));
    }

    /// <summary>A stored instant as its Tehran day, <c>۱۴۰۴/۰۹/۱۰</c> (sorts as text).</summary>
    public static string Date(DateTime utc) => JalaliDate.FormatNumeric(DateOnly.FromDateTime(JalaliDate.ToTehranLocal(utc)));
}
