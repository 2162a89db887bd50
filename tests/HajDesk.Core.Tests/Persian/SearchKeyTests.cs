using CsCheck;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Tests.Persian;

public class SearchKeyTests
{
    private const string Zwnj = "\u200C";

    // Letters of both spellings, the invisible and spacing characters the key drops, harakat, digits of three scripts,
    // Latin of both cases and both halves of a surrogate pair (so unpaired ones turn up too).
    private const string Interesting =
        "ابپتیيىئکكهةۀاأإآٱوؤـ\u200C\u200D\u200E\u200F\u202B\u2067\uFEFF \u00A0\t\n\u064B\u064E\u064F\u0650\u0651\u0652\u0670"
        + "0123۰۱۲٠١٢aAbB.،%_\uD83D\uDE00\uFEF0\uFB8E";

    private static readonly Gen<string> GenText =
        Gen.OneOf(Gen.Char[Interesting].Array[0, 40].Select(chars => new string(chars)), Gen.String);

    [Theory]
    [InlineData("محمدعلی", "محمد علی")] // space
    [InlineData("محمدعلی", "محمد" + Zwnj + "علی")] // zero-width non-joiner
    [InlineData("محمدعلی", "  محمد \u00A0 علی\t")] // any white space, at the ends too
    [InlineData("کاظمی", "كاظمي")] // Arabic kaf and yeh
    [InlineData("موسی", "موسى")] // alef maksura
    [InlineData("طباطبایی", "طباطبائی")] // yeh with hamza
    [InlineData("علی", "عَلِیّ")] // harakat and shadda
    [InlineData("اسماعیل", "إسماعیل")] // alef with hamza below
    [InlineData("احمد", "أحمد")] // alef with hamza above
    [InlineData("امنه", "آمنة")] // alef with madda, teh marbuta
    [InlineData("خانه", "خانۀ")] // heh with yeh above
    [InlineData("رحمن", "رحمـــن")] // tatweel
    [InlineData("0912", "۰۹۱۲")] // Persian digits
    [InlineData("0912", "٠٩١٢")] // Arabic-Indic digits
    [InlineData("0912", "０９１２")] // full-width digits
    [InlineData("رضا", "\u200Fرضا\u200E")] // bidi marks
    [InlineData("ali", "Ali")] // Latin case
    [InlineData("ی", "\uFEF0")] // a presentation form of alef maksura
    public void Of_TwoSpellingsOfOneWord_GiveOneKey(string plain, string other)
    {
        Assert.Equal(SearchKey.Of(plain), SearchKey.Of(other));
    }

    [Fact]
    public void Of_TheThreeWaysToWriteMohammadAli_FindEachOther()
    {
        string[] ways = ["محمدعلی", "محمد علی", "محمد" + Zwnj + "علی"];
        foreach (var stored in ways)
        {
            foreach (var typed in ways)
            {
                Assert.Equal(SearchKey.Of(stored), SearchKey.Of(typed));
            }
        }
    }

    [Fact]
    public void Of_DifferentWords_StayDifferent()
    {
        Assert.NotEqual(SearchKey.Of("علی"), SearchKey.Of("عالی"));
        Assert.NotEqual(SearchKey.Of("کاظم"), SearchKey.Of("کاظمی"));
        Assert.NotEqual(SearchKey.Of("12"), SearchKey.Of("21"));
        Assert.Equal("100%", SearchKey.Of("۱۰۰%")); // punctuation is kept
    }

    [Fact]
    public void Of_NullOrBlank_IsEmpty()
    {
        Assert.Equal(string.Empty, SearchKey.Of(null));
        Assert.Equal(string.Empty, SearchKey.Of(" \t" + Zwnj + "ـ\u064E"));
    }

    [Fact]
    public void OfName_KeysFirstAndLastNameTogether()
    {
        Assert.Equal(SearchKey.Of("محمدعلی طباطبایی"), SearchKey.OfName("محمد علی", "طباطبائی"));
        Assert.Contains(SearchKey.Of("محمدعلی"), SearchKey.OfName("محمد" + Zwnj + "علی", "رضایی"), StringComparison.Ordinal);
    }

    [Fact]
    public void OfWords_SplitsAtWhiteSpaceDropsRepeatsAndEmptyKeys()
    {
        Assert.Equal(["محمد", "علی"], SearchKey.OfWords("محمد  علی محمد \u064E"));
        Assert.Empty(SearchKey.OfWords("  "));
        Assert.Equal(2, SearchKey.OfWords("a b c", maxWords: 2).Count);
    }

    [Fact]
    public void MatchesAll_EveryKeyInSomeText()
    {
        var keys = SearchKey.OfWords("گذرنامه حج");
        Assert.True(SearchKey.MatchesAll(keys, ["تمدید گذر نامه", null, "حج تمتع"]));
        Assert.False(SearchKey.MatchesAll(keys, ["تمدید گذرنامه", "عمره"]));
    }

    [Fact]
    public void Of_AppliedTwice_GivesTheSameKey()
    {
        GenText.Sample(s =>
        {
            var key = SearchKey.Of(s);
            Assert.Equal(key, SearchKey.Of(key));
        }, iter: 2000);
    }

    [Fact]
    public void Of_NeverKeepsSpacesJoinersTatweelMarksOrNonAsciiDigits()
    {
        GenText.Sample(s => Assert.DoesNotContain(SearchKey.Of(s), c =>
            char.IsWhiteSpace(c) || c is '\u200C' or '\u200D' or '\u0640' or '\uFEFF'
            || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            || (char.IsDigit(c) && !char.IsAsciiDigit(c))), iter: 2000);
    }

    [Fact]
    public void Of_SpacesZwnjTatweelAndMarksInsertedAnywhere_DoNotChangeTheKey()
    {
        var filler = Gen.Char[" \u200Cـ\u064E\u0650\u200F"].Array[0, 3].Select(c => new string(c));
        Gen.Select(Gen.Char["ابپتیکهمحدعلرز۱2"].Array[1, 20], filler.Array[21]).Sample(generated =>
        {
            var (letters, fillers) = generated;
            var plain = new string(letters);
            var spread = string.Concat(letters.Select((c, i) => fillers[i] + c)) + fillers[^1];
            Assert.Equal(SearchKey.Of(plain), SearchKey.Of(spread));
        }, iter: 1000);
    }

    [Fact]
    public void Of_ArabicFormsOfTheLetters_GiveThePersianKey()
    {
        var pairs = new Dictionary<char, char>
        {
            ['ي'] = 'ی',
            ['ى'] = 'ی',
            ['ئ'] = 'ی',
            ['ك'] = 'ک',
            ['ة'] = 'ه',
            ['ۀ'] = 'ه',
            ['أ'] = 'ا',
            ['إ'] = 'ا',
            ['آ'] = 'ا',
            ['ٱ'] = 'ا',
            ['٣'] = '3',
            ['۳'] = '3',
        };
        Gen.Char["يىئكةۀأإآٱ٣۳بم"].Array[0, 20].Sample(chars =>
        {
            var persian = new string(chars.Select(c => pairs.GetValueOrDefault(c, c)).ToArray());
            Assert.Equal(SearchKey.Of(persian), SearchKey.Of(new string(chars)));
        }, iter: 1000);
    }
}
