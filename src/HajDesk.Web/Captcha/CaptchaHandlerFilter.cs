using Microsoft.AspNetCore.Mvc.Filters;

namespace HajDesk.Web.Captcha;

/// <summary>
/// Sends a form posted by the «تصویر جدید» button (<c>name="handler" value="NewCaptcha"</c>) to the page's
/// <c>OnPostNewCaptchaAsync</c>. Razor Pages take the handler name from the route or the query string only; a
/// <c>?handler=NewCaptcha</c> form action would stay in the address, and the form's next ordinary submit would ask
/// for a new picture again.
/// </summary>
internal sealed class CaptchaHandlerFilter : IAsyncPageFilter
{
    public async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return;
        }

        var handler = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h =>
            string.Equals(h.HttpMethod, "Post", StringComparison.OrdinalIgnoreCase)
            && string.Equals(h.Name, CaptchaField.NewCaptchaHandler, StringComparison.OrdinalIgnoreCase));
        if (handler is null || ReferenceEquals(handler, context.HandlerMethod))
        {
            return;
        }

        // The form is read once and kept; model binding reads the same copy.
        var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
        if (string.Equals(form["handler"], CaptchaField.NewCaptchaHandler, StringComparison.OrdinalIgnoreCase))
        {
            context.HandlerMethod = handler;
        }
    }

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) => next();
}
