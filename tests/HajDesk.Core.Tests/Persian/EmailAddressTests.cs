using HajDesk.Core.Persian;

namespace HajDesk.Core.Tests.Persian;

public class EmailAddressTests
{
    [Theory]
    [InlineData("name@example.com")]
    [InlineData("first.last+tag@mail.example.ir")]
    [InlineData("a@b.co")]
    public void IsValid_PlainAddresses_AreAccepted(string email) => Assert.True(EmailAddress.IsValid(email));

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("a@b@c.com")]
    [InlineData("@example.com")]
    [InlineData("name@")]
    [InlineData("name@example")]
    [InlineData("name@.example.com")]
    [InlineData("name@example..com")]
    [InlineData("name @example.com")]
    [InlineData("نام@example.com")]
    [InlineData("\"Name\" <name@example.com>")]
    [InlineData("<script>@x.com")]
    public void IsValid_Malformed_IsRejected(string email) => Assert.False(EmailAddress.IsValid(email));

    [Fact]
    public void IsValid_LongerThan254_IsRejected() =>
        Assert.False(EmailAddress.IsValid(new string('a', 250) + "@x.com"));
}
