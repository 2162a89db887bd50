using System.Runtime.CompilerServices;
using HajDesk.Core.ApiKeys;
using HajDesk.Core.Audit;
using HajDesk.Core.Calendar;
using HajDesk.Core.Captcha;
using HajDesk.Core.Catalogue;
using HajDesk.Core.Escalation;
using HajDesk.Core.Notifications;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Core.Surveys;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HajDesk.Core.Data;

/// <summary>
/// The one database of HajDesk: requests and their files, reference data, staff accounts, CAPTCHA challenges,
/// the notification outbox and the Data Protection key ring.
/// </summary>
/// <remarks>
/// The provider is chosen at start-up (<c>Database:Provider</c>), and each provider has its own migrations project.
/// After changing the model, add a migration to both, with the same name:
/// <code>
/// scripts/add-migration.sh AddSomething
/// </code>
/// which runs <c>dotnet ef migrations add</c> against <c>src/HajDesk.Migrations.Sqlite</c> and
/// <c>src/HajDesk.Migrations.Postgres</c> (each has a design-time factory, so no database is needed).
/// All instants are UTC <see cref="DateTime"/> values: SQLite cannot order or compare <see cref="DateTimeOffset"/>.
/// Every entity people edit implements <see cref="IVersioned"/>: its <c>Version</c> is configured here, once for all
/// of them, as the concurrency token, and <see cref="SaveChanges(bool)"/> moves it on every saved change.
/// </remarks>
public class HajDeskDbContext(DbContextOptions<HajDeskDbContext> options)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<Province> Provinces => Set<Province>();

    public DbSet<Subject> Subjects => Set<Subject>();

    public DbSet<ServiceRequest> Requests => Set<ServiceRequest>();

    public DbSet<HajDesk.Core.Incidents.Incident> Incidents => Set<HajDesk.Core.Incidents.Incident>();

    public DbSet<Assignment.StaffAbsence> StaffAbsences => Set<Assignment.StaffAbsence>();

    public DbSet<Assignment.AssignmentTurn> AssignmentTurns => Set<Assignment.AssignmentTurn>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    public DbSet<RequestEvent> RequestEvents => Set<RequestEvent>();

    public DbSet<StaffSubject> StaffSubjects => Set<StaffSubject>();

    public DbSet<CannedAnswer> CannedAnswers => Set<CannedAnswer>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<CaptchaChallenge> CaptchaChallenges => Set<CaptchaChallenge>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<RecordedMessage> RecordedMessages => Set<RecordedMessage>();

    public DbSet<Requests.Verification.MobileVerification> MobileVerifications => Set<Requests.Verification.MobileVerification>();

    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();

    public DbSet<Holiday> Holidays => Set<Holiday>();

    public DbSet<CalendarSettings> CalendarSettings => Set<CalendarSettings>();

    public DbSet<EscalationSetting> EscalationSettings => Set<EscalationSetting>();

    public DbSet<EscalationMark> EscalationMarks => Set<EscalationMark>();

    public DbSet<EscalationDigest> EscalationDigests => Set<EscalationDigest>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<SubjectQuestion> SubjectQuestions => Set<SubjectQuestion>();

    public DbSet<AnswerView> AnswerViews => Set<AnswerView>();

    /// <summary>Subjects' extra fields and what each request answered to them (Core/Fields).</summary>
    public DbSet<Fields.SubjectField> SubjectFields => Set<Fields.SubjectField>();

    public DbSet<Fields.RequestFieldValue> RequestFieldValues => Set<Fields.RequestFieldValue>();

    public DbSet<SurveyInvitation> SurveyInvitations => Set<SurveyInvitation>();

    public DbSet<Webhooks.WebhookSubscriber> WebhookSubscribers => Set<Webhooks.WebhookSubscriber>();

    public DbSet<Webhooks.WebhookSubscriberProvince> WebhookSubscriberProvinces => Set<Webhooks.WebhookSubscriberProvince>();

    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    /// <summary>The retention policy's one row (Core/Retention).</summary>
    public DbSet<Retention.RetentionSettings> RetentionSettings => Set<Retention.RetentionSettings>();

    /// <summary>The accessibility statement and the privacy notice, one row each (Core/Information).</summary>
    public DbSet<Information.InformationPage> InformationPages => Set<Information.InformationPage>();

    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    /// <summary>The report summary (decision 0006): its rows, its months and the changes since they were summarised.</summary>
    public DbSet<Reports.ReportSummaryRow> ReportSummaryRows => Set<Reports.ReportSummaryRow>();

    public DbSet<Reports.ReportSummaryMonth> ReportSummaryMonths => Set<Reports.ReportSummaryMonth>();

    public DbSet<Reports.ReportSummaryChange> ReportSummaryChanges => Set<Reports.ReportSummaryChange>();

    /// <summary>Rate-limit windows shared by every node (PostgreSQL; the SQLite table stays empty).</summary>
    public DbSet<Operations.RateCounter> RateCounters => Set<Operations.RateCounter>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Versioning.Stamp(this);
        Reports.ReportSummary.MarkChanges(this);
        var referenceData = ChangesReferenceData();
        using var turn = Database.CurrentTransaction is null ? WriteGate?.Enter(this) : null;
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            if (referenceData)
            {
                ReferenceDataVersion.Changed();
            }
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Versioning.Stamp(this);
        Reports.ReportSummary.MarkChanges(this);
        var referenceData = ChangesReferenceData();
        // SQLite: this save's turn among the process's writers (see IDatabaseWriteGate), held until after the commit.
        using var turn = Database.CurrentTransaction is null && WriteGate is { } gate ? await gate.EnterAsync(this, cancellationToken) : null;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            // After the commit (or its failure): a cache that reloaded meanwhile saw the old counter and reloads again.
            if (referenceData)
            {
                ReferenceDataVersion.Changed();
            }
        }
    }

    /// <summary>The write gate among this context's interceptors, if its provider needs one (looked up once).</summary>
    private IDatabaseWriteGate? WriteGate => (writeGate ??= new(
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<IDatabaseWriteGate>().FirstOrDefault())).Value;

    private StrongBox<IDatabaseWriteGate?>? writeGate;

    /// <summary>
    /// Whether this save touches what <see cref="ReferenceDataCache"/> and the template store keep in memory; the
    /// one place that invalidates them, so no admin page has to remember to.
    /// </summary>
    private bool ChangesReferenceData()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is Province or Subject or MessageTemplate or SubjectQuestion or Fields.SubjectField)
            {
                return true;
            }
        }

        return false;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so that the database reads well and reordering an enum is harmless.
        configurationBuilder.Properties<RequestStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RequestEventKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RequestType>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Gender>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<StaffRole>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<NotificationChannel>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<OutboxStatus>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<RequestChannel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Assignment.AssignmentMode>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Fields.FieldKind>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<Webhooks.WebhookEvent>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Webhooks.WebhookDeliveryStatus>().HaveConversion<string>().HaveMaxLength(10);
        // Every instant is UTC; SQLite hands values back without a kind, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Reports.ReportSummaryRow>(e =>
        {
            e.HasIndex(r => new { r.Month, r.ProvinceId });
            e.Property(r => r.FirstAnsweredById).HasMaxLength(450);
        });

        builder.Entity<Reports.ReportSummaryMonth>(e =>
        {
            e.HasKey(m => m.Month);
            e.Property(m => m.Month).ValueGeneratedNever();
        });

        builder.Entity<Reports.ReportSummaryChange>(e => e.HasIndex(c => c.Month));

        builder.Entity<Operations.RateCounter>(e =>
        {
            e.HasKey(c => new { c.Key, c.WindowStart });
            e.Property(c => c.Key).HasMaxLength(Operations.RateCounter.MaxKeyLength);
            e.HasIndex(c => c.ExpiresAt);
        });

        builder.Entity<Province>(e =>
        {
            e.Property(p => p.Code).HasMaxLength(40);
            e.HasIndex(p => p.Code).IsUnique();
            e.Property(p => p.Name).HasMaxLength(Province.MaxNameLength);
            e.Property(p => p.EnglishName).HasMaxLength(60);
            e.Property(p => p.AreaCode).HasMaxLength(4);
        });

        builder.Entity<Subject>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(Subject.MaxNameLength);
            e.Property(s => s.SeedKey).HasMaxLength(300);
            e.HasIndex(s => s.SeedKey).IsUnique();
            e.HasOne(s => s.Parent).WithMany(s => s.Children).HasForeignKey(s => s.ParentId)
                .OnDelete(DeleteBehavior.Restrict);
            e.Property(s => s.ServiceCode).HasMaxLength(ServiceCode.MaxLength);
            e.HasIndex(s => s.ServiceCode).IsUnique();
            e.Property(s => s.Description).HasMaxLength(Subject.MaxCatalogueTextLength);
            e.Property(s => s.RequiredDocuments).HasMaxLength(Subject.MaxCatalogueTextLength);
            e.Property(s => s.Steps).HasMaxLength(Subject.MaxCatalogueTextLength);
            e.Property(s => s.LegalBasis).HasMaxLength(Subject.MaxCatalogueTextLength);
            e.Property(s => s.Cost).HasMaxLength(Subject.MaxCatalogueTextLength);
        });

        builder.Entity<SubjectQuestion>(e =>
        {
            e.Property(q => q.Question).HasMaxLength(SubjectQuestion.MaxQuestionLength);
            e.Property(q => q.Answer).HasMaxLength(SubjectQuestion.MaxAnswerLength);
            e.HasIndex(q => new { q.SubjectId, q.DisplayOrder });
            e.HasOne(q => q.Subject).WithMany(s => s.Questions).HasForeignKey(q => q.SubjectId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Fields.SubjectField>(e =>
        {
            e.Property(f => f.Label).HasMaxLength(Fields.SubjectField.MaxLabelLength);
            e.Property(f => f.HelpText).HasMaxLength(Fields.SubjectField.MaxHelpLength);
            e.Property(f => f.Options).HasMaxLength(Fields.SubjectField.MaxOptionsLength);
            e.HasIndex(f => new { f.SubjectId, f.DisplayOrder });
            e.HasOne(f => f.Subject).WithMany().HasForeignKey(f => f.SubjectId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Fields.RequestFieldValue>(e =>
        {
            e.Property(v => v.Label).HasMaxLength(Fields.SubjectField.MaxLabelLength);
            e.Property(v => v.Value).HasMaxLength(Fields.FieldRules.MaxTextValueLength);
            e.HasIndex(v => new { v.RequestId, v.DisplayOrder });
            // The report grouping by a choice field reads a field's values.
            e.HasIndex(v => new { v.FieldId, v.RequestId });
            e.HasOne(v => v.Request).WithMany(r => r.FieldValues).HasForeignKey(v => v.RequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Fields.SubjectField>().WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AnswerView>(e =>
        {
            e.HasIndex(v => v.SubmissionKey);
            e.HasIndex(v => new { v.QuestionId, v.At });
            e.HasOne<SubjectQuestion>().WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SurveyInvitation>(e =>
        {
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.HasIndex(i => i.RequestId).IsUnique();
            e.HasIndex(i => i.SubmittedAt);
            e.Property(i => i.Scores).HasMaxLength(40);
            e.Property(i => i.Comment).HasMaxLength(SurveyQuestionnaire.MaxCommentLength);
            // Only the first submission may record: a save of a second one, read before the first committed, fails.
            e.Property(i => i.SubmittedAt).IsConcurrencyToken();
            e.HasOne<ServiceRequest>().WithMany().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ServiceRequest>(e =>
        {
            e.Property(r => r.TrackingCode).HasMaxLength(12);
            e.HasIndex(r => r.TrackingCode).IsUnique();
            e.HasIndex(r => r.SubmissionKey).IsUnique();
            e.Property(r => r.NationalCode).HasMaxLength(10);
            // A person's requests (history, follow-up, lost codes) by the leading column; the send form's open-request
            // check (issue 24) by all three, so it reads only that person's requests on that subject.
            e.HasIndex(r => new { r.NationalCode, r.SubjectId, r.SubSubjectId });
            e.Property(r => r.FirstName).HasMaxLength(100);
            e.Property(r => r.LastName).HasMaxLength(100);
            e.Property(r => r.Email).HasMaxLength(254);
            e.Property(r => r.Mobile).HasMaxLength(11);
            e.Property(r => r.LandlineAreaCode).HasMaxLength(4);
            e.Property(r => r.LandlineNumber).HasMaxLength(8);
            e.Property(r => r.Text).HasMaxLength(ServiceRequest.MaxTextLength);
            e.Property(r => r.RatingComment).HasMaxLength(1000);
            e.Property(r => r.AssignedToId).HasMaxLength(450);
            // The inbox: a province's queue by status, newest or oldest first, with the id as a tie-breaker
            // so keyset paging is exact.
            e.HasIndex(r => new { r.ProvinceId, r.Status, r.CreatedAt, r.Id });
            e.HasIndex(r => new { r.ProvinceId, r.CreatedAt, r.Id });
            e.HasIndex(r => new { r.ProvinceId, r.DueAt });
            // Overdue (and due soon) by status: the inbox counts each open status past (or near) its due instant,
            // an index range per status instead of reading table rows (migration InboxAtScale).
            e.HasIndex(r => new { r.ProvinceId, r.Status, r.DueAt });
            // Administrators' inbox spans every province: the same orders without the province prefix.
            e.HasIndex(r => new { r.CreatedAt, r.Id });
            e.HasIndex(r => new { r.Status, r.CreatedAt, r.Id });
            e.HasIndex(r => new { r.Status, r.DueAt });
            e.HasIndex(r => r.AssignedToId);
            // Retention: the closed requests due for anonymisation, oldest closing first.
            e.HasIndex(r => new { r.Status, r.ClosedAt });
            e.Property(r => r.FirstAnsweredById).HasMaxLength(450);
            e.HasOne(r => r.Province).WithMany().HasForeignKey(r => r.ProvinceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(r => r.Subject).WithMany().HasForeignKey(r => r.SubjectId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(r => r.SubSubject).WithMany().HasForeignKey(r => r.SubSubjectId).OnDelete(DeleteBehavior.Restrict);
            e.Property(r => r.Channel).HasDefaultValue(RequestChannel.Web).HasSentinel(RequestChannel.Web);
            e.Property(r => r.CreatedById).HasMaxLength(450);
            e.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
            // An incident's page lists its requests by (CreatedAt, Id) and counts them by status.
            e.HasIndex(r => new { r.IncidentId, r.Status, r.CreatedAt, r.Id });
            e.HasOne<HajDesk.Core.Incidents.Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ServiceRequest>().WithMany().HasForeignKey(r => r.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Assignment.StaffAbsence>(e =>
        {
            e.Property(a => a.StaffUserId).HasMaxLength(450);
            e.Property(a => a.HandOverToId).HasMaxLength(450);
            e.Property(a => a.CreatedById).HasMaxLength(450);
            // Automatic assignment asks "absent today?" per candidate; the hand-over round asks for begun, not handed over.
            e.HasIndex(a => new { a.StaffUserId, a.From, a.To });
            e.HasIndex(a => new { a.HandedOverAt, a.From });
            e.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Assignment.AssignmentTurn>(e =>
        {
            e.HasKey(t => t.StaffUserId);
            e.Property(t => t.StaffUserId).HasMaxLength(450);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<HajDesk.Core.Incidents.Incident>(e =>
        {
            e.Property(i => i.Title).HasMaxLength(HajDesk.Core.Incidents.Incident.MaxTitleLength);
            e.Property(i => i.CreatedById).HasMaxLength(450);
            e.HasIndex(i => new { i.ProvinceId, i.CreatedAt });
            e.HasOne(i => i.Province).WithMany().HasForeignKey(i => i.ProvinceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(i => i.Subject).WithMany().HasForeignKey(i => i.SubjectId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Attachment>(e =>
        {
            // Ids are drawn by the app (they name staged files before the request exists), so EF must treat a new
            // attachment reached through a navigation as new, not as an existing row.
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.FileName).HasMaxLength(255);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.HasIndex(a => a.RequestId);
            e.HasIndex(a => a.StagingKey);
            e.HasOne(a => a.Request).WithMany(r => r.Attachments).HasForeignKey(a => a.RequestId)
                .OnDelete(DeleteBehavior.Cascade);
            e.HasOne<RequestEvent>().WithMany(ev => ev.Attachments).HasForeignKey(a => a.EventId)
                .OnDelete(DeleteBehavior.Restrict);
            e.HasOne(a => a.Content).WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AttachmentContent>(e => e.HasKey(c => c.AttachmentId));

        builder.Entity<RequestEvent>(e =>
        {
            e.Property(ev => ev.ActorId).HasMaxLength(450);
            e.Property(ev => ev.ActorName).HasMaxLength(200);
            e.Property(ev => ev.Text).HasMaxLength(8000);
            e.HasIndex(ev => new { ev.RequestId, ev.At });
            e.HasOne(ev => ev.Request).WithMany(r => r.Events).HasForeignKey(ev => ev.RequestId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<StaffUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(StaffUser.MaxDisplayNameLength);
            e.Property(u => u.DirectoryDn).HasMaxLength(StaffUser.MaxDirectoryDnLength);
            e.Ignore(u => u.IsDirectoryAccount);
            e.HasOne<Province>().WithMany().HasForeignKey(u => u.ProvinceId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(u => u.Subjects).WithOne().HasForeignKey(s => s.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<StaffSubject>(e =>
        {
            e.HasKey(s => new { s.StaffUserId, s.SubjectId });
            e.HasOne<Subject>().WithMany().HasForeignKey(s => s.SubjectId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CannedAnswer>(e =>
        {
            e.Property(c => c.Title).HasMaxLength(CannedAnswer.MaxTitleLength);
            e.Property(c => c.Text).HasMaxLength(CannedAnswer.MaxTextLength);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.UserId).HasMaxLength(450);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Details).HasMaxLength(1000);
            e.Property(a => a.IpAddress).HasMaxLength(64);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.UserId, a.At });
            e.HasIndex(a => new { a.RequestId, a.At });
        });

        builder.Entity<CaptchaChallenge>(e =>
        {
            e.Property(c => c.ProtectedAnswer).HasMaxLength(1000);
            e.HasIndex(c => c.ExpiresAt);
        });

        builder.Entity<OutboxMessage>(e =>
        {
            e.Property(m => m.Template).HasMaxLength(60);
            e.Property(m => m.Recipient).HasMaxLength(254);
            e.Property(m => m.Subject).HasMaxLength(300);
            e.Property(m => m.LastError).HasMaxLength(2000);
            e.Property(m => m.ProviderMessageId).HasMaxLength(100);
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.HasIndex(m => m.IdempotencyKey).IsUnique();
        });

        builder.Entity<Requests.Verification.MobileVerification>(e =>
        {
            e.HasIndex(v => v.SubmissionKey).IsUnique();
            e.Property(v => v.MobileHash).HasMaxLength(64);
            e.Property(v => v.CodeHash).HasMaxLength(64);
            e.HasIndex(v => v.LastSentAt);
        });

        builder.Entity<RecordedMessage>(e =>
        {
            e.Property(m => m.Recipient).HasMaxLength(254);
            e.Property(m => m.Subject).HasMaxLength(300);
            e.HasIndex(m => m.At);
        });

        builder.Entity<MessageTemplate>(e =>
        {
            e.HasKey(t => t.Key);
            e.Property(t => t.Key).HasMaxLength(60);
            e.Property(t => t.SmsText).HasMaxLength(MessageTemplate.MaxSmsTextLength);
            e.Property(t => t.EmailSubject).HasMaxLength(MessageTemplate.MaxEmailSubjectLength);
            e.Property(t => t.EmailText).HasMaxLength(MessageTemplate.MaxEmailTextLength);
        });

        // The official calendar and escalation (Core/Calendar).
        builder.Entity<Holiday>(e =>
        {
            e.Property(h => h.Title).HasMaxLength(Holiday.MaxTitleLength);
            e.HasIndex(h => h.Date).IsUnique();
        });

        builder.Entity<CalendarSettings>(e => e.Property(s => s.Id).ValueGeneratedNever());

        builder.Entity<Retention.RetentionSettings>(e => e.Property(s => s.Id).ValueGeneratedNever());

        builder.Entity<Webhooks.WebhookSubscriber>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(Webhooks.WebhookSubscriber.MaxNameLength);
            e.Property(s => s.Url).HasMaxLength(Webhooks.WebhookSubscriber.MaxUrlLength);
            e.Property(s => s.ProtectedSecret).HasMaxLength(1000);
            e.Property(s => s.SecretPrefix).HasMaxLength(20);
            e.Property(s => s.CreatedBy).HasMaxLength(256);
            e.HasMany(s => s.Provinces).WithOne().HasForeignKey(p => p.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Webhooks.WebhookSubscriberProvince>(e =>
        {
            e.HasKey(p => new { p.SubscriberId, p.ProvinceId });
            e.HasOne<Province>().WithMany().HasForeignKey(p => p.ProvinceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Webhooks.WebhookDelivery>(e =>
        {
            e.HasOne<Webhooks.WebhookSubscriber>().WithMany().HasForeignKey(d => d.SubscriberId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(d => d.Request).WithMany().HasForeignKey(d => d.RequestId).OnDelete(DeleteBehavior.Cascade);
            e.Property(d => d.LastError).HasMaxLength(Webhooks.WebhookDelivery.MaxErrorLength);
            e.HasIndex(d => new { d.Status, d.NextAttemptAt });
            e.HasIndex(d => new { d.SubscriberId, d.RequestId, d.Id });
            e.HasIndex(d => d.EventId).IsUnique();
        });

        // Both rows exist from the migration on (text null: the built-in default), so editing is always an update
        // checked against the version the form was drawn from.
        builder.Entity<Information.InformationPage>(e =>
        {
            e.HasKey(p => p.Key);
            e.Property(p => p.Key).HasMaxLength(40);
            e.Property(p => p.Text).HasMaxLength(Information.InformationPage.MaxTextLength);
            var seeded = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
            e.HasData(Information.InformationTexts.Keys.Select(k => new Information.InformationPage { Key = k, UpdatedAt = seeded, Version = 1 }));
        });

        builder.Entity<EscalationSetting>(e =>
        {
            e.HasKey(s => s.ProvinceId);
            e.HasOne<Province>().WithMany().HasForeignKey(s => s.ProvinceId).OnDelete(DeleteBehavior.Cascade);
        });

        // The primary keys are what makes each escalation step and each digest happen once across processes.
        builder.Entity<EscalationMark>(e =>
        {
            e.HasKey(m => new { m.RequestId, m.Threshold });
            e.Property(m => m.Threshold).HasMaxLength(20);
            e.HasOne<ServiceRequest>().WithMany().HasForeignKey(m => m.RequestId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<EscalationDigest>(e =>
        {
            e.HasKey(d => new { d.ProvinceId, d.Day });
            e.HasOne<Province>().WithMany().HasForeignKey(d => d.ProvinceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength);
            e.Property(k => k.Prefix).HasMaxLength(ApiKeySecret.PrefixLength);
            e.Property(k => k.Hash).HasMaxLength(64);
            e.Property(k => k.CreatedBy).HasMaxLength(256);
            e.HasIndex(k => k.Prefix);
        });

        // One optimistic-concurrency mechanism for everything people edit: the version column of every IVersioned
        // entity is its concurrency token (UPDATE and DELETE check it), whatever entities are added later.
        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }
}

/// <summary>Stores instants as UTC and reads them back marked as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
