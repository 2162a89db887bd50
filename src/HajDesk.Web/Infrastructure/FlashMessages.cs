using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// The one confirmation after a change (Post/Redirect/Get): the handler calls <c>this.Flash("…")</c> and redirects;
/// the next page shows the message once, through the partial <c>Pages/Shared/_Flash</c> that the layout renders. The
/// message travels in TempData (the hardened, encrypted cookie), never in the address.
/// </summary>
public static class FlashMessages
{
    /// <summary>The TempData key of the message.</summary>
    public const string MessageKey = "Flash";

    /// <summary>The TempData key of a second sentence shown after the message (such as a count of moved deadlines).</summary>
    public const string DetailKey = "FlashDetail";

    /// <summary>
    /// Whether this response may have a confirmation to show: the request carries the TempData cookie, or a handler of
    /// this request set one. Otherwise the layout leaves TempData alone, so a page that is the same for everyone (the
    /// home page, kept in the output cache) stays free of it.
    /// </summary>
    public static bool MayBePending(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cookie = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>>().Value.Cookie.Name;
        return context.Items.ContainsKey(MessageKey) || (cookie is not null && context.Request.Cookies.ContainsKey(cookie));
    }

    /// <summary>Keeps <paramref name="message"/> (and an optional <paramref name="detail"/>) for the next page.</summary>
    public static void Set(HttpContext context, ITempDataDictionary tempData, string message, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tempData);
        context.Items[MessageKey] = true;
        tempData[MessageKey] = message;
        if (detail is null)
        {
            tempData.Remove(DetailKey);
        }
        else
        {
            tempData[DetailKey] = detail;
        }
    }

    /// <summary>Keeps the confirmation for the page the handler redirects to.</summary>
    public static void Flash(this PageModel page, string message, string? detail = null) =>
        Set(page.HttpContext, page.TempData, message, detail);
}
