using System.Linq.Expressions;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;

namespace HajDesk.Core.Incidents;

/// <summary>Who sees and who runs an incident; written once for the pages, the links and the bulk work.</summary>
public static class IncidentRules
{
    public const string TitleRequired = "عنوان رخداد را بنویسید.";

    public const string TitleTooLong = "عنوان رخداد حداکثر ۲۰۰ نویسه است.";

    public const string NationalNeedsAdministrator = "رخداد سراسری را فقط مدیر سامانه تعریف می‌کند.";

    public const string OtherProvince = "رخداد را فقط برای استان خود می‌توانید تعریف کنید.";

    public const string CannotManage = "اداره رخداد با سرپرست استان یا مدیر سامانه است.";

    public const string Closed = "این رخداد بسته شده است و درخواست تازه نمی‌پذیرد.";

    /// <summary>The incidents a staff member sees: administrators all; others their province's and the national ones.</summary>
    public static Expression<Func<Incident, bool>> VisibleTo(StaffActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role == StaffRole.Administrator)
        {
            return i => true;
        }

        var province = actor.ProvinceId;
        return i => i.ProvinceId == null || i.ProvinceId == province;
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may create, answer or close it: an administrator any; a supervisor their
    /// province's. (Each request it reaches is still checked by its own transition.)
    /// </summary>
    public static bool CanManage(StaffActor actor, int? provinceId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == StaffRole.Administrator
            || (actor.Role == StaffRole.Supervisor && provinceId is not null && provinceId == actor.ProvinceId);
    }

    /// <summary>Checks a new incident's title and reach: done when it may be created.</summary>
    public static RequestResult CheckNew(StaffActor actor, string? title, int? provinceId, out string cleanTitle)
    {
        ArgumentNullException.ThrowIfNull(actor);
        cleanTitle = Persian.PersianText.NormalizeText(title).Replace('\n', ' ').Replace('\t', ' ');
        if (cleanTitle.Length == 0)
        {
            return RequestResult.Refuse(TitleRequired, RequestField.Text);
        }

        if (cleanTitle.Length > Incident.MaxTitleLength)
        {
            return RequestResult.Refuse(TitleTooLong, RequestField.Text);
        }

        if (provinceId is null && actor.Role != StaffRole.Administrator)
        {
            return RequestResult.NotAllowed(NationalNeedsAdministrator);
        }

        return CanManage(actor, provinceId) ? RequestResult.Done : RequestResult.NotAllowed(OtherProvince);
    }
}
