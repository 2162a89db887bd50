namespace HajDesk.Web.Staff;

/// <summary>
/// Every audited action (<see cref="Core.Audit.AuditEntry.Action"/>): its stable name, written once here. The audit
/// log page names each in Persian (<see cref="AuditActionText"/>); a test checks that none is left without a name.
/// </summary>
public static class AuditActions
{
    // Signing in and accounts.
    public const string SignIn = "sign-in";
    public const string SignInFailure = "sign-in.failure";
    public const string SignOut = "sign-out";
    public const string DirectoryRevoke = "directory.revoke";
    public const string DirectoryUpdate = "directory.update";
    public const string TwoFactorEnable = "2fa.enable";
    public const string TwoFactorDisable = "2fa.disable";
    public const string TwoFactorFailure = "2fa.failure";
    public const string CreateAdmin = "staff.create-admin";
    public const string ResetAdmin = "staff.reset-admin";
    public const string RecoveryCodesNew = "2fa.recovery-codes";
    public const string RecoveryCodeSignIn = "2fa.recovery-sign-in";
    public const string InboxSearch = "inbox.search";
    public const string RequestView = "request.view";
    public const string FileDownload = "file.download";
    public const string RequestTake = "request.take";
    public const string RequestAssign = "request.assign";
    public const string RequestAnswer = "request.answer";
    public const string RequestNote = "request.note";
    public const string RequestRefer = "request.refer";
    public const string RequestClose = "request.close";
    public const string RequestReopen = "request.reopen";
    public const string RequestAsk = "request.ask";
    public const string RequestIncidentLink = "request.incident-link";
    public const string RequestIncidentUnlink = "request.incident-unlink";
    public const string RequestMerge = "request.merge";
    public const string InboxBulk = "inbox.bulk";
    public const string AbsenceCreate = "absence.create";
    public const string AbsenceDelete = "absence.delete";
    public const string AbsenceHandOver = "absence.hand-over";
    public const string IncidentCreate = "incident.create";
    public const string IncidentView = "incident.view";
    public const string IncidentAnswer = "incident.answer";
    public const string IncidentCloseRequests = "incident.close-requests";
    public const string IncidentClose = "incident.close";
    public const string InboxExport = "inbox.export";
    public const string ReportExport = "reports.export";
    public const string PeriodicReport = "reports.periodic";

    // Report views and what citizens do that staff may need to trace (no staff member signed in).
    public const string ReportView = "report.view";
    public const string CitizenLostCodes = "citizen.lost-codes";
    public const string CitizenOpenRequestReminder = "citizen.open-request-reminder";

    // The Open311 API, by the key's owner.
    public const string ApiServices = "api.services";
    public const string ApiService = "api.service";
    public const string ApiRequestCreate = "api.request.create";
    public const string ApiRequestView = "api.request.view";
    public const string ApiRequestsSearch = "api.requests.search";

    // Administration.
    public const string SubjectCreate = "subject.create";
    public const string SubjectUpdate = "subject.update";
    public const string SubjectMove = "subject.move";
    public const string SubjectActivate = "subject.activate";
    public const string SubjectDeactivate = "subject.deactivate";
    public const string SubjectDelete = "subject.delete";
    public const string CatalogueUpdate = "catalogue.update";
    public const string QuestionCreate = "question.create";
    public const string QuestionUpdate = "question.update";
    public const string QuestionDelete = "question.delete";
    public const string FieldCreate = "field.create";
    public const string FieldUpdate = "field.update";
    public const string ProvinceUpdate = "province.update";
    public const string StaffCreate = "staff.create";
    public const string StaffUpdate = "staff.update";
    public const string StaffDisable = "staff.disable";
    public const string StaffEnable = "staff.enable";
    public const string StaffPasswordReset = "staff.password-reset";
    public const string StaffTwoFactorReset = "staff.2fa-reset";
    public const string CannedCreate = "canned.create";
    public const string CannedUpdate = "canned.update";
    public const string CannedActivate = "canned.activate";
    public const string CannedDeactivate = "canned.deactivate";
    public const string NotificationRetry = "notification.retry";
    public const string TemplateUpdate = "template.update";
    public const string CalendarWeek = "calendar.week";
    public const string HolidayAdd = "calendar.holiday-add";
    public const string HolidayDelete = "calendar.holiday-delete";
    public const string EscalationUpdate = "escalation.update";
    public const string EscalationReset = "escalation.reset";
    public const string ApiKeyCreate = "api-key.create";
    public const string ApiKeyRevoke = "api-key.revoke";
    public const string WebhookCreate = "webhook.create";
    public const string WebhookUpdate = "webhook.update";
    public const string WebhookSecret = "webhook.secret";
    public const string RequestRegister = "request.register";
    public const string RetentionUpdate = "retention.update";
    public const string InformationUpdate = "information.update";
    public const string InformationReset = "information.reset";

    /// <summary>Retention's runs, written by Core (which cannot see this catalogue).</summary>
    public const string RetentionRun = Core.Retention.RetentionService.AuditAction;
}
