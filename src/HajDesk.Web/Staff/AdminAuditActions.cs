namespace HajDesk.Web.Staff;

/// <summary>
/// The audited actions of the administration pages (<see cref="Core.Audit.AuditEntry.Action"/>). Each is written in
/// the same <c>SaveChanges</c> as the change it records.
/// </summary>
public static class AdminAuditActions
{
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
}

/// <summary>Persian names of audited actions, for the audit log page; an unknown action is shown as stored.</summary>
public static class AuditActionText
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [AuditActions.SignIn] = "ورود",
        [AuditActions.SignInFailure] = "ورود ناموفق",
        [AuditActions.SignOut] = "خروج",
        [AuditActions.TwoFactorEnable] = "فعال کردن ورود دومرحله‌ای",
        [AuditActions.TwoFactorDisable] = "غیرفعال کردن ورود دومرحله‌ای",
        [AuditActions.TwoFactorFailure] = "کد نادرست ورود دومرحله‌ای",
        [AuditActions.CreateAdmin] = "ساخت مدیر سامانه (خط فرمان)",
        [AuditActions.ResetAdmin] = "بازنشانی مدیر سامانه (خط فرمان)",
        [AuditActions.RecoveryCodesNew] = "ساخت کدهای بازیابی ورود دومرحله‌ای",
        [AuditActions.RecoveryCodeSignIn] = "ورود با کد بازیابی",
        [AuditActions.InboxSearch] = "جستجو در کارتابل",
        [AuditActions.RequestView] = "دیدن درخواست",
        [AuditActions.FileDownload] = "دریافت فایل",
        [AuditActions.RequestTake] = "برداشتن درخواست",
        [AuditActions.RequestAssign] = "واگذاری درخواست",
        [AuditActions.RequestAnswer] = "پاسخ به درخواست",
        [AuditActions.RequestNote] = "یادداشت داخلی",
        [AuditActions.RequestRefer] = "ارجاع درخواست",
        [AuditActions.RequestClose] = "بستن درخواست",
        [AuditActions.RequestReopen] = "بازگشایی درخواست",
        [AuditActions.RequestAsk] = "درخواست اطلاعات از متقاضی",
        [AuditActions.InboxExport] = "دریافت فهرست درخواست‌ها (CSV/XLSX)",
        [AuditActions.ReportExport] = "دریافت جدول گزارش (CSV/XLSX)",
        [AuditActions.PeriodicReport] = "دریافت گزارش دوره‌ای عملکرد",
        [AdminAuditActions.SubjectCreate] = "افزودن موضوع",
        [AdminAuditActions.CatalogueUpdate] = "ویرایش شناسنامه خدمت",
        [AdminAuditActions.QuestionCreate] = "افزودن پرسش متداول",
        [AdminAuditActions.QuestionUpdate] = "ویرایش پرسش متداول",
        [AdminAuditActions.QuestionDelete] = "حذف پرسش متداول",
        [AdminAuditActions.FieldCreate] = "افزودن فیلد درخواست",
        [AdminAuditActions.FieldUpdate] = "ویرایش یا بازنشستگی فیلد درخواست",
        [AdminAuditActions.SubjectUpdate] = "ویرایش موضوع",
        [AdminAuditActions.SubjectMove] = "جابه‌جایی موضوع",
        [AdminAuditActions.SubjectActivate] = "فعال کردن موضوع",
        [AdminAuditActions.SubjectDeactivate] = "غیرفعال کردن موضوع",
        [AdminAuditActions.SubjectDelete] = "حذف موضوع",
        [AdminAuditActions.ProvinceUpdate] = "ویرایش استان",
        [AdminAuditActions.StaffCreate] = "ساخت حساب کارمند",
        [AdminAuditActions.StaffUpdate] = "ویرایش حساب کارمند",
        [AdminAuditActions.StaffDisable] = "غیرفعال کردن حساب",
        [AdminAuditActions.StaffEnable] = "فعال کردن حساب",
        [AdminAuditActions.StaffPasswordReset] = "تعیین رمز تازه",
        [AdminAuditActions.StaffTwoFactorReset] = "برداشتن ورود دومرحله‌ای",
        [AdminAuditActions.CannedCreate] = "افزودن پاسخ آماده",
        [AdminAuditActions.CannedUpdate] = "ویرایش پاسخ آماده",
        [AdminAuditActions.CannedActivate] = "فعال کردن پاسخ آماده",
        [AdminAuditActions.CannedDeactivate] = "غیرفعال کردن پاسخ آماده",
        [AdminAuditActions.NotificationRetry] = "ارسال دوباره پیام ناموفق",
        [AdminAuditActions.TemplateUpdate] = "ویرایش متن پیام",
        [AdminAuditActions.CalendarWeek] = "ویرایش روزهای کاری هفته",
        [AdminAuditActions.HolidayAdd] = "افزودن تعطیلی",
        [AdminAuditActions.HolidayDelete] = "حذف تعطیلی",
        [AdminAuditActions.EscalationUpdate] = "ویرایش آستانه‌های پیگیری دیرکرد",
        [AdminAuditActions.EscalationReset] = "بازگشت استان به آستانه‌های کشوری",
        [AdminAuditActions.ApiKeyCreate] = "صدور کلید API",
        [AdminAuditActions.ApiKeyRevoke] = "باطل کردن کلید API",
        [AdminAuditActions.WebhookCreate] = "افزودن گیرنده رویدادها (وب‌هوک)",
        [AdminAuditActions.WebhookUpdate] = "ویرایش گیرنده رویدادها (وب‌هوک)",
        [AdminAuditActions.WebhookSecret] = "ساخت رمز امضای تازه برای وب‌هوک",
        [AdminAuditActions.RequestRegister] = "ثبت درخواست برای متقاضی",
        [AdminAuditActions.RetentionUpdate] = "ویرایش دوره نگهداری داده‌ها",
        [Core.Retention.RetentionService.AuditAction] = "ناشناس کردن درخواست‌های بسته‌شده",
        [AdminAuditActions.InformationUpdate] = "ویرایش بیانیه دسترس‌پذیری یا حریم خصوصی",
        [AdminAuditActions.InformationReset] = "بازگرداندن متن پیش‌فرض بیانیه دسترس‌پذیری یا حریم خصوصی",
        ["api.services"] = "API: فهرست خدمت‌ها",
        ["api.service"] = "API: ویژگی‌های خدمت",
        ["api.request.create"] = "API: ثبت درخواست",
        ["api.request.view"] = "API: دیدن درخواست",
        ["api.requests.search"] = "API: جستجوی درخواست‌ها",
    };

    /// <summary>Every known action, in the order above, for the audit page's filter.</summary>
    public static IReadOnlyCollection<string> Known => Names.Keys;

    public static string ToPersian(string action) => Names.GetValueOrDefault(action, action);
}
