using System.Globalization;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff;

namespace HajDesk.Web.Tests.PageTests.Requests;

/// <summary>The fields the citizen's send form and the staff registration share take the same lengths, from one place.</summary>
public class SubmissionFieldsTests
{
    private static readonly (string Id, int Length)[] Limits =
    [
        ("Input_BirthDay", SubmissionLimits.BirthDay),
        ("Input_BirthYear", SubmissionLimits.BirthYear),
        ("Input_NationalCode", SubmissionLimits.NationalCode),
        ("Input_Email", SubmissionLimits.Email),
        ("Input_Mobile", SubmissionLimits.Mobile),
        ("Input_LandlineNumber", SubmissionLimits.LandlineNumber),
        ("Input_LandlineAreaCode", SubmissionLimits.LandlineAreaCode),
        ("Input_Text", SubmissionLimits.Text),
    ];

    [Fact]
    public async Task SendAndRegister_EachFieldTakesTheSameLength()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var send = await app.CreateClient().GetDocumentAsync("/requests/send");
        var register = await (await app.SignInAsync("tehran.expert")).GetDocumentAsync("/staff/requests/register");

        foreach (var (id, length) in Limits)
        {
            var expected = length.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(expected, send.GetElementById(id)!.GetAttribute("maxlength"));
            Assert.Equal(expected, register.GetElementById(id)!.GetAttribute("maxlength"));
        }
    }
}
