using System.Text;
using HajDesk.Web.Captcha;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace HajDesk.Web.Tests.Captcha;

public class CaptchaHandlerFilterTests
{
    private static readonly HandlerMethodDescriptor Get = new() { HttpMethod = "Get", Parameters = [] };
    private static readonly HandlerMethodDescriptor Post = new() { HttpMethod = "Post", Parameters = [] };
    private static readonly HandlerMethodDescriptor PostNewCaptcha = new() { HttpMethod = "Post", Name = "NewCaptcha", Parameters = [] };

    [Fact]
    public async Task Select_PostWithNewCaptchaButton_ChoosesOnPostNewCaptcha()
    {
        var context = Context("POST", "Name=x&handler=NewCaptcha&CaptchaAnswer=", Post, Get, Post, PostNewCaptcha);

        await new CaptchaHandlerFilter().OnPageHandlerSelectionAsync(context);

        Assert.Same(PostNewCaptcha, context.HandlerMethod);
    }

    [Theory]
    [InlineData("POST", "Name=x&CaptchaAnswer=12345")]
    [InlineData("POST", "handler=Other")]
    [InlineData("GET", "handler=NewCaptcha")]
    public async Task Select_AnyOtherRequest_KeepsTheChosenHandler(string method, string form)
    {
        var context = Context(method, form, Post, Get, Post, PostNewCaptcha);

        await new CaptchaHandlerFilter().OnPageHandlerSelectionAsync(context);

        Assert.Same(Post, context.HandlerMethod);
    }

    [Fact]
    public async Task Select_PageWithoutOnPostNewCaptcha_KeepsTheChosenHandler()
    {
        var context = Context("POST", "handler=NewCaptcha", Post, Get, Post);

        await new CaptchaHandlerFilter().OnPageHandlerSelectionAsync(context);

        Assert.Same(Post, context.HandlerMethod);
    }

    private static PageHandlerSelectedContext Context(string method, string form, HandlerMethodDescriptor chosen,
        params HandlerMethodDescriptor[] handlers)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(form));
        var descriptor = new CompiledPageActionDescriptor { HandlerMethods = handlers };
        var page = new PageContext(new ActionContext(http, new RouteData(), descriptor)) { ActionDescriptor = descriptor };
        return new PageHandlerSelectedContext(page, [], new object()) { HandlerMethod = chosen };
    }
}
