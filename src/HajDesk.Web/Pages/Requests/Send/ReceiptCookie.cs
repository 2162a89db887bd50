using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>Lets only the browser that sent a request see its receipt after the redirect, for 30 minutes.</summary>
public sealed class ReceiptCookie(IDataProtectionProvider dataProtection, TimeProvider time)
    : ProtectedIdCookie(dataProtection, time, "hajdesk.receipt", "/requests/send", TimeSpan.FromMinutes(30));
