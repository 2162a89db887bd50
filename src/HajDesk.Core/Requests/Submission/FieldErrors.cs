using System.Collections;

namespace HajDesk.Core.Requests.Submission;

/// <summary>
/// Persian messages keyed by the input property they are about (<c>nameof(SubmissionInput.Mobile)</c>, or
/// <see cref="SubmissionFields.Files"/>), in the order they were found; the first message of a field wins.
/// </summary>
public sealed class FieldErrors : IEnumerable<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> errors = [];

    public int Count => errors.Count;

    public bool IsEmpty => errors.Count == 0;

    /// <summary>The first message recorded for <paramref name="field"/>, or null.</summary>
    public string? this[string field] => errors.FirstOrDefault(e => e.Key == field).Value;

    public bool Contains(string field) => errors.Exists(e => e.Key == field);

    /// <summary>Records a message unless the field already has one.</summary>
    public void Add(string field, string message)
    {
        if (!Contains(field))
        {
            errors.Add(new(field, message));
        }
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => errors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Error keys that are not properties of <see cref="SubmissionInput"/>.</summary>
public static class SubmissionFields
{
    /// <summary>The request's documents (refused uploads, a subject that needs one).</summary>
    public const string Files = "Files";
}
