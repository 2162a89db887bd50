using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Core.Catalogue;
using HajDesk.Core.Persian;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Catalogue;

/// <summary>The search box of the public catalogue <c>/services</c> (issue 24, item 5): a GET form, Persian-aware matching.</summary>
public class CatalogueSearchTests
{
    private static List<string> Titles(IDocument page) =>
        page.QuerySelectorAll("[data-testid=service-entry] h2").Select(h => h.TextContent.Trim()).ToList();

    private static async Task<IDocument> SearchAsync(HttpClient client, string q)
    {
        var services = await Html.ParseAsync(await client.GetAsync("/services"));
        var form = (IHtmlFormElement)services.QuerySelector("[data-testid=services-search]")!;
        Assert.Equal("get", form.Method.ToLowerInvariant());
        Assert.Null(form.QuerySelector("[name=__RequestVerificationToken]"));
        var input = (IHtmlInputElement)form.QuerySelector("input[type=search]")!;
        Assert.Equal("جستجو در خدمات و پرسش‌ها", services.QuerySelector($"label[for={input.Id}]")!.TextContent.Trim());
        var response = await client.GetAsync("/services?" + input.Name + "=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(q, ((IHtmlInputElement)page.QuerySelector("[data-testid=services-search] input[type=search]")!).Value);
        return page;
    }

    [Fact]
    public async Task Search_MatchesTitlesAndTextsWhateverTheSpacingOrLetters()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var other = await app.WithDbAsync(db => db.Subjects.Where(s => s.Name == "سایر" && s.ParentId == null).Select(s => s.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            db.SubjectQuestions.Add(new SubjectQuestion { SubjectId = other, Question = "آیا گذرنامهٔ معتبر لازم است؟", Answer = "بله؛ دست‌کم شش ماه اعتبار." });
            await db.SaveChangesAsync();
        });
        var client = app.CreateClient();
        var all = Titles(await Html.ParseAsync(await client.GetAsync("/services")));

        var registration = await SearchAsync(client, "ثبت نام"); // typed with a space, stored with a ZWNJ
        var expected = all.Where(t => SearchKey.Of(t).Contains(SearchKey.Of("ثبت‌نام"), StringComparison.Ordinal)).ToList();
        Assert.True(expected.Count >= 3);
        Assert.Superset(expected.ToHashSet(), Titles(registration).ToHashSet());
        Assert.True(Titles(registration).Count < all.Count);

        var passport = await SearchAsync(client, "گذر نامه معتبر"); // a word of a question, in two pieces
        Assert.Equal(["سایر"], Titles(passport));
        Assert.Equal(Titles(await SearchAsync(client, "انصراف")), Titles(await SearchAsync(client, "انصرآف")));

        var none = await SearchAsync(client, "واژه‌ای که نیست");
        Assert.Empty(Titles(none));
        Assert.Contains("پیدا نشد", none.QuerySelector("[data-testid=services-search-result]")!.TextContent, StringComparison.Ordinal);
    }
}
