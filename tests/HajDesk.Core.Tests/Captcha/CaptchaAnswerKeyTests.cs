using System.Security.Cryptography;
using System.Text;
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
    public void Matches_RightAnswer_PassesAndAnyOtherAnswerOrIdFails()
    {
        var id = Guid.NewGuid();
        var digits = Key.DigitsOf(id, 5);
        var hash = Key.HashOf(id, digits);

        Assert.True(Key.Matches(id, digits, hash));
        Assert.False(Key.Matches(Guid.NewGuid(), digits, hash));
        Assert.False(Key.Matches(id, digits[..4], hash));
        Assert.False(Key.Matches(id, digits, "not base64!"));
        Assert.False(Key.Matches(id, digits, Convert.ToBase64String(new byte[16])));
    }

    [Fact]
    public void HashOf_WithoutTheKey_NoAnswerCanBeTriedAgainstIt()
    {
        var id = Guid.NewGuid();
        var digits = Key.DigitsOf(id, 5);
        var stored = Key.HashOf(id, digits);
        var guesser = new CaptchaAnswerKey(new byte[32]);

        // Every possible answer, hashed as a reader of the database might try: plain SHA-256 of id and answer,
        // or the app's own scheme under a key they made up. None gives the stored value.
        var tried = AllAnswers(5).Count(answer =>
            Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(id + answer))) == stored
            || guesser.HashOf(id, answer) == stored);

        Assert.Equal(0, tried);
        Assert.Single(AllAnswers(5), answer => Key.HashOf(id, answer) == stored);
        Assert.DoesNotContain(digits, stored, StringComparison.Ordinal);
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

    private static IEnumerable<string> AllAnswers(int length) => length == 0
        ? [string.Empty]
        : AllAnswers(length - 1).SelectMany(prefix => "123456789".Select(d => prefix + d));
}
