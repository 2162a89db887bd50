using System.Net;
using AngleSharp.Dom;
using HajDesk.Core.Audit;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

/// <summary>Helpers for the administration pages: open a page, post one of its forms, read what came back.</summary>
public static class AdminPages
{
    /// <summary>Opens <paramref name="url"/> and posts its form <paramref name="formSelector"/> with <paramref name="values"/>.</summary>
    public static async Task<HttpResponseMessage> PostPageFormAsync(this HttpClient client, string url, string formSelector,
        IDictionary<string, string?>? values = null)
    {
        var page = await client.GetPageAsync(url);
        return await client.PostFormAsync(page.Form(formSelector), values);
    }

    /// <summary>Asserts a redirect (the change was accepted) and returns its location.</summary>
    public static async Task<string> AssertRedirectAsync(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}\n{Text(await Html.ParseAsync(response))}");
        return response.Location();
    }

    /// <summary>Asserts the status and returns the re-rendered page.</summary>
    public static async Task<IDocument> AssertPageAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var document = await Html.ParseAsync(response);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {response.Location()}\n{Text(document)}");
        return document;
    }

    public static string Text(IDocument document) => document.QuerySelector("main")?.TextContent ?? document.Body?.TextContent ?? string.Empty;

    public static string TextOf(this IDocument document, string selector) =>
        document.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"Nothing matches '{selector}' in:\n{Text(document)}");

    /// <summary>The audit rows of <paramref name="action"/>, oldest first.</summary>
    public static Task<List<AuditEntry>> AuditAsync(this HajDeskFactory app, string action) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync());

    /// <summary>All administration audit rows (actions of the admin pages).</summary>
    public static Task<List<AuditEntry>> AdminAuditAsync(this HajDeskFactory app) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action.StartsWith("subject.") || a.Action.StartsWith("province.") || a.Action.StartsWith("canned.")
                || (a.Action.StartsWith("staff.") && a.Action != "staff.create-admin"))
            .OrderBy(a => a.Id).ToListAsync());

    public static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
