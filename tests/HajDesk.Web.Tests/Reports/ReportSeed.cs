using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Reports;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HajDesk.Web.Tests.Reports;

/// <summary>
/// Seeds requests of three provinces and every main subject spread over 1403–1404, in every status, with first
/// answers (on time or late), reopenings, objections and ratings drawn from a fixed random sequence, and two
/// Tehran staff members who wrote the first answers.
/// </summary>
public static class ReportSeed
{
    public const string FirstExpertId = "report-expert-1";

    public static async Task SeedAsync(HajDeskFactory app, int count)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The seed leaves one first answer in five uncounted on purpose. The app's start-up backfill (one round in the
        // background) would count them if it ran after the seed, in the middle of a test, changing summarised months
        // behind its back; so the seed waits for it to have run first.
        await (app.Services.GetServices<IHostedService>().OfType<FirstAnswerBackfillService>().Single().ExecuteTask ?? Task.CompletedTask);
        await app.WithDbAsync(async db =>
        {
            var tehran = await db.Provinces.Where(p => p.Code == "Tehran").Select(p => p.Id).SingleAsync();
            var provinces = await db.Provinces.Where(p => p.Code == "Tehran" || p.Code == "Isfahan" || p.Code == "Fars").Select(p => p.Id).ToListAsync();
            var subjects = await db.Subjects.Where(s => s.ParentId == null).Select(s => s.Id).ToListAsync();
            if (!await db.Users.AnyAsync(u => u.Id == FirstExpertId))
            {
                db.Users.Add(Staff(FirstExpertId, "کارشناس یکم", tehran));
                db.Users.Add(Staff("report-expert-2", "کارشناس دوم", tehran));
            }

            var random = new Random(1404);
            var statuses = Enum.GetValues<RequestStatus>();
            var channels = new[] { RequestChannel.Web, RequestChannel.Web, RequestChannel.Phone111, RequestChannel.Letter };
            var start = new DateTime(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < count; i++)
            {
                var created = start.AddMinutes(random.Next(0, 480 * 24 * 60));
                var request = TestRequests.Build(db, createdAt: created);
                request.ProvinceId = provinces[random.Next(provinces.Count)];
                request.SubjectId = subjects[random.Next(subjects.Count)];
                request.Channel = channels[random.Next(channels.Length)];
                request.Status = statuses[random.Next(statuses.Length)];
                request.DueAt = created.AddDays(random.Next(3, 15));
                if (request.Status is RequestStatus.Answered or RequestStatus.Closed or RequestStatus.Reopened || random.Next(6) == 0)
                {
                    var answered = created.AddHours(random.Next(1, 24 * 20));
                    request.FirstAnsweredAt = answered;
                    request.AnsweredAt = answered;
                    request.FirstAnsweredById = random.Next(3) == 0 ? "report-expert-2" : FirstExpertId;
                    request.FirstAnsweredOnTime = answered <= request.DueAt;
                    request.FirstAnswerWorkingDays = random.Next(5) == 0 ? null : random.Next(0, 16);
                    request.ReopenCount = random.Next(4) == 0 ? random.Next(1, 3) : 0;
                    request.ObjectedAt = random.Next(5) == 0 ? answered.AddDays(1) : null;
                    request.Rating = random.Next(3) == 0 ? null : random.Next(1, 6);
                }

                db.Requests.Add(request);
            }

            await db.SaveChangesAsync();
        });
    }

    private static StaffUser Staff(string id, string name, int province) => new()
    {
        Id = id,
        UserName = id,
        NormalizedUserName = id.ToUpperInvariant(),
        DisplayName = name,
        Role = StaffRole.Expert,
        ProvinceId = province,
        CreatedAt = DateTime.UtcNow,
    };
}
