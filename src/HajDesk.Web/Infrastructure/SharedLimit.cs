namespace HajDesk.Web.Infrastructure;

/// <summary>
/// Every limit counted in the shared counters (<see cref="IRateCounterStore"/>: every node together on PostgreSQL),
/// and the marks kept there beside them. What each is counted by, its window, its option and its metric are in
/// <see cref="LimitCatalogue"/>; <see cref="Throttle"/> is the only one that counts.
/// </summary>
public enum SharedLimit
{
    /// <summary>Civil-registry lookups from one client IP.</summary>
    RegistryByClient,

    /// <summary>Civil-registry lookups for one national code, from anywhere: guessing birth dates to learn a name.</summary>
    RegistryByNationalCode,

    /// <summary>Follow-up lookups from one client IP.</summary>
    TrackByClient,

    /// <summary>
    /// Failed follow-up lookups for one national code: guessing tracking codes. Spent only by failures, so that
    /// others' failures never keep the owner's right pair out.
    /// </summary>
    TrackByNationalCode,

    /// <summary>Security codes one client IP has heard spoken (each challenge counts once, however often replayed).</summary>
    CaptchaAudioByClient,

    /// <summary>Fetches of one spoken challenge by one client IP (a player fetches in parts; a person plays it again).</summary>
    CaptchaAudioReplays,

    /// <summary>One-time codes («کد تأیید») sent to one mobile, from any form: SMS bombing through many forms.</summary>
    VerificationCodesByMobile,

    /// <summary>Forgotten-tracking-code requests for one national code, from anywhere.</summary>
    LostCodesByNationalCode,

    /// <summary>Forgotten-tracking-code requests from one client IP.</summary>
    LostCodesByClient,

    /// <summary>
    /// «ارسال دوباره کد پیگیری» of the send form for one earlier open request (issue 24), from any form: the SMS
    /// goes to that request's mobile, which must not be flooded.
    /// </summary>
    OpenRequestReminders,

    /// <summary>Open311 calls with one API key.</summary>
    ApiCallsByKey,

    /// <summary>Open311 calls without a key (the public service list and definitions) from one client IP.</summary>
    ApiCallsByClient,

    /// <summary>Exports (CSV/XLSX, the periodic report) by one staff member.</summary>
    ExportsByStaff,

    /// <summary>Send forms (with their lookup allowance) issued to one client IP.</summary>
    SendFormsByClient,

    /// <summary>Different people one send form may look up in the registry.</summary>
    RegistryLookupsPerForm,

    /// <summary>A mark, not a limit: this send form already looked up this person (asking again is free).</summary>
    PersonOfFormMark,

    /// <summary>
    /// A mark, not a limit: this send form passed its security code and was told of an open request, so its two
    /// offers need no second code (issue 24).
    /// </summary>
    OpenRequestNoticeMark,
}
