using System.Text.RegularExpressions;
using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>Back-office steps several journeys share.</summary>
internal static class StaffJourney
{
    /// <summary>Every journey account's password; it meets the staff password policy (ten characters, upper and lower case, a digit).</summary>
    public const string Password = "E2e-Staff-Passw0rd";

    /// <summary>Creates a staff account (the administration has its own tests) with the journeys' password.</summary>
    public static async Task CreateStaffAsync(KestrelApp app, string userName, string displayName, StaffRole role, string? province = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var provinceId = province is null
            ? (int?)null
            : await scope.ServiceProvider.GetRequiredService<HajDeskDbContext>().Provinces.Where(p => p.Code == province).Select(p => p.Id).SingleAsync();
        var result = await users.CreateAsync(new StaffUser
        {
            UserName = userName,
            DisplayName = displayName,
            Role = role,
            ProvinceId = provinceId,
            CreatedAt = DateTime.UtcNow,
        }, Password);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Signs in from the sign-in form and lands on the inbox.</summary>
    public static async Task SignInAsync(Journey journey, string userName)
    {
        var page = journey.Page;
        await journey.GotoAsync("/staff/sign-in");
        await page.GetByLabel("نام کاربری").FillAsync(userName);
        await page.GetByLabel("رمز عبور").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/inbox"));
    }

    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "خروج" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/sign-in"));
    }

    /// <summary>Finds a request in the inbox by its tracking code (as the receipt shows it) and opens it.</summary>
    public static async Task OpenRequestAsync(IPage page, string shownCode)
    {
        await page.GetByLabel("جستجو با کد پیگیری، کد ملی یا نام").FillAsync(shownCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "جستجو", Exact = true }).ClickAsync();
        var row = page.GetByTestId("inbox-row");
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(HajDesk.Core.Requests.TrackingCode.Format(Digits.Only(shownCode)));
    }
}
