using CsCheck;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Tests.Persian;

public class NationalCodeTests
{
    private static readonly string TsvPath = Path.Combine(AppContext.BaseDirectory, "TestData", "national-codes.tsv");

    // Nine digits plus the check digit computed here, independently of the implementation.
    private static readonly Gen<string> GenCode =
        Gen.Int[0, 9].Array[9].Select(digits => ToDigits(digits) + (char)('0' + CheckDigit(digits)));

    public static TheoryData<string, bool, string> TsvRows()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var line in File.ReadAllLines(TsvPath).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            // Tab only: one row's code has surrounding spaces that must reach the implementation.
            var fields = line.Split('\t');
            data.Add(fields[0], bool.Parse(fields[1]), fields.Length > 2 ? fields[2] : string.Empty);
        }

        return data;
    }

    [Fact]
    public void TestData_Header_IsCodeValidNote()
    {
        var lines = File.ReadAllLines(TsvPath);

        Assert.Equal("code\tvalid\tnote", lines[0]);
        Assert.True(TsvRows().Count >= 25);
    }

    [Theory]
    [MemberData(nameof(TsvRows))]
    public void IsValid_TestDataRow_MatchesExpectedVerdict(string code, bool valid, string note)
    {
        Assert.True(NationalCode.IsValid(code) == valid, $"'{code}' should be {(valid ? "valid" : "invalid")}: {note}");
    }

    [Theory]
    [MemberData(nameof(TsvRows))]
    public void TryNormalize_TestDataRow_AgreesWithIsValidAndYieldsTenAsciiDigits(string code, bool valid, string note)
    {
        _ = note;
        var ok = NationalCode.TryNormalize(code, out var normalized);

        Assert.Equal(valid, ok);
        if (ok)
        {
            Assert.Matches("^[0-9]{10}$", normalized);
        }
        else
        {
            Assert.Equal(string.Empty, normalized);
        }
    }

    [Theory]
    [InlineData("۰۴۹۹۳۷۰۸۹۹", "0499370899")]
    [InlineData("٠٤٩٩٣٧٠٨٩٩", "0499370899")]
    [InlineData(" 0499370899 ", "0499370899")]
    [InlineData("\u00A00499370899\t", "0499370899")]
    [InlineData("\u200F0499370899\u200E", "0499370899")]
    [InlineData("499370899", "0499370899")]
    [InlineData("10350829", "0010350829")]
    [InlineData("۱۰۳۵۰۸۲۹", "0010350829")]
    public void TryNormalize_AcceptedForms_ReturnTenAsciiDigits(string input, string expected)
    {
        Assert.True(NationalCode.TryNormalize(input, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1234567")]
    [InlineData("04993708990")]
    [InlineData("0499 370 899")]
    [InlineData("0499-370-899")]
    [InlineData("049937089a")]
    [InlineData("+499370899")]
    [InlineData("2222222222")]
    [InlineData("99999999")]
    public void TryNormalize_RejectedForms_ReturnFalseAndEmpty(string? input)
    {
        Assert.False(NationalCode.TryNormalize(input, out var code));
        Assert.Equal(string.Empty, code);
    }

    [Fact]
    public void IsValid_NineRandomDigitsWithComputedCheckDigit_IsValidUnlessAllSame()
    {
        GenCode.Sample(code =>
        {
            var allSame = code.All(c => c == code[0]);
            Assert.Equal(!allSame, NationalCode.IsValid(code));
        }, iter: 2000);
    }

    [Fact]
    public void IsValid_CheckDigitChanged_IsInvalid()
    {
        GenCode.Sample(code =>
        {
            foreach (var digit in "0123456789".Where(d => d != code[9]))
            {
                Assert.False(NationalCode.IsValid(code[..9] + digit));
            }
        });
    }

    // The mod-11 scheme maps remainders 1 and 10 to the same check digit 1, so a single changed digit goes
    // unnoticed exactly when it moves the remainder between 1 and 10. Every other single-digit change is caught.
    [Fact]
    public void IsValid_OneBodyDigitChanged_IsInvalidUnlessRemainderMovesBetweenOneAndTen()
    {
        GenCode.Where(code => code.Any(c => c != code[0])).Sample(code =>
        {
            for (var i = 0; i < 9; i++)
            {
                foreach (var digit in "0123456789".Where(d => d != code[i]))
                {
                    var changed = string.Concat(code.AsSpan(0, i), digit.ToString(), code.AsSpan(i + 1));
                    var remainders = new[] { Remainder(code), Remainder(changed) };
                    var blindSpot = remainders.Contains(1) && remainders.Contains(10);
                    var allSame = changed.All(c => c == changed[0]);

                    Assert.Equal(blindSpot && !allSame, NationalCode.IsValid(changed));
                }
            }
        }, iter: 500);
    }

    [Fact]
    public void IsValid_KnownRemainderOneToTenChange_StillValid()
    {
        // 4400276201 has remainder 10; lowering the first digit by 2 moves it to 1, and the check digit is 1 for both.
        Assert.True(NationalCode.IsValid("4400276201"));
        Assert.True(NationalCode.IsValid("2400276201"));
    }

    [Fact]
    public void IsValid_PersianAndArabicIndicDigits_SameVerdictAsAscii()
    {
        var anyDigits = Gen.Int[0, 9].Array[8, 10].Select(ToDigits);
        Gen.OneOf(GenCode, anyDigits).Sample(ascii =>
        {
            var expected = NationalCode.IsValid(ascii);
            var arabicIndic = new string(ascii.Select(c => (char)('\u0660' + (c - '0'))).ToArray());

            Assert.Equal(expected, NationalCode.IsValid(PersianText.ToPersianDigits(ascii)));
            Assert.Equal(expected, NationalCode.IsValid(arabicIndic));
        }, iter: 2000);
    }

    [Theory]
    [InlineData("0499370899", "049****899")]
    [InlineData("1583250689", "158****689")]
    [InlineData("1234567", "123*567")]
    [InlineData("123456", "******")]
    [InlineData("", "")]
    public void Mask_Code_KeepsFirstAndLastThree(string code, string expected)
    {
        Assert.Equal(expected, NationalCode.Mask(code));
    }

    [Fact]
    public void Mask_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => NationalCode.Mask(null!));
    }

    private static string ToDigits(int[] digits) => new(digits.Select(d => (char)('0' + d)).ToArray());

    private static int Remainder(string code)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (code[i] - '0') * (10 - i);
        }

        return sum % 11;
    }

    private static int CheckDigit(int[] nine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += nine[i] * (10 - i);
        }

        var r = sum % 11;
        return r < 2 ? r : 11 - r;
    }
}
