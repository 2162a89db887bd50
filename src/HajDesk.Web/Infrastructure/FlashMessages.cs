using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

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

    /// <summary>Keeps <paramref name="message"/> (and an optional <paramref name="detail"/>) for the next page.</summary>
    public static void Set(ITempDataDictionary tempData, string message, string? detail = null)
    {
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
        Set(page.TempData, message, detail);
}
