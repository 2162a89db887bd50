using CsCheck;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;

namespace HajDesk.Core.Tests.Requests;

public class TrackingCodeTests
{
    // 48213390517 + Verhoeff check digit 4, computed independently.
    private const string Known = "482133905174";

    private static readonly Gen<string> GenCode =
        Gen.Char["0123456789"].Array[TrackingCode.Length - 1]
            .Select(chars => new string(chars))
            .Select(payload => payload + (char)('0' + TrackingCode.VerhoeffCheckDigit(payload)));

    [Fact]
    public void New_ManyCodes_AreTwelveDigitsNotStartingWithZeroAndValid()
    {
        for (var i = 0; i < 2000; i++)
        {
            var code = TrackingCode.New();

            Assert.Matches("^[1-9][0-9]{11}$", code);
            Assert.True(TrackingCode.VerhoeffValid(code));
            Assert.True(TrackingCode.TryNormalize(code, out var normalized));
            Assert.Equal(code, normalized);
        }
    }

    [Fact]
    public void New_ManyCodes_AreDistinctAndUseEveryDigit()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => TrackingCode.New()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All("0123456789", digit => Assert.Contains(codes, code => code[1..].Contains(digit, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("236", 3)]
    [InlineData("12345", 1)]
    [InlineData("48213390517", 4)]
    [InlineData("10000000000", 4)]
    [InlineData("99999999999", 9)]
    [InlineData("", 0)]
    public void VerhoeffCheckDigit_KnownInput_ReturnsPublishedDigit(string digits, int expected)
    {
        Assert.Equal(expected, TrackingCode.VerhoeffCheckDigit(digits));
    }

    [Theory]
    [InlineData("12a")]
    [InlineData("۱۲۳")]
    [InlineData("1 2")]
    public void VerhoeffCheckDigit_NonAsciiDigit_Throws(string digits)
    {
        Assert.Throws<ArgumentException>(() => TrackingCode.VerhoeffCheckDigit(digits));
    }

    [Theory]
    [InlineData("2363", true)]
    [InlineData("2364", false)]
    [InlineData("123451", true)]
    [InlineData(Known, true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData("236a", false)]
    [InlineData("۲۳۶۳", false)]
    public void VerhoeffValid_Digits_ReturnsExpected(string digits, bool expected)
    {
        Assert.Equal(expected, TrackingCode.VerhoeffValid(digits));
    }

    [Fact]
    public void VerhoeffValid_Null_ReturnsFalse()
    {
        Assert.False(TrackingCode.VerhoeffValid(null!));
    }

    [Fact]
    public void VerhoeffValid_AnySingleDigitSubstitution_IsDetected()
    {
        GenCode.Sample(code =>
        {
            Assert.True(TrackingCode.VerhoeffValid(code));
            for (var i = 0; i < code.Length; i++)
            {
                foreach (var digit in "0123456789".Where(d => d != code[i]))
                {
                    var changed = string.Concat(code.AsSpan(0, i), digit.ToString(), code.AsSpan(i + 1));
                    Assert.False(TrackingCode.VerhoeffValid(changed), $"{code} -> {changed}");
                }
            }
        }, iter: 1000);
    }

    [Fact]
    public void VerhoeffValid_AnyAdjacentTransposition_IsDetected()
    {
        GenCode.Sample(code =>
        {
            for (var i = 0; i < code.Length - 1; i++)
            {
                if (code[i] == code[i + 1])
                {
                    continue;
                }

                var swapped = code.ToCharArray();
                (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
                Assert.False(TrackingCode.VerhoeffValid(new string(swapped)), $"{code} -> {new string(swapped)}");
            }
        }, iter: 2000);
    }

    [Fact]
    public void VerhoeffValid_EveryDigitPairSwappedAtEveryPosition_IsDetected()
    {
        // Exhaustive over position and digit pair on a fixed background payload. At the last position the pair is
        // the payload's last digit and the check digit it produces.
        const string background = "73910482655";
        for (var i = 0; i < TrackingCode.Length - 1; i++)
        {
            var secondIsCheckDigit = i + 1 == TrackingCode.Length - 1;
            for (var a = '0'; a <= '9'; a++)
            {
                for (var b = '0'; b <= (secondIsCheckDigit ? '0' : '9'); b++)
                {
                    var payload = background.ToCharArray();
                    payload[i] = a;
                    if (!secondIsCheckDigit)
                    {
                        payload[i + 1] = b;
                    }

                    var code = new string(payload) + (char)('0' + TrackingCode.VerhoeffCheckDigit(new string(payload)));
                    if (code[i] == code[i + 1])
                    {
                        continue;
                    }

                    var swapped = code.ToCharArray();
                    (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
                    Assert.False(TrackingCode.VerhoeffValid(new string(swapped)), $"{code} -> {new string(swapped)}");
                }
            }
        }
    }

    [Theory]
    [InlineData(Known)]
    [InlineData("4821 3390 5174")]
    [InlineData("4821-3390-5174")]
    [InlineData("  4821 3390 5174  ")]
    [InlineData("۴۸۲۱ ۳۳۹۰ ۵۱۷۴")]
    [InlineData("٤٨٢١٣٣٩٠٥١٧٤")]
    [InlineData("\u200F۴۸۲۱-۳۳۹۰-۵۱۷۴\u200F")]
    [InlineData("\u202A4821 3390 5174\u202C")]
    [InlineData("4821\u00A03390\u00A05174")]
    public void TryNormalize_AcceptedForm_ReturnsTwelveAsciiDigits(string input)
    {
        Assert.True(TrackingCode.TryNormalize(input, out var code));
        Assert.Equal(Known, code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("482133905175")]
    [InlineData("48213390517")]
    [InlineData("4821339051744")]
    [InlineData("2363")]
    [InlineData("4821 3390 517a")]
    [InlineData("4821.3390.5174")]
    [InlineData("4821_3390_5174")]
    [InlineData("-482133905174")]
    [InlineData("482133905174-")]
    [InlineData("+482133905174")]
    public void TryNormalize_RejectedInput_ReturnsFalseAndEmpty(string? input)
    {
        Assert.False(TrackingCode.TryNormalize(input, out var code));
        Assert.Equal(string.Empty, code);
    }

    [Fact]
    public void TryNormalize_FormattedInPersianDigits_RoundTrips()
    {
        GenCode.Sample(code =>
        {
            Assert.True(TrackingCode.TryNormalize(PersianText.ToPersianDigits(TrackingCode.Format(code)), out var back));
            Assert.Equal(code, back);
        });
    }

    [Fact]
    public void Format_TwelveDigits_GroupsOfFour()
    {
        Assert.Equal("4821 3390 5174", TrackingCode.Format(Known));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("1234", "1234")]
    [InlineData("12345", "1234 5")]
    public void Format_OtherLengths_GroupsOfFour(string code, string expected)
    {
        Assert.Equal(expected, TrackingCode.Format(code));
    }

    [Fact]
    public void Format_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TrackingCode.Format(null!));
    }
}
