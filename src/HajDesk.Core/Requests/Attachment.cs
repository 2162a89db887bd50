namespace HajDesk.Core.Requests;

/// <summary>
/// A document attached to a request, a citizen's follow-up message or a staff answer. The bytes live in
/// <see cref="AttachmentContent"/> so that listing attachments never loads them.
/// </summary>
public class Attachment
{
    public Guid Id { get; set; }

    /// <summary>Null while the file is staged: accepted by a form that has not been sent yet.</summary>
    public long? RequestId { get; set; }

    public ServiceRequest? Request { get; set; }

    /// <summary>The timeline entry the file belongs to (a citizen message or an answer); null for the original request.</summary>
    public long? EventId { get; set; }

    /// <summary>For staged files: the form token that owns them, so only that form can claim them.</summary>
    public Guid? StagingKey { get; set; }

    /// <summary>The name the uploader gave, kept only as display text, never as a path.</summary>
    public required string FileName { get; set; }

    /// <summary>Type recognized from the content (magic bytes): application/pdf, image/jpeg or image/png.</summary>
    public required string ContentType { get; set; }

    public long Length { get; set; }

    /// <summary>Lower-case hexadecimal SHA-256 of the content.</summary>
    public required string Sha256 { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>True when a staff member uploaded it (with an answer).</summary>
    public bool FromStaff { get; set; }

    public AttachmentContent? Content { get; set; }
}

/// <summary>The bytes of an <see cref="Attachment"/>, stored in the database so they commit with the request.</summary>
public class AttachmentContent
{
    public Guid AttachmentId { get; set; }

    public required byte[] Data { get; set; }
}
