using HajDesk.Core.Catalogue;
using HajDesk.Core.Data;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Subjects;

/// <summary>
/// <c>/staff/admin/subjects/{id}/catalogue</c>: a subject's public catalogue entry («شناسنامه خدمت») — service code,
/// description, documents, steps, legal basis, cost — and its frequently asked questions. Every change audited; every
/// form carries the version of what it edits (the one conflict response).
/// </summary>
[NoStore]
public class CatalogueModel(HajDeskDbContext db, AuditLog audit) : PageModel, IEditConflictPage
{
    [BindProperty]
    public EntryInput Entry { get; set; } = new();

    [BindProperty]
    public QuestionInput NewQuestion { get; set; } = new();

    /// <summary>The question an edit or delete form is about, with its version.</summary>
    [BindProperty]
    public int QuestionId { get; set; }

    [BindProperty]
    public QuestionInput EditedQuestion { get; set; } = new();

    public Subject Item { get; private set; } = null!;

    public List<SubjectQuestion> Questions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Entry = EntryInput.From(Item);
        return Page();
    }

    public async Task<IActionResult> OnPostEntryAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Subjects.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subject)
        {
            return NotFound();
        }

        db.ExpectVersion(subject, Entry.Version);
        var errors = new FieldErrors();
        var code = string.Empty;
        if (!ServiceCode.TryNormalize(Entry.ServiceCode, out code))
        {
            errors.Add(nameof(EntryInput.ServiceCode), ServiceCode.InvalidMessage);
        }
        else if (await db.Subjects.AnyAsync(s => s.ServiceCode == code && s.Id != id, cancellationToken))
        {
            errors.Add(nameof(EntryInput.ServiceCode), ServiceCode.TakenMessage);
        }

        var max = Subject.MaxCatalogueTextLength;
        var description = CatalogueRules.CheckOptional(Entry.Description, "شرح خدمت", max, errors, nameof(EntryInput.Description));
        var documents = CatalogueRules.CheckOptional(Entry.RequiredDocuments, "مدارک لازم", max, errors, nameof(EntryInput.RequiredDocuments));
        var steps = CatalogueRules.CheckOptional(Entry.Steps, "مراحل انجام", max, errors, nameof(EntryInput.Steps));
        var legal = CatalogueRules.CheckOptional(Entry.LegalBasis, "مبنای قانونی", max, errors, nameof(EntryInput.LegalBasis));
        var cost = CatalogueRules.CheckOptional(Entry.Cost, "هزینه", 200, errors, nameof(EntryInput.Cost));
        if (!errors.IsEmpty)
        {
            return await InvalidAsync(id, errors, nameof(Entry), cancellationToken);
        }

        (subject.ServiceCode, subject.Description, subject.RequiredDocuments, subject.Steps, subject.LegalBasis, subject.Cost) =
            (code, description, documents, steps, legal, cost);
        audit.Add(AuditActions.CatalogueUpdate, null, $"«{subject.Name}» ({code})");
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("شناسنامه خدمت ذخیره شد.");
        return RedirectToPage("Catalogue", new { id });
    }

    public async Task<IActionResult> OnPostAddQuestionAsync(int id, CancellationToken cancellationToken)
    {
        if (!await db.Subjects.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return NotFound();
        }

        var errors = new FieldErrors();
        var (question, answer) = NewQuestion.Check(errors);
        if (!errors.IsEmpty)
        {
            return await InvalidAsync(id, errors, nameof(NewQuestion), cancellationToken);
        }

        var order = await db.SubjectQuestions.Where(q => q.SubjectId == id).Select(q => (int?)q.DisplayOrder).MaxAsync(cancellationToken) ?? 0;
        db.SubjectQuestions.Add(new SubjectQuestion { SubjectId = id, Question = question, Answer = answer, DisplayOrder = order + 1 });
        audit.Add(AuditActions.QuestionCreate, null, $"«{question}»");
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("پرسش افزوده شد.");
        return RedirectToPage("Catalogue", new { id });
    }

    public async Task<IActionResult> OnPostUpdateQuestionAsync(int id, CancellationToken cancellationToken)
    {
        if (await FindQuestionAsync(id, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        var errors = new FieldErrors();
        var (question, answer) = EditedQuestion.Check(errors);
        if (!errors.IsEmpty)
        {
            return await InvalidAsync(id, errors, nameof(EditedQuestion), cancellationToken);
        }

        (item.Question, item.Answer, item.IsActive) = (question, answer, EditedQuestion.IsActive);
        audit.Add(AuditActions.QuestionUpdate, null, $"«{question}»" + (item.IsActive ? null : " (غیرفعال)"));
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("پرسش ذخیره شد.");
        return RedirectToPage("Catalogue", new { id });
    }

    public async Task<IActionResult> OnPostDeleteQuestionAsync(int id, CancellationToken cancellationToken)
    {
        if (await FindQuestionAsync(id, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        db.SubjectQuestions.Remove(item);
        audit.Add(AuditActions.QuestionDelete, null, $"«{item.Question}»");
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("پرسش حذف شد.");
        return RedirectToPage("Catalogue", new { id });
    }

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken) =>
        await LoadAsync(int.Parse(RouteData.Values["id"]!.ToString()!, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>The posted question of this subject, expected at the posted version; null when it is not this subject's.</summary>
    private async Task<SubjectQuestion?> FindQuestionAsync(int subjectId, CancellationToken cancellationToken)
    {
        var item = await db.SubjectQuestions.FirstOrDefaultAsync(q => q.Id == QuestionId && q.SubjectId == subjectId, cancellationToken);
        if (item is not null)
        {
            db.ExpectVersion(item, EditedQuestion.Version);
        }

        return item;
    }

    private async Task<IActionResult> InvalidAsync(int id, FieldErrors errors, string prefix, CancellationToken cancellationToken)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{prefix}.{field}", message);
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Questions = await db.SubjectQuestions.AsNoTracking().Where(q => q.SubjectId == id)
            .OrderBy(q => q.DisplayOrder).ThenBy(q => q.Id).ToListAsync(cancellationToken);
        // The forms are drawn with the versions read now.
        Entry.Version = item.Version;
        ModelState.Remove($"{nameof(Entry)}.{nameof(EntryInput.Version)}");
        return true;
    }

    /// <summary>The catalogue fields of the entry form.</summary>
    public sealed class EntryInput
    {
        public string? ServiceCode { get; set; }

        public string? Description { get; set; }

        public string? RequiredDocuments { get; set; }

        public string? Steps { get; set; }

        public string? LegalBasis { get; set; }

        public string? Cost { get; set; }

        public int Version { get; set; }

        public static EntryInput From(Subject s) => new()
        {
            ServiceCode = s.ServiceCode,
            Description = s.Description,
            RequiredDocuments = s.RequiredDocuments,
            Steps = s.Steps,
            LegalBasis = s.LegalBasis,
            Cost = s.Cost,
            Version = s.Version,
        };
    }

    /// <summary>A question form (new or edited).</summary>
    public sealed class QuestionInput
    {
        public string? Question { get; set; }

        public string? Answer { get; set; }

        public bool IsActive { get; set; } = true;

        public int Version { get; set; }

        /// <summary>The normalized question and answer; their problems go to <paramref name="errors"/>.</summary>
        public (string Question, string Answer) Check(FieldErrors errors) => (
            CatalogueRules.CheckRequired(Question, "پرسش", SubjectQuestion.MaxQuestionLength, errors, nameof(Question)).Replace('\n', ' '),
            CatalogueRules.CheckRequired(Answer, "پاسخ", SubjectQuestion.MaxAnswerLength, errors, nameof(Answer)));
    }
}
