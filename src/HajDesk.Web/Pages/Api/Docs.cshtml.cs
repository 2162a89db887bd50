using HajDesk.Web.Infrastructure;
using HajDesk.Web.Open311;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;

namespace HajDesk.Web.Pages.Api;

/// <summary>
/// <c>/api/docs</c>: the API reference, rendered on the server from the same OpenAPI document that
/// <see cref="Open311Endpoints.OpenApiPath"/> serves (no script, nothing from a CDN).
/// </summary>
[NoStore]
public class DocsModel([FromKeyedServices("v1")] IOpenApiDocumentProvider documents) : PageModel
{
    /// <summary>One operation of the document.</summary>
    public sealed record Operation(string Method, string Path, string? Summary, string? Description, IReadOnlyList<Parameter> Parameters);

    public sealed record Parameter(string Name, string In, bool Required, string? Description);

    public IReadOnlyList<Operation> Operations { get; private set; } = [];

    public string Title { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var document = await documents.GetOpenApiDocumentAsync(cancellationToken);
        Title = document.Info.Title ?? string.Empty;
        Description = document.Info.Description;
        Operations = [.. (document.Paths ?? []).SelectMany(path => (path.Value.Operations ?? []).Select(op => new Operation(
            op.Key.Method,
            path.Key,
            op.Value.Summary,
            op.Value.Description,
            [.. (op.Value.Parameters ?? []).Select(p => new Parameter(p.Name ?? string.Empty, p.In?.ToString().ToLowerInvariant() ?? string.Empty, p.Required, p.Description))])))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)];
    }
}
