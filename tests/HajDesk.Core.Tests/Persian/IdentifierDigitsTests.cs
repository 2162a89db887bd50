using HajDesk.Core.Persian;

namespace HajDesk.Core.Tests.Persian;

public class IdentifierDigitsTests
{
    private const string Code = "482133905176";

    [Fact]
    public void Citizen_ReadsPersianDigits_GroupedInFours()
    {
        Assert.Equal("۴۸۲۱ ۳۳۹۰ ۵۱۷۶", IdentifierDigits.TrackingCode(Code, IdentifierReader.Citizen));
        Assert.Equal("۰۹۱۲۱۲۳۴۵۶۷", IdentifierDigits.For(IdentifierReader.Citizen, "09121234567"));
    }

    [Fact]
    public void Staff_ReadLatinDigits_WhateverDigitsTheValueCameIn()
    {
        Assert.Equal("4821 3390 5176", IdentifierDigits.TrackingCode(Code, IdentifierReader.Staff));
        Assert.Equal("0499370899", IdentifierDigits.For(IdentifierReader.Staff, "۰۴۹۹۳۷۰۸۹۹"));
        Assert.Equal("0912*****67", IdentifierDigits.For(IdentifierReader.Staff, "٠٩١٢*****٦٧"));
    }

    [Fact]
    public void Export_KeepsPersianDigits_SoSpreadsheetsKeepLeadingZerosAsText()
    {
        Assert.Equal("۴۸۲۱۳۳۹۰۵۱۷۶", IdentifierDigits.For(IdentifierReader.Export, Code));
        Assert.Equal("۰۰۱۲****۵۶", IdentifierDigits.For(IdentifierReader.Export, "0012****56"));
    }

    [Fact]
    public void Nothing_IsEmpty_ForEveryReader()
    {
        foreach (var reader in Enum.GetValues<IdentifierReader>())
        {
            Assert.Equal(string.Empty, IdentifierDigits.For(reader, null));
        }
    }
}
