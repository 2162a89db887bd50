using Microsoft.Playwright;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>
/// The «ارسال درخواست» form, found the way a screen-reader user finds it: every field by its label and every button
/// by its accessible name, so a label that is not tied to its field fails the test.
/// </summary>
public sealed class SendForm(IPage page)
{
    /// <summary>The demo registry's first person (src/HajDesk.Web/CivilRegistry/demo-people.csv).</summary>
    public const string NationalCode = "0499370899";

    public const string FirstNameValue = "محمد";

    public const string LastNameValue = "رضایی";

    public const string RequestText = "فیش حج تمتع من به نام پدرم است؛ برای انتقال آن به نام خودم چه مدارکی لازم است؟";

    public ILocator BirthDate => page.GetByRole(AriaRole.Group, new() { Name = "تاریخ تولد" });

    public ILocator Day => page.GetByLabel("روز", new() { Exact = true });

    public ILocator Month => page.GetByLabel("ماه", new() { Exact = true });

    public ILocator Year => page.GetByLabel("سال", new() { Exact = true });

    public ILocator CalendarButton => page.GetByRole(AriaRole.Button, new() { Name = "انتخاب از تقویم" });

    public ILocator Calendar => page.GetByRole(AriaRole.Group, new() { Name = "تقویم انتخاب تاریخ تولد" });

    public ILocator CalendarMonth => page.GetByLabel("ماه در تقویم");

    public ILocator CalendarYear => page.GetByLabel("سال در تقویم");

    public ILocator NationalCodeField => page.GetByLabel("کد ملی");

    public ILocator LookupButton => page.GetByRole(AriaRole.Button, new() { Name = "استعلام", Exact = true });

    public ILocator FirstName => page.GetByLabel("نام", new() { Exact = true });

    public ILocator LastName => page.GetByLabel("نام خانوادگی", new() { Exact = true });

    public ILocator Province => page.GetByLabel("استان");

    public ILocator AreaCode => page.GetByLabel("پیش‌شماره");

    public ILocator Mobile => page.GetByLabel("تلفن همراه");

    public ILocator MainSubject => page.GetByLabel("موضوع اصلی");

    public ILocator SubSubject => page.GetByLabel("موضوع فرعی");

    public ILocator Text => page.GetByLabel("متن درخواست");

    public ILocator Files => page.GetByLabel("انتخاب فایل");

    public ILocator UploadProgress => page.GetByRole(AriaRole.Progressbar, new() { Name = "پیشرفت بارگذاری" });

    public ILocator SecurityCode => page.GetByLabel("کد امنیتی");

    public ILocator SecurityImage => page.GetByRole(AriaRole.Img, new() { Name = "تصویر کد امنیتی" });

    public ILocator NewImageButton => page.GetByRole(AriaRole.Button, new() { Name = "تصویر جدید" });

    public ILocator SendButton => page.GetByRole(AriaRole.Button, new() { Name = "ارسال", Exact = true });

    public ILocator ErrorSummary => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "لطفاً این موارد را درست کنید" });

    /// <summary>Types the birth date in Persian digits and picks the month from its list.</summary>
    public async Task TypeBirthDateAsync(string day = "12", string month = "4", string year = "1365")
    {
        await Day.FillAsync(Digits.ToPersian(day));
        await Month.SelectOptionAsync(new SelectOptionValue { Value = month });
        await Year.FillAsync(Digits.ToPersian(year));
    }

    public Task SelectProvinceAsync(string name) => Province.SelectOptionAsync(new SelectOptionValue { Label = name });

    /// <summary>Ticks «نوع پیام» (درخواست، شکایت، انتقاد، پیشنهاد).</summary>
    public Task ChooseRequestTypeAsync(string name) => page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true }).CheckAsync();

    public Task SelectMainSubjectAsync(string name) => MainSubject.SelectOptionAsync(new SelectOptionValue { Label = name });

    public Task SelectSubSubjectAsync(string name) => SubSubject.SelectOptionAsync(new SelectOptionValue { Label = name });

    /// <summary>The texts of the sub-subject list's options, placeholder included.</summary>
    public Task<string[]> SubSubjectOptionsAsync() =>
        SubSubject.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.textContent.trim())");
}
