using System.Security.Cryptography;
using HajDesk.Core.Captcha;

namespace HajDesk.Core.Tests.Captcha;

public class CaptchaAnswerKeyTests
{
    private static readonly CaptchaAnswerKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void DigitsOf_ManyIds_AreOneToNineOfTheAskedLengthAndSpreadEvenly()
    {
        var counts = new int[10];
        for (var i = 0; i < 4000; i++)
        {
            var digits = Key.DigitsOf(Guid.NewGuid(), 5);

            Assert.Matches("^[1-9]{5}$", digits);
            foreach (var d in digits)
            {
                counts[d - '0']++;
            }
        }

        // 20,000 digits: each of the nine expected 2,222 times; 1,900 to 2,550 is far beyond chance.
        Assert.All(counts[1..], c => Assert.InRange(c, 1900, 2550));
    }

    [Fact]
    public void DigitsOf_SameIdAndKey_IsStableAndAnotherKeyGivesOtherDigits()
    {
        var other = new CaptchaAnswerKey(RandomNumberGenerator.GetBytes(32));
        var ids = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();

        Assert.All(ids, id => Assert.Equal(Key.DigitsOf(id, 8), Key.DigitsOf(id, 8)));
        Assert.All(ids, id => Assert.StartsWith(Key.DigitsOf(id, 4), Key.DigitsOf(id, 8), StringComparison.Ordinal));
        Assert.True(ids.Count(id => Key.DigitsOf(id, 8) == other.DigitsOf(id, 8)) <= 1);
    }

    [Fact]
    public void IssuedAtOf_OwnId_IsItsIssuingMillisecondAndEveryIdIsNew()
    {
        var issued = new DateTimeOffset(2026, 3, 1, 8, 0, 0, 123, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 200).Select(_ => Key.NewChallengeId(issued)).ToList();

        Assert.All(ids, id => Assert.Equal(issued, Key.IssuedAtOf(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // The digits of ids issued in the same millisecond are still independent of each other.
        Assert.True(ids.Select(id => Key.DigitsOf(id, 5)).Distinct().Count() > 190);
    }

    [Fact]
    public void IssuedAtOf_ForgedOrAlteredId_IsNull()
    {
        var id = Key.NewChallengeId(DateTimeOffset.UtcNow);
        var other = new CaptchaAnswerKey(RandomNumberGenerator.GetBytes(32));

        Assert.Null(Key.IssuedAtOf(Guid.NewGuid()));
        Assert.Null(Key.IssuedAtOf(Guid.Empty));
        Assert.Null(other.IssuedAtOf(id));
        Assert.Null(Key.IssuedAtOf(other.NewChallengeId(DateTimeOffset.UtcNow)));
        // Any one bit changed, in the time (a longer life), the random part or the tag: refused.
        var bytes = id.ToByteArray(bigEndian: true);
        for (var bit = 0; bit < 128; bit++)
        {
            var altered = (byte[])bytes.Clone();
            altered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Null(Key.IssuedAtOf(new Guid(altered, bigEndian: true)));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==")] // 31 bytes
    public void FromBase64_NotAKeyOfThirtyTwoBytes_IsNull(string? text) => Assert.Null(CaptchaAnswerKey.FromBase64(text));

    [Fact]
    public void FromBase64_NewKey_RoundTrips()
    {
        var text = CaptchaAnswerKey.NewBase64();
        var id = Guid.NewGuid();

        Assert.Equal(32, Convert.FromBase64String(text).Length);
        Assert.Equal(CaptchaAnswerKey.FromBase64(text)!.DigitsOf(id, 6), CaptchaAnswerKey.FromBase64($" {text}\n")!.DigitsOf(id, 6));
    }
}
