using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Fields;
using HajDesk.Core.Persian;
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
/// <c>/staff/admin/subjects/{id}/fields</c> («فیلدهای درخواست»): the extra fields a request on this subject asks —
/// text, number, Jalali date or a choice list; required or optional; a help text; an order. A field is changed or
/// retired, never deleted: requests keep what they answered (with the label as it was). Every change audited; every
/// edit form carries the field's version (the one conflict response).
/// </summary>
[NoStore]
public class FieldsModel(HajDeskDbContext db, AuditLog audit) : PageModel, IEditConflictPage
{
    [BindProperty]
    public FieldInput NewField { get; set; } = new();

    /// <summary>The field an edit form is about.</summary>
    [BindProperty]
    public int FieldId { get; set; }

    [BindProperty]
    public FieldInput EditedField { get; set; } = new();

    public Subject Item { get; private set; } = null!;

    /// <summary>The main subject's name when this is a sub-subject (its fields come first on the form).</summary>
    public string? ParentName { get; private set; }

    public List<SubjectField> Fields { get; private set; } = [];

    /// <summary>How many requests answered each field (by id), shown so an administrator knows what retiring keeps.</summary>
    public Dictionary<int, int> Answered { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>«افزودن فیلد».</summary>
    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subject)
        {
            return NotFound();
        }

        var errors = new FieldErrors();
        var (label, kind, help, options) = FieldRules.CheckDefinition(NewField.Label, NewField.Kind, NewField.HelpText, NewField.Options, errors);
        if (!errors.IsEmpty)
        {
            return await InvalidAsync(id, errors, nameof(NewField), cancellationToken);
        }

        var order = await db.SubjectFields.Where(f => f.SubjectId == id).Select(f => (int?)f.DisplayOrder).MaxAsync(cancellationToken) ?? 0;
        var field = new SubjectField
        {
            SubjectId = id,
            Label = label,
            Kind = kind,
            IsRequired = NewField.IsRequired,
            HelpText = help,
            Options = options,
            DisplayOrder = order + 1,
        };
        db.SubjectFields.Add(field);
        audit.Add(AuditActions.FieldCreate, null, $"«{label}» ({FieldRules.KindText(kind)}، {(field.IsRequired ? "الزامی" : "اختیاری")}) برای «{subject.Name}»");
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("فیلد افزوده شد.");
        return RedirectToPage("Fields", new { id });
    }

    /// <summary>«ذخیره فیلد»: label, help, required, options, order and whether it is still asked (retiring it).</summary>
    public async Task<IActionResult> OnPostUpdateAsync(int id, CancellationToken cancellationToken)
    {
        var field = await db.SubjectFields.FirstOrDefaultAsync(f => f.Id == FieldId && f.SubjectId == id, cancellationToken);
        if (field is null)
        {
            return NotFound();
        }

        db.ExpectVersion(field, EditedField.Version);
        var errors = new FieldErrors();
        // The kind is fixed once a field exists: the values stored under it keep meaning what they meant.
        var (label, _, help, options) = FieldRules.CheckDefinition(EditedField.Label, field.Kind.ToString(), EditedField.HelpText, EditedField.Options, errors);
        var order = field.DisplayOrder;
        var orderValid = string.IsNullOrWhiteSpace(EditedField.DisplayOrder)
            || (int.TryParse(PersianText.NormalizeNumeric(EditedField.DisplayOrder), NumberStyles.None, CultureInfo.InvariantCulture, out order) && order is >= 1 and <= 999);
        if (!orderValid)
        {
            errors.Add(nameof(FieldInput.DisplayOrder), "ترتیب باید عددی از ۱ تا ۹۹۹ باشد.");
        }

        if (!errors.IsEmpty)
        {
            return await InvalidAsync(id, errors, nameof(EditedField), cancellationToken);
        }

        var changes = new List<string>();
        if (field.Label != label)
        {
            changes.Add($"عنوان: «{field.Label}» ← «{label}»");
        }

        if (field.IsRequired != EditedField.IsRequired)
        {
            changes.Add(EditedField.IsRequired ? "الزامی" : "اختیاری");
        }

        if (field.IsActive != EditedField.IsActive)
        {
            changes.Add(EditedField.IsActive ? "دوباره فعال" : "بازنشسته (دیگر پرسیده نمی‌شود)");
        }

        if (field.HelpText != help || field.Options != options || field.DisplayOrder != order)
        {
            changes.Add("راهنما، گزینه‌ها یا ترتیب");
        }

        (field.Label, field.HelpText, field.Options, field.IsRequired, field.IsActive, field.DisplayOrder) =
            (label, help, options, EditedField.IsRequired, EditedField.IsActive, order);
        audit.Add(AuditActions.FieldUpdate, null, $"«{label}»: " + (changes.Count == 0 ? "بدون تغییر" : string.Join("؛ ", changes)));
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("فیلد ذخیره شد.");
        return RedirectToPage("Fields", new { id });
    }

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken) =>
        await LoadAsync(int.Parse(RouteData.Values["id"]!.ToString()!, CultureInfo.InvariantCulture), cancellationToken);

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
        var item = await db.Subjects.AsNoTracking().Include(s => s.Parent).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        ParentName = item.Parent?.Name;
        Fields = await db.SubjectFields.AsNoTracking().Where(f => f.SubjectId == id)
            .OrderBy(f => f.DisplayOrder).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var ids = Fields.Select(f => (int?)f.Id).ToList();
        Answered = await db.RequestFieldValues.AsNoTracking().Where(v => ids.Contains(v.FieldId))
            .GroupBy(v => v.FieldId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return true;
    }

    /// <summary>A field form (new or edited), as typed.</summary>
    public sealed class FieldInput
    {
        public string? Label { get; set; }

        /// <summary><see cref="FieldKind"/> by name (the new field's form only).</summary>
        public string? Kind { get; set; } = nameof(FieldKind.Text);

        public bool IsRequired { get; set; }

        public string? HelpText { get; set; }

        /// <summary>A choice field's options, one per line.</summary>
        public string? Options { get; set; }

        /// <summary>«ترتیب» (edit form), in any digits.</summary>
        public string? DisplayOrder { get; set; }

        /// <summary>The edit form's «فعال» box: an unticked box posts nothing, so absent means retired.</summary>
        public bool IsActive { get; set; }

        public int Version { get; set; }
    }
}
