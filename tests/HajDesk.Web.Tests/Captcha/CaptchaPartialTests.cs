using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HajDesk.Web.Captcha;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Captcha;

/// <summary>
/// The partial rendered by the app's own Razor view engine (no page of this branch uses it yet).
/// </summary>
public class CaptchaPartialTests
{
    [Fact]
    public async Task Partial_WithoutError_HasTheFieldsTheFormPostsAndAnAccessibleAnswerBox()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var id = Guid.NewGuid();

        var field = await RenderAsync(app, new CaptchaField(id));

        Assert.Equal(id.ToString(), field.QuerySelector("input[type=hidden][name=CaptchaId]")!.GetAttribute("value"));
        var image = field.QuerySelector("img")!;
        Assert.Equal($"/captcha/{id}", image.GetAttribute("src"));
        Assert.Equal("تصویر کد امنیتی: پنج رقم", image.GetAttribute("alt"));
        Assert.Equal("180", image.GetAttribute("width"));
        Assert.Equal("60", image.GetAttribute("height"));

        var answer = field.QuerySelector("input[name=CaptchaAnswer]")!;
        var label = field.QuerySelector($"label[for={answer.Id}]")!;
        Assert.StartsWith("کد امنیتی", label.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(label.QuerySelector(".required-mark"));
        Assert.Equal("numeric", answer.GetAttribute("inputmode"));
        Assert.Equal("off", answer.GetAttribute("autocomplete"));
        Assert.Equal("ltr", answer.GetAttribute("dir"));
        Assert.Equal("10", answer.GetAttribute("maxlength"));
        Assert.True(answer.HasAttribute("required"));
        Assert.False(answer.HasAttribute("aria-invalid"));
        Assert.False(answer.HasAttribute("value"));
        var help = field.QuerySelector($"#{answer.GetAttribute("aria-describedby")}")!;
        Assert.Equal("عددهای داخل تصویر را وارد کنید", help.TextContent.Trim());
        Assert.Null(field.QuerySelector(".invalid-feedback"));

        var refresh = field.QuerySelector("button[type=submit]")!;
        Assert.Equal("تصویر جدید", refresh.TextContent.Trim());
        Assert.Equal("handler", refresh.GetAttribute("name"));
        Assert.Equal("NewCaptcha", refresh.GetAttribute("value"));
        Assert.False(refresh.HasAttribute("formaction"));
        Assert.True(refresh.HasAttribute("formnovalidate"));

        var audio = field.QuerySelector("audio[controls]")!;
        Assert.Equal($"/captcha/{id}/audio", audio.GetAttribute("src"));
        Assert.Equal("none", audio.GetAttribute("preload"));
        var audioLink = field.QuerySelector("a[href]")!;
        Assert.Equal($"/captcha/{id}/audio", audioLink.GetAttribute("href"));
        Assert.Equal("پخش صوتی کد امنیتی", audioLink.TextContent.Trim());
    }

    [Fact]
    public async Task Partial_WithError_ShowsItTiedToTheAnswerBox()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var field = await RenderAsync(app, new CaptchaField(Guid.NewGuid(), CaptchaField.WrongAnswer));

        var answer = field.QuerySelector("input[name=CaptchaAnswer]")!;
        var error = field.QuerySelector(".invalid-feedback.d-block")!;
        Assert.Equal(CaptchaField.WrongAnswer, error.TextContent.Trim());
        Assert.Equal("true", answer.GetAttribute("aria-invalid"));
        Assert.Contains(error.Id!, answer.GetAttribute("aria-describedby")!.Split(' '));
    }

    [Fact]
    public async Task Partial_AnyState_HasNoInlineScriptOrStyle()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var field = await RenderAsync(app, new CaptchaField(Guid.NewGuid(), CaptchaField.WrongAnswer));

        var script = Assert.Single(field.QuerySelectorAll("script"));
        Assert.StartsWith("/js/captcha.js", script.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Empty(field.QuerySelectorAll("style, [style], [onclick]"));
    }

    [Fact]
    public async Task Partial_ScriptAndStylesheet_AreServed()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();

        Assert.True((await client.GetAsync("/js/captcha.js")).IsSuccessStatusCode);
        Assert.True((await client.GetAsync("/css/captcha.css")).IsSuccessStatusCode);
    }

    private static async Task<IElement> RenderAsync(WebApplicationFactory<Program> app, CaptchaField model)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var http = new DefaultHttpContext { RequestServices = services };
        var actionContext = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var view = services.GetRequiredService<ICompositeViewEngine>()
            .GetView(executingFilePath: null, "/Pages/Shared/_Captcha.cshtml", isMainPage: false)
            .EnsureSuccessful(originalLocations: null).View!;
        var viewData = new ViewDataDictionary<CaptchaField>(new EmptyModelMetadataProvider(), new ModelStateDictionary())
        {
            Model = model,
        };
        await using var writer = new StringWriter();
        var context = new ViewContext(actionContext, view, viewData,
            new TempDataDictionary(http, services.GetRequiredService<ITempDataProvider>()), writer, new HtmlHelperOptions());

        await view.RenderAsync(context);

        var document = await new HtmlParser().ParseDocumentAsync($"<form>{writer}</form>");
        return document.QuerySelector("form")!;
    }
}
