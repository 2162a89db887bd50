using System.Buffers.Binary;
using System.Buffers.Text;

namespace HajDesk.Core.Paging;

/// <summary>
/// A keyset paging position: the <c>(At, Id)</c> of a row, encoded as an opaque URL-safe token. It carries no
/// personal data and grants nothing: the page re-applies its filters and the staff member's scope.
/// </summary>
public readonly record struct KeysetCursor(DateTime At, long Id)
{
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, At.ToUniversalTime().Ticks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Id);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Null for anything that is not a token made by <see cref="Encode"/>.</summary>
    public static KeysetCursor? TryDecode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 32)
        {
            return null;
        }

        // TryDecodeFromChars throws on characters outside the alphabet, so check the token first.
        Span<byte> bytes = stackalloc byte[16];
        if (!Base64Url.IsValid(token, out var length) || length != 16
            || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != 16)
        {
            return null;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var id = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        return ticks is < 0 || ticks > DateTime.MaxValue.Ticks ? null : new KeysetCursor(new DateTime(ticks, DateTimeKind.Utc), id);
    }
}
