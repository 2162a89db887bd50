using HajDesk.Web.Assignment;
using HajDesk.Web.Captcha;
using HajDesk.Web.Escalation;
using HajDesk.Web.Exports;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Open311;
using HajDesk.Web.Operations;
using HajDesk.Web.Pages.Requests.Send;
using HajDesk.Web.Pages.Requests.Track;
using HajDesk.Web.Reports;
using HajDesk.Web.Requests;
using HajDesk.Web.Retention;
using HajDesk.Web.Staff;
using HajDesk.Web.Submission;
using HajDesk.Web.Uploads;
using Microsoft.AspNetCore.ResponseCompression;

// `--help` (the commands and the main settings) and `--version` answer before anything else is read.
if (HostCommandLine.TryAnswer(args, Console.Out) is { } answered)
{
    return answered;
}

// `dotnet HajDesk.Web.dll migrate` (or `dotnet run --project src/HajDesk.Web -- migrate`) applies migrations
// and seeds reference data, then exits: the deployment step for PostgreSQL.
// The command is the first argument only, so that option values (`--urls http://...`, `--contentRoot dir`) are
// never taken for one.
var command = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal) ? args[0] : null;
var hostArgs = command is null ? args : args[1..];
if (command is not (null or "migrate" or CreateAdminCommand.Name or ResetAdminCommand.Name or CreateApiKeyCommand.Name))
{
    // Before anything is built or read: an unknown command touches nothing. --help lists the same commands.
    await Console.Error.WriteLineAsync($"Unknown command '{command}'. Known commands: migrate, {CreateAdminCommand.Name}, {ResetAdminCommand.Name}, {CreateApiKeyCommand.Name}. See --help.");
    return 2;
}

// `create-admin --user NAME --name "DISPLAY NAME"` creates an administrator (password from HAJDESK_ADMIN_PASSWORD
// or standard input) and exits; its own options are taken out before the host reads the rest.
CreateAdminCommand.Arguments? createAdmin = null;
if (command == CreateAdminCommand.Name && !CreateAdminCommand.TryParse(hostArgs, out createAdmin, out hostArgs, out var usage))
{
    await Console.Error.WriteLineAsync(usage);
    return 2;
}

// `create-api-key --name NAME` prints a new Open311 API key (stored hashed) and exits.
string? apiKeyName = null;
if (command == CreateApiKeyCommand.Name && !CreateApiKeyCommand.TryParse(hostArgs, out apiKeyName, out hostArgs, out var keyUsage))
{
    await Console.Error.WriteLineAsync(keyUsage);
    return 2;
}

// `reset-admin --user NAME` gives a locked-out administrator a new password (from HAJDESK_ADMIN_PASSWORD or standard
// input), turns their two-factor sign-in off and clears the lockout: the way back when every administrator is locked out.
string? resetAdmin = null;
if (command == ResetAdminCommand.Name && !ResetAdminCommand.TryParse(hostArgs, out resetAdmin, out hostArgs, out var resetUsage))
{
    await Console.Error.WriteLineAsync(resetUsage);
    return 2;
}

// The content root is the app's own folder wherever the process is started from (--contentRoot names another).
var builder = WebApplication.CreateBuilder(HostCommandLine.Options(hostArgs));
// SIGTERM: no new connections, requests in flight finish within Shutdown:TimeoutSeconds; systemd's notify protocol.
builder.AddGracefulShutdown();
// The embedded default address, used only when nothing (--urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS) says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"])
    && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

// Run from a build rather than a publish outside Development (the reference deployment in deploy/, `dotnet
// bin/.../HajDesk.Web.dll` in Production), there is no wwwroot beside the app: the build's manifest says where the
// stylesheets, scripts and their compressed copies are, as Development reads it by default. Without this the asset
// addresses answered 200 with no body. A published app has no such manifest and serves its own wwwroot.
if (!builder.Environment.IsDevelopment()
    && File.Exists(Path.Combine(AppContext.BaseDirectory, builder.Environment.ApplicationName + ".staticwebassets.runtime.json")))
{
    builder.WebHost.UseStaticWebAssets();
}

builder.Host.UseDefaultServiceProvider(o =>
{
    o.ValidateScopes = true;
    o.ValidateOnBuild = true;
});

builder.Services.AddOptions<OrganizationOptions>().BindConfiguration(OrganizationOptions.Section)
    .ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHajDeskDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddCivilRegistry(builder.Configuration);
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddSingleton(TimeProvider.System);
// JSON logs on request, the desk's metrics, and /metrics on the management address (Management:Urls) only.
builder.AddDeskObservability();
builder.Services.AddSubmission();
// The Open311 GeoReport v2 API, its API keys and its OpenAPI document (docs/api.md).
builder.Services.AddOpen311();
// Webhooks: subscribers told of requests' changes from the outbox, signed (docs/api.md#webhooks).
builder.Services.AddWebhooks(builder.Configuration);
// The largest form (every document at its size limit) must get through to the page, which then names any file
// that is too large; anything bigger is refused by the server with the Persian 413 page.
var maxRequestBytes = Math.Max(30L * 1024 * 1024,
    (builder.Configuration.GetSection(UploadOptions.Section).Get<UploadOptions>() ?? new UploadOptions()).MaxRequestBytes);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxRequestBytes);
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = maxRequestBytes);
builder.Services.AddSingleton<ReceiptCookie>();
builder.Services.AddScoped<HajDesk.Web.Catalogue.ServiceCatalogue>();
builder.Services.AddSingleton<HajDesk.Web.Catalogue.ServiceCatalogueCache>();
builder.Services.AddScoped<HajDesk.Web.Surveys.SurveyResponses>();
builder.Services.AddScoped<HajDesk.Web.Information.InformationPageService>();
builder.Services.AddSingleton<TrackingCookie>();
builder.Services.AddOptions<TrackingOptions>().BindConfiguration(TrackingOptions.Section)
    .ValidateDataAnnotations().ValidateOnStart();

// The key ring lives in the database so every node can read the antiforgery and session cookies of the others;
// encrypted at rest with DataProtection:CertificatePath when it is set.
builder.Services.AddKeyRing(builder.Configuration);
// HSTS (outside Development): a year; includeSubDomains only when Hsts:IncludeSubDomains says every subdomain is HTTPS.
builder.Services.AddHsts(o =>
{
    o.MaxAge = TimeSpan.FromDays(365);
    o.IncludeSubDomains = builder.Configuration.GetValue("Hsts:IncludeSubDomains", false);
});

// Razor Pages validate the antiforgery token of every POST by default; only the error page opts out, because
// the status-code middleware re-executes it with the failed request's method.
// Forms are built with the tag helpers (asp-for) for names, ids and values; validation is the server's, so the
// jQuery-validation data-val-* attributes are not written.
builder.Services.AddRazorPages(o =>
        // The home page is the same for every visitor (no form, no cookie, nothing from the database): kept in
        // memory for a minute, so the busiest page costs the middleware and no rendering.
        o.Conventions.AddPageApplicationModelConvention("/Index", page =>
            page.EndpointMetadata.Add(new Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute { Duration = 60 })))
    .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false)
    // A value no form offers (a forged option, an edited address) is refused in Persian, not in the framework's English.
    .AddMvcOptions(HajDesk.Web.Infrastructure.Forms.PersianBindingMessages.AddTo);
builder.Services.AddOutputCache();
// Antiforgery and TempData cookies with the flags of every other cookie of the app.
builder.Services.AddHardenedFrameworkCookies();

// Persian text is written as UTF-8, not as &#x...; entities: pages are a third of the size and readable.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

builder.Services.AddCaptcha(builder.Configuration, builder.Environment);
// Staff accounts (Identity, the staff cookie, /Staff pages need sign-in) and the back office's services.
builder.Services.AddStaffAccounts(builder.Configuration);
builder.Services.AddStaffDesk();
builder.Services.AddEditConflicts();
builder.Services.AddRequestChanges();
builder.Services.AddAssignment();
builder.Services.AddCalendarAndEscalation();
// Retention: closed requests anonymised after the administrators' period (off by default; docs/operations.md).
builder.Services.AddRetention();
// CSV and XLSX downloads streamed from the database, limited per person and audited (src/HajDesk.Web/Exports).
builder.Services.AddExports();
builder.Services.AddReports();

// /health/live and /health/ready (database reachable and migrated).
builder.Services.AddDeskHealthChecks();

builder.Services.AddResponseCompression(o =>
{
    // HTML is left uncompressed on purpose: compressing pages that hold secrets (antiforgery tokens) beside
    // attacker-chosen text invites BREACH. Static assets are precompressed at build time by MapStaticAssets.
    o.EnableForHttps = true;
    o.MimeTypes = ["text/css", "application/javascript", "text/javascript", "image/svg+xml", "application/json"];
    o.Providers.Add<BrotliCompressionProvider>();
    o.Providers.Add<GzipCompressionProvider>();
});

// Only proxies named in configuration are believed (none by default); anyone else's X-Forwarded-* is ignored.
builder.Services.AddReverseProxy(builder.Configuration);

// Every limit from RateLimits:* (validated at start-up); over one, the Persian 429 page.
builder.Services.AddRateLimits();

var app = builder.Build();

if (command == "migrate")
{
    await app.Services.PrepareDatabaseAsync(forceMigrate: true);
    Console.WriteLine("Database migrated and reference data seeded.");
    return 0;
}

if (command == CreateAdminCommand.Name)
{
    await app.Services.PrepareDatabaseAsync();
    return await CreateAdminCommand.RunAsync(app.Services, createAdmin!, Console.In, Console.Out, Console.Error);
}

if (command == CreateApiKeyCommand.Name)
{
    await app.Services.PrepareDatabaseAsync();
    return await CreateApiKeyCommand.RunAsync(app.Services, apiKeyName!, Console.Out);
}

if (command == ResetAdminCommand.Name)
{
    await app.Services.PrepareDatabaseAsync();
    return await ResetAdminCommand.RunAsync(app.Services, resetAdmin!, Console.In, Console.Out, Console.Error);
}

// Production serves only with the key ring encrypted at rest, or with DataProtection:AllowUnencryptedKeys=true.
app.RequireKeyRingProtection();
await app.Services.PrepareDatabaseAsync();
if (app.Environment.IsDevelopment())
{
    // Demo staff accounts, never in any other environment.
    await DemoStaff.SeedAsync(app.Services);
}

app.UseReverseProxyHeaders();
app.UseManagementEndpoint();
app.UseSecurityHeaders();
app.UseExceptionHandler("/errors/500");
app.UseStatusCodePagesWithReExecute("/errors/{0}");
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseResponseCompression();
app.UseRouting();
app.UseAuthentication();
// After authentication: the framework never serves a cached page to a signed-in user or caches theirs.
app.UseOutputCache();
app.UseImmutableStaticAssets();
app.UseRateLimiter();
app.UseUnreadableFormRefusal();
app.UseAuthorization();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapCaptcha();
app.MapOpen311();
app.MapDeskHealth();

await app.RunAsync();
return 0;

/// <summary>The web host's entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
