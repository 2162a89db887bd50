using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;

namespace HajDesk.Web.Open311;

/// <summary>
/// The Open311 GeoReport v2 API under <c>/open311/v2/</c> (see <c>docs/api.md</c>): every resource with an optional
/// <c>.json</c> or <c>.xml</c> suffix; an API key (<c>api_key</c> or the <c>X-Api-Key</c> header) on the calls about
/// requests, none needed for discovery, the service list and the service definitions; a per-key (or, without a key,
/// per-address) rate limit; no antiforgery (nothing here reads a cookie) and no CORS. The OpenAPI document is at <see cref="OpenApiPath"/>.
/// </summary>
public static class Open311Endpoints
{
    public const string Prefix = "/open311/v2";

    public const string OpenApiPath = "/openapi/v1.json";

    private const string KeyDescription = "کلید API که مدیر سامانه صادر کرده است (پارامتر api_key یا سرآیند X-Api-Key).";

    private const string PublicDescription = "بی کلید API هم پاسخ داده می‌شود؛ کلید اگر بیاید باید درست باشد.";

    public static IServiceCollection AddOpen311(this IServiceCollection services)
    {
        services.AddScoped<Core.ApiKeys.ApiKeyService>();
        services.AddScoped<Open311Api>();
        services.AddScoped<Open311Requests>();
        services.AddScoped<Open311Queries>();
        services.AddSingleton<Open311KeyLimiter>();
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("open311/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "HajDesk Open311 GeoReport v2";
                document.Info.Description = "درخواست‌های شهروندان از سامانه‌های دیگر: فهرست خدمت‌ها، ثبت درخواست و پیگیری. راهنما: docs/api.md";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(OpenApiPath);
        var api = app.MapGroup(Prefix).WithTags("Open311 GeoReport v2");

        foreach (var suffix in new[] { string.Empty, ".{format}" })
        {
            api.MapGet("discovery" + suffix, (HttpContext http, string? format) =>
                    Open311Api.ParseFormat(format) is { } f
                        ? Open311Api.Discovery(f, http.Request)
                        : Open311Errors.Result(Open311Format.Json, StatusCodes.Status400BadRequest, Open311Errors.UnknownFormat))
                .WithSummary("Discovery: نشانی‌ها و قالب‌های این API").AllowAnonymous();

            api.MapGet("services" + suffix, (HttpContext http, string? format, [FromQuery(Name = "api_key")] string? apiKey, Open311Api open311) =>
                    open311.RunAsync(http, format, apiKey, AuditActions.ApiServices, (f, _) => open311.ServicesAsync(f, http.RequestAborted), keyRequired: false))
                .WithSummary("فهرست خدمت‌ها (موضوع‌های فرعی فعال و موضوع‌های اصلی بی‌موضوع فرعی)")
                .WithDescription(PublicDescription);

            api.MapGet("requests" + suffix, (HttpContext http, string? format, [FromQuery(Name = "api_key")] string? apiKey,
                    [FromQuery(Name = "service_request_id")] string? ids, [FromQuery(Name = "service_code")] string? serviceCode,
                    [FromQuery(Name = "start_date")] string? startDate, [FromQuery(Name = "end_date")] string? endDate,
                    [FromQuery(Name = "status")] string? status, [FromQuery(Name = "updated_after")] string? updatedAfter,
                    [FromQuery(Name = "updated_before")] string? updatedBefore, Open311Api open311, Open311Queries queries) =>
                    open311.RunAsync(http, format, apiKey, AuditActions.ApiRequestsSearch,
                        (f, _) => queries.SearchAsync(f, new(ids, serviceCode, startDate, endDate, status, updatedAfter, updatedBefore), http.RequestAborted)))
                .WithSummary("جستجوی درخواست‌ها: حداکثر ۱۰۰۰ درخواست در ۹۰ روز، بی داده هویتی متقاضی")
                .WithDescription("service_request_id (کدهای پیگیری جدا با ویرگول)، service_code (جدا با ویرگول)، start_date و end_date (ISO 8601)، status (open یا closed)، updated_after و updated_before برای پیگیری تغییرها. " + KeyDescription);

            api.MapPost("requests" + suffix, async (HttpContext http, string? format, Open311Api open311, Open311Requests requests) =>
                {
                    if (!http.Request.HasFormContentType)
                    {
                        return Open311Errors.Result(Open311Api.ParseFormat(format) ?? Open311Format.Json, StatusCodes.Status400BadRequest, Open311Errors.FormRequired);
                    }

                    var form = await http.Request.ReadFormAsync(http.RequestAborted);
                    var apiKey = form.TryGetValue("api_key", out var inForm) ? inForm.ToString() : http.Request.Query["api_key"].ToString();
                    return await open311.RunAsync(http, format, apiKey, AuditActions.ApiRequestCreate, (f, key) => requests.CreateAsync(http, f, form, key!));
                })
                .WithSummary("ثبت درخواست برای متقاضی (هویت با ثبت احوال تأیید می‌شود)")
                .WithDescription("بدنه application/x-www-form-urlencoded: api_key، service_code، description و attribute[national_code]، attribute[birth_date]، attribute[province]، attribute[mobile] و ویژگی‌های اختیاری. سرآیند Idempotency-Key تکرار را بی‌اثر می‌کند.")
                .Accepts<IFormCollection>("application/x-www-form-urlencoded")
                .DisableAntiforgery();
        }

        api.MapGet("services/{code}", (HttpContext http, string code, [FromQuery(Name = "api_key")] string? apiKey, Open311Api open311) =>
            {
                var (id, suffix) = Open311Api.SplitSuffix(code);
                return open311.RunAsync(http, suffix, apiKey, AuditActions.ApiService, (f, _) => open311.DefinitionAsync(f, id, http.RequestAborted), keyRequired: false);
            })
            .WithSummary("ویژگی‌هایی که درخواست یک خدمت لازم دارد (service definition)")
            .WithDescription(PublicDescription);

        api.MapGet("requests/{id}", (HttpContext http, string id, [FromQuery(Name = "api_key")] string? apiKey, Open311Api open311, Open311Queries queries) =>
            {
                var (code, suffix) = Open311Api.SplitSuffix(id);
                return open311.RunAsync(http, suffix, apiKey, AuditActions.ApiRequestView, (f, _) => queries.OneAsync(f, code, http.RequestAborted));
            })
            .WithSummary("یک درخواست با کد پیگیری آن (وضعیت و پاسخ منتشرشده)")
            .WithDescription(KeyDescription);

        api.Map("{**rest}", (HttpContext http) =>
            {
                http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
                var format = http.Request.Path.Value?.EndsWith(".xml", StringComparison.Ordinal) == true ? Open311Format.Xml : Open311Format.Json;
                return Open311Errors.Result(format, StatusCodes.Status404NotFound, Open311Errors.NotFound);
            })
            .ExcludeFromDescription();
        return app;
    }
}
