namespace HajDesk.Core.Operations;

/// <summary>
/// One fixed window of one rate limit, shared by every node on PostgreSQL (table <c>RateCounters</c>). The key is a
/// keyed hash of what is limited (a client address, a national code, a form), never the value itself; rows live two
/// windows (the current one and the one the sliding estimate still reads) and are then deleted by a background job.
/// </summary>
public class RateCounter
{
    /// <summary>The longest key: a bucket name and a base64url HMAC-SHA256.</summary>
    public const int MaxKeyLength = 120;

    public required string Key { get; set; }

    /// <summary>The start of the window, a multiple of its length since the Unix epoch (UTC).</summary>
    public DateTime WindowStart { get; set; }

    public int Count { get; set; }

    /// <summary>When the row is no longer read: the end of the window after this one.</summary>
    public DateTime ExpiresAt { get; set; }
}
