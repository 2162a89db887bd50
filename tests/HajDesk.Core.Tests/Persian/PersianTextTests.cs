using CsCheck;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Tests.Persian;

public class PersianTextTests
{
    private const char Zwnj = '\u200C';

    // Characters that make normalization interesting: Arabic and Persian letters of both spellings, tatweel, joiners,
    // marks, every kind of line break, controls, bidi controls, white space, digits, a combining fatha, and both
    // halves of a surrogate pair (so unpaired surrogates turn up too).
    private const string Interesting =
        "ابپتیيىکكهةـ\u200C\u200D\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF"
        + " \u00A0\t\r\n\u0000\u0007\u001B\u007F\u0085\u009Fab1۱١.,،\u064E\uD83D\uDE00";

    private static readonly Gen<string> GenText =
        Gen.OneOf(Gen.Char[Interesting].Array[0, 40].Select(chars => new string(chars)), Gen.String);

    [Fact]
    public void ToAsciiDigits_PersianAndArabicIndicDigits_BecomeAscii()
    {
        Assert.Equal("0123456789", PersianText.ToAsciiDigits("۰۱۲۳۴۵۶۷۸۹"));
        Assert.Equal("0123456789", PersianText.ToAsciiDigits("٠١٢٣٤٥٦٧٨٩"));
    }

    [Fact]
    public void ToAsciiDigits_OtherCharacters_Unchanged()
    {
        Assert.Equal("کد 12-ab", PersianText.ToAsciiDigits("کد ۱2-ab"));
    }

    [Fact]
    public void ToAsciiDigits_Null_ReturnsEmpty()
    {
        Assert.Equal(string.Empty, PersianText.ToAsciiDigits(null));
    }

    [Fact]
    public void ToPersianDigits_AsciiDigits_BecomePersian()
    {
        Assert.Equal("۰۱۲۳۴۵۶۷۸۹", PersianText.ToPersianDigits("0123456789"));
        Assert.Equal("ساعت ۱۴:۰۵", PersianText.ToPersianDigits("ساعت 14:05"));
    }

    [Fact]
    public void ToPersianDigits_Null_ReturnsEmpty()
    {
        Assert.Equal(string.Empty, PersianText.ToPersianDigits(null));
    }

    [Fact]
    public void ToAsciiDigits_OfToPersianDigits_ReturnsOriginalAsciiDigits()
    {
        Gen.Char["0123456789"].Array[0, 30].Select(chars => new string(chars)).Sample(ascii =>
            Assert.Equal(ascii, PersianText.ToAsciiDigits(PersianText.ToPersianDigits(ascii))), iter: 1000);
    }

    [Fact]
    public void ToPersianDigits_OfToAsciiDigits_ReturnsOriginalPersianDigits()
    {
        Gen.Char['\u06F0', '\u06F9'].Array[0, 30].Select(chars => new string(chars)).Sample(persian =>
            Assert.Equal(persian, PersianText.ToPersianDigits(PersianText.ToAsciiDigits(persian))));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData(" \u00A0۰۹۱۲\u00A0\t", "0912")]
    [InlineData("\u200F٠٩١٢\u200E", "0912")]
    [InlineData("\u202B0912\u202C", "0912")]
    [InlineData("\u20660912\u2069", "0912")]
    [InlineData("\u061C09\u200C12\u200D\uFEFF", "0912")]
    [InlineData("\u200E 0912 \u200E", "0912")]
    [InlineData("0912 123", "0912 123")]
    [InlineData("0912-123", "0912-123")]
    public void NormalizeNumeric_Input_ReturnsExpected(string? input, string expected)
    {
        Assert.Equal(expected, PersianText.NormalizeNumeric(input));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("علي", "علی")]
    [InlineData("مصطفى", "مصطفی")]
    [InlineData("كاظم", "کاظم")]
    [InlineData("فاطمة", "فاطمة")]
    [InlineData("بـــه", "به")]
    [InlineData("سلام\r\nخوب\rبد\nهست", "سلام\nخوب\nبد\nهست")]
    [InlineData("الف\tب", "الف\tب")]
    [InlineData("a\u0000b\u0007c\u001Bd\u007Fe\u0085f", "abcdef")]
    [InlineData("\u202Eنام\u202C", "نام")]
    [InlineData("\u2067نام\u2069 خانوادگی", "نام خانوادگی")]
    [InlineData("\uFEFFنام", "نام")]
    [InlineData("  \u00A0نام\n ", "نام")]
    [InlineData("\u200Cمی", "می")]
    [InlineData("کتاب\u200C", "کتاب")]
    [InlineData("کتاب\u200C ها", "کتاب ها")]
    [InlineData("کتاب \u200Cها", "کتاب ها")]
    [InlineData("می\u200C\u200C\u200Cروم", "می\u200Cروم")]
    [InlineData("۱۲۳ 456 ١٢٣", "۱۲۳ 456 ١٢٣")]
    [InlineData("\u200Eok\u200F", "\u200Eok\u200F")]
    public void NormalizeText_Input_ReturnsExpected(string? input, string expected)
    {
        Assert.Equal(expected, PersianText.NormalizeText(input));
    }

    [Fact]
    public void NormalizeText_ZwnjInsideWord_IsKept()
    {
        Assert.Equal("می\u200Cروم", PersianText.NormalizeText("می\u200Cروم"));
        Assert.Equal("کتاب\u200Cها", PersianText.NormalizeText("كتاب\u200Cها"));
    }

    [Fact]
    public void NormalizeText_ZwnjAfterCombiningMark_IsKept()
    {
        // A diacritic (kasra) sits on the letter before the ZWNJ; the ZWNJ still joins two letters.
        Assert.Equal("خانه\u0650\u200Cای", PersianText.NormalizeText("خانه\u0650\u200Cای"));
    }

    [Fact]
    public void NormalizeText_ZwnjNextToTatweel_KeptWhenLettersMeetAfterRemoval()
    {
        Assert.Equal("می\u200Cروم", PersianText.NormalizeText("میـ\u200Cـروم"));
    }

    [Fact]
    public void NormalizeText_AnyInput_IsIdempotent()
    {
        GenText.Sample(s =>
        {
            var once = PersianText.NormalizeText(s);
            Assert.Equal(once, PersianText.NormalizeText(once));
        }, iter: 5000);
    }

    [Fact]
    public void NormalizeText_AnyInput_HasNoArabicLettersTatweelOrForbiddenControls()
    {
        GenText.Sample(s =>
        {
            var result = PersianText.NormalizeText(s);
            Assert.DoesNotContain(result, c => c is '\u064A' or '\u0649' or '\u0643' or '\u0640');
            Assert.DoesNotContain(result, c => char.IsControl(c) && c is not ('\n' or '\t'));
            Assert.DoesNotContain(result, c => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'));
            Assert.DoesNotContain('\uFEFF', result);
        }, iter: 5000);
    }

    [Fact]
    public void NormalizeText_AnyInput_KeepsZwnjOnlySinglyBetweenLetters()
    {
        GenText.Sample(s =>
        {
            var result = PersianText.NormalizeText(s);
            Assert.DoesNotContain("\u200C\u200C", result, StringComparison.Ordinal);
            for (var i = 0; i < result.Length; i++)
            {
                if (result[i] == Zwnj)
                {
                    Assert.InRange(i, 1, result.Length - 2);
                    Assert.False(char.IsWhiteSpace(result[i - 1]) || char.IsWhiteSpace(result[i + 1]));
                }
            }
        }, iter: 5000);
    }

    [Fact]
    public void NormalizeText_AnyInput_HasNoSurroundingWhiteSpace()
    {
        GenText.Sample(s =>
        {
            var result = PersianText.NormalizeText(s);
            Assert.Equal(result.Trim(), result);
        }, iter: 2000);
    }

    [Fact]
    public void NormalizeText_AnyInput_LeavesDigitsAlone()
    {
        GenText.Sample(s =>
        {
            var result = PersianText.NormalizeText(s);
            Assert.Equal(s.Count(char.IsDigit), result.Count(char.IsDigit));
        }, iter: 2000);
    }
}
