using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using HajDesk.Web.Uploads;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HajDesk.Web.Tests.Uploads;

public class StagedUploadCleanerTests
{
    [Fact]
    public async Task CleanAsync_DeletesOnlyStagedFilesOlderThanADay()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var sent = await SendPage.OpenAsync(client);
        await sent.PostAsync(sent.ValidValues(), [("sent.pdf", SampleFiles.Pdf(), "application/pdf")]);
        var abandoned = await SendPage.OpenAsync(client);
        await abandoned.PostAsync(abandoned.ValidValues(new Dictionary<string, string?> { ["Input.Mobile"] = "" }), [("old.pdf", SampleFiles.Pdf(), "application/pdf")]);
        var recent = await SendPage.OpenAsync(client);
        await recent.PostAsync(recent.ValidValues(new Dictionary<string, string?> { ["Input.Mobile"] = "" }), [("new.pdf", SampleFiles.Pdf(), "application/pdf")]);
        await app.WithDbAsync(db => db.Attachments.Where(a => a.FileName != "new.pdf")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, DateTime.UtcNow.AddDays(-2))));
        var cleaner = app.Services.GetServices<IHostedService>().OfType<StagedUploadCleaner>().Single();

        var deleted = await cleaner.CleanAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        var names = await app.WithDbAsync(db => db.Attachments.Select(a => a.FileName).OrderBy(n => n).ToListAsync());
        Assert.Equal(["new.pdf", "sent.pdf"], names);
        Assert.Equal(2, await app.WithDbAsync(db => db.AttachmentContents.CountAsync()));
    }
}
