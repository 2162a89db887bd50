using HajDesk.Core.Data;
using HajDesk.Core.Incidents;
using HajDesk.Core.Requests;
using HajDesk.Web.Staff;
using HajDesk.Web.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.BulkWork;

/// <summary>A bulk action refused as a whole (nothing chosen, a missing field), with the field it is about.</summary>
public sealed record BulkCommandError(string Field, string Message);

/// <summary>
/// Turns a <see cref="BulkCommand"/> into the transition each row goes through — the same ones the request's own
/// page calls — and runs it with <see cref="BulkRequestActions"/>. What is wrong with the command as a whole (no
/// action, no row, too many rows, an unknown incident) is answered before any row is touched.
/// </summary>
public sealed class BulkCommands(
    HajDeskDbContext db,
    CurrentStaff currentStaff,
    StaffRequestActions actions,
    BulkRequestActions bulk,
    IOptions<UploadOptions> uploads)
{
    public const string ChooseAction = "اقدام گروهی را برگزینید.";

    public const string AssigneeNotCovering = "کارشناس برگزیده این درخواست را پوشش نمی‌دهد.";

    public const string ChooseIncident = "رخدادی از فهرست برگزینید.";

    /// <summary>Runs <paramref name="command"/> on the rows it names (<c>id:version</c>); the errors when it cannot start.</summary>
    public async Task<(BulkResult? Result, IReadOnlyList<BulkCommandError> Errors)> RunAsync(BulkCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var targets = command.Selected.Select(BulkTarget.Parse).OfType<BulkTarget>().ToList();
        var errors = new List<BulkCommandError>();
        if (command.Action is null || !Enum.IsDefined(command.Action.Value))
        {
            errors.Add(new(nameof(BulkCommand.Action), ChooseAction));
        }

        if (targets.Count == 0)
        {
            errors.Add(new(nameof(BulkCommand.Selected), BulkRequestActions.NoneSelected));
        }
        else if (targets.DistinctBy(t => t.Id).Count() > BulkRequestActions.MaxRows)
        {
            errors.Add(new(nameof(BulkCommand.Selected), BulkRequestActions.TooMany));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return await RunOnAsync(command, targets, AuditActions.InboxBulk, cancellationToken);
    }

    /// <summary>Runs <paramref name="command"/> on given targets, audited as <paramref name="summaryAuditAction"/>.</summary>
    public async Task<(BulkResult? Result, IReadOnlyList<BulkCommandError> Errors)> RunOnAsync(
        BulkCommand command, IReadOnlyList<BulkTarget> targets, string summaryAuditAction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var action = command.Action ?? throw new ArgumentException(ChooseAction, nameof(command));
        var (rowAudit, change, error) = action switch
        {
            BulkAction.Assign => (AuditActions.RequestAssign, Assign(command, cancellationToken), null),
            BulkAction.Refer => (AuditActions.RequestRefer, Refer(command, cancellationToken), null),
            BulkAction.Answer => await AnswerAsync(command, cancellationToken),
            BulkAction.Close => (AuditActions.RequestClose, a => Task.FromResult(a.Request.Close(a.Actor, command.CloseText, a.Now)), null),
            _ => await LinkAsync(command, cancellationToken),
        };
        if (error is not null)
        {
            return (null, [error]);
        }

        var result = await bulk.RunAsync(targets, action.ToPersian(), rowAudit, summaryAuditAction, change!, cancellationToken);
        return (result, []);
    }

    private Func<StaffAction, Task<RequestResult>> Assign(BulkCommand command, CancellationToken cancellationToken) =>
        async a =>
        {
            // The single page lists only the staff who cover the request; here one choice serves many rows, so a
            // row the chosen expert does not cover is refused with that reason rather than "choose from the list".
            if (a.Actor.CanAssign && command.AssigneeId is { } id
                && !(await actions.AssignableAsync(a.Request, cancellationToken)).Any(s => s.Id == id))
            {
                return RequestResult.Refuse(AssigneeNotCovering, RequestField.Choice);
            }

            return await actions.AssignAsync(a, command.AssigneeId, cancellationToken);
        };

    private Func<StaffAction, Task<RequestResult>> Refer(BulkCommand command, CancellationToken cancellationToken) =>
        a => actions.ReferAsync(a, command.ToProvinceId, command.ToSubjectId, command.ToSubSubjectId, command.ReferReason, cancellationToken);

    private async Task<(string, Func<StaffAction, Task<RequestResult>>?, BulkCommandError?)> AnswerAsync(
        BulkCommand command, CancellationToken cancellationToken)
    {
        var text = command.AnswerText;
        if (command.CannedId is { } cannedId)
        {
            var canned = await db.CannedAnswers.AsNoTracking().Where(c => c.Id == cannedId && c.IsActive).Select(c => c.Text).FirstOrDefaultAsync(cancellationToken);
            if (canned is null)
            {
                return (AuditActions.RequestAnswer, null, new(nameof(BulkCommand.CannedId), "پاسخ آماده‌ای از فهرست برگزینید."));
            }

            text = string.IsNullOrWhiteSpace(text) ? canned : canned + "\n\n" + text.Trim();
        }

        // The text is checked once, before any row: an empty answer is the command's fault, not each request's.
        var check = RequestTexts.Answer.Check(text, out _);
        if (!check.Succeeded)
        {
            return (AuditActions.RequestAnswer, null, new(nameof(BulkCommand.AnswerText), check.Error!));
        }

        return (AuditActions.RequestAnswer, a => actions.AnswerAsync(a, text, [], uploads.Value, cancellationToken), null);
    }

    private async Task<(string, Func<StaffAction, Task<RequestResult>>?, BulkCommandError?)> LinkAsync(
        BulkCommand command, CancellationToken cancellationToken)
    {
        var actor = (await currentStaff.RequireAsync(cancellationToken)).ToActor();
        var incident = command.IncidentId is { } id
            ? await db.Incidents.AsNoTracking().Where(IncidentRules.VisibleTo(actor)).FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            : null;
        if (incident is null)
        {
            return (AuditActions.RequestIncidentLink, null, new(nameof(BulkCommand.IncidentId), ChooseIncident));
        }

        return (AuditActions.RequestIncidentLink, a =>
        {
            a.AuditDetails = $"به رخداد «{incident.Title}»";
            return Task.FromResult(a.Request.LinkToIncident(a.Actor, incident, a.Now));
        }, null);
    }
}
