using HajDesk.Core.Paging;

namespace HajDesk.Core.Tests.Paging;

public class KeysetCursorTests
{
    [Fact]
    public void TryDecode_EncodedCursor_RoundTrips()
    {
        var cursor = new KeysetCursor(new DateTime(2025, 5, 10, 8, 30, 15, 123, DateTimeKind.Utc).AddTicks(7), 987654321);

        Assert.Equal(cursor, KeysetCursor.TryDecode(cursor.Encode()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    [InlineData("//////////////////////8")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void TryDecode_AnythingElse_IsNull(string? token) => Assert.Null(KeysetCursor.TryDecode(token));
}
