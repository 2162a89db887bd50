using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Errors;

/// <summary>
/// The Persian page for every error status: the status-code middleware and the exception handler re-execute
/// here (with the original method, so any verb renders it). A 500 shows a reference id that is also logged,
/// so support can find the stack trace without the citizen ever seeing it.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class StatusModel(ILogger<StatusModel> logger) : PageModel
{
    public int Code { get; private set; }

    public string? ReferenceId { get; private set; }

    /// <summary>A form post failed because the database was away: say nothing was saved and the form is a step back.</summary>
    public bool NothingSaved { get; private set; }

    public string Title => Code switch
    {
        400 => "درخواست نامعتبر",
        403 => "دسترسی ندارید",
        404 => "صفحه پیدا نشد",
        405 => "این کار در این صفحه ممکن نیست",
        413 => "حجم ارسالی بیش از حد مجاز است",
        429 => "تعداد درخواست‌ها بیش از حد مجاز است",
        503 => "سامانه موقتاً در دسترس نیست",
        _ => "خطایی در سامانه رخ داد",
    };

    public string Message => Code switch
    {
        400 => "اطلاعات ارسال‌شده پذیرفته نشد. صفحه را دوباره باز کنید و فرم را از نو بفرستید.",
        403 => "شما اجازه دیدن این صفحه را ندارید.",
        404 => "نشانی این صفحه درست نیست یا صفحه دیگر وجود ندارد.",
        405 => "به صفحه قبل برگردید و دوباره تلاش کنید.",
        413 => "فایل‌ها یا متن فرستاده‌شده بیش از اندازه مجاز بزرگ است. فایل‌های کوچک‌تری انتخاب کنید.",
        429 => "در مدت کوتاهی درخواست‌های زیادی فرستاده شده است. چند دقیقه صبر کنید و دوباره تلاش کنید.",
        503 => "سامانه در حال حاضر پاسخ نمی‌دهد. چند دقیقه دیگر دوباره تلاش کنید.",
        _ => "درخواست شما انجام نشد. چند دقیقه دیگر دوباره تلاش کنید. اگر مشکل ادامه داشت، شناسه پیگیری خطا را به پشتیبانی اعلام کنید.",
    };

    // The handlers take no parameters and the page binds no property, so nothing reads the body of a re-executed
    // post: its form may be the very thing that could not be read (too large, broken multipart), and reading it
    // again here would fail binding and show the wrong page.
    public void OnGet() => Prepare();

    public void OnPost() => Prepare();

    private void Prepare()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 404;
        Code = code is >= 400 and <= 599 ? code : 404;
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        // The database away (a restart, a network cut) is not a bug: 503, "try again", and nothing was saved.
        if (Code == 500 && Operations.DatabaseOutage.Is(failure?.Error))
        {
            Code = 503;
            NothingSaved = HttpMethods.IsPost(Request.Method);
        }

        Response.StatusCode = Code;
        if (Code is 429 or 503)
        {
            Response.Headers.RetryAfter = "60";
        }

        if (Code >= 500)
        {
            ReferenceId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
            if (failure is not null)
            {
                logger.LogError(failure.Error, "Unhandled error on {Path}; reference {ReferenceId}", failure.Path, ReferenceId);
            }
        }
    }
}
