using System.ComponentModel.DataAnnotations;
using HajDesk.Core.Requests;

namespace HajDesk.Web.BulkWork;

/// <summary>
/// The inputs of one bulk action, as the inbox's «اقدام گروهی» form and an incident's page post them; each action
/// reads only its own fields.
/// </summary>
public sealed class BulkCommand
{
    [Display(Name = "اقدام گروهی")]
    public BulkAction? Action { get; set; }

    /// <summary>The chosen rows, each <c>id:version</c> as the list showed them.</summary>
    public List<string> Selected { get; set; } = [];

    [Display(Name = "کارشناس")]
    public string? AssigneeId { get; set; }

    [Display(Name = "استان مقصد")]
    public int? ToProvinceId { get; set; }

    [Display(Name = "موضوع مقصد")]
    public int? ToSubjectId { get; set; }

    [Display(Name = "زیرموضوع مقصد")]
    public int? ToSubSubjectId { get; set; }

    [Display(Name = "علت ارجاع")]
    public string? ReferReason { get; set; }

    [Display(Name = "متن پاسخ")]
    public string? AnswerText { get; set; }

    [Display(Name = "پاسخ آماده")]
    public int? CannedId { get; set; }

    [Display(Name = "توضیح بستن")]
    public string? CloseText { get; set; }

    [Display(Name = "رخداد")]
    public int? IncidentId { get; set; }

    public const int MaxReferReasonLength = RequestTexts.MaxReasonLength;
}
