using System.Globalization;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;

namespace HajDesk.Web.Staff;

/// <summary>
/// The inbox's filters as the address carries them (ids, dates, flags; never personal data), applied to the requests
/// in scope. The inbox page and its export both go through <see cref="Apply"/>, so a download holds exactly the list
/// on screen (without the page limit).
/// </summary>
public sealed record InboxFilter(
    RequestStatus? Status,
    int? Subject,
    RequestChannel? Channel,
    RequestType? Type,
    string? From,
    string? To,
    bool Overdue,
    bool DueSoon,
    bool Mine,
    bool OldestFirst)
{
    /// <summary>
    /// Narrows <paramref name="requests"/> (already in the staff member's scope) by every filter but the status,
    /// which the inbox applies after its per-status counts (<see cref="ApplyStatus"/>). Wrongly typed dates come
    /// back as errors and filter nothing.
    /// </summary>
    public (IQueryable<ServiceRequest> Requests, IReadOnlyList<(string Field, string Message)> Errors) Apply(
        IQueryable<ServiceRequest> requests, string staffId, DateTime now, DateTime dueSoonUntil)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (Subject is int subject)
        {
            requests = requests.Where(r => r.SubjectId == subject);
        }

        if (Channel is RequestChannel channel)
        {
            requests = requests.Where(r => r.Channel == channel);
        }

        if (Type is RequestType type)
        {
            requests = requests.Where(r => r.Type == type);
        }

        var dates = JalaliDateRange.Parse(From, To);
        requests = dates.Apply(requests, r => r.CreatedAt);
        if (Overdue)
        {
            requests = requests.Where(RequestRules.OverdueAt(now));
        }

        if (DueSoon)
        {
            requests = requests.Where(RequestRules.DueSoon(now, dueSoonUntil));
        }

        if (Mine)
        {
            requests = requests.Where(r => r.AssignedToId == staffId);
        }

        return (requests, dates.Errors);
    }

    /// <summary>Keeps the chosen status, if any.</summary>
    public IQueryable<ServiceRequest> ApplyStatus(IQueryable<ServiceRequest> requests) =>
        Status is RequestStatus status ? requests.Where(r => r.Status == status) : requests;

    /// <summary>In the inbox's order: newest first unless «قدیمی‌ترین» was chosen.</summary>
    public IOrderedQueryable<ServiceRequest> Order(IQueryable<ServiceRequest> requests) => OldestFirst
        ? requests.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
        : requests.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);

    /// <summary>The filter in Persian for the audit log, e.g. «وضعیت: پاسخ داده شده؛ از تاریخ: ۱۴۰۴/۰۱/۰۱».</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(label + ": " + value);
            }
        }

        Add("وضعیت", Status?.ToPersian());
        Add("موضوع", Subject is int s ? "شناسه " + PersianText.ToPersianDigits(s.ToString(CultureInfo.InvariantCulture)) : null);
        Add("راه رسیدن", Channel?.ToPersian());
        Add("نوع پیام", Type?.ToPersian());
        Add("از تاریخ", PersianText.ToPersianDigits(JalaliDateRange.Normalize(From)));
        Add("تا تاریخ", PersianText.ToPersianDigits(JalaliDateRange.Normalize(To)));
        Add("فقط دیرکرددار", Overdue ? "بله" : null);
        Add("نزدیک به مهلت", DueSoon ? "بله" : null);
        Add("فقط درخواست‌های من", Mine ? "بله" : null);
        return parts.Count == 0 ? "بدون فیلتر" : "فیلتر: " + string.Join("، ", parts);
    }
}
