using System.Globalization;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests.Submission;

namespace HajDesk.Core.Fields;

/// <summary>
/// The rules of subjects' extra fields, in one place for every intake channel (the citizen form, staff
/// registration, Open311 <c>attribute[code]</c>) and for the administrators' page: which fields a choice of subject
/// asks, how a typed value is checked and stored (any digits accepted), and how a field's definition is checked.
/// Every message is Persian.
/// </summary>
public static class FieldRules
{
    /// <summary>The longest text value a field stores.</summary>
    public const int MaxTextValueLength = 500;

    /// <summary>The longest number a field accepts, in characters.</summary>
    public const int MaxNumberLength = 30;

    /// <summary>The error key of a field's value: <c>Fields[12]</c> (under the form's <c>Input.</c> prefix).</summary>
    public static string ErrorKey(string code) => $"{nameof(SubmissionInput.Fields)}[{code}]";

    /// <summary>The Persian name of a kind, as the administrators' form offers it.</summary>
    public static string KindText(FieldKind kind) => kind switch
    {
        FieldKind.Number => "عدد",
        FieldKind.Date => "تاریخ",
        FieldKind.Choice => "فهرست",
        _ => "متن",
    };

    /// <summary>The kinds, in the order the administrators' form offers them.</summary>
    public static IReadOnlyList<FieldKind> Kinds { get; } = [FieldKind.Text, FieldKind.Number, FieldKind.Date, FieldKind.Choice];

    /// <summary>
    /// The active fields a request on <paramref name="subjectId"/> (and <paramref name="subSubjectId"/>) asks: the main
    /// subject's first, then the sub-subject's, each in display order.
    /// </summary>
    public static IReadOnlyList<SubjectField> ForSubject(IEnumerable<SubjectField> fields, int? subjectId, int? subSubjectId)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (subjectId is null && subSubjectId is null)
        {
            return [];
        }

        var active = fields.Where(f => f.IsActive).OrderBy(f => f.DisplayOrder).ThenBy(f => f.Id).ToList();
        return [.. active.Where(f => f.SubjectId == subjectId), .. active.Where(f => subSubjectId is not null && f.SubjectId == subSubjectId)];
    }

    /// <summary>
    /// Checks the typed values of <paramref name="fields"/> (keyed by <see cref="SubjectField.Code"/>; other keys are
    /// ignored) and returns the values to store, one per field answered. Problems go to <paramref name="errors"/> under
    /// <see cref="ErrorKey"/>.
    /// </summary>
    public static List<RequestFieldValue> Check(IReadOnlyList<SubjectField> fields, IReadOnlyDictionary<string, string?>? input, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(errors);
        var values = new List<RequestFieldValue>();
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var typed = input is not null && input.TryGetValue(field.Code, out var raw) ? raw : null;
            var key = ErrorKey(field.Code);
            if (CheckValue(field, typed, out var value) is { } problem)
            {
                errors.Add(key, problem);
            }
            else if (value is not null)
            {
                values.Add(new RequestFieldValue { FieldId = field.Id, Label = field.Label, Kind = field.Kind, Value = value, DisplayOrder = i + 1 });
            }
        }

        return values;
    }

    /// <summary>
    /// Checks one typed value: null when it is right (<paramref name="value"/> is what to store, null for an optional
    /// field left empty), else the Persian message.
    /// </summary>
    public static string? CheckValue(SubjectField field, string? typed, out string? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        value = null;
        var label = field.Label;
        var text = PersianText.NormalizeText(typed).Replace('\n', ' ').Replace('\t', ' ');
        if (text.Length == 0)
        {
            return field.IsRequired ? Required(field) : null;
        }

        switch (field.Kind)
        {
            case FieldKind.Number:
                if (!TryReadNumber(text, out var number))
                {
                    return $"«{label}» باید عدد باشد؛ مانند ۱۲۵ (رقم‌های فارسی هم پذیرفته می‌شود).";
                }

                value = number;
                return null;
            case FieldKind.Date:
                if (!JalaliDate.TryParse(text, out var date))
                {
                    return $"«{label}» تاریخ درستی نیست؛ تاریخ خورشیدی را مانند ۱۴۰۴/۰۳/۱۵ بنویسید.";
                }

                var (y, m, d) = JalaliDate.ToJalali(date);
                value = string.Create(CultureInfo.InvariantCulture, $"{y:D4}/{m:D2}/{d:D2}");
                return null;
            case FieldKind.Choice:
                var option = field.OptionList.FirstOrDefault(o => o == text);
                if (option is null)
                {
                    return $"گزینه انتخاب‌شده برای «{label}» در فهرست نیست؛ یکی از گزینه‌های فهرست را انتخاب کنید.";
                }

                value = option;
                return null;
            default:
                if (text.Length > MaxTextValueLength)
                {
                    return $"«{label}» حداکثر {Digits(MaxTextValueLength)} نویسه است؛ اکنون {Digits(text.Length)} نویسه است.";
                }

                value = text;
                return null;
        }
    }

    /// <summary>The message of a required field left empty.</summary>
    public static string Required(SubjectField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Kind == FieldKind.Choice ? $"«{field.Label}» را انتخاب کنید." : $"«{field.Label}» را وارد کنید.";
    }

    /// <summary>
    /// Reads a number typed in any digits (ASCII, Persian, Arabic-Indic), with an optional sign, the Persian or Latin
    /// decimal point (٫ or .) and thousands separators (٬ or ,): the canonical text in ASCII (<c>-1250.5</c>).
    /// </summary>
    public static bool TryReadNumber(string? typed, out string number)
    {
        number = string.Empty;
        var s = PersianText.NormalizeNumeric(typed).Replace('\u066B', '.').Replace("\u066C", string.Empty, StringComparison.Ordinal)
            .Replace(",", string.Empty, StringComparison.Ordinal).Replace('\u2212', '-');
        if (s.Length is 0 or > MaxNumberLength || !decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        number = parsed.ToString(CultureInfo.InvariantCulture);
        if (number.Contains('.', StringComparison.Ordinal))
        {
            number = number.TrimEnd('0').TrimEnd('.');
        }

        return true;
    }

    /// <summary>A stored value as people read it: numbers and dates in Persian digits.</summary>
    public static string Display(FieldKind kind, string? value) =>
        kind is FieldKind.Number or FieldKind.Date ? PersianText.ToPersianDigits(value) : value ?? string.Empty;

    /// <summary>Options typed one per line: normalized, empty lines and repeats dropped.</summary>
    public static IReadOnlyList<string> SplitOptions(string? options) =>
        string.IsNullOrEmpty(options)
            ? []
            : options.Split('\n').Select(o => PersianText.NormalizeText(o)).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Checks a field's definition as the administrators typed it. Returns the normalized label, kind, help and options
    /// (one per line; null unless a choice); problems go to <paramref name="errors"/> keyed <c>Label</c>, <c>Kind</c>,
    /// <c>HelpText</c> and <c>Options</c>.
    /// </summary>
    public static (string Label, FieldKind Kind, string? HelpText, string? Options) CheckDefinition(
        string? label, string? kind, string? helpText, string? options, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = PersianText.NormalizeText(label).Replace('\n', ' ').Replace('\t', ' ');
        if (name.Length == 0)
        {
            errors.Add("Label", "عنوان فیلد را بنویسید.");
        }
        else if (name.Length > SubjectField.MaxLabelLength)
        {
            errors.Add("Label", $"عنوان فیلد حداکثر {Digits(SubjectField.MaxLabelLength)} نویسه است؛ اکنون {Digits(name.Length)} نویسه است.");
        }

        if (!Enum.TryParse<FieldKind>(kind, ignoreCase: false, out var parsedKind) || !Enum.IsDefined(parsedKind) || int.TryParse(kind, out _))
        {
            errors.Add("Kind", "نوع فیلد را انتخاب کنید: متن، عدد، تاریخ یا فهرست.");
            parsedKind = FieldKind.Text;
        }

        var help = PersianText.NormalizeText(helpText).Replace('\n', ' ');
        if (help.Length > SubjectField.MaxHelpLength)
        {
            errors.Add("HelpText", $"راهنمای فیلد حداکثر {Digits(SubjectField.MaxHelpLength)} نویسه است؛ اکنون {Digits(help.Length)} نویسه است.");
        }

        string? optionText = null;
        if (parsedKind == FieldKind.Choice)
        {
            var raw = PersianText.NormalizeText(options);
            var list = SplitOptions(raw);
            optionText = string.Join('\n', list);
            if (list.Count < 2)
            {
                errors.Add("Options", "برای فیلد فهرستی دست‌کم دو گزینه بنویسید، هر گزینه در یک سطر.");
            }
            else if (list.Count > SubjectField.MaxOptionCount)
            {
                errors.Add("Options", $"فهرست حداکثر {Digits(SubjectField.MaxOptionCount)} گزینه دارد؛ اکنون {Digits(list.Count)} گزینه دارد.");
            }
            else if (list.FirstOrDefault(o => o.Length > SubjectField.MaxOptionLength) is { } tooLong)
            {
                errors.Add("Options", $"هر گزینه حداکثر {Digits(SubjectField.MaxOptionLength)} نویسه است؛ گزینه «{tooLong[..20]}…» بلندتر است.");
            }
            else if (optionText.Length > SubjectField.MaxOptionsLength)
            {
                errors.Add("Options", $"گزینه‌ها روی هم حداکثر {Digits(SubjectField.MaxOptionsLength)} نویسه است.");
            }
        }

        return (name, parsedKind, help.Length == 0 ? null : help, optionText);
    }

    private static string Digits(int value) => PersianText.ToPersianDigits(value.ToString(CultureInfo.InvariantCulture));
}
