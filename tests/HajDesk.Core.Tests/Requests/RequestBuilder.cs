using HajDesk.Core.Reference;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;

namespace HajDesk.Core.Tests.Requests;

/// <summary>Small builders for requests, staff and referral targets in lifecycle tests.</summary>
internal static class RequestBuilder
{
    public const int Tehran = 1;
    public const int Isfahan = 2;
    public const int Hajj = 10;
    public const int Umrah = 20;
    public const int HajjVisa = 11;

    public static readonly DateTime Now = new(2025, 5, 10, 8, 0, 0, DateTimeKind.Utc);

    public static StaffActor Expert { get; } = new("expert", "کارشناس تهران", StaffRole.Expert, Tehran, []);

    public static StaffActor UmrahExpert { get; } = new("umrah", "کارشناس عمره", StaffRole.Expert, Tehran, [Umrah]);

    public static StaffActor IsfahanExpert { get; } = new("isfahan", "کارشناس اصفهان", StaffRole.Expert, Isfahan, []);

    public static StaffActor Supervisor { get; } = new("supervisor", "سرپرست تهران", StaffRole.Supervisor, Tehran, []);

    public static StaffActor Administrator { get; } = new("admin", "مدیر", StaffRole.Administrator, null, []);

    public static ServiceRequest Request(
        RequestStatus status = RequestStatus.Submitted,
        string? assignedTo = null,
        int province = Tehran,
        int subject = Hajj,
        DateTime? answeredAt = null,
        int? rating = null,
        DateTime? objectedAt = null) => new()
        {
            Id = 42,
            TrackingCode = "482133905176",
            NationalCode = "0499370899",
            FirstName = "محمد",
            LastName = "رضایی",
            Mobile = "09121234567",
            Text = "متن درخواست",
            Status = status,
            AssignedToId = assignedTo,
            ProvinceId = province,
            SubjectId = subject,
            CreatedAt = Now.AddDays(-3),
            DueAt = Now.AddDays(2),
            AnsweredAt = answeredAt,
            Rating = rating,
            ObjectedAt = objectedAt,
        };

    public static Province Province(int id) => new() { Id = id, Name = id == Tehran ? "تهران" : "اصفهان", EnglishName = "P" + id, Code = "P" + id, AreaCode = "021" };

    public static Subject Subject(int id, int? parent = null, bool active = true) =>
        new() { Id = id, ParentId = parent, Name = "موضوع " + id, IsActive = active };

    public static Attachment File(string name) => new()
    {
        Id = Guid.NewGuid(),
        FileName = name,
        ContentType = "application/pdf",
        Sha256 = new string('0', 64),
        Length = 10,
        CreatedAt = Now,
    };
}
