using System.Globalization;
using HajDesk.Core.Persian;
using Microsoft.AspNetCore.Identity;

namespace HajDesk.Web.Staff;

/// <summary>
/// Persian wording of Identity's errors (by <see cref="IdentityError.Code"/>) for the administration pages. Identity's
/// own English descriptions stay as they are for the command line.
/// </summary>
public static class IdentityErrorText
{
    public static string ToPersian(IdentityError error, PasswordOptions password)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(password);
        return error.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) =>
                $"رمز عبور باید دست‌کم {PersianText.ToPersianDigits(password.RequiredLength.ToString(CultureInfo.InvariantCulture))} نویسه باشد.",
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "رمز عبور باید دست‌کم یک رقم (۰ تا ۹) داشته باشد.",
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => "رمز عبور باید دست‌کم یک حرف کوچک انگلیسی (a تا z) داشته باشد.",
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "رمز عبور باید دست‌کم یک حرف بزرگ انگلیسی (A تا Z) داشته باشد.",
            nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "رمز عبور باید دست‌کم یک نویسه غیر از حرف و رقم داشته باشد.",
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) =>
                $"رمز عبور باید دست‌کم {PersianText.ToPersianDigits(password.RequiredUniqueChars.ToString(CultureInfo.InvariantCulture))} نویسه متفاوت داشته باشد.",
            nameof(IdentityErrorDescriber.DuplicateUserName) => "این نام کاربری پیش‌تر به کار رفته است.",
            nameof(IdentityErrorDescriber.InvalidUserName) => "نام کاربری فقط می‌تواند حرف و رقم انگلیسی، نقطه و خط تیره داشته باشد.",
            nameof(IdentityErrorDescriber.InvalidEmail) => "نشانی رایانامه درست نیست.",
            nameof(IdentityErrorDescriber.ConcurrencyFailure) => "حساب هم‌زمان توسط همکار دیگری تغییر کرد؛ دوباره تلاش کنید.",
            _ => "حساب ذخیره نشد (" + error.Code + ").",
        };
    }
}
