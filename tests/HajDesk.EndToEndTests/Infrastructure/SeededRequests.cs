using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>
/// Requests written straight into the journeys' database for the back-office journeys that read many of them
/// (reports, exports), dated in a past Jalali month no citizen journey touches.
/// </summary>
internal static class SeededRequests
{
    /// <summary>Noon in Tehran (08:30 UTC) of a Jalali day.</summary>
    public static DateTime At(int year, int month, int day) =>
        JalaliDate.TryCreate(year, month, day, out var date)
            ? date.ToDateTime(new TimeOnly(8, 30), DateTimeKind.Utc)
            : throw new ArgumentOutOfRangeException(nameof(day), "Not a Jalali date.");

    /// <summary>Adds one request and returns its tracking code.</summary>
    public static Task<string> AddAsync(KestrelApp app, string province, DateTime createdAt, RequestStatus status = RequestStatus.Submitted,
        string nationalCode = "0499370899") =>
        app.WithDbAsync(async db =>
        {
            var request = TestRequests.Build(db, province, status: status, createdAt: createdAt, nationalCode: nationalCode);
            if (status is RequestStatus.Answered or RequestStatus.Closed)
            {
                request.AnsweredAt = request.FirstAnsweredAt = createdAt.AddDays(2);
                request.FirstAnsweredOnTime = true;
                request.FirstAnswerWorkingDays = 2;
            }

            db.Requests.Add(request);
            await db.SaveChangesAsync();
            return request.TrackingCode;
        });
}
