using HajDesk.Core.Information;
using HajDesk.Core.Requests.Submission;

namespace HajDesk.Core.Tests.Information;

public class InformationTextsTests
{
    private static readonly InformationFacts Facts = new("سازمان حج و زیارت", "میز خدمت الکترونیک", "111", null);

    [Theory]
    [InlineData(InformationTexts.Accessibility)]
    [InlineData(InformationTexts.Privacy)]
    public void Defaults_UseOnlyKnownPlaceholders_AndRenderWithNoneLeft(string key)
    {
        var errors = new FieldErrors();
        InformationTexts.Check(InformationTexts.Default(key), errors, "Text");
        Assert.True(errors.IsEmpty, string.Join(", ", errors.Select(e => e.Value)));

        var shown = InformationTexts.Render(key, null, Facts);

        Assert.DoesNotContain("{", shown, StringComparison.Ordinal);
        Assert.Contains("۱۱۱", shown, StringComparison.Ordinal);
        Assert.Contains("میز خدمت الکترونیک سازمان حج و زیارت", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void RetentionPeriod_SaysThePeriod_OrThatNoneIsSet()
    {
        Assert.Contains("اکنون دوره نگهداری تعیین نشده است", InformationTexts.Render(InformationTexts.Privacy, "{RetentionPeriod}", Facts), StringComparison.Ordinal);
        Assert.StartsWith("هر درخواست تا ۲۴ ماه پس از بسته شدن نگهداری می‌شود.",
            InformationTexts.Render(InformationTexts.Privacy, "{RetentionPeriod}", Facts with { RetentionMonths = 24 }), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LeavesUnknownBracesAsTyped()
    {
        Assert.Equal("{Other} و {HelpPhone ۱۱۱", InformationTexts.Render(InformationTexts.Privacy, "{Other} و {HelpPhone {HelpPhone}", Facts));
    }

    [Theory]
    [InlineData("", "متن صفحه را بنویسید.")]
    [InlineData("کد {NationalCode}", "{NationalCode} شناخته نیست؛ جای‌نگهدارهای مجاز: {Organization}، {ServiceName}، {HelpPhone}، {RetentionPeriod}.")]
    public void Check_RefusesInPersian(string typed, string message)
    {
        var errors = new FieldErrors();

        InformationTexts.Check(typed, errors, "Text");

        Assert.Equal(message, errors["Text"]);
    }

    [Fact]
    public void Check_NormalizesLettersAndLineBreaks_AndAcceptsTheLongestText()
    {
        var errors = new FieldErrors();

        Assert.Equal("علی\n\nکتاب", InformationTexts.Check(" علي\r\n\r\nكتاب ", errors, "Text"));
        InformationTexts.Check(new string('ا', InformationPage.MaxTextLength), errors, "Text");
        Assert.True(errors.IsEmpty);
        InformationTexts.Check(new string('ا', InformationPage.MaxTextLength + 1), errors, "Text");
        Assert.Equal("متن صفحه حداکثر ۲۰۰۰۰ نویسه است؛ اکنون ۲۰۰۰۱ نویسه است.", errors["Text"]);
    }
}
