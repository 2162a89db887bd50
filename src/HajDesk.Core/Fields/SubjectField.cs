using HajDesk.Core.Data;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests;

namespace HajDesk.Core.Fields;

/// <summary>The kind of an extra field of a subject («نوع»).</summary>
public enum FieldKind
{
    /// <summary>متن: one line of free text.</summary>
    Text,

    /// <summary>عدد: an integer or decimal number, typed in any digits.</summary>
    Number,

    /// <summary>تاریخ: a Jalali date (<c>۱۴۰۴/۰۳/۱۵</c>).</summary>
    Date,

    /// <summary>فهرست: one of the field's options.</summary>
    Choice,
}

/// <summary>
/// An extra field an administrator defined for a subject or a sub-subject («فیلدهای درخواست»), such as «کد کاروان»:
/// asked on the citizen's form, the staff registration form and the Open311 API once that subject is chosen. A main
/// subject's fields apply to all its sub-subjects and come first. A field is never deleted once defined: retiring it
/// (<see cref="IsActive"/> false) takes it off new forms, and what earlier requests stored stays with them
/// (<see cref="RequestFieldValue"/> keeps the label and kind as they were).
/// </summary>
public class SubjectField : IVersioned
{
    public int Id { get; set; }

    public int SubjectId { get; set; }

    public Subject? Subject { get; set; }

    /// <summary>«عنوان فیلد», e.g. «کد کاروان».</summary>
    public required string Label { get; set; }

    public FieldKind Kind { get; set; }

    /// <summary>«الزامی».</summary>
    public bool IsRequired { get; set; }

    /// <summary>A help text shown under the field, or null.</summary>
    public string? HelpText { get; set; }

    /// <summary>A choice field's options, one per line (<see cref="OptionList"/>); null for the other kinds.</summary>
    public string? Options { get; set; }

    public int DisplayOrder { get; set; }

    /// <summary>False once retired: no longer asked, still shown on the requests that answered it.</summary>
    public bool IsActive { get; set; } = true;

    /// <inheritdoc />
    public int Version { get; set; }

    /// <summary>The options of a choice field, in order; empty for the other kinds.</summary>
    public IReadOnlyList<string> OptionList => FieldRules.SplitOptions(Options);

    /// <summary>The key of this field in a form (<c>Input.Fields[12]</c>) and the Open311 attribute code: its id.</summary>
    public string Code => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public const int MaxLabelLength = 100;

    public const int MaxHelpLength = 300;

    public const int MaxOptionsLength = 2000;

    public const int MaxOptionLength = 100;

    public const int MaxOptionCount = 50;
}

/// <summary>
/// What one request answered to one extra field, with the field's label and kind as they were when the request was
/// received: a renamed or retired field never changes what an earlier request shows. <see cref="FieldId"/> links
/// back to the field (for the report grouping of choice fields).
/// </summary>
public class RequestFieldValue
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public ServiceRequest? Request { get; set; }

    public int? FieldId { get; set; }

    /// <summary>The field's label at submission.</summary>
    public required string Label { get; set; }

    /// <summary>The field's kind at submission.</summary>
    public FieldKind Kind { get; set; }

    /// <summary>
    /// The answer as stored: text normalized; a number in ASCII digits (<c>12.5</c>); a date as Jalali
    /// <c>1404/03/15</c> in ASCII digits; a choice as the option's text.
    /// </summary>
    public required string Value { get; set; }

    /// <summary>The field's place on the form at submission (subject's fields first).</summary>
    public int DisplayOrder { get; set; }

    /// <summary>The value as people read it: digits in Persian for numbers and dates.</summary>
    public string DisplayValue => FieldRules.Display(Kind, Value);
}
