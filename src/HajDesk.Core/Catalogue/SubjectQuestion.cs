using HajDesk.Core.Data;
using HajDesk.Core.Reference;

namespace HajDesk.Core.Catalogue;

/// <summary>
/// A frequently asked question of a subject and its answer («پرسش متداول»): shown on the public catalogue and on the
/// send form once the subject is chosen, so that a citizen whose question is already answered need not write.
/// </summary>
public class SubjectQuestion : IVersioned
{
    public int Id { get; set; }

    public int SubjectId { get; set; }

    public Subject? Subject { get; set; }

    public required string Question { get; set; }

    /// <summary>The answer, in <see cref="SimpleText"/> (paragraphs and «-» lists).</summary>
    public required string Answer { get; set; }

    public int DisplayOrder { get; set; }

    public bool IsActive { get; set; } = true;

    /// <inheritdoc />
    public int Version { get; set; }

    public const int MaxQuestionLength = 300;

    public const int MaxAnswerLength = 4000;
}

/// <summary>
/// A citizen opened the answer to <see cref="QuestionId"/> on the send form whose one-time key is
/// <see cref="SubmissionKey"/>. Views whose key never became a request are the deflection figure: questions the
/// catalogue answered before anyone had to write. No personal data: the key identifies a form, not a person.
/// </summary>
public class AnswerView
{
    public long Id { get; set; }

    public int QuestionId { get; set; }

    public Guid SubmissionKey { get; set; }

    public DateTime At { get; set; }
}
