using CsCheck;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Tests.Persian;

public class PhoneNumberTests
{
    private static readonly string[] AreaCodes = ["021", "031", "041", "051"];

    [Theory]
    [InlineData("09121234567")]
    [InlineData("9121234567")]
    [InlineData("+989121234567")]
    [InlineData("00989121234567")]
    [InlineData("989121234567")]
    [InlineData("0912 123 4567")]
    [InlineData("0912-123-4567")]
    [InlineData("0912 - 123 - 4567")]
    [InlineData("+98 912 123 4567")]
    [InlineData("+98-912-123-4567")]
    [InlineData("0098 912 123 4567")]
    [InlineData("98 912 1234567")]
    [InlineData("912 123 4567")]
    [InlineData("۰۹۱۲۱۲۳۴۵۶۷")]
    [InlineData("٠٩١٢١٢٣٤٥٦٧")]
    [InlineData("+۹۸۹۱۲۱۲۳۴۵۶۷")]
    [InlineData(" 09121234567 ")]
    [InlineData("\u00A009121234567\u00A0")]
    [InlineData("\u200E+98 912 123 4567\u200E")]
    [InlineData("0912\u00A0123\u00A04567")]
    public void TryNormalizeMobile_AcceptedForm_Returns09Form(string input)
    {
        Assert.True(PhoneNumber.TryNormalizeMobile(input, out var mobile));
        Assert.Equal("09121234567", mobile);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+")]
    [InlineData("abc")]
    [InlineData("0912123456")]
    [InlineData("091212345678")]
    [InlineData("08121234567")]
    [InlineData("02188776655")]
    [InlineData("8121234567")]
    [InlineData("1234567890")]
    [InlineData("+9809121234567")]
    [InlineData("+09121234567")]
    [InlineData("+19121234567")]
    [InlineData("++989121234567")]
    [InlineData("0098912123456")]
    [InlineData("009809121234567")]
    [InlineData("0912_123_4567")]
    [InlineData("0912.123.4567")]
    [InlineData("(0912) 123 4567")]
    [InlineData("-09121234567")]
    [InlineData("09121234567-")]
    [InlineData("0912123456a")]
    [InlineData("98+9121234567")]
    public void TryNormalizeMobile_RejectedInput_ReturnsFalseAndEmpty(string? input)
    {
        Assert.False(PhoneNumber.TryNormalizeMobile(input, out var mobile));
        Assert.Equal(string.Empty, mobile);
    }

    [Fact]
    public void TryNormalizeMobile_AnyMobileInAnyPrefixForm_NormalizesToTheSameNumber()
    {
        var gen =
            from rest in Gen.Char["0123456789"].Array[9].Select(chars => new string(chars))
            from prefix in Gen.OneOf(Gen.Const("0"), Gen.Const(""), Gen.Const("+98"), Gen.Const("0098"), Gen.Const("98"))
            from persian in Gen.Bool
            select (rest, prefix, persian);

        gen.Sample((rest, prefix, persian) =>
        {
            var input = prefix + "9" + rest;
            if (persian)
            {
                input = PersianText.ToPersianDigits(input);
            }

            Assert.True(PhoneNumber.TryNormalizeMobile(input, out var mobile));
            Assert.Equal("09" + rest, mobile);
        }, iter: 1000);
    }

    [Theory]
    [InlineData("021", "88776655", "021", "88776655")]
    [InlineData("21", "88776655", "021", "88776655")]
    [InlineData("۰۲۱", "۸۸۷۷۶۶۵۵", "021", "88776655")]
    [InlineData("٠٥١", "٣٨٧٦٥٤٣٢", "051", "38765432")]
    [InlineData(" 031 ", " 3222 1100 ", "031", "32221100")]
    [InlineData("041", "3555-1234", "041", "35551234")]
    [InlineData("\u200F021", "2222\u00A03333", "021", "22223333")]
    [InlineData("021", "99999999", "021", "99999999")]
    public void TryNormalizeLandline_AcceptedInput_ReturnsNormalizedParts(
        string areaCode, string number, string expectedArea, string expectedNumber)
    {
        Assert.True(PhoneNumber.TryNormalizeLandline(areaCode, number, AreaCodes, out var area, out var local));
        Assert.Equal(expectedArea, area);
        Assert.Equal(expectedNumber, local);
    }

    [Theory]
    [InlineData("061", "88776655")]
    [InlineData("61", "88776655")]
    [InlineData("1", "88776655")]
    [InlineData("02", "88776655")]
    [InlineData("0021", "88776655")]
    [InlineData("210", "88776655")]
    [InlineData("021-", "88776655")]
    [InlineData("0 21", "88776655")]
    [InlineData("x21", "88776655")]
    [InlineData("", "88776655")]
    [InlineData(null, "88776655")]
    [InlineData("021", null)]
    [InlineData("021", "")]
    [InlineData("021", "08776655")]
    [InlineData("021", "18776655")]
    [InlineData("021", "8877665")]
    [InlineData("021", "887766551")]
    [InlineData("021", "02188776655")]
    [InlineData("021", "8877665x")]
    [InlineData("021", "-88776655")]
    [InlineData("021", "88776655-")]
    [InlineData("021", "8877.6655")]
    [InlineData("021", "+88776655")]
    public void TryNormalizeLandline_RejectedInput_ReturnsFalseAndEmpty(string? areaCode, string? number)
    {
        Assert.False(PhoneNumber.TryNormalizeLandline(areaCode, number, AreaCodes, out var area, out var local));
        Assert.Equal(string.Empty, area);
        Assert.Equal(string.Empty, local);
    }

    [Fact]
    public void TryNormalizeLandline_EmptyKnownAreaCodes_RejectsEverything()
    {
        Assert.False(PhoneNumber.TryNormalizeLandline("021", "88776655", [], out _, out _));
    }

    [Fact]
    public void TryNormalizeLandline_NullKnownAreaCodes_Throws()
    {
        Assert.Throws<ArgumentNullException>(() =>
            PhoneNumber.TryNormalizeLandline("021", "88776655", null!, out _, out _));
    }
}
