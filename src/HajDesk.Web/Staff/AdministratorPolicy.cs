using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace HajDesk.Web.Staff;

/// <summary>
/// The administration pages (<c>/Staff/Admin/**</c>, routes <c>/staff/admin/...</c>) are for administrators only.
/// The folder carries the <see cref="Administrator"/> policy (a Razor Pages convention), so every handler of every
/// page there is checked on the server before it runs, including pages added later.
/// </summary>
/// <remarks>
/// The role is read from the account as it is in the database now (<see cref="CurrentStaff"/>), not from the cookie's
/// claims, so a demoted administrator loses the pages on the next click. A signed-in expert or supervisor gets
/// <b>404</b>, not 403, like a request outside their scope: the back office never confirms that something exists to
/// someone who may not see it. Nobody signed in is sent to the sign-in page as everywhere under <c>/staff</c>.
/// </remarks>
public static class StaffPolicies
{
    public const string Administrator = "staff-administrator";

    public const string AdminFolder = "/Staff/Admin";

    public static void AddAdministratorPolicy(this AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Administrator, policy => policy.RequireAuthenticatedUser().AddRequirements(new AdministratorRequirement()));
    }
}

/// <summary>Met when the signed-in account is an active administrator.</summary>
public sealed class AdministratorRequirement : IAuthorizationRequirement;

/// <summary>Checks <see cref="AdministratorRequirement"/> against the database through <see cref="CurrentStaff"/>.</summary>
public sealed class AdministratorHandler : AuthorizationHandler<AdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Resource is HttpContext http
            && await http.RequestServices.GetRequiredService<CurrentStaff>().GetAsync(http.RequestAborted) is { IsAdministrator: true })
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// Turns a failed <see cref="AdministratorRequirement"/> of a signed-in user into 404 (rendered by the Persian error
/// page); every other outcome is handled as usual (sign-in redirect, 403).
/// </summary>
public sealed class StaffAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<AdministratorRequirement>().Any() == true)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
