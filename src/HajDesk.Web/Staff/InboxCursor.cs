using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace HajDesk.Web.Staff;

/// <summary>
/// A keyset paging position in the inbox: the <c>(CreatedAt, Id)</c> of a row, encoded as an opaque URL-safe token.
/// It carries no personal data and grants nothing: the page re-applies the staff member's scope.
/// </summary>
public readonly record struct InboxCursor(DateTime CreatedAt, long Id)
{
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, CreatedAt.ToUniversalTime().Ticks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Id);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    /// <summary>Null for anything that is not a token made by <see cref="Encode"/>.</summary>
    public static InboxCursor? TryDecode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 32)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length != 16)
        {
            return null;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var id = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8));
        return ticks is < 0 || ticks > DateTime.MaxValue.Ticks ? null : new InboxCursor(new DateTime(ticks, DateTimeKind.Utc), id);
    }
}
