using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Uploads;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HajDesk.Web.Submission;

/// <summary>What a submission form (the citizen's send, the staff registration) shows besides the typed fields.</summary>
public sealed class SubmissionFormView
{
    /// <summary>The provinces offered (staff who are not administrators: their own).</summary>
    public IReadOnlyList<Province> Provinces { get; set; } = [];

    public IReadOnlyList<Subject> MainSubjects { get; set; } = [];

    /// <summary>The chosen subject's extra fields (<c>_RequestFields</c>).</summary>
    public IReadOnlyList<Core.Fields.SubjectField> SubjectFields { get; set; } = [];

    /// <summary>Files accepted by an earlier post of this form, kept so nobody is asked again.</summary>
    public IReadOnlyList<Attachment> StagedFiles { get; set; } = [];

    /// <summary>The person the registry confirmed for the typed national code and birth date, if any.</summary>
    public RegistryPerson? Person { get; set; }

    /// <summary>The citizen form's catalogue entry and questions of the chosen subject, shown before the text box.</summary>
    public Catalogue.ServiceEntry? Guide { get; set; }

    /// <summary>A banner above the form for problems that are not one field's (registry down, lookup refused).</summary>
    public string? Notice { get; set; }
}

/// <summary>
/// The part of the send and the staff registration pages that is the same: loading what the form offers and
/// putting a submission's errors, notices, person and files where the form shows them.
/// </summary>
public sealed class SubmissionForm(SubmissionService submission, UploadStaging staging)
{
    /// <summary>The bound property of the typed fields (<c>asp-for="Input.…"</c>) on both pages.</summary>
    public const string InputPrefix = "Input";

    /// <summary>Loads the form's choices, the chosen subject's fields and (unless already known) its staged files.</summary>
    public async Task LoadAsync(SubmissionFormView view, SubmissionInput input, bool loadStaged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        (view.Provinces, view.MainSubjects) = await submission.ChoicesAsync(cancellationToken);
        await LoadStepAsync(view, input, loadStaged && view.StagedFiles.Count == 0, cancellationToken);
    }

    /// <summary>What a step shown instead of the form needs: the subject's fields (typed fields ride along) and the staged files.</summary>
    public async Task LoadStepAsync(SubmissionFormView view, SubmissionInput input, bool loadStaged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(input);
        if (loadStaged && input.TryGetSubmissionKey(out var key))
        {
            view.StagedFiles = await staging.LoadAsync(key, cancellationToken);
        }

        view.SubjectFields = await submission.FieldsAsync(input, cancellationToken);
    }

    /// <summary>
    /// Puts a submission's outcome on the form: notices as banners (and summary entries), the person, the staged
    /// files, and each field's first error under its model-state key — <c>Input.</c> and the field, except the
    /// files, the whole form (empty key) and <paramref name="pageKeys"/> (the page's own bound properties).
    /// </summary>
    public static void Show(
        SubmissionFormView view, ModelStateDictionary modelState, FieldErrors errors, IEnumerable<string> notices, RegistryPerson? person,
        IReadOnlyList<Attachment>? staged, params string[] pageKeys)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var notice in notices)
        {
            view.Notice = notice;
            modelState.AddModelError(string.Empty, notice);
        }

        view.Person = person ?? view.Person;
        if (staged is { Count: > 0 })
        {
            view.StagedFiles = staged;
        }

        foreach (var (field, message) in errors)
        {
            var key = field.Length == 0 || field == SubmissionFields.Files || pageKeys.Contains(field) ? field : $"{InputPrefix}.{field}";
            if (!modelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0)
            {
                modelState.AddModelError(key, message);
            }
        }
    }
}
