using HajDesk.Core.Catalogue;
using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;

namespace HajDesk.Core.Tests.Catalogue;

public class CatalogueTextTests
{
    [Fact]
    public void Parse_ParagraphsAndBullets_GiveBlocksInOrder()
    {
        var blocks = SimpleText.Parse("بند نخست\nادامه همان بند\n\n- کارت ملی\n* شناسنامه\n• فیش واریز\nبند پس از فهرست\r\n\r\n");

        Assert.Equal(3, blocks.Count);
        Assert.Equal(new TextBlock(false, ["بند نخست", "ادامه همان بند"]).Lines, blocks[0].Lines);
        Assert.True(blocks[1].IsList);
        Assert.Equal(["کارت ملی", "شناسنامه", "فیش واریز"], blocks[1].Lines);
        Assert.False(blocks[2].IsList);
        Assert.Equal(["بند پس از فهرست"], blocks[2].Lines);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n\n -  \n")]
    public void Parse_NothingToShow_GivesNoBlocks(string? text) => Assert.Empty(SimpleText.Parse(text));

    [Fact]
    public void Parse_MarkupIsJustText_ForTheViewToEncode()
    {
        var blocks = SimpleText.Parse("<script>alert(1)</script>\n- <b>پررنگ</b>");

        Assert.Equal("<script>alert(1)</script>", blocks[0].Lines[0]);
        Assert.Equal("<b>پررنگ</b>", blocks[1].Lines[0]);
    }

    [Theory]
    [InlineData("hd-101", "HD-101")]
    [InlineData(" HD-۱۰۲ ", "HD-102")]
    [InlineData("ZYARAT-٣", "ZYARAT-3")]
    public void ServiceCode_TypedAnyWay_IsNormalized(string typed, string expected)
    {
        Assert.True(ServiceCode.TryNormalize(typed, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1HD")]
    [InlineData("HD-")]
    [InlineData("HD 101")]
    [InlineData("حج-۱")]
    [InlineData("HD-1234567890123456789")]
    [InlineData("<script>")]
    public void ServiceCode_Unusable_IsRefused(string? typed) => Assert.False(ServiceCode.TryNormalize(typed, out _));

    [Fact]
    public void ServiceCode_Default_IsHdAndThreeDigits() => Assert.Equal("HD-007", ServiceCode.Default(7));

    [Fact]
    public void CatalogueRules_TextsAreNormalizedEmptyIsNullAndLengthChecked()
    {
        var errors = new FieldErrors();

        Assert.Null(CatalogueRules.CheckOptional("   ", "شرح", 10, errors, "Description"));
        Assert.Equal("مدرک", CatalogueRules.CheckOptional(" مدرك ", "شرح", 10, errors, "Description"));
        Assert.True(errors.IsEmpty);
        CatalogueRules.CheckOptional(new string('ا', 11), "شرح", 10, errors, "Description");
        Assert.StartsWith("شرح حداکثر ۱۰ نویسه", errors["Description"], StringComparison.Ordinal);
        Assert.Equal(string.Empty, CatalogueRules.CheckRequired("", "پرسش", 10, errors, "Question"));
        Assert.Equal("پرسش را بنویسید.", errors["Question"]);
    }

    [Theory]
    [InlineData("Request", RequestType.Request)]
    [InlineData("COMPLAINT", RequestType.Complaint)]
    [InlineData("پیشنهاد", RequestType.Suggestion)]
    [InlineData("انتقاد", RequestType.Criticism)]
    public void RequestType_ByEitherName_IsRead(string typed, RequestType expected)
    {
        Assert.True(RequestTypeText.TryParse(typed, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("Requests")]
    [InlineData("درخواست‌ها")]
    public void RequestType_AnythingElse_IsRefused(string? typed) => Assert.False(RequestTypeText.TryParse(typed, out _));
}
