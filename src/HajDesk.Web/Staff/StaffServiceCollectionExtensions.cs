using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>Where every staff cookie lives: nothing of the back office is sent to the citizens' pages.</summary>
    public const string CookiePath = "/staff";

    public const string SignInPath = "/staff/sign-in";


    /// <summary>
    /// Staff accounts: ASP.NET Core Identity on <see cref="HajDeskDbContext"/>, the password and lockout policy,
    /// TOTP two-factor sign-in, the <c>hajdesk.staff</c> cookie with a sliding idle timeout, the rule that
    /// every page under <c>/Staff</c> except sign-in needs a signed-in staff member, and the rule that every page
    /// under <c>/Staff/Admin</c> needs an administrator.
    /// </summary>
    public static IServiceCollection AddStaffAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<StaffOptions>>((o, staff) =>
            {
                o.Cookie.Name = "hajdesk.staff";
                o.ExpireTimeSpan = staff.Value.IdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.LogoutPath = "/staff/sign-out";
                o.AccessDeniedPath = "/errors/403";
                o.ReturnUrlParameter = "returnUrl";
                o.EventsType = typeof(StaffCookieEvents);
                Harden(o.Cookie);
            });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme).Configure(o =>
        {
            o.Cookie.Name = "hajdesk.staff.2fa";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            Harden(o.Cookie);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme).Configure(o =>
        {
            o.Cookie.Name = "hajdesk.staff.2fa-remember";
            Harden(o.Cookie);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme).Configure(o =>
        {
            o.Cookie.Name = "hajdesk.staff.external";
            Harden(o.Cookie);
        });

        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddSignInManager<StaffSignInManager>()
            .AddEntityFrameworkStores<HajDeskDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();

        // Claims are rebuilt from the account every minute; CurrentStaff checks the account on every request anyway.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));


        services.AddScoped<CurrentStaff>();
        services.AddOptions<HajDesk.Web.Staff.Directory.DirectoryOptions>().BindConfiguration(HajDesk.Web.Staff.Directory.DirectoryOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HajDesk.Web.Staff.Directory.LdapStaffDirectory>();
        services.AddScoped<HajDesk.Web.Staff.Directory.DirectoryAccounts>();
        services.AddScoped<StaffCookieEvents>();
        services.AddAuthorization(o => o.AddAdministratorPolicy());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, AdministratorHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, StaffAuthorizationResultHandler>();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Staff");
            o.Conventions.AllowAnonymousToPage("/Staff/SignIn");
            o.Conventions.AllowAnonymousToPage("/Staff/SignInCode");
            o.Conventions.AllowAnonymousToPage("/Staff/SignInRecovery");
            // Administration: administrators only, every page and handler (others get 404; see StaffPolicies).
            o.Conventions.AuthorizeFolder(StaffPolicies.AdminFolder, StaffPolicies.Administrator);
            o.Conventions.AddFolderApplicationModelConvention("/Staff", model => model.Filters.Add(new RequireHandlerFilter()));
        });
        return services;
    }

    /// <summary>The back office's services: request scope, audit log.</summary>
    public static IServiceCollection AddStaffDesk(this IServiceCollection services)
    {
        services.AddScoped<StaffScope>();
        // The search keys of rows written before they existed (issue 24, item 5), once after start-up.
        services.AddHostedService<SearchKeyBackfillService>();
        services.AddScoped<CitizenHistory>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AdminEdit>();
        return services;
    }

    private static void Harden(CookieBuilder cookie)
    {
        cookie.Path = CookiePath;
        CookieHardening.Apply(cookie);
    }
}
