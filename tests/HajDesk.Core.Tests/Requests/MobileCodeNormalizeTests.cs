using HajDesk.Core.Requests.Verification;

namespace HajDesk.Core.Tests.Requests;

public class MobileCodeNormalizeTests
{
    [Theory]
    [InlineData("123456", "123456")]
    [InlineData("۱۲۳۴۵۶", "123456")]
    [InlineData("١٢٣٤٥٦", "123456")]
    [InlineData(" ۱۲۳ ۴۵۶ ", "123456")]
    [InlineData("\u200e۰۰۰۰۱۲", "000012")]
    [InlineData("123-456", "123456")]
    public void Normalize_DigitsOfAnyScriptWithSpaces_GiveSixAsciiDigits(string typed, string expected) =>
        Assert.Equal(expected, MobileVerificationService.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("<script>")]
    [InlineData("1234561234561234561234561234561234561234561")]
    public void Normalize_AnythingElse_IsNull(string? typed) => Assert.Null(MobileVerificationService.Normalize(typed));
}
