using Microsoft.AspNetCore.StaticAssets;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// Long-lived caching for static files whose address changes with their content: the fingerprinted addresses that
/// <c>asp-append-version</c> produces (<c>site.zlibh4tmoo.css</c>) and vendored files asked for with their package
/// version (<c>Vazirmatn-Regular.woff2?v=33.0.3</c>). A pilgrim's phone then downloads CSS and fonts once, not on every
/// page. MapStaticAssets does this itself only for published apps; this makes every run behave the same.
/// </summary>
public static class StaticAssetCaching
{
    public const string Immutable = "public, max-age=31536000, immutable";

    public static IApplicationBuilder UseImmutableStaticAssets(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var asset = context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>();
        if (asset is not null && (IsFingerprinted(asset) || context.Request.Query.ContainsKey("v")))
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                {
                    context.Response.Headers.CacheControl = Immutable;
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    });

    private static bool IsFingerprinted(StaticAssetDescriptor asset) =>
        asset.Properties.Any(p => p.Name == "fingerprint" && asset.Route.Contains($".{p.Value}.", StringComparison.Ordinal));
}
