using System.Security.Cryptography;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>Creates staff accounts (with a known password) and citizens' requests directly in the database.</summary>
public sealed class StaffTestData(HajDeskFactory app)
{
    /// <summary>Meets the policy: ten or more characters, upper and lower case, a digit.</summary>
    public const string Password = "Staff-Passw0rd-Test";

    /// <summary>A minimal PDF: recognized by its magic bytes.</summary>
    public static readonly byte[] PdfBytes = "%PDF-1.4\n% test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    /// <summary>A PNG signature followed by junk: enough for the content check.</summary>
    public static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private static int nationalCodeCounter = RandomNumberGenerator.GetInt32(100_000, 900_000);

    public HajDeskFactory App => app;

    public async Task<StaffUser> CreateStaffAsync(
        string userName, StaffRole role, string? provinceCode = null, IEnumerable<int>? subjectIds = null, string password = Password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.HajDeskDbContext>();
        var user = new StaffUser
        {
            UserName = userName,
            DisplayName = "همکار " + userName,
            Role = role,
            ProvinceId = provinceCode is null ? null : (await db.Provinces.SingleAsync(p => p.Code == provinceCode)).Id,
            CreatedAt = DateTime.UtcNow,
        };
        foreach (var subjectId in subjectIds ?? [])
        {
            user.Subjects.Add(new StaffSubject { StaffUserId = user.Id, SubjectId = subjectId });
        }

        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public Task<int> ProvinceIdAsync(string code) =>
        app.WithDbAsync(db => db.Provinces.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    /// <summary>Main subjects in display order.</summary>
    public Task<List<int>> MainSubjectIdsAsync() =>
        app.WithDbAsync(db => db.Subjects.Where(s => s.ParentId == null).OrderBy(s => s.DisplayOrder).Select(s => s.Id).ToListAsync());

    /// <summary>
    /// A request as the citizen pages store it: status Submitted, one Submitted event, and optionally one PDF
    /// attached to the request (RequestId set, EventId null).
    /// </summary>
    public async Task<ServiceRequest> CreateRequestAsync(
        string provinceCode = "Tehran", int? subjectId = null, bool withFile = false, Action<ServiceRequest>? configure = null) =>
        (await CreateRequestsAsync(1, provinceCode, subjectId, withFile, configure))[0];

    /// <summary><paramref name="count"/> requests as <see cref="CreateRequestAsync"/> stores one, saved together.</summary>
    public async Task<List<ServiceRequest>> CreateRequestsAsync(
        int count, string provinceCode = "Tehran", int? subjectId = null, bool withFile = false, Action<ServiceRequest>? configure = null)
    {
        var provinceId = await ProvinceIdAsync(provinceCode);
        var subject = subjectId ?? (await MainSubjectIdsAsync())[0];
        var requests = Enumerable.Range(0, count).Select(_ => NewRequest(provinceId, subject, withFile, configure)).ToList();
        await app.WithDbAsync(async db =>
        {
            db.Requests.AddRange(requests);
            await db.SaveChangesAsync();
        });
        return requests;
    }

    private static ServiceRequest NewRequest(int provinceId, int subject, bool withFile, Action<ServiceRequest>? configure)
    {
        var now = DateTime.UtcNow;
        var request = new ServiceRequest
        {
            TrackingCode = TrackingCode.New(),
            SubmissionKey = Guid.NewGuid(),
            NationalCode = NewNationalCode(),
            BirthDate = new DateOnly(1980, 6, 1),
            FirstName = "زهرا",
            LastName = "احمدی",
            Gender = Gender.Female,
            ProvinceId = provinceId,
            Mobile = "09121234567",
            SubjectId = subject,
            Text = "متن درخواست\nخط دوم <b>نه پررنگ</b>",
            Status = RequestStatus.Submitted,
            CreatedAt = now,
            UpdatedAt = now,
            DueAt = now.AddDays(7),
        };
        configure?.Invoke(request);
        request.Events.Add(new RequestEvent
        {
            Kind = RequestEventKind.Submitted,
            At = request.CreatedAt,
            VisibleToCitizen = true,
        });
        if (withFile)
        {
            request.Attachments.Add(new Attachment
            {
                Id = Guid.NewGuid(),
                FileName = "مدرک شناسایی.pdf",
                ContentType = "application/pdf",
                Length = PdfBytes.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(PdfBytes)),
                CreatedAt = request.CreatedAt,
                Content = new AttachmentContent { Data = PdfBytes },
            });
        }

        return request;
    }

    /// <summary>A checksum-valid national code, different on every call.</summary>
    public static string NewNationalCode()
    {
        var body = (Interlocked.Increment(ref nationalCodeCounter) * 1009L % 1_000_000_000L).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (body[i] - '0') * (10 - i);
        }

        var r = sum % 11;
        var code = body + (r < 2 ? r : 11 - r).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(NationalCode.IsValid(code), code);
        return code;
    }
}

/// <summary>
/// The cast of most back-office tests: an administrator, Tehran's supervisor and expert, Isfahan's expert, and a
/// Tehran expert limited to the first main subject (X); Y is the second main subject.
/// </summary>
public sealed record StaffWorld(
    StaffTestData Data,
    StaffUser Admin,
    StaffUser TehranSupervisor,
    StaffUser TehranExpert,
    StaffUser IsfahanExpert,
    StaffUser TehranLimitedExpert,
    int SubjectX,
    int SubjectY)
{
    public static async Task<StaffWorld> CreateAsync(HajDeskFactory app)
    {
        var data = new StaffTestData(app);
        var subjects = await data.MainSubjectIdsAsync();
        return new StaffWorld(
            data,
            await data.CreateStaffAsync("admin.test", StaffRole.Administrator),
            await data.CreateStaffAsync("tehran.supervisor", StaffRole.Supervisor, "Tehran"),
            await data.CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran"),
            await data.CreateStaffAsync("isfahan.expert", StaffRole.Expert, "Isfahan"),
            await data.CreateStaffAsync("tehran.limited", StaffRole.Expert, "Tehran", [subjects[0]]),
            subjects[0],
            subjects[1]);
    }
}
