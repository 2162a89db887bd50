using HajDesk.Core.Fields;

namespace HajDesk.Web.Fields;

/// <summary>
/// What the shared <c>_RequestFields</c> partial draws: the chosen subject's extra fields as inputs named
/// <c>Input.Fields[code]</c>, with what was typed and their errors (model-state key <c>Input.Fields[code]</c>).
/// </summary>
/// <param name="Fields">The fields the choice of subject asks, in order.</param>
/// <param name="Values">What was typed, by field code.</param>
public sealed record RequestFieldsView(IReadOnlyList<SubjectField> Fields, IReadOnlyDictionary<string, string?> Values)
{
    /// <summary>The form field name (and model-state key) of a field's value.</summary>
    public static string Name(SubjectField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return "Input." + FieldRules.ErrorKey(field.Code);
    }

    /// <summary>The element id of a field's input: <c>Input_Fields_12_</c>.</summary>
    public static string Id(SubjectField field) => Infrastructure.Forms.FieldNames.Id(Name(field));

    /// <summary>The typed value of a field, or empty.</summary>
    public string ValueOf(SubjectField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Values.TryGetValue(field.Code, out var value) ? value ?? string.Empty : string.Empty;
    }

    /// <summary>The model-state keys of the fields, in form order (for the error summary).</summary>
    public static IEnumerable<string> Keys(IEnumerable<SubjectField> fields) => fields.Select(Name);
}
